import type { DB } from '../db';
import type { Actor } from '../auth/actor';
import { createSession, generateSessionToken, invalidateSession, SESSION_COOKIE } from '../auth/session';
import { writeAudit } from '../audit';
import type { Cookies } from '@sveltejs/kit';

/** Starts a session for an account and sets its cookie. */
export function startSession(db: DB, cookies: Cookies, userId: number, secure: boolean): void {
	const token = generateSessionToken();
	const session = createSession(db, token, userId);
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });
}

/** Ends the session server-side. */
export function signOut(db: DB, actor: Actor | null, sessionId: string): void {
	db.transaction((tx) => {
		invalidateSession(tx, sessionId);
		if (actor) writeAudit(tx, actor, { action: 'auth.sign_out', entityType: 'user', entityId: actor.userId, unitPath: actor.unitPath });
	});
}
