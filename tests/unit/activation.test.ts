import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { activate, issueCodes, setRole, signIn, workersWithoutAccount, ACTIVATION_MAX_FAILURES, MAX_CODES_AT_ONCE } from '$lib/server/accounts';
import { CODE_LENGTH, CODE_VALID_MS, formatCode, generateCode, hashCode, normaliseCode } from '$lib/server/accounts/codes';
import { activationCodes, userRoles, users } from '$lib/server/db/schema';
import { createSession, generateSessionToken, validateSessionToken } from '$lib/server/auth/session';
import { verifyPassword } from '$lib/server/auth/password';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '$lib/server/errors';
import { auditSince, countRows, fixtureHash, insertAccount, lastAuditId, makeFixture, PASSWORD, thrown, type Fixture } from './helpers';

const BAD_CODE = '工号或激活码不正确，或激活码已失效';
const NEW_PASSWORD = 'Activate2026';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});
afterEach(() => {
	vi.useRealTimers();
});

const codeRows = () => f.db.select().from(activationCodes).orderBy(activationCodes.id).all();

describe('codes', () => {
	it('are ten characters from the unambiguous alphabet', () => {
		for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
		expect(CODE_LENGTH).toBe(10);
	});

	it('ignore case, spaces and dashes when typed back', () => {
		expect(normaliseCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
		expect(hashCode('abcde fghjk')).toBe(hashCode('ABCDEFGHJK'));
		expect(hashCode('ABCDEFGHJK')).toBe(createHash('sha256').update('ABCDEFGHJK').digest('hex'));
		expect(formatCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
	});
});

describe('issueCodes', () => {
	it('issues an activation code inside the officer subtree and stores only its hash', () => {
		const before = lastAuditId(f.db);
		const [issued] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		expect(issued).toMatchObject({ workerId: f.w.ta1b.id, name: '王五', employeeNo: '1002', unitName: '数控一班', purpose: 'activation' });
		expect(issued.code).toMatch(/^[23456789A-HJKMNP-Z]{10}$/);
		const rows = codeRows();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			workerId: f.w.ta1b.id,
			codeHash: createHash('sha256').update(issued.code).digest('hex'),
			purpose: 'activation',
			issuedBy: f.userIds.officerEA1,
			usedAt: null,
			revokedAt: null
		});
		expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(CODE_VALID_MS);
		expect(issued.expiresAt).toEqual(rows[0].expiresAt);
		const everything = JSON.stringify(f.db.$client.prepare('select * from activation_codes').raw().all()) + JSON.stringify(auditSince(f.db, 0));
		expect(everything).not.toContain(issued.code);
		const audit = auditSince(f.db, before);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actorUserId: f.userIds.officerEA1,
			action: 'code.issue.activation',
			entityType: 'worker',
			entityId: String(f.w.ta1b.id),
			unitPath: f.u.TA1.path,
			after: JSON.stringify({ expiresAt: issued.expiresAt })
		});
	});

	it('a worker who already has an account gets a reset code', () => {
		const issued = issueCodes(f.db, f.actors.officerDA, [f.w.workerA.id, f.w.ta2a.id]);
		expect(issued.map((i) => [i.workerId, i.purpose])).toEqual([
			[f.w.workerA.id, 'reset'],
			[f.w.ta2a.id, 'activation']
		]);
		expect(new Set(issued.map((i) => i.code)).size).toBe(2);
	});

	it('refuses a worker outside the subtree, and issues nothing for any of the workers', async () => {
		await thrown(ForbiddenError, () => issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id, f.w.tb1a.id]));
		await thrown(ForbiddenError, () => issueCodes(f.db, f.actors.officerDB, [f.w.ta1b.id]));
		await thrown(ForbiddenError, () => issueCodes(f.db, f.actors.workerA, [f.w.ta1b.id]));
		await thrown(NotSignedInError, () => issueCodes(f.db, null, [f.w.ta1b.id]));
		expect(codeRows()).toEqual([]);
	});

	it('a reset code may only be issued for an account whose roles the issuer could grant', async () => {
		// 张三 (TA1, inside EA1) is made an officer of the whole district, then an admin.
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'officer', unitId: f.u.DA.id }).run();
		await thrown(ForbiddenError, () => issueCodes(f.db, f.actors.officerEA1, [f.w.workerA.id]));
		expect(codeRows()).toEqual([]);
		// A peer officer of the same district cannot take the account over either.
		await thrown(ForbiddenError, () => issueCodes(f.db, f.actors.officerDA, [f.w.workerA.id]));
		expect(issueCodes(f.db, f.actors.admin, [f.w.workerA.id])[0].purpose).toBe('reset');
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'admin', unitId: 0 }).run();
		await thrown(ForbiddenError, () => issueCodes(f.db, f.actors.officerDA, [f.w.workerA.id]));
		expect(issueCodes(f.db, f.actors.admin, [f.w.workerA.id])[0].purpose).toBe('reset');
	});

	it('an officer role inside the issuer subtree, or a judge role, does not stop a reset', () => {
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'officer', unitId: f.u.TA1.id }).run();
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'judge', unitId: 0 }).run();
		expect(issueCodes(f.db, f.actors.officerEA1, [f.w.workerA.id])[0].purpose).toBe('reset');
	});

	it('refuses an empty list and an unknown worker', async () => {
		const e = await thrown(RuleError, () => issueCodes(f.db, f.actors.admin, []));
		expect(Object.keys(e.errors)).toEqual(['workerIds']);
		await thrown(NotFoundError, () => issueCodes(f.db, f.actors.admin, [f.w.ta1b.id, 999_999]));
		expect(codeRows()).toEqual([]);
	});

	it('revokes the earlier unused code of the same worker only', async () => {
		const [first] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		const [other] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1c.id]);
		const [second] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		const rows = codeRows();
		expect(rows.map((r) => [r.workerId, r.revokedAt === null])).toEqual([
			[f.w.ta1b.id, false],
			[f.w.ta1c.id, true],
			[f.w.ta1b.id, true]
		]);
		const e = await thrown(RuleError, () => activate(f.db, { employeeNo: '1002', code: first.code, password: NEW_PASSWORD, ip: '1.1.1.1' }));
		expect(e.errors).toEqual({ code: BAD_CODE });
		expect(await activate(f.db, { employeeNo: '1003', code: other.code, password: NEW_PASSWORD, ip: '1.1.1.1' })).toBeGreaterThan(0);
		expect(await activate(f.db, { employeeNo: '1002', code: second.code, password: NEW_PASSWORD, ip: '1.1.1.1' })).toBeGreaterThan(0);
	});

	it('workersWithoutAccount lists the subtree workers who have no account', async () => {
		expect(workersWithoutAccount(f.db, f.actors.officerEA1, f.u.EA1.id).map((w) => w.employeeNo)).toEqual(['1002', '1003']);
		expect(workersWithoutAccount(f.db, f.actors.officerDA, f.u.DA.id).map((w) => w.employeeNo)).toEqual(['1002', '1003', '1003', '2001']);
		await thrown(ForbiddenError, () => workersWithoutAccount(f.db, f.actors.officerEA1, f.u.EB1.id));
	});
});

