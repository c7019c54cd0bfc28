import type { PageServerLoad } from './$types';
import { studioLeaderboard } from '$lib/server/studios/assessment';
import { yearOf } from '$lib/server/studios/forms';
import { forReader } from '$lib/server/hant';

/** The public ranking of the year's assessment: rank, studio, unit and total within each level and type. */
export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'public, max-age=0, s-maxage=120' });
	const board = studioLeaderboard(locals.db, yearOf(url));
	return forReader({ year: board.year, rows: board.rows.map((r) => ({ id: r.id, name: r.name, unit: r.unit, level: r.level, type: r.type, rank: r.rank, total: r.total })) });
};
