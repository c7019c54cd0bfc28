import { beforeEach, describe, expect, it } from 'vitest';
import { clearFailures, lockedFor, minutesOf, recordFailure, accountKey, addressKey, activationKey } from '$lib/server/auth/throttle';
import type { DB } from '$lib/server/db';
import { freshDb } from './helpers';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const MIN = 60_000;
let db: DB;
beforeEach(() => {
	db = freshDb();
});

const row = (key: string) =>
	db.$client.prepare('select failures, window_start as windowStart, locked_until as lockedUntil from auth_throttle where key = ?').get(key) as
		| { failures: number; windowStart: number; lockedUntil: number | null }
		| undefined;

describe('keys', () => {
	it('are namespaced', () => {
		expect(accountKey(7)).toBe('account:7');
		expect(addressKey('10.0.0.1')).toBe('address:10.0.0.1');
		expect(activationKey('::1')).toBe('activation:::1');
	});
});

describe('recordFailure / lockedFor', () => {
	it('counts failures in a row and locks at the limit', () => {
		for (let i = 1; i < 5; i++) {
			expect(recordFailure(db, 'k', 5, 15 * MIN, Infinity, T0 + i)).toBe(0);
			expect(row('k')!.failures).toBe(i);
			expect(lockedFor(db, 'k', T0 + i)).toBe(0);
		}
		expect(recordFailure(db, 'k', 5, 15 * MIN, Infinity, T0 + 5)).toBe(15 * MIN);
		expect(row('k')).toEqual({ failures: 0, windowStart: T0 + 1, lockedUntil: T0 + 5 + 15 * MIN });
		expect(lockedFor(db, 'k', T0 + 5)).toBe(15 * MIN);
		expect(lockedFor(db, 'k', T0 + 5 + 10 * MIN)).toBe(5 * MIN);
		expect(lockedFor(db, 'k', T0 + 5 + 15 * MIN)).toBe(0);
	});

	it('starts counting afresh once a lock has run out', () => {
		for (let i = 0; i < 3; i++) recordFailure(db, 'k', 3, MIN, Infinity, T0);
		expect(lockedFor(db, 'k', T0)).toBe(MIN);
		expect(recordFailure(db, 'k', 3, MIN, Infinity, T0 + MIN)).toBe(0);
		expect(row('k')).toEqual({ failures: 1, windowStart: T0 + MIN, lockedUntil: null });
	});

	it('with a window, old failures stop counting', () => {
		const W = 15 * MIN;
		for (let i = 0; i < 29; i++) recordFailure(db, 'a', 30, W, W, T0 + i);
		expect(row('a')!.failures).toBe(29);
		// A failure just inside the window locks; one just after it starts a new window.
		const inside = freshDb();
		for (let i = 0; i < 29; i++) recordFailure(inside, 'a', 30, W, W, T0);
		expect(recordFailure(inside, 'a', 30, W, W, T0 + W)).toBe(W);
		expect(recordFailure(db, 'a', 30, W, W, T0 + W + 1)).toBe(0);
		expect(row('a')).toEqual({ failures: 1, windowStart: T0 + W + 1, lockedUntil: null });
	});

	it('keys are independent, and clearFailures forgets one key', () => {
		recordFailure(db, 'x', 2, MIN, Infinity, T0);
		recordFailure(db, 'y', 2, MIN, Infinity, T0);
		recordFailure(db, 'y', 2, MIN, Infinity, T0);
		expect(lockedFor(db, 'x', T0)).toBe(0);
		expect(lockedFor(db, 'y', T0)).toBe(MIN);
		clearFailures(db, 'y');
		expect(row('y')).toBeUndefined();
		expect(lockedFor(db, 'y', T0)).toBe(0);
		expect(row('x')!.failures).toBe(1);
	});

	it('an unknown key is not locked', () => {
		expect(lockedFor(db, 'nobody', T0)).toBe(0);
	});
});

describe('minutesOf', () => {
	it('rounds up to whole minutes, at least one', () => {
		expect(minutesOf(0)).toBe(1);
		expect(minutesOf(1)).toBe(1);
		expect(minutesOf(60_000)).toBe(1);
		expect(minutesOf(60_001)).toBe(2);
		expect(minutesOf(15 * MIN)).toBe(15);
	});
});
