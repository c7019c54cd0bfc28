import { eq } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { authThrottle } from '../db/schema';

/** Ten wrong passwords in a row lock an account for a while. */
export const ACCOUNT_MAX_FAILURES = 10;
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;
/** One client address may fail this often in a window before it is locked out. */
export const ADDRESS_MAX_FAILURES = 30;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
export const ADDRESS_LOCK_MS = 15 * 60 * 1000;

export const accountKey = (userId: number) => `account:${userId}`;
export const addressKey = (ip: string) => `address:${ip}`;
export const activationKey = (ip: string) => `activation:${ip}`;
export const requestKey = (ip: string) => `request:${ip}`;

/** Anonymous account requests per client address per hour (each costs a password hash). */
export const REQUESTS_PER_HOUR = 10;
export const HOUR_MS = 60 * 60 * 1000;

/** Milliseconds until `key` may try again, or 0. Read before any hashing. */
export function lockedFor(db: DB, key: string, now = Date.now()): number {
	const row = db.select().from(authThrottle).where(eq(authThrottle.key, key)).get();
	if (!row?.lockedUntil) return 0;
	return Math.max(0, row.lockedUntil.getTime() - now);
}

/**
 * Counts one failure for `key`. Returns the lock length when this failure
 * reaches the limit (so the caller can say "try again in N minutes").
 * `windowMs` = Infinity counts failures in a row until a success clears them.
 */
export function recordFailure(
	tx: Tx | DB,
	key: string,
	limit: number,
	lockMs: number,
	windowMs = Number.POSITIVE_INFINITY,
	now = Date.now()
): number {
	const row = tx.select().from(authThrottle).where(eq(authThrottle.key, key)).get();
	const fresh = !row || now - row.windowStart.getTime() > windowMs || (row.lockedUntil && row.lockedUntil.getTime() <= now);
	const failures = fresh ? 1 : row!.failures + 1;
	const lockedUntil = failures >= limit ? new Date(now + lockMs) : null;
	const values = { key, failures: lockedUntil ? 0 : failures, windowStart: fresh ? new Date(now) : row!.windowStart, lockedUntil };
	tx.insert(authThrottle).values(values).onConflictDoUpdate({ target: authThrottle.key, set: values }).run();
	return lockedUntil ? lockMs : 0;
}

export function clearFailures(tx: Tx | DB, key: string): void {
	tx.delete(authThrottle).where(eq(authThrottle.key, key)).run();
}

export const minutesOf = (ms: number) => Math.max(1, Math.ceil(ms / 60000));
