import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiJson, resultsMaxAge } from '$lib/server/api';
import { intParam } from '$lib/server/http';
import { publicStageResults, type PublicStageResults } from '$lib/server/results/public';
import { m } from '$lib/paraglide/messages';

/** GET /api/v1/stages/:id/results[?v=N] — the current (or Nth) published version. */
export const GET: RequestHandler = (event) => {
	const v = event.url.searchParams.get('v');
	if (v !== null && !/^\d{1,6}$/.test(v)) error(404, m.err_not_found());
	return apiJson(
		event,
		() => publicStageResults(event.locals.db, intParam(event.params.id), v === null ? undefined : Number(v)),
		(data) => resultsMaxAge((data as PublicStageResults).version.status)
	);
};
