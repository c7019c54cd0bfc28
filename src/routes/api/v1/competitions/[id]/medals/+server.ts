import type { RequestHandler } from './$types';
import { apiJson } from '$lib/server/api';
import { intParam } from '$lib/server/http';
import { MEDAL_GROUPINGS, medalTable, type MedalGrouping } from '$lib/server/results/tables';

/** GET /api/v1/competitions/:id/medals?by=enterprise|branch — the medal table. */
export const GET: RequestHandler = (event) => {
	const by = event.url.searchParams.get('by');
	const grouping = (MEDAL_GROUPINGS as readonly string[]).includes(by ?? '') ? (by as MedalGrouping) : 'enterprise';
	return apiJson(event, () => medalTable(event.locals.db, intParam(event.params.id), grouping), () => 60);
};
