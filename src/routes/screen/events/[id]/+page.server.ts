import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { publicBoard, screenStage, type Board } from '$lib/server/results/board';
import type { DB } from '$lib/server/db';

/** What the screen shows of the event's board: all of it but the time it was read. */
const shown = (db: DB, eventId: number): { board: Board; print: string } => {
	const board = publicBoard(db, screenStage(db, eventId).id);
	return { board, print: JSON.stringify({ ...board, at: 0 }) };
};

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const eventId = intParam(event.params.id);
		const { db } = event.locals;
		const { board, print } = shown(db, eventId);
		// most sheets change no line and no count of the board: the page cache need not render it again
		event.locals.pageFingerprint = { value: print, again: () => shown(db, eventId).print };
		return { eventId, board };
	});
