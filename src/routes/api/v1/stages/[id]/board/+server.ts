import type { RequestHandler } from './$types';
import { apiJson } from '$lib/server/api';
import { intParam } from '$lib/server/http';
import { publicBoard } from '$lib/server/results/board';
import type { Board } from '$lib/domain/board';

/** GET /api/v1/stages/:id/board — the live board as the public sees it (frozen while 封榜). */
export const GET: RequestHandler = (event) =>
	apiJson(event, () => publicBoard(event.locals.db, intParam(event.params.id)), (data) => ((data as Board).frozenAt ? 30 : 2));
