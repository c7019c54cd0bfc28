import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { publicBoard, screenStage } from '$lib/server/results/board';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const eventId = intParam(event.params.id);
		const stage = screenStage(event.locals.db, eventId);
		return { eventId, board: publicBoard(event.locals.db, stage.id) };
	});
