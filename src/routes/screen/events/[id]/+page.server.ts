import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { screenBoard } from '$lib/server/results/board';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const eventId = intParam(event.params.id);
		const { board, fingerprint } = screenBoard(event.locals.db, eventId);
		event.locals.pageFingerprint = fingerprint;
		return { eventId, board };
	});
