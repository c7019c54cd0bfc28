import { beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { AUDIT_PAGE_SIZE, auditForEntity, listAudit, verifyAuditChain, writeAudit } from '$lib/server/audit';
import { createUnit, updateUnit } from '$lib/server/units';
import type { Actor } from '$lib/server/auth/actor';
import { createWorker, updateWorker } from '$lib/server/people';
import { issueCodes, setRole, signIn } from '$lib/server/accounts';
import { ForbiddenError, NotSignedInError } from '$lib/server/errors';
import { auditSince, lastAuditId, makeFixture, PASSWORD, thrown, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

const sqlite = () => f.db.$client;
/** The documented content of a row's hash: previous hash, then every column but id and the hashes. */
const canonicalOf = (prevHash: string, r: ReturnType<typeof auditSince>[number]) =>
	JSON.stringify([prevHash, r.at.getTime(), r.actorUserId, r.actorName, r.action, r.entityType, r.entityId, r.unitPath, r.unitId, r.before, r.after, r.ip]);
const newWorker = (unitId: number, employeeNo: string) =>
	createWorker(f.db, f.actors.admin, { unitId, name: `职工${employeeNo}`, employeeNo, gender: null, trade: '', skillLevel: 'none', phone: null });

/** A few mutations in different parts of the tree. */
function someHistory() {
	const wa = newWorker(f.u.TA1.id, '9001');
	newWorker(f.u.TB1.id, '9002');
	createUnit(f.db, f.actors.officerDA, { parentId: f.u.EA2.id, type: 'workshop', code: 'WA2-B', name: '新车间' });
	updateWorker(f.db, f.actors.officerEA1, wa.id, { unitId: f.u.TA1.id, name: '改名', employeeNo: '9001', gender: 'male', trade: '', skillLevel: 'none', phone: null });
	writeAudit(f.db, null, { action: 'system.note', entityType: 'system', entityId: 0 });
	return wa;
}

describe('writeAudit', () => {
	it('chains each row to the previous one, starting from the genesis hash', () => {
		expect(lastAuditId(f.db)).toBe(0);
		someHistory();
		const rows = auditSince(f.db);
		expect(rows).toHaveLength(5);
		expect(rows[0].prevHash).toBe('0'.repeat(64));
		for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
		for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
	});

	it('the hash is SHA-256 over the previous hash and the row content', () => {
		writeAudit(f.db, { userId: 7, name: '某人', ip: '10.0.0.1' }, { action: 'x.y', entityType: 'thing', entityId: 42, unitPath: '/1/', before: { a: 1 }, after: { a: 2 } });
		const [row] = auditSince(f.db);
		expect(row).toMatchObject({ actorUserId: 7, actorName: '某人', action: 'x.y', entityType: 'thing', entityId: '42', unitPath: '/1/', before: '{"a":1}', after: '{"a":2}', ip: '10.0.0.1' });
		const canonical = JSON.stringify(['0'.repeat(64), row.at.getTime(), 7, '某人', 'x.y', 'thing', '42', '/1/', 1, '{"a":1}', '{"a":2}', '10.0.0.1']);
		expect(canonicalOf(row.prevHash, row)).toBe(canonical);
		expect(row.hash).toBe(createHash('sha256').update(canonical).digest('hex'));
	});

	it('an anonymous step has no actor id and a dash for a name', () => {
		writeAudit(f.db, null, { action: 'a', entityType: 'b', entityId: 'c' });
		expect(auditSince(f.db)[0]).toMatchObject({ actorUserId: null, actorName: '—', unitPath: null, before: null, after: null, ip: null });
	});

	it('is rolled back with the transaction it belongs to', () => {
		expect(() =>
			f.db.transaction((tx) => {
				writeAudit(tx, null, { action: 'doomed', entityType: 'x', entityId: 1 });
				throw new Error('boom');
			})
		).toThrow('boom');
		expect(lastAuditId(f.db)).toBe(0);
	});
});

describe('every mutation writes its row', () => {
	it('unit, worker, code and role mutations name the actor, the action and the states', async () => {
		const unit = createUnit(f.db, f.actors.officerEA1, { parentId: f.u.WA1.id, type: 'team', code: 'TA1-B', name: '数控二班' });
		const worker = createWorker(f.db, f.actors.officerEA1, { unitId: unit.id, name: '新人', employeeNo: '9100', gender: null, trade: '', skillLevel: 'none', phone: null });
		const updated = updateWorker(f.db, f.actors.officerEA1, worker.id, { unitId: unit.id, name: '新人甲', employeeNo: '9100', gender: 'female', trade: '', skillLevel: 'junior', phone: null });
		issueCodes(f.db, f.actors.officerEA1, [worker.id]);
		setRole(f.db, f.actors.officerDA, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.TA1.id, grant: true });
		setRole(f.db, f.actors.admin, { workerId: f.w.workerA.id, role: 'judge', unitId: null, grant: true });
		setRole(f.db, f.actors.admin, { workerId: f.w.workerA.id, role: 'judge', unitId: null, grant: false });
		await signIn(f.db, { identifier: '13800000005', password: PASSWORD, ip: '192.0.2.1' });
		const rows = auditSince(f.db);
		expect(rows.map((r) => [r.action, r.actorUserId, r.entityType, r.entityId])).toEqual([
			['unit.create', f.userIds.officerEA1, 'unit', String(unit.id)],
			['worker.create', f.userIds.officerEA1, 'worker', String(worker.id)],
			['worker.update', f.userIds.officerEA1, 'worker', String(worker.id)],
			['code.issue.activation', f.userIds.officerEA1, 'worker', String(worker.id)],
			['role.grant', f.userIds.officerDA, 'user', String(f.userIds.workerA)],
			['role.grant', f.userIds.admin, 'user', String(f.userIds.workerA)],
			['role.revoke', f.userIds.admin, 'user', String(f.userIds.workerA)],
			['auth.sign_in', f.userIds.workerA, 'user', String(f.userIds.workerA)]
		]);
		expect(JSON.parse(rows[2].before!)).toEqual(JSON.parse(JSON.stringify(worker)));
		expect(JSON.parse(rows[2].after!)).toEqual(JSON.parse(JSON.stringify(updated)));
		expect(JSON.parse(rows[4].after!)).toEqual({ role: 'officer', unitId: f.u.TA1.id });
		expect(JSON.parse(rows[6].after!)).toEqual({ role: 'judge', unitId: 0 });
		expect(rows.map((r) => r.actorName)).toEqual(['机械厂干部', '机械厂干部', '机械厂干部', '机械厂干部', '东区干部', '管理员', '管理员', '张三']);
		expect(verifyAuditChain(f.db)).toEqual([]);
	});

	it('auditForEntity returns one record’s history, newest first', () => {
		const w = someHistory();
		expect(auditForEntity(f.db, 'worker', w.id).map((r) => r.action)).toEqual(['worker.update', 'worker.create']);
	});
});

describe('verifyAuditChain', () => {
	it('is empty for an untouched log, empty or not', () => {
		expect(verifyAuditChain(f.db)).toEqual([]);
		someHistory();
		expect(verifyAuditChain(f.db)).toEqual([]);
	});

	it('names a row whose content was changed directly in the database', () => {
		someHistory();
		const rows = auditSince(f.db);
		sqlite().prepare("update audit_log set after = replace(after, '改名', '别名') where id = ?").run(rows[3].id);
		expect(verifyAuditChain(f.db)).toEqual([rows[3].id]);
	});

	it('catches a change to any column of a row', () => {
		someHistory();
		const target = auditSince(f.db)[1];
		const edits: [string, unknown][] = [
			['at', target.at.getTime() + 1],
			['actor_user_id', 999],
			['actor_name', '别人'],
			['action', 'worker.delete'],
			['entity_type', 'unit'],
			['entity_id', '12345'],
			['unit_path', '/1/'],
			['before', '{}'],
			['after', null],
			['ip', '6.6.6.6']
		];
		for (const [column, value] of edits) {
			const original = sqlite().prepare(`select ${column} as v from audit_log where id = ?`).get(target.id) as { v: unknown };
			sqlite().prepare(`update audit_log set ${column} = ? where id = ?`).run(value, target.id);
			expect(verifyAuditChain(f.db), `tampering with ${column}`).toEqual([target.id]);
			sqlite().prepare(`update audit_log set ${column} = ? where id = ?`).run(original.v, target.id);
			expect(verifyAuditChain(f.db)).toEqual([]);
		}
	});

	it('a rewritten row with a recomputed hash breaks the link to the next row', () => {
		someHistory();
		const rows = auditSince(f.db);
		const forged = { ...rows[2], actorName: '别人' };
		const hash = createHash('sha256').update(canonicalOf(forged.prevHash, forged)).digest('hex');
		sqlite().prepare('update audit_log set actor_name = ?, hash = ? where id = ?').run(forged.actorName, hash, rows[2].id);
		expect(verifyAuditChain(f.db)).toEqual([rows[3].id]);
	});

	it('a deleted row is noticed at the row after it', () => {
		someHistory();
		const rows = auditSince(f.db);
		sqlite().prepare('delete from audit_log where id = ?').run(rows[1].id);
		expect(verifyAuditChain(f.db)).toEqual([rows[2].id]);
	});
});

describe('listAudit', () => {
	it('shows an officer only the rows of their subtree, newest first', () => {
		someHistory();
		const actions = (actor = f.actors.officerEA1) => listAudit(f.db, actor, {}).rows.map((r) => [r.action, r.unitPath]);
		expect(actions()).toEqual([
			['worker.update', f.u.TA1.path],
			['worker.create', f.u.TA1.path]
		]);
		expect(actions(f.actors.officerDA).map(([a]) => a)).toEqual(['worker.update', 'unit.create', 'worker.create']);
		expect(actions(f.actors.officerDB)).toEqual([['worker.create', f.u.TB1.path]]);
	});

	it('gives an admin everything, including rows without a unit', () => {
		someHistory();
		const rows = listAudit(f.db, f.actors.admin, {}).rows;
		expect(rows.map((r) => r.id)).toEqual(auditSince(f.db).map((r) => r.id).reverse());
		expect(rows[0].action).toBe('system.note');
	});

	it('filters by action prefix and pages by id', () => {
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) newWorker(f.u.TA1.id, `B${i}`);
		someHistory();
		const first = listAudit(f.db, f.actors.officerEA1, { action: 'worker.create' });
		expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.rows.every((r) => r.action === 'worker.create')).toBe(true);
		expect(first.next).toBe(first.rows[AUDIT_PAGE_SIZE - 1].id);
		const second = listAudit(f.db, f.actors.officerEA1, { action: 'worker.create', before: first.next! });
		expect(second.rows).toHaveLength(6);
		expect(second.next).toBeNull();
		expect(second.rows.every((r) => r.id < first.next!)).toBe(true);
		expect(listAudit(f.db, f.actors.officerEA1, { action: 'worker.' }).rows.filter((r) => r.action === 'worker.update')).toHaveLength(1);
	});

	it('refuses a plain worker and a visitor', async () => {
		await thrown(ForbiddenError, () => listAudit(f.db, f.actors.workerA, {}));
		await thrown(NotSignedInError, () => listAudit(f.db, null, {}));
	});
});

