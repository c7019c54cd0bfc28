import { eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { DB, Tx } from '../db';
import { sessions, type Session } from '../db/schema';

export const SESSION_COOKIE = 'jg_session';
/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 1000 * 60 * 60 * 24 * 3;
/** ...and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 1000 * 60 * 60 * 24 * 30;

export function generateSessionToken(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
	// SHA-256 of the token, hex (Node's native hash: it runs on every signed-in request)
	return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: DB, token: string, userId: number, now = Date.now()): Session {
	const session: Session = {
		id: sessionIdOf(token),
		userId,
		createdAt: new Date(now),
		expiresAt: new Date(now + SESSION_IDLE_MS),
		absoluteExpiresAt: new Date(now + SESSION_ABSOLUTE_MS)
	};
	db.insert(sessions).values(session).run();
	return session;
}

/** Returns the live session for a token, sliding its expiry; deletes it once expired. */
export function validateSessionToken(db: DB, token: string, now = Date.now()): Session | null {
	const id = sessionIdOf(token);
	const session = prepared(db, 'session.byId', (d) => d.select().from(sessions).where(eq(sessions.id, sql.placeholder('id'))).prepare()).get({ id });
	if (!session) return null;
	if (now >= session.expiresAt.getTime() || now >= session.absoluteExpiresAt.getTime()) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	// Extend only once half the idle window has passed, to keep writes rare.
	if (session.expiresAt.getTime() - now < SESSION_IDLE_MS / 2) {
		session.expiresAt = new Date(Math.min(now + SESSION_IDLE_MS, session.absoluteExpiresAt.getTime()));
		db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
	}
	return session;
}

export function invalidateSession(db: DB | Tx, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: DB | Tx, userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
