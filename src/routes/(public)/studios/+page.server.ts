import type { PageServerLoad } from './$types';
import { showcaseUnits, studioShowcase } from '$lib/server/studios/public';
import { showcaseFilterOf } from '$lib/server/studios/forms';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	const filter = showcaseFilterOf(url);
	setHeaders({ 'Cache-Control': 'public, max-age=0, s-maxage=120' });
	return forReader({ filter, studios: studioShowcase(locals.db, filter), units: showcaseUnits(locals.db) });
};