describe('activate', () => {
	it('creates the account with the worker role, marks the code used, and audits it', async () => {
		const [issued] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		const before = lastAuditId(f.db);
		const userId = await activate(f.db, { employeeNo: ' 1002 ', code: formatCode(issued.code).toLowerCase(), password: NEW_PASSWORD, ip: '10.1.1.1' });
		const user = f.db.select().from(users).where(eq(users.id, userId)).get()!;
		expect(user.workerId).toBe(f.w.ta1b.id);
		expect(user.status).toBe('active');
		expect(await verifyPassword(user.passwordHash, NEW_PASSWORD)).toBe(true);
		expect(f.db.select({ role: userRoles.role, unitId: userRoles.unitId }).from(userRoles).where(eq(userRoles.userId, userId)).all()).toEqual([{ role: 'worker', unitId: 0 }]);
		expect(codeRows()[0].usedAt).toBeInstanceOf(Date);
		const audit = auditSince(f.db, before);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actorUserId: userId,
			actorName: '王五',
			action: 'account.activate',
			entityType: 'user',
			entityId: String(userId),
			unitPath: f.u.TA1.path,
			after: JSON.stringify({ workerId: f.w.ta1b.id }),
			ip: '10.1.1.1'
		});
		expect(await signIn(f.db, { identifier: 'EA1/1002', password: NEW_PASSWORD, ip: '10.1.1.1' })).toEqual({ ok: true, userId });
	});

	it('a wrong employee number or a wrong code is refused and stores nothing', async () => {
		const [issued] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		const users0 = countRows(f.db, 'users');
		const audit0 = lastAuditId(f.db);
		for (const input of [
			{ employeeNo: '1003', code: issued.code },
			{ employeeNo: '1002', code: issued.code.slice(0, 9) + (issued.code[9] === 'Z' ? 'Y' : 'Z') },
			{ employeeNo: '1002', code: '' }
		]) {
			const e = await thrown(RuleError, () => activate(f.db, { ...input, password: NEW_PASSWORD, ip: '10.2.2.2' }));
			expect(e.errors).toEqual({ code: BAD_CODE });
		}
		expect(countRows(f.db, 'users')).toBe(users0);
		expect(lastAuditId(f.db)).toBe(audit0);
		expect(codeRows()[0].usedAt).toBeNull();
		// The code itself still works for the right person.
		expect(await activate(f.db, { employeeNo: '1002', code: issued.code, password: NEW_PASSWORD, ip: '10.2.2.2' })).toBeGreaterThan(0);
	});

	it('a code works exactly once', async () => {
		const [issued] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		const input = { employeeNo: '1002', code: issued.code, password: NEW_PASSWORD, ip: '10.3.3.3' };
		await activate(f.db, input);
		const users1 = countRows(f.db, 'users');
		const e = await thrown(RuleError, () => activate(f.db, { ...input, password: 'Another2026' }));
		expect(e.errors).toEqual({ code: BAD_CODE });
		expect(countRows(f.db, 'users')).toBe(users1);
	});

	it('two concurrent uses of one code: exactly one succeeds', async () => {
		const [issued] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		const input = { employeeNo: '1002', code: issued.code, ip: '10.4.4.4' };
		const results = await Promise.allSettled([activate(f.db, { ...input, password: 'First2026x' }), activate(f.db, { ...input, password: 'Second2026x' })]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(RuleError);
		expect(f.db.select().from(users).where(eq(users.workerId, f.w.ta1b.id)).all()).toHaveLength(1);
	});

	it('an expired code is refused', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const t0 = Date.UTC(2026, 4, 1);
		vi.setSystemTime(t0);
		const [late, inTime] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id, f.w.ta1c.id]);
		vi.setSystemTime(t0 + CODE_VALID_MS - 1);
		expect(await activate(f.db, { employeeNo: '1003', code: inTime.code, password: NEW_PASSWORD, ip: '10.5.5.5' })).toBeGreaterThan(0);
		vi.setSystemTime(t0 + CODE_VALID_MS);
		const e = await thrown(RuleError, () => activate(f.db, { employeeNo: '1002', code: late.code, password: NEW_PASSWORD, ip: '10.5.5.5' }));
		expect(e.errors).toEqual({ code: BAD_CODE });
		expect(f.db.select().from(users).where(eq(users.workerId, f.w.ta1b.id)).all()).toEqual([]);
	});

	it('a reset code changes the password and ends every existing session', async () => {
		const token = generateSessionToken();
		createSession(f.db, token, f.userIds.workerA);
		const otherToken = generateSessionToken();
		createSession(f.db, otherToken, f.userIds.workerB);
		const [issued] = issueCodes(f.db, f.actors.officerEA1, [f.w.workerA.id]);
		expect(issued.purpose).toBe('reset');
		const users0 = countRows(f.db, 'users');
		const before = lastAuditId(f.db);
		const userId = await activate(f.db, { employeeNo: '1001', code: issued.code, password: NEW_PASSWORD, ip: '10.6.6.6' });
		expect(userId).toBe(f.userIds.workerA);
		expect(countRows(f.db, 'users')).toBe(users0);
		expect(validateSessionToken(f.db, token)).toBeNull();
		expect(validateSessionToken(f.db, otherToken)?.userId).toBe(f.userIds.workerB);
		expect(auditSince(f.db, before).map((r) => [r.action, r.actorUserId, r.entityId])).toEqual([['account.reset_password', userId, String(userId)]]);
		expect(await signIn(f.db, { identifier: '13800000005', password: PASSWORD, ip: '10.6.6.6' })).toMatchObject({ ok: false, field: 'password' });
		expect(await signIn(f.db, { identifier: '13800000005', password: NEW_PASSWORD, ip: '10.6.6.6' })).toEqual({ ok: true, userId });
	});

	it('twenty wrong codes from one address lock activation there', async () => {
		expect(ACTIVATION_MAX_FAILURES).toBe(20);
		const [issued] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		const wrong = { employeeNo: '1002', code: 'WRONGWRONG', password: NEW_PASSWORD, ip: '10.7.7.7' };
		for (let i = 1; i < 20; i++) expect((await thrown(RuleError, () => activate(f.db, wrong))).errors).toEqual({ code: BAD_CODE });
		expect((await thrown(RuleError, () => activate(f.db, wrong))).errors).toEqual({ code: '尝试次数过多，请 15 分钟后再试' });
		// Even the right code is refused from that address, and it stays unused.
		expect((await thrown(RuleError, () => activate(f.db, { ...wrong, code: issued.code }))).errors).toEqual({ code: '尝试次数过多，请 15 分钟后再试' });
		expect(codeRows()[0].usedAt).toBeNull();
		expect(await activate(f.db, { ...wrong, code: issued.code, ip: '10.7.7.8' })).toBeGreaterThan(0);
	});
});

