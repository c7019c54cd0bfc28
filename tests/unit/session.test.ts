import { beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS,
	sessionIdOf,
	validateSessionToken
} from '$lib/server/auth/session';
import type { DB } from '$lib/server/db';
import { makeFixture, type Fixture } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

function allSessionRows(db: DB) {
	return db.$client.prepare('select * from sessions order by created_at').all() as Record<string, unknown>[];
}

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

describe('tokens', () => {
	it('are 32 random bytes in lower-case base32 without padding', () => {
		const tokens = Array.from({ length: 50 }, generateSessionToken);
		for (const t of tokens) {
			expect(t).toMatch(/^[a-z2-7]{52}$/);
			expect(decodeBase32IgnorePadding(t.toUpperCase())).toHaveLength(32);
		}
		expect(new Set(tokens).size).toBe(50);
	});

	it('the session id is the hex SHA-256 of the token', () => {
		const token = generateSessionToken();
		expect(sessionIdOf(token)).toBe(createHash('sha256').update(token).digest('hex'));
	});
});

describe('createSession', () => {
	it('stores only the hash of the token, never the token', () => {
		const token = generateSessionToken();
		const session = createSession(f.db, token, f.userIds.workerA, T0);
		expect(session).toEqual({
			id: createHash('sha256').update(token).digest('hex'),
			userId: f.userIds.workerA,
			createdAt: new Date(T0),
			expiresAt: new Date(T0 + SESSION_IDLE_MS),
			absoluteExpiresAt: new Date(T0 + SESSION_ABSOLUTE_MS)
		});
		const rows = allSessionRows(f.db);
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(session.id);
		const dump = JSON.stringify(f.db.$client.prepare('select * from sessions').raw().all());
		expect(dump).not.toContain(token);
		expect(dump.toLowerCase()).not.toContain(token.toLowerCase());
	});

	it('the windows are three days idle and thirty days absolute', () => {
		expect(SESSION_IDLE_MS).toBe(3 * DAY);
		expect(SESSION_ABSOLUTE_MS).toBe(30 * DAY);
	});
});

describe('validateSessionToken', () => {
	const expiresInDb = (db: DB, id: string) => (db.$client.prepare('select expires_at as e from sessions where id = ?').get(id) as { e: number }).e;

	it('returns nothing for an unknown token', () => {
		createSession(f.db, generateSessionToken(), f.userIds.workerA, T0);
		expect(validateSessionToken(f.db, generateSessionToken(), T0)).toBeNull();
		expect(allSessionRows(f.db)).toHaveLength(1);
	});

	it('does not extend before half the idle window has passed', () => {
		const token = generateSessionToken();
		const s = createSession(f.db, token, f.userIds.workerA, T0);
		const early = validateSessionToken(f.db, token, T0 + SESSION_IDLE_MS / 2 - 1);
		expect(early?.expiresAt).toEqual(new Date(T0 + SESSION_IDLE_MS));
		// Exactly at half the window the remaining time is not yet less than half.
		const half = validateSessionToken(f.db, token, T0 + SESSION_IDLE_MS / 2);
		expect(half?.expiresAt).toEqual(new Date(T0 + SESSION_IDLE_MS));
		expect(expiresInDb(f.db, s.id)).toBe(T0 + SESSION_IDLE_MS);
	});

	it('extends to a full idle window from now once past half of it', () => {
		const token = generateSessionToken();
		const s = createSession(f.db, token, f.userIds.workerA, T0);
		const now = T0 + SESSION_IDLE_MS / 2 + 1;
		const v = validateSessionToken(f.db, token, now);
		expect(v).toEqual({ ...s, expiresAt: new Date(now + SESSION_IDLE_MS) });
		expect(expiresInDb(f.db, s.id)).toBe(now + SESSION_IDLE_MS);
	});

	it('ends a session after the idle window and deletes it', () => {
		const token = generateSessionToken();
		createSession(f.db, token, f.userIds.workerA, T0);
		expect(validateSessionToken(f.db, token, T0 + SESSION_IDLE_MS - 1)).not.toBeNull();
		// That request slid the expiry; the next one comes more than a full window later.
		const last = T0 + SESSION_IDLE_MS - 1;
		expect(validateSessionToken(f.db, token, last + SESSION_IDLE_MS)).toBeNull();
		expect(allSessionRows(f.db)).toHaveLength(0);
		expect(validateSessionToken(f.db, token, last + 1)).toBeNull();
	});

	it('an untouched session is gone exactly at its idle expiry', () => {
		const token = generateSessionToken();
		createSession(f.db, token, f.userIds.workerA, T0);
		expect(validateSessionToken(f.db, token, T0 + SESSION_IDLE_MS)).toBeNull();
		expect(allSessionRows(f.db)).toHaveLength(0);
	});

	it('never extends past the absolute limit, and ends there however active the user is', () => {
		const token = generateSessionToken();
		const s = createSession(f.db, token, f.userIds.workerA, T0);
		const limit = T0 + SESSION_ABSOLUTE_MS;
		let now = T0;
		let extended = 0;
		while (now + 2 * DAY < limit) {
			now += 2 * DAY;
			const v = validateSessionToken(f.db, token, now);
			expect(v).not.toBeNull();
			expect(v!.absoluteExpiresAt.getTime()).toBe(limit);
			expect(v!.expiresAt.getTime()).toBeLessThanOrEqual(limit);
			expect(expiresInDb(f.db, s.id)).toBeLessThanOrEqual(limit);
			if (v!.expiresAt.getTime() === Math.min(now + SESSION_IDLE_MS, limit)) extended++;
		}
		expect(extended).toBeGreaterThan(10);
		// The last slide was capped at the absolute limit.
		expect(expiresInDb(f.db, s.id)).toBe(limit);
		expect(validateSessionToken(f.db, token, limit - 1)).not.toBeNull();
		expect(validateSessionToken(f.db, token, limit)).toBeNull();
		expect(allSessionRows(f.db)).toHaveLength(0);
	});
});

describe('invalidation', () => {
	it('invalidateSession ends one session only', () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		createSession(f.db, a, f.userIds.workerA, T0);
		createSession(f.db, b, f.userIds.workerA, T0);
		invalidateSession(f.db, sessionIdOf(a));
		expect(validateSessionToken(f.db, a, T0 + 1)).toBeNull();
		expect(validateSessionToken(f.db, b, T0 + 1)).not.toBeNull();
	});

	it("invalidateUserSessions ends all of one user's sessions and nobody else's", () => {
		const mine = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		const theirs = generateSessionToken();
		for (const t of mine) createSession(f.db, t, f.userIds.workerA, T0);
		createSession(f.db, theirs, f.userIds.workerB, T0);
		invalidateUserSessions(f.db, f.userIds.workerA);
		for (const t of mine) expect(validateSessionToken(f.db, t, T0 + 1)).toBeNull();
		expect(validateSessionToken(f.db, theirs, T0 + 1)?.userId).toBe(f.userIds.workerB);
		expect(allSessionRows(f.db)).toHaveLength(1);
	});
});
