import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { signIn } from '$lib/server/accounts';
import { users } from '$lib/server/db/schema';
import { accountKey, addressKey, ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES } from '$lib/server/auth/throttle';
import { auditSince, lastAuditId, makeFixture, PASSWORD, type Fixture } from './helpers';

const BAD = { ok: false, field: 'password', message: '账号或密码不正确' } as const;
const LOCKED_15 = { ok: false, field: 'password', message: '尝试次数过多，请 15 分钟后再试' } as const;
const IP = '203.0.113.9';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});
afterEach(() => {
	vi.useRealTimers();
});

const attempt = (identifier: string, password: string, ip = IP) => signIn(f.db, { identifier, password, ip });
const throttleRow = (key: string) => f.db.$client.prepare('select failures, locked_until as lockedUntil from auth_throttle where key = ?').get(key);

describe('finding the account', () => {
	it('by phone number', async () => {
		expect(await attempt('13800000005', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerA });
		expect(await attempt(' 13800000006 ', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerB });
	});

	it('by an employee number that only one account has', async () => {
		expect(await attempt('E001', PASSWORD)).toEqual({ ok: true, userId: f.userIds.officerEA1 });
	});

	it('asks for "unit code/employee number" when the employee number is in several enterprises', async () => {
		const before = lastAuditId(f.db);
		expect(await attempt('1001', PASSWORD)).toEqual({
			ok: false,
			field: 'identifier',
			message: '该工号在多个企业中存在，请用手机号登录，或输入“单位代码/工号”'
		});
		// Nothing is counted against anyone: no account was tried.
		expect(auditSince(f.db, before)).toEqual([]);
		expect(throttleRow(addressKey(IP))).toBeUndefined();
	});

	it('by unit code/employee number, with the enterprise or any unit under it', async () => {
		expect(await attempt('EA1/1001', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerA });
		expect(await attempt('TA1/1001', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerA });
		expect(await attempt('WB1/1001', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerB });
		expect(await attempt(' EB1 / 1001 ', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerB });
		// The same employee number in an enterprise that has no such account.
		expect(await attempt('EA2/1001', PASSWORD)).toEqual(BAD);
		expect(await attempt('NOPE/1001', PASSWORD)).toEqual(BAD);
	});

	it('a success is audited with the account and the address', async () => {
		const before = lastAuditId(f.db);
		await attempt('13800000005', PASSWORD);
		const rows = auditSince(f.db, before);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			actorUserId: f.userIds.workerA,
			actorName: '张三',
			action: 'auth.sign_in',
			entityType: 'user',
			entityId: String(f.userIds.workerA),
			unitPath: f.u.TA1.path,
			ip: IP
		});
	});
});

describe('wrong passwords', () => {
	it('a wrong password and an unknown account get the same answer', async () => {
		expect(await attempt('13800000005', 'Wrong2026')).toEqual(BAD);
		expect(await attempt('13899999999', PASSWORD)).toEqual(BAD);
		expect(await attempt('', PASSWORD)).toEqual(BAD);
	});

	it('a failure is audited without an actor, and an unknown account writes nothing', async () => {
		const before = lastAuditId(f.db);
		await attempt('13800000005', 'Wrong2026');
		await attempt('nobody', 'Wrong2026');
		const rows = auditSince(f.db, before);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			actorUserId: null,
			actorName: '张三',
			action: 'auth.sign_in_failed',
			entityId: String(f.userIds.workerA),
			unitPath: f.u.TA1.path,
			ip: IP,
			before: null,
			after: null
		});
	});

	it('a disabled account cannot sign in even with the right password', async () => {
		f.db.update(users).set({ status: 'disabled' }).where(eq(users.id, f.userIds.workerA)).run();
		// Only someone who knows the password learns that the account is stopped.
		expect(await attempt('13800000005', PASSWORD)).toEqual({ ok: false, field: 'identifier', message: '此账号已停用，请联系本单位工会干部' });
		expect(await attempt('13800000005', 'Wrong1x')).toEqual(BAD);
	});

	it('the 10th wrong password in a row locks the account for 15 minutes; the right one is refused meanwhile', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const t0 = Date.UTC(2026, 3, 1, 8, 0, 0);
		vi.setSystemTime(t0);
		const before = lastAuditId(f.db);
		expect(ACCOUNT_MAX_FAILURES).toBe(10);
		for (let i = 1; i < 10; i++) expect(await attempt('13800000005', `Wrong${i}x`), `attempt ${i}`).toEqual(BAD);
		const tenth = await attempt('13800000005', 'Wrong10x');
		expect(tenth).toEqual(LOCKED_15);
		expect(tenth.ok === false && tenth.message).toContain('15 分钟');

		const rows = auditSince(f.db, before);
		expect(rows.map((r) => r.action)).toEqual([...Array(9).fill('auth.sign_in_failed'), 'auth.locked']);

		// The right password, during the lock, even from another address.
		expect(await attempt('13800000005', PASSWORD)).toEqual(LOCKED_15);
		expect(await attempt('EA1/1001', PASSWORD, '198.51.100.1')).toEqual(LOCKED_15);
		vi.setSystemTime(t0 + 5 * 60_000);
		expect(await attempt('13800000005', PASSWORD)).toEqual({ ...LOCKED_15, message: '尝试次数过多，请 10 分钟后再试' });
		// Other accounts are not affected.
		expect(await attempt('13800000006', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerB });

		vi.setSystemTime(t0 + 15 * 60_000);
		expect(await attempt('13800000005', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerA });
		expect(throttleRow(accountKey(f.userIds.workerA))).toBeUndefined();
	});

	it('a success clears the account counter', async () => {
		for (let i = 0; i < 9; i++) expect(await attempt('13800000005', 'Wrong2026')).toEqual(BAD);
		expect(throttleRow(accountKey(f.userIds.workerA))).toEqual({ failures: 9, lockedUntil: null });
		expect(await attempt('13800000005', PASSWORD)).toEqual({ ok: true, userId: f.userIds.workerA });
		expect(throttleRow(accountKey(f.userIds.workerA))).toBeUndefined();
		for (let i = 0; i < 9; i++) expect(await attempt('13800000005', 'Wrong2026'), `attempt ${i + 1} after success`).toEqual(BAD);
		expect(await attempt('13800000005', 'Wrong2026')).toEqual(LOCKED_15);
	});
});

describe('per-address limit', () => {
	it('30 failures from one address in the window lock it out, across different accounts', async () => {
		expect(ADDRESS_MAX_FAILURES).toBe(30);
		// At most 8 per account, so no account reaches its own limit.
		const identifiers = ['13800000005', '13800000006', 'E001', 'X001', 'ghost-1', 'ghost-2'];
		for (let i = 1; i < 30; i++) {
			expect(await attempt(identifiers[i % identifiers.length], 'Wrong2026'), `failure ${i}`).toEqual(BAD);
		}
		expect(throttleRow(addressKey(IP))).toEqual({ failures: 29, lockedUntil: null });
		expect(await attempt('D001', 'Wrong2026')).toEqual(LOCKED_15);
		// No account is locked: the right password from another address works.
		for (const id of ['13800000005', 'E001', 'D001']) expect((await attempt(id, PASSWORD, '198.51.100.7')).ok).toBe(true);
		// From the locked address even the right password of a fresh account is refused, before any check.
		const before = lastAuditId(f.db);
		expect(await attempt('A001', PASSWORD)).toEqual(LOCKED_15);
		expect(auditSince(f.db, before)).toEqual([]);
	});
});
