import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { authorizeJury, boardFingerprint, boardHistory, liveBoard } from '$lib/server/results/board';
import { liveStream } from '$lib/server/results/live';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { loadActor } from '$lib/server/auth/actor';

/** The jury's stream of one stage: always live, frozen or not, with the standings-over-time lines. */
export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const stageId = intParam(event.params.id);
		authorizeJury(db, actor, stageId);
		const token = event.cookies.get(SESSION_COOKIE);
		const stillAllowed = () => {
			const session = token ? validateSessionToken(db, token) : null;
			const now = session ? loadActor(db, session.userId) : null;
			try {
				authorizeJury(db, now, stageId);
				return true;
			} catch {
				return false;
			}
		};
		return liveStream(
			event.request.signal,
			() => ({ key: boardFingerprint(db, stageId, true), payload: () => ({ board: liveBoard(db, stageId), history: boardHistory(db, stageId) }) }),
			stillAllowed
		);
	});
