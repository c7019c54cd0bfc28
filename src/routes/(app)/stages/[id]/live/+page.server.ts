import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { authorizeJury, boardHistory, liveBoard } from '$lib/server/results/board';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const stageId = intParam(event.params.id);
		authorizeJury(db, actor, stageId);
		return { stageId, board: liveBoard(db, stageId), history: boardHistory(db, stageId) };
	});