describe('the log follows units that move', () => {
	it('an officer sees the history of a unit now in their subtree, and keeps seeing what happened in theirs before it left', () => {
		// Something happens in TB1 (西区), then TB1's workshop moves into 东区.
		updateWorker(f.db, f.actors.officerDB, f.w.tb1a.id, { unitId: f.u.TB1.id, name: '吴九改', employeeNo: '3001', gender: null, trade: '', skillLevel: 'none', phone: null });
		const entry = (actor: Actor) => listAudit(f.db, actor, { action: 'worker.update' }).rows.map((r) => r.entityId);
		expect(entry(f.actors.officerDB)).toEqual([String(f.w.tb1a.id)]);
		expect(entry(f.actors.officerDA)).toEqual([]);
		updateUnit(f.db, f.actors.admin, f.u.WB1.id, { parentId: f.u.DA.id, type: 'workshop', code: 'WB1', name: '第一水厂' });
		expect(entry(f.actors.officerDA)).toEqual([String(f.w.tb1a.id)]);
		expect(entry(f.actors.officerDB)).toEqual([String(f.w.tb1a.id)]);
		expect(verifyAuditChain(f.db)).toEqual([]);
	});

	it('changing the unit a row belongs to breaks the chain', () => {
		updateWorker(f.db, f.actors.officerDB, f.w.tb1a.id, { unitId: f.u.TB1.id, name: '吴九改', employeeNo: '3001', gender: null, trade: '', skillLevel: 'none', phone: null });
		const row = listAudit(f.db, f.actors.admin, { action: 'worker.update' }).rows[0];
		f.db.$client.prepare('update audit_log set unit_id = ? where id = ?').run(f.u.TA1.id, row.id);
		expect(verifyAuditChain(f.db)).toEqual([row.id]);
	});
});
