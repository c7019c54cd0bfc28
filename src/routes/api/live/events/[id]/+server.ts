import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { boardFingerprint, publicBoard, screenStage } from '$lib/server/results/board';
import { liveStream } from '$lib/server/results/live';

/** The venue screen's stream: the event's current stage as the public sees it (frozen while 封榜). */
export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const { db } = event.locals;
		const eventId = intParam(event.params.id);
		screenStage(db, eventId);
		return liveStream(event.request.signal, () => {
			const stage = screenStage(db, eventId);
			return { key: `${stage.id}|${boardFingerprint(db, stage.id, false)}`, payload: () => publicBoard(db, stage.id) };
		});
	});
