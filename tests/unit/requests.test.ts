import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { decideRequest, listRequests, requestAccount, signIn, type AccountRequestInput } from '$lib/server/accounts';
import { accountRequests, userRoles, users, workers } from '$lib/server/db/schema';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '$lib/server/errors';
import { actorOf, auditSince, countRows, fixtureHash, insertAccount, insertUnit, insertWorker, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';

const REQ_PASSWORD = 'Request2026';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

const input = (over: Partial<AccountRequestInput> = {}): AccountRequestInput => ({
	unitCode: 'TA1',
	name: '新人',
	employeeNo: '1999',
	phone: '13900000001',
	trade: '钳工',
	password: REQ_PASSWORD,
	ip: '10.0.0.1',
	...over
});
const requests = () => f.db.select().from(accountRequests).orderBy(accountRequests.id).all();

describe('requestAccount', () => {
	it('stores a pending request with a password hash and audits it without an account, under the name given', async () => {
		const before = lastAuditId(f.db);
		await requestAccount(f.db, input());
		const [req] = requests();
		expect(req).toMatchObject({ unitId: f.u.TA1.id, name: '新人', employeeNo: '1999', phone: '13900000001', trade: '钳工', status: 'pending', decidedBy: null, workerId: null });
		expect(req.passwordHash).toMatch(/^\$argon2id\$/);
		expect(JSON.stringify(req)).not.toContain(REQ_PASSWORD);
		const audit = auditSince(f.db, before);
		expect(audit.map((r) => [r.action, r.actorUserId, r.actorName, r.ip, r.entityId, r.unitPath, r.after])).toEqual([
			['request.create', null, '新人', '10.0.0.1', String(req.id), f.u.TA1.path, JSON.stringify({ name: '新人', employeeNo: '1999' })]
		]);
	});

	it('refuses an unknown unit code', async () => {
		const e = await thrown(RuleError, () => requestAccount(f.db, input({ unitCode: 'NOPE' })));
		expect(e.errors).toEqual({ unitCode: '请选择所在单位' });
		expect(requests()).toEqual([]);
	});

	it('refuses a second pending request for the same employee number and unit', async () => {
		await requestAccount(f.db, input());
		const e = await thrown(RuleError, () => requestAccount(f.db, input({ name: '又一次' })));
		expect(e.errors).toEqual({ employeeNo: '已有一份相同的申请在等待审核' });
		expect(requests()).toHaveLength(1);
	});

	it('refuses an employee number that already has an account anywhere in the enterprise', async () => {
		for (const unitCode of ['TA1', 'WA1', 'EA1']) {
			const e = await thrown(RuleError, () => requestAccount(f.db, input({ unitCode, employeeNo: '1001' })));
			expect(e.errors).toEqual({ employeeNo: '此工号已开通账号，请直接登录或联系工会干部重置密码' });
		}
		expect(requests()).toEqual([]);
	});

	it('allows the same employee number in an enterprise where it has no account', async () => {
		await requestAccount(f.db, input({ unitCode: 'TA2', employeeNo: '1001' }));
		expect(requests().map((r) => [r.unitId, r.employeeNo])).toEqual([[f.u.TA2.id, '1001']]);
	});
});

describe('decideRequest', () => {
	it('approving joins the worker already on record with that employee number in the enterprise', async () => {
		await requestAccount(f.db, input({ unitCode: 'WA1', employeeNo: '1002', name: '王五', phone: '13900000002' }));
		const [req] = requests();
		const workers0 = countRows(f.db, 'workers');
		const before = lastAuditId(f.db);
		const userId = decideRequest(f.db, f.actors.officerEA1, { id: req.id, approve: true, reason: '' })!;
		expect(countRows(f.db, 'workers')).toBe(workers0);
		const user = f.db.select().from(users).where(eq(users.id, userId)).get()!;
		expect(user.workerId).toBe(f.w.ta1b.id);
		expect(user.passwordHash).toBe(req.passwordHash);
		// The record keeps its unit; the missing phone is filled in from the request.
		const worker = f.db.select().from(workers).where(eq(workers.id, f.w.ta1b.id)).get()!;
		expect(worker.unitId).toBe(f.u.TA1.id);
		expect(worker.phone).toBe('13900000002');
		expect(f.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all()).toEqual([{ role: 'worker' }]);
		const decided = requests()[0];
		expect(decided).toMatchObject({ status: 'approved', decidedBy: f.userIds.officerEA1, workerId: f.w.ta1b.id, reason: null });
		expect(decided.decidedAt).toBeInstanceOf(Date);
		expect(auditSince(f.db, before).map((r) => [r.action, r.actorUserId, r.entityType, r.unitPath])).toEqual([
			['worker.update', f.userIds.officerEA1, 'worker', f.u.WA1.path],
			['request.approve', f.userIds.officerEA1, 'account_request', f.u.WA1.path]
		]);
		expect(await signIn(f.db, { identifier: '13900000002', password: REQ_PASSWORD, ip: '10.0.0.1' })).toEqual({ ok: true, userId });
	});

	it('approving keeps a phone already on record', async () => {
		await requestAccount(f.db, input({ employeeNo: '1003', phone: '13900000003' }));
		decideRequest(f.db, f.actors.officerDA, { id: requests()[0].id, approve: true, reason: '' });
		expect(f.db.select().from(workers).where(eq(workers.id, f.w.ta1c.id)).get()!.phone).toBe('13800000007');
	});

	it('approving creates a worker record when none matches, in the requested unit and its enterprise', async () => {
		await requestAccount(f.db, input());
		const [req] = requests();
		const before = lastAuditId(f.db);
		const userId = decideRequest(f.db, f.actors.admin, { id: req.id, approve: true, reason: '' })!;
		const user = f.db.select().from(users).where(eq(users.id, userId)).get()!;
		const worker = f.db.select().from(workers).where(eq(workers.id, user.workerId)).get()!;
		expect(worker).toMatchObject({ unitId: f.u.TA1.id, employerId: f.u.EA1.id, name: '新人', employeeNo: '1999', trade: '钳工', phone: '13900000001', skillLevel: 'none', gender: null });
		const audit = auditSince(f.db, before);
		expect(audit.map((r) => r.action)).toEqual(['worker.create', 'request.approve']);
		expect(JSON.parse(audit[0].after!)).toMatchObject({ id: worker.id, employeeNo: '1999', employerId: f.u.EA1.id });
		expect(JSON.parse(audit[1].after!)).toMatchObject({ status: 'approved', workerId: worker.id, userId });
	});

	it('a request with an employee number used in another enterprise makes a new record there', async () => {
		await requestAccount(f.db, input({ unitCode: 'TA2', employeeNo: '1001' }));
		const userId = decideRequest(f.db, f.actors.officerDA, { id: requests()[0].id, approve: true, reason: '' })!;
		const worker = f.db.select().from(workers).where(eq(workers.id, f.db.select().from(users).where(eq(users.id, userId)).get()!.workerId)).get()!;
		expect([worker.employerId, worker.unitId, worker.employeeNo]).toEqual([f.u.EA2.id, f.u.TA2.id, '1001']);
		expect(worker.id).not.toBe(f.w.workerA.id);
	});

	it('rejecting needs a reason, then records it', async () => {
		await requestAccount(f.db, input());
		const [req] = requests();
		const e = await thrown(RuleError, () => decideRequest(f.db, f.actors.officerEA1, { id: req.id, approve: false, reason: '' }));
		expect(e.errors).toEqual({ reason: '驳回时必须填写理由' });
		expect(requests()[0].status).toBe('pending');
		const users0 = countRows(f.db, 'users');
		const before = lastAuditId(f.db);
		expect(decideRequest(f.db, f.actors.officerEA1, { id: req.id, approve: false, reason: '查无此人' })).toBeNull();
		expect(requests()[0]).toMatchObject({ status: 'rejected', reason: '查无此人', decidedBy: f.userIds.officerEA1, workerId: null });
		expect(countRows(f.db, 'users')).toBe(users0);
		expect(auditSince(f.db, before).map((r) => [r.action, r.actorUserId])).toEqual([['request.reject', f.userIds.officerEA1]]);
	});

	it('an officer outside the subtree, a worker and an anonymous visitor may not decide', async () => {
		await requestAccount(f.db, input());
		const id = requests()[0].id;
		await thrown(ForbiddenError, () => decideRequest(f.db, f.actors.officerDB, { id, approve: true, reason: '' }));
		await thrown(ForbiddenError, () => decideRequest(f.db, f.actors.workerA, { id, approve: true, reason: '' }));
		await thrown(NotSignedInError, () => decideRequest(f.db, null, { id, approve: false, reason: 'x' }));
		await thrown(NotFoundError, () => decideRequest(f.db, f.actors.admin, { id: 999_999, approve: true, reason: '' }));
		expect(requests()[0].status).toBe('pending');
	});

	it('a request cannot be decided twice', async () => {
		await requestAccount(f.db, input());
		const id = requests()[0].id;
		decideRequest(f.db, f.actors.officerEA1, { id, approve: true, reason: '' });
		const users1 = countRows(f.db, 'users');
		for (const approve of [true, false]) {
			const e = await thrown(RuleError, () => decideRequest(f.db, f.actors.officerEA1, { id, approve, reason: '再来' }));
			expect(e.errors).toEqual({ _: '该申请已处理过' });
		}
		expect(countRows(f.db, 'users')).toBe(users1);
		expect(requests()[0].status).toBe('approved');
	});

	it('approving a request whose worker got an account meanwhile is refused and changes nothing', async () => {
		await requestAccount(f.db, input({ employeeNo: '1002' }));
		await requestAccount(f.db, input({ unitCode: 'WA1', employeeNo: '1002' }));
		const [a, b] = requests();
		decideRequest(f.db, f.actors.officerEA1, { id: a.id, approve: true, reason: '' });
		const users1 = countRows(f.db, 'users');
		const e = await thrown(RuleError, () => decideRequest(f.db, f.actors.officerEA1, { id: b.id, approve: true, reason: '' }));
		expect(e.errors).toEqual({ _: '该职工已有账号，无需通过申请；如忘记密码请发放重置码' });
		expect(countRows(f.db, 'users')).toBe(users1);
		expect(requests()[1].status).toBe('pending');
	});
});

describe('decideRequest by an officer of part of an enterprise', () => {
	it('may not join an account to a worker record elsewhere in the enterprise, outside their subtree', async () => {
		// A second workshop of EA1 with its own officer; 1002 (王五) works in TA1, outside it.
		const WA1B = insertUnit(f.db, f.u.EA1, 'workshop', 'WA1B', '装配车间');
		const chair = insertWorker(f.db, WA1B, f.u.EA1, 'E002', '装配车间干部');
		const officerWA1B = actorOf(f.db, insertAccount(f.db, chair, await fixtureHash(), [{ role: 'officer', unitId: WA1B.id }]));
		await requestAccount(f.db, input({ unitCode: 'WA1B', employeeNo: '1002', name: '王五' }));
		const [req] = requests();
		expect(listRequests(f.db, officerWA1B).map((r) => r.id)).toEqual([req.id]);
		const users0 = countRows(f.db, 'users');
		expect(listRequests(f.db, officerWA1B)[0].match).toEqual({ name: null, inScope: false });
		const refused = await thrown(RuleError, () => decideRequest(f.db, officerWA1B, { id: req.id, approve: true, reason: '' }));
		expect(refused.errors).toEqual({ _: '本企业已有同工号的职工档案，但不在您的管理范围内，请由上级工会干部处理或驳回。' });
		expect(countRows(f.db, 'users')).toBe(users0);
		expect(requests()[0].status).toBe('pending');
		// An officer who manages both may approve it; rejecting never touches the record.
		expect(decideRequest(f.db, officerWA1B, { id: req.id, approve: false, reason: '请联系企业工会' })).toBeNull();
		await requestAccount(f.db, input({ unitCode: 'WA1B', employeeNo: '1002', name: '王五' }));
		const userId = decideRequest(f.db, f.actors.officerEA1, { id: requests()[1].id, approve: true, reason: '' })!;
		expect(f.db.select().from(users).where(eq(users.id, userId)).get()!.workerId).toBe(f.w.ta1b.id);
	});

	it('may approve a request that makes a new record in their own unit', async () => {
		const WA1B = insertUnit(f.db, f.u.EA1, 'workshop', 'WA1B', '装配车间');
		const chair = insertWorker(f.db, WA1B, f.u.EA1, 'E002', '装配车间干部');
		const officerWA1B = actorOf(f.db, insertAccount(f.db, chair, await fixtureHash(), [{ role: 'officer', unitId: WA1B.id }]));
		await requestAccount(f.db, input({ unitCode: 'WA1B', employeeNo: '1888' }));
		const userId = decideRequest(f.db, officerWA1B, { id: requests()[0].id, approve: true, reason: '' })!;
		const worker = f.db.select().from(workers).where(eq(workers.id, f.db.select().from(users).where(eq(users.id, userId)).get()!.workerId)).get()!;
		expect([worker.unitId, worker.employerId]).toEqual([WA1B.id, f.u.EA1.id]);
	});
});

describe('listRequests', () => {
	it('shows an officer the requests of their subtree, with the matching worker record', async () => {
		await requestAccount(f.db, input({ employeeNo: '1002' }));
		await requestAccount(f.db, input({ unitCode: 'TB1', employeeNo: '3999' }));
		await requestAccount(f.db, input({ unitCode: 'TA2' }));
		expect(listRequests(f.db, f.actors.officerEA1).map((r) => [r.unitName, r.employeeNo, r.match])).toEqual([['数控一班', '1002', { name: '王五', inScope: true }]]);
		expect(listRequests(f.db, f.actors.officerDA).map((r) => [r.employeeNo, r.match])).toEqual([
			['1002', { name: '王五', inScope: true }],
			['1999', null]
		]);
		expect(listRequests(f.db, f.actors.officerDB).map((r) => r.employeeNo)).toEqual(['3999']);
		expect(listRequests(f.db, f.actors.admin)).toHaveLength(3);
		expect(listRequests(f.db, f.actors.admin, 'approved')).toEqual([]);
		await thrown(ForbiddenError, () => listRequests(f.db, f.actors.workerA));
	});
});

describe('requestAccount from one address', () => {
	it('takes 10 requests an hour, then says when to try again and stores nothing', async () => {
		for (let i = 0; i < 10; i++) await requestAccount(f.db, input({ employeeNo: `R${i}`, phone: `1390000010${i}` }));
		const n = requests().length;
		const e = await thrown(RuleError, () => requestAccount(f.db, input({ employeeNo: 'R10' })));
		expect(e.errors).toEqual({ _: '尝试次数过多，请 60 分钟后再试' });
		expect(requests()).toHaveLength(n);
		// Another address is not held up.
		await requestAccount(f.db, input({ employeeNo: 'R11', ip: '10.0.0.2' }));
		expect(requests()).toHaveLength(n + 1);
	});
});