describe('a code is checked again when it is used', () => {
	it('a reset code stops working once the account gains a role its issuer could not grant', async () => {
		const [code] = issueCodes(f.db, f.actors.officerEA1, [f.w.workerA.id]);
		setRole(f.db, f.actors.admin, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.DA.id, grant: true });
		// The grant itself revoked the open code…
		const e = await thrown(RuleError, () => activate(f.db, { employeeNo: '1001', code: code.code, password: NEW_PASSWORD, ip: '10.9.9.9' }));
		expect(e.errors).toEqual({ code: BAD_CODE });
		expect(await signIn(f.db, { identifier: '13800000005', password: NEW_PASSWORD, ip: '10.9.9.9' })).toMatchObject({ ok: false });
	});

	it('even a code that escaped revocation is refused if its issuer could no longer issue it', async () => {
		const [code] = issueCodes(f.db, f.actors.officerEA1, [f.w.workerA.id]);
		// Grant the role behind the service's back, so the code stays open.
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'admin', unitId: 0 }).run();
		const before = lastAuditId(f.db);
		const e = await thrown(RuleError, () => activate(f.db, { employeeNo: '1001', code: code.code, password: NEW_PASSWORD, ip: '10.9.9.9' }));
		expect(e.errors).toEqual({ code: '此激活码已失效（账号情况已有变化），请联系工会干部重新发放' });
		expect(codeRows().every((c) => c.revokedAt !== null || c.usedAt !== null)).toBe(true);
		expect(auditSince(f.db, before).map((r) => r.action)).toEqual(['code.refuse']);
		expect(await signIn(f.db, { identifier: '13800000005', password: PASSWORD, ip: '10.9.9.9' })).toEqual({ ok: true, userId: f.userIds.workerA });
	});

	it('an activation code does not reset an account that was made meanwhile', async () => {
		const [code] = issueCodes(f.db, f.actors.officerEA1, [f.w.ta1b.id]);
		expect(code.purpose).toBe('activation');
		// An account appears for 王五 by another way (here directly), leaving the code open.
		insertAccount(f.db, f.w.ta1b, await fixtureHash());
		const e = await thrown(RuleError, () => activate(f.db, { employeeNo: '1002', code: code.code, password: NEW_PASSWORD, ip: '10.9.9.9' }));
		expect(e.errors).toEqual({ code: '此激活码已失效（账号情况已有变化），请联系工会干部重新发放' });
	});

	it('a stopped account cannot be reset with a code', async () => {
		const [code] = issueCodes(f.db, f.actors.officerEA1, [f.w.workerA.id]);
		f.db.update(users).set({ status: 'disabled' }).where(eq(users.id, f.userIds.workerA)).run();
		const e = await thrown(RuleError, () => activate(f.db, { employeeNo: '1001', code: code.code, password: NEW_PASSWORD, ip: '10.9.9.9' }));
		expect(e.errors).toEqual({ code: '此账号已停用，请联系本单位工会干部' });
	});

	it('issues at most 500 codes at a time', async () => {
		const ids = Array.from({ length: MAX_CODES_AT_ONCE + 1 }, (_, i) => i + 1);
		const e = await thrown(RuleError, () => issueCodes(f.db, f.actors.admin, ids));
		expect(e.errors).toEqual({ workerIds: '每次最多为 500 人生成激活码，请按班组分批生成' });
		expect(codeRows()).toEqual([]);
	});
});
