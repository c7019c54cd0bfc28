import type { RequestHandler } from './$types';
import { apiJson } from '$lib/server/api';
import { intParam } from '$lib/server/http';
import { publicCompetition } from '$lib/server/results/public';

/** GET /api/v1/competitions/:id — a competition with its events, stages and result states. */
export const GET: RequestHandler = (event) => apiJson(event, () => publicCompetition(event.locals.db, intParam(event.params.id)), () => 60);
