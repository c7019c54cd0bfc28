import type { PageServerLoad } from './$types';
import { proposalYears, publicProposalSummary } from '$lib/server/proposals/stats';
import { forReader } from '$lib/server/hant';

/** The public summary: counts and rates only, never a proposal's text or a person. */
export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	const years = proposalYears(locals.db);
	const asked = Number(url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : years[0];
	// a shared cache may keep it five minutes; a browser asks again each time
	setHeaders({ 'Cache-Control': 'public, max-age=0, s-maxage=300' });
	return forReader({ years, year, summary: publicProposalSummary(locals.db, year) });
};
