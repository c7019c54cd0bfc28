import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accountState, createWorker, getWorkerForOfficer, listWorkers, updateWorker, WORKER_PAGE_SIZE, type WorkerInput } from '$lib/server/people';
import { userRoles, users, workers } from '$lib/server/db/schema';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '$lib/server/errors';
import { auditSince, insertWorker, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';

const TAKEN = '本企业已有职工使用此工号';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

const input = (over: Partial<WorkerInput> = {}): WorkerInput => ({
	unitId: f.u.TA1.id,
	name: '新职工',
	employeeNo: '1500',
	gender: 'female',
	trade: '钳工',
	skillLevel: 'intermediate',
	phone: '13700000000',
	...over
});
const workerRow = (id: number) => f.db.select().from(workers).where(eq(workers.id, id)).get()!;
const workerCount = () => f.db.select().from(workers).all().length;

describe('createWorker', () => {
	it('creates the record with its enterprise as employer and audits it', () => {
		const before = lastAuditId(f.db);
		const w = createWorker(f.db, f.actors.officerEA1, input());
		expect(w).toMatchObject({ unitId: f.u.TA1.id, employerId: f.u.EA1.id, name: '新职工', employeeNo: '1500', gender: 'female', trade: '钳工', skillLevel: 'intermediate', phone: '13700000000' });
		expect(workerRow(w.id)).toEqual(w);
		const audit = auditSince(f.db, before);
		expect(audit.map((r) => [r.action, r.actorUserId, r.actorName, r.entityType, r.entityId, r.unitPath, r.before])).toEqual([
			['worker.create', f.userIds.officerEA1, '机械厂干部', 'worker', String(w.id), f.u.TA1.path, null]
		]);
		expect(audit[0].after).toBe(JSON.stringify(w));
	});

	it('a worker of a union above enterprise level belongs to that union', () => {
		expect(createWorker(f.db, f.actors.officerDA, input({ unitId: f.u.DA.id })).employerId).toBe(f.u.DA.id);
	});

	it('refuses an employee number already used in the same enterprise, on the employeeNo field', async () => {
		const count0 = workerCount();
		const audit0 = lastAuditId(f.db);
		for (const unitId of [f.u.TA1.id, f.u.WA1.id, f.u.EA1.id]) {
			const e = await thrown(RuleError, () => createWorker(f.db, f.actors.officerEA1, input({ unitId, employeeNo: '1002' })));
			expect(e.errors).toEqual({ employeeNo: TAKEN });
		}
		expect(workerCount()).toBe(count0);
		expect(lastAuditId(f.db)).toBe(audit0);
	});

	it('allows the same employee number in another enterprise', () => {
		const w = createWorker(f.db, f.actors.officerDA, input({ unitId: f.u.TA2.id, employeeNo: '1002' }));
		expect([w.employerId, w.employeeNo]).toEqual([f.u.EA2.id, '1002']);
		expect(f.db.select().from(workers).where(eq(workers.employeeNo, '1002')).all().map((x) => x.employerId).sort()).toEqual([f.u.EA1.id, f.u.EA2.id].sort());
	});

	it('refuses an officer outside the subtree, a worker and a visitor', async () => {
		await thrown(ForbiddenError, () => createWorker(f.db, f.actors.officerDB, input()));
		await thrown(ForbiddenError, () => createWorker(f.db, f.actors.officerEA1, input({ unitId: f.u.TA2.id })));
		await thrown(ForbiddenError, () => createWorker(f.db, f.actors.workerA, input()));
		await thrown(NotSignedInError, () => createWorker(f.db, null, input()));
		await thrown(NotFoundError, () => createWorker(f.db, f.actors.admin, input({ unitId: 4242 })));
		expect(f.db.select().from(workers).where(eq(workers.employeeNo, '1500')).all()).toEqual([]);
	});
});

describe('updateWorker', () => {
	it('updates the record and audits before and after', () => {
		const before = lastAuditId(f.db);
		const original = workerRow(f.w.ta1b.id);
		const after = updateWorker(f.db, f.actors.officerEA1, f.w.ta1b.id, input({ name: '王五改', employeeNo: '1002', skillLevel: 'technician' }));
		expect(after).toMatchObject({ id: f.w.ta1b.id, name: '王五改', employeeNo: '1002', skillLevel: 'technician', employerId: f.u.EA1.id });
		const audit = auditSince(f.db, before);
		expect(audit.map((r) => [r.action, r.entityId, r.unitPath])).toEqual([['worker.update', String(f.w.ta1b.id), f.u.TA1.path]]);
		expect(audit[0].before).toBe(JSON.stringify(original));
		expect(audit[0].after).toBe(JSON.stringify(after));
	});

	it('moves a worker to another unit and recomputes the employer', () => {
		const after = updateWorker(f.db, f.actors.officerDA, f.w.ta1b.id, input({ unitId: f.u.TA2.id, employeeNo: '1002' }));
		expect([after.unitId, after.employerId]).toEqual([f.u.TA2.id, f.u.EA2.id]);
	});

	it('refuses taking an employee number used in the target enterprise, changing nothing', async () => {
		const original = workerRow(f.w.ta1b.id);
		const e1 = await thrown(RuleError, () => updateWorker(f.db, f.actors.officerEA1, f.w.ta1b.id, input({ employeeNo: '1003' })));
		expect(e1.errors).toEqual({ employeeNo: TAKEN });
		const e2 = await thrown(RuleError, () => updateWorker(f.db, f.actors.officerDA, f.w.ta1b.id, input({ unitId: f.u.TA2.id, employeeNo: '2001' })));
		expect(e2.errors).toEqual({ employeeNo: TAKEN });
		expect(workerRow(f.w.ta1b.id)).toEqual(original);
	});

	it('refuses a worker or a destination outside the officer subtree', async () => {
		await thrown(ForbiddenError, () => updateWorker(f.db, f.actors.officerDB, f.w.ta1b.id, input({ employeeNo: '1002' })));
		await thrown(ForbiddenError, () => updateWorker(f.db, f.actors.officerEA1, f.w.ta1b.id, input({ unitId: f.u.TA2.id, employeeNo: '1002' })));
		await thrown(NotFoundError, () => updateWorker(f.db, f.actors.admin, 99_999, input()));
		expect(workerRow(f.w.ta1b.id).unitId).toBe(f.u.TA1.id);
	});

	it('getWorkerForOfficer shows the account and its roles to an officer in scope only', async () => {
		const view = getWorkerForOfficer(f.db, f.actors.officerEA1, f.w.workerA.id);
		expect(view.account?.id).toBe(f.userIds.workerA);
		expect(view.roles).toEqual([{ role: 'worker', unitId: 0, unitName: null }]);
		expect(view.pendingCode).toBeNull();
		expect(getWorkerForOfficer(f.db, f.actors.officerEA1, f.w.ta1b.id).account).toBeNull();
		await thrown(ForbiddenError, () => getWorkerForOfficer(f.db, f.actors.officerDB, f.w.workerA.id));
	});
});

describe('listWorkers', () => {
	it('is scoped to the officer subtree and ordered by unit path then employee number', () => {
		const ea1 = listWorkers(f.db, f.actors.officerEA1, {});
		expect(ea1.rows.map((r) => [r.unitName, r.employeeNo, r.account])).toEqual([
			['东区机械厂工会', 'E001', 'active'],
			['数控一班', '1001', 'active'],
			['数控一班', '1002', 'none'],
			['数控一班', '1003', 'none']
		]);
		expect([ea1.total, ea1.page, ea1.pages]).toEqual([4, 1, 1]);
		expect(listWorkers(f.db, f.actors.officerDB, {}).rows.map((r) => r.name)).toEqual(['西区干部', '李四', '吴九']);
		expect(listWorkers(f.db, f.actors.admin, {}).total).toBe(11);
	});

	it('narrows to a unit in scope and refuses one outside it', async () => {
		expect(listWorkers(f.db, f.actors.officerDA, { unitId: f.u.EA2.id }).rows.map((r) => r.employeeNo)).toEqual(['1003', '2001']);
		await thrown(ForbiddenError, () => listWorkers(f.db, f.actors.officerEA1, { unitId: f.u.EA2.id }));
		await thrown(ForbiddenError, () => listWorkers(f.db, f.actors.workerA, {}));
		await thrown(NotSignedInError, () => listWorkers(f.db, null, {}));
	});

	it('searches names and trades anywhere, employee numbers by prefix, within scope only', () => {
		const names = (q: string, actor = f.actors.officerDA) => listWorkers(f.db, actor, { q }).rows.map((r) => r.name);
		expect(names('王')).toEqual(['王五']);
		expect(names('数控')).toEqual(['张三']);
		expect(names('100')).toEqual(['张三', '王五', '赵六', '周八']);
		expect(names('003')).toEqual([]);
		expect(names('  赵六 ')).toEqual(['赵六']);
		// 李四 (1001) is in the other district.
		expect(names('李')).toEqual([]);
		expect(names('1001', f.actors.officerDB)).toEqual(['李四']);
	});

	it('treats % and _ in a search as plain characters', () => {
		insertWorker(f.db, f.u.TA1, f.u.EA1, 'A_1', '下划线');
		insertWorker(f.db, f.u.TA1, f.u.EA1, 'AB1', '字母');
		const nos = (q: string) => listWorkers(f.db, f.actors.officerEA1, { q }).rows.map((r) => r.employeeNo);
		expect(nos('A_')).toEqual(['A_1']);
		expect(nos('1_0')).toEqual([]);
		expect(nos('%')).toEqual([]);
		expect(nos('A')).toEqual(['AB1', 'A_1']);
		expect(nos('a_')).toEqual(['A_1']);
	});

	it('pages by 50 and clamps the page number', () => {
		for (let i = 0; i < 60; i++) insertWorker(f.db, f.u.WA1, f.u.EA1, `P${String(i).padStart(3, '0')}`, `批量${i}`);
		const total = 4 + 60;
		const p1 = listWorkers(f.db, f.actors.officerEA1, {});
		expect(WORKER_PAGE_SIZE).toBe(50);
		expect([p1.total, p1.page, p1.pages, p1.rows.length]).toEqual([total, 1, 2, 50]);
		const p2 = listWorkers(f.db, f.actors.officerEA1, { page: 2 });
		expect([p2.page, p2.rows.length]).toEqual([2, total - 50]);
		expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(total);
		expect(listWorkers(f.db, f.actors.officerEA1, { page: 99 }).page).toBe(2);
		expect(listWorkers(f.db, f.actors.officerEA1, { page: -3 }).page).toBe(1);
		const searched = listWorkers(f.db, f.actors.officerEA1, { q: 'P05' });
		expect(searched.rows.map((r) => r.employeeNo)).toEqual(['P050', 'P051', 'P052', 'P053', 'P054', 'P055', 'P056', 'P057', 'P058', 'P059']);
	});
});

describe('updateWorker on the record of an account holder', () => {
	it("is refused when the account's roles outrank the officer, allowed on one's own record and by a higher officer", async () => {
		// 张三's record sits in TA1 (inside EA1) but the account is an officer of the whole district.
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'officer', unitId: f.u.DA.id }).run();
		const input = { unitId: f.u.TA1.id, name: '张三', employeeNo: '1001', gender: 'male' as const, trade: '数控车工', skillLevel: 'senior' as const, phone: '13700000000' };
		await thrown(ForbiddenError, () => updateWorker(f.db, f.actors.officerEA1, f.w.workerA.id, input));
		expect(f.db.select().from(workers).where(eq(workers.id, f.w.workerA.id)).get()!.phone).toBe('13800000005');
		// The enterprise officer may still edit their own record.
		updateWorker(f.db, f.actors.officerEA1, f.w.officerEA1.id, { ...input, unitId: f.u.EA1.id, name: '机械厂干部', employeeNo: 'E001', phone: '13800000003', trade: '工会干部' });
		// A federation admin may edit 张三's.
		expect(updateWorker(f.db, f.actors.admin, f.w.workerA.id, input).phone).toBe('13700000000');
	});
});

describe('listWorkers by account state', () => {
	it('finds who has no account yet, who is active and who is stopped', () => {
		f.db.update(users).set({ status: 'disabled' }).where(eq(users.id, f.userIds.workerA)).run();
		const nos = (account: 'active' | 'disabled' | 'none') => listWorkers(f.db, f.actors.officerEA1, { account }).rows.map((r) => r.employeeNo);
		expect(nos('none')).toEqual(['1002', '1003']);
		expect(nos('active')).toEqual(['E001']);
		expect(nos('disabled')).toEqual(['1001']);
		expect(listWorkers(f.db, f.actors.officerEA1, { account: 'disabled' }).rows[0].account).toBe('disabled');
		expect(accountState('none')).toBe('none');
		expect(accountState('root')).toBeUndefined();
		expect(accountState(null)).toBeUndefined();
	});
});
