import type { RequestHandler } from './$types';
import { apiJson } from '$lib/server/api';
import { publicCompetitions } from '$lib/server/results/public';

/** GET /api/v1/competitions — every public competition, newest first. */
export const GET: RequestHandler = (event) => apiJson(event, () => publicCompetitions(event.locals.db), () => 60);
