import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chainOf, createUnit, deleteUnit, employerIdOf, findUnit, getUnitForOfficer, listManagedUnits, updateUnit, type UnitInput } from '$lib/server/units';
import { createWorker } from '$lib/server/people';
import { units, userRoles, workers, type Unit } from '$lib/server/db/schema';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '$lib/server/errors';
import { auditSince, insertWorker, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

const unitRow = (id: number) => f.db.select().from(units).where(eq(units.id, id)).get()!;
const allUnits = () => f.db.select().from(units).orderBy(units.id).all();
const employerOfWorker = (id: number) => f.db.select({ e: workers.employerId }).from(workers).where(eq(workers.id, id)).get()!.e;
/** updateUnit's input for moving `unit` under `parent`, keeping everything else. */
const moveInput = (unit: Unit, parent: Unit) => ({ parentId: parent.id, type: unit.type, code: unit.code, name: unit.name });

describe('createUnit', () => {
	it('creates a unit under its parent with the child path, and audits it', () => {
		const before = lastAuditId(f.db);
		const unit = createUnit(f.db, f.actors.officerEA1, { parentId: f.u.EA1.id, type: 'workshop', code: 'WA1-2', name: '装配车间' });
		expect(unit).toMatchObject({ parentId: f.u.EA1.id, type: 'workshop', code: 'WA1-2', name: '装配车间', path: `${f.u.EA1.path}${unit.id}/` });
		expect(unitRow(unit.id)).toEqual(unit);
		const audit = auditSince(f.db, before);
		expect(audit.map((r) => [r.action, r.actorUserId, r.entityType, r.entityId, r.unitPath, r.before])).toEqual([
			['unit.create', f.userIds.officerEA1, 'unit', String(unit.id), unit.path, null]
		]);
		expect(JSON.parse(audit[0].after!)).toMatchObject({ id: unit.id, code: 'WA1-2', path: unit.path });
	});

	it('a team may hang directly under an enterprise', () => {
		const team = createUnit(f.db, f.actors.officerEA1, { parentId: f.u.EA1.id, type: 'team', code: 'EA1-T', name: '直属班' });
		expect(team.path).toBe(`${f.u.EA1.path}${team.id}/`);
	});

	it('refuses a type that may not sit under the parent, with the parent named', async () => {
		const cases: [Unit, UnitInput['type']][] = [
			[f.u.TA1, 'team'],
			[f.u.WA1, 'workshop'],
			[f.u.WA1, 'enterprise'],
			[f.u.EA1, 'enterprise'],
			[f.u.DA, 'district'],
			[f.u.DA, 'industry'],
			[f.u.FED, 'federation']
		];
		const count0 = allUnits().length;
		for (const [parent, type] of cases) {
			const e = await thrown(RuleError, () => createUnit(f.db, f.actors.admin, { parentId: parent.id, type, code: `X-${type}`, name: 'x' }));
			expect(e.errors).toEqual({ type: `“${parent.name}”下不能建立这一类型的组织` });
		}
		expect(allUnits()).toHaveLength(count0);
	});

	it('refuses a code that is already used anywhere', async () => {
		const e = await thrown(RuleError, () => createUnit(f.db, f.actors.officerEA1, { parentId: f.u.WA1.id, type: 'team', code: 'TB1', name: '重复' }));
		expect(e.errors).toEqual({ code: '此单位代码已被使用' });
		expect(allUnits()).toHaveLength(12);
	});

	it('an officer may not create outside their subtree or above it', async () => {
		await thrown(ForbiddenError, () => createUnit(f.db, f.actors.officerEA1, { parentId: f.u.EA2.id, type: 'workshop', code: 'N1', name: 'x' }));
		await thrown(ForbiddenError, () => createUnit(f.db, f.actors.officerEA1, { parentId: f.u.DA.id, type: 'enterprise', code: 'N2', name: 'x' }));
		await thrown(ForbiddenError, () => createUnit(f.db, f.actors.officerDB, { parentId: f.u.WA1.id, type: 'team', code: 'N3', name: 'x' }));
		await thrown(ForbiddenError, () => createUnit(f.db, f.actors.workerA, { parentId: f.u.WA1.id, type: 'team', code: 'N4', name: 'x' }));
		await thrown(NotSignedInError, () => createUnit(f.db, null, { parentId: f.u.WA1.id, type: 'team', code: 'N5', name: 'x' }));
		await thrown(NotFoundError, () => createUnit(f.db, f.actors.admin, { parentId: 999, type: 'team', code: 'N6', name: 'x' }));
		expect(allUnits()).toHaveLength(12);
	});
});

describe('updateUnit', () => {
	it('renames and recodes a unit, auditing before and after', () => {
		const before = lastAuditId(f.db);
		const after = updateUnit(f.db, f.actors.officerEA1, f.u.TA1.id, { parentId: f.u.WA1.id, type: 'team', code: 'TA1-NEW', name: '数控一班（新）' });
		expect(after).toMatchObject({ id: f.u.TA1.id, code: 'TA1-NEW', name: '数控一班（新）', path: f.u.TA1.path, parentId: f.u.WA1.id });
		const audit = auditSince(f.db, before);
		expect(audit.map((r) => r.action)).toEqual(['unit.update']);
		expect(JSON.parse(audit[0].before!)).toMatchObject({ code: 'TA1', name: '数控一班' });
		expect(JSON.parse(audit[0].after!)).toMatchObject({ code: 'TA1-NEW', name: '数控一班（新）' });
	});

	it('keeps its own code, refuses another unit’s', async () => {
		expect(updateUnit(f.db, f.actors.admin, f.u.TA1.id, moveInput(f.u.TA1, f.u.WA1)).code).toBe('TA1');
		const e = await thrown(RuleError, () => updateUnit(f.db, f.actors.admin, f.u.TA1.id, { ...moveInput(f.u.TA1, f.u.WA1), code: 'TA2' }));
		expect(e.errors).toEqual({ code: '此单位代码已被使用' });
	});

	it('refuses a type change that its children or its parent do not allow', async () => {
		const e1 = await thrown(RuleError, () => updateUnit(f.db, f.actors.admin, f.u.WA1.id, { ...moveInput(f.u.WA1, f.u.EA1), type: 'team' }));
		expect(e1.errors).toEqual({ type: '该组织已有下级组织，不能改为此类型' });
		const e2 = await thrown(RuleError, () => updateUnit(f.db, f.actors.admin, f.u.TA1.id, { ...moveInput(f.u.TA1, f.u.WA1), type: 'enterprise' }));
		expect(e2.errors).toEqual({ type: '“机加工车间”下不能建立这一类型的组织' });
		expect(unitRow(f.u.WA1.id).type).toBe('workshop');
		expect(unitRow(f.u.TA1.id).type).toBe('team');
	});

	it('an officer may not edit outside their subtree', async () => {
		await thrown(ForbiddenError, () => updateUnit(f.db, f.actors.officerDB, f.u.TA1.id, moveInput(f.u.TA1, f.u.WA1)));
		await thrown(ForbiddenError, () => updateUnit(f.db, f.actors.officerEA1, f.u.DA.id, { parentId: f.u.FED.id, type: 'district', code: 'DA', name: 'x' }));
	});
});

describe('moving a unit', () => {
	it('rewrites the paths of the whole subtree and nothing else', () => {
		const others = allUnits().filter((u) => !u.path.startsWith(f.u.EA2.path));
		const before = lastAuditId(f.db);
		const moved = updateUnit(f.db, f.actors.admin, f.u.EA2.id, moveInput(f.u.EA2, f.u.DB));
		const base = `${f.u.DB.path}${f.u.EA2.id}/`;
		expect(moved).toMatchObject({ parentId: f.u.DB.id, path: base });
		expect(unitRow(f.u.WA2.id).path).toBe(`${base}${f.u.WA2.id}/`);
		expect(unitRow(f.u.TA2.id).path).toBe(`${base}${f.u.WA2.id}/${f.u.TA2.id}/`);
		expect(unitRow(f.u.TA2.id).parentId).toBe(f.u.WA2.id);
		for (const u of others) expect(unitRow(u.id)).toEqual(u);
		// Every path is still its parent's path plus its own id.
		for (const u of allUnits()) expect(u.path).toBe(u.parentId === null ? `/${u.id}/` : `${unitRow(u.parentId).path}${u.id}/`);
		// The enterprise is still its workers' employer.
		expect(employerOfWorker(f.w.ta2a.id)).toBe(f.u.EA2.id);
		// Now under DB (siblings by name: 东区电力… < 西区水务…): the DB officer manages it, the DA officer no longer does.
		expect(listManagedUnits(f.db, f.actors.officerDB).map((u) => u.code)).toEqual(['DB', 'EA2', 'WA2', 'TA2', 'EB1', 'WB1', 'TB1']);
		expect(listManagedUnits(f.db, f.actors.officerDA).map((u) => u.code)).toEqual(['DA', 'EA1', 'WA1', 'TA1']);
		const audit = auditSince(f.db, before);
		expect(audit.map((r) => [r.action, r.unitPath])).toEqual([['unit.move', base]]);
		expect(JSON.parse(audit[0].before!).path).toBe(f.u.EA2.path);
		expect(JSON.parse(audit[0].after!).path).toBe(base);
	});

	it('needs the officer to manage both the unit (strictly) and the new parent', async () => {
		// The DA officer manages EA2 but not DB.
		await thrown(ForbiddenError, () => updateUnit(f.db, f.actors.officerDA, f.u.EA2.id, moveInput(f.u.EA2, f.u.DB)));
		// The EA1 officer may not move EA1 itself (it is the root of their scope).
		await thrown(ForbiddenError, () => updateUnit(f.db, f.actors.officerEA1, f.u.EA1.id, moveInput(f.u.EA1, f.u.DB)));
		expect(unitRow(f.u.EA2.id).path).toBe(f.u.EA2.path);
		expect(unitRow(f.u.EA1.id).path).toBe(f.u.EA1.path);
	});

	it('cannot move a unit under itself or under its own descendant', async () => {
		for (const target of [f.u.WA1, f.u.TA1]) {
			const e = await thrown(RuleError, () => updateUnit(f.db, f.actors.admin, f.u.WA1.id, moveInput(f.u.WA1, target)));
			expect(e.errors).toEqual({ parentId: '不能移到自己或自己的下级组织之下' });
		}
		expect(unitRow(f.u.WA1.id)).toEqual(f.u.WA1);
	});

	it('moving a team to another enterprise makes that enterprise its workers’ employer', () => {
		const team = createUnit(f.db, f.actors.officerDA, { parentId: f.u.WA1.id, type: 'team', code: 'TA1-X', name: '新班' });
		const w1 = createWorker(f.db, f.actors.officerDA, { unitId: team.id, name: '钱一', employeeNo: '7001', gender: null, trade: '', skillLevel: 'none', phone: null });
		const w2 = createWorker(f.db, f.actors.officerDA, { unitId: team.id, name: '钱二', employeeNo: '7002', gender: null, trade: '', skillLevel: 'none', phone: null });
		expect(employerOfWorker(w1.id)).toBe(f.u.EA1.id);
		const moved = updateUnit(f.db, f.actors.officerDA, team.id, moveInput(team, f.u.WA2));
		expect(moved.path).toBe(`${f.u.WA2.path}${team.id}/`);
		expect([employerOfWorker(w1.id), employerOfWorker(w2.id)]).toEqual([f.u.EA2.id, f.u.EA2.id]);
		// Workers elsewhere are untouched.
		expect(employerOfWorker(f.w.workerA.id)).toBe(f.u.EA1.id);
		expect(employerOfWorker(f.w.ta2a.id)).toBe(f.u.EA2.id);
	});

	it('a workshop moved directly under a district makes the district the employer of the workers below it', () => {
		const moved = updateUnit(f.db, f.actors.officerDA, f.u.WA1.id, moveInput(f.u.WA1, f.u.DA));
		expect(moved.path).toBe(`${f.u.DA.path}${f.u.WA1.id}/`);
		expect(employerIdOf(f.db, unitRow(f.u.TA1.id))).toBe(f.u.DA.id);
		expect(employerOfWorker(f.w.workerA.id)).toBe(f.u.DA.id);
		expect(chainOf(f.db, unitRow(f.u.TA1.id)).map((u) => u.code)).toEqual(['FED', 'DA', 'WA1', 'TA1']);
	});

	it('a clash of employee numbers in the new enterprise is refused with nothing changed', async () => {
		// TA1 has 1003 (赵六) and EA2 has 1003 (周八).
		const snapshotUnits = allUnits();
		const snapshotWorkers = f.db.select().from(workers).orderBy(workers.id).all();
		const before = lastAuditId(f.db);
		const e = await thrown(RuleError, () => updateUnit(f.db, f.actors.officerDA, f.u.TA1.id, moveInput(f.u.TA1, f.u.WA2)));
		expect(e.errors).toEqual({ parentId: '移动后与新企业中已有职工的工号冲突' });
		expect(allUnits()).toEqual(snapshotUnits);
		expect(f.db.select().from(workers).orderBy(workers.id).all()).toEqual(snapshotWorkers);
		expect(lastAuditId(f.db)).toBe(before);
		// The same for the workshop above it.
		await thrown(RuleError, () => updateUnit(f.db, f.actors.admin, f.u.WA1.id, moveInput(f.u.WA1, f.u.EA2)));
		expect(allUnits()).toEqual(snapshotUnits);
		expect(f.db.select().from(workers).orderBy(workers.id).all()).toEqual(snapshotWorkers);
	});
});

describe('reading units', () => {
	it('listManagedUnits: subtree in tree order with worker counts', () => {
		expect(listManagedUnits(f.db, f.actors.officerEA1).map((u) => [u.code, u.workerCount])).toEqual([
			['EA1', 1],
			['WA1', 0],
			['TA1', 3]
		]);
		const all = listManagedUnits(f.db, f.actors.admin);
		expect(all.map((u) => u.code)).toEqual(['FED', 'DA', 'EA1', 'WA1', 'TA1', 'EA2', 'WA2', 'TA2', 'DB', 'EB1', 'WB1', 'TB1']);
		expect(Object.fromEntries(all.map((u) => [u.code, u.workerCount]))).toEqual({
			FED: 1,
			DA: 1,
			DB: 1,
			EA1: 1,
			EA2: 0,
			EB1: 0,
			WA1: 0,
			TA1: 3,
			WA2: 0,
			TA2: 2,
			WB1: 0,
			TB1: 2
		});
	});

	it('listManagedUnits refuses a worker', async () => {
		await thrown(ForbiddenError, () => listManagedUnits(f.db, f.actors.workerA));
	});

	it('getUnitForOfficer: chain, children, count, and whether it may be moved', async () => {
		const view = getUnitForOfficer(f.db, f.actors.officerEA1, f.u.WA1.id);
		expect(view.chain.map((u) => u.code)).toEqual(['FED', 'DA', 'EA1', 'WA1']);
		expect(view.children.map((u) => u.code)).toEqual(['TA1']);
		expect(view.workerCount).toBe(0);
		expect(view.canMove).toBe(true);
		expect(getUnitForOfficer(f.db, f.actors.officerEA1, f.u.EA1.id).canMove).toBe(false);
		await thrown(ForbiddenError, () => getUnitForOfficer(f.db, f.actors.officerEA1, f.u.EA2.id));
		await thrown(NotFoundError, () => findUnit(f.db, 12345));
	});

	it('a worker on a unit counts once however many units there are', () => {
		insertWorker(f.db, f.u.WA1, f.u.EA1, '8001', '甲');
		const counts = Object.fromEntries(listManagedUnits(f.db, f.actors.officerEA1).map((u) => [u.code, u.workerCount]));
		expect(counts).toEqual({ EA1: 1, WA1: 1, TA1: 3 });
	});
});

describe('deleteUnit', () => {
	it('deletes an empty unit made by mistake, audited with what it was', async () => {
		const made = createUnit(f.db, f.actors.officerEA1, { parentId: f.u.WA1.id, type: 'team', code: 'OOPS', name: '误建班组' });
		const before = lastAuditId(f.db);
		expect(deleteUnit(f.db, f.actors.officerEA1, made.id)).toEqual({ parentId: f.u.WA1.id });
		expect(f.db.select().from(units).where(eq(units.id, made.id)).get()).toBeUndefined();
		expect(auditSince(f.db, before).map((r) => [r.action, r.entityId, JSON.parse(r.before!).code])).toEqual([['unit.delete', String(made.id), 'OOPS']]);
	});

	it('refuses a unit with units under it, workers in it, or an officer scoped to it; and an officer their own unit', async () => {
		const n = f.db.select().from(units).all().length;
		for (const id of [f.u.WA1.id, f.u.TA1.id]) {
			const e = await thrown(RuleError, () => deleteUnit(f.db, f.actors.officerDA, id));
			expect(e.errors).toEqual({ _: '只能删除没有下级组织、没有职工、没有账号申请和干部任命的组织' });
		}
		const scoped = createUnit(f.db, f.actors.officerDA, { parentId: f.u.DA.id, type: 'enterprise', code: 'EMPTY', name: '空企业' });
		f.db.insert(userRoles).values({ userId: f.userIds.workerA, role: 'officer', unitId: scoped.id }).run();
		await thrown(RuleError, () => deleteUnit(f.db, f.actors.officerDA, scoped.id));
		// Their own root, another subtree, a worker, nobody.
		const empty = createUnit(f.db, f.actors.officerDA, { parentId: f.u.DA.id, type: 'enterprise', code: 'EMPTY2', name: '空企业二' });
		await thrown(ForbiddenError, () => deleteUnit(f.db, f.actors.officerDA, f.u.DA.id));
		await thrown(ForbiddenError, () => deleteUnit(f.db, f.actors.officerDB, empty.id));
		await thrown(ForbiddenError, () => deleteUnit(f.db, f.actors.workerA, empty.id));
		await thrown(NotSignedInError, () => deleteUnit(f.db, null, empty.id));
		await thrown(NotFoundError, () => deleteUnit(f.db, f.actors.officerDA, 999999));
		expect(f.db.select().from(units).all()).toHaveLength(n + 2);
	});
});

describe('getUnitForOfficer', () => {
	it("names the unit's officers, linking only those whose record the viewer may open", () => {
		const da = getUnitForOfficer(f.db, f.actors.officerDA, f.u.DA.id);
		expect(da.officers).toEqual([{ workerId: f.w.officerDA.id, name: '东区干部', canOpen: true }]);
		const ea1 = getUnitForOfficer(f.db, f.actors.officerEA1, f.u.EA1.id);
		expect(ea1.officers).toEqual([{ workerId: f.w.officerEA1.id, name: '机械厂干部', canOpen: true }]);
		// The district itself is outside the enterprise officer's subtree.
		expect(() => getUnitForOfficer(f.db, f.actors.officerEA1, f.u.DA.id)).toThrow(ForbiddenError);
		// An officer of the enterprise whose record sits in the district is named but not linked for the enterprise officer.
		f.db.insert(userRoles).values({ userId: f.userIds.officerDA, role: 'officer', unitId: f.u.EA1.id }).run();
		expect(getUnitForOfficer(f.db, f.actors.officerEA1, f.u.EA1.id).officers).toEqual([
			{ workerId: f.w.officerDA.id, name: '东区干部', canOpen: false },
			{ workerId: f.w.officerEA1.id, name: '机械厂干部', canOpen: true }
		]);
	});
});
