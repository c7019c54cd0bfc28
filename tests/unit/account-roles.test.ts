import { beforeEach, describe, expect, it } from 'vitest';
import { changePassword, myAccount, setRole, signIn } from '$lib/server/accounts';
import { createSession, generateSessionToken, sessionIdOf, validateSessionToken } from '$lib/server/auth/session';
import { loadActor } from '$lib/server/auth/actor';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '$lib/server/errors';
import { auditSince, lastAuditId, makeFixture, PASSWORD, thrown, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

describe('setRole', () => {
	it('an officer grants an officer role scoped inside their subtree, and it shows in the actor', () => {
		const before = lastAuditId(f.db);
		setRole(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.TA1.id, grant: true });
		expect(loadActor(f.db, f.userIds.workerA)!.officerScopes).toEqual([{ unitId: f.u.TA1.id, path: f.u.TA1.path, name: '数控一班' }]);
		// Granting twice changes nothing.
		setRole(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.TA1.id, grant: true });
		expect(loadActor(f.db, f.userIds.workerA)!.officerScopes).toHaveLength(1);
		setRole(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.TA1.id, grant: false });
		expect(loadActor(f.db, f.userIds.workerA)!.roles).toEqual(['worker']);
		// The repeated grant changed nothing, so it wrote nothing.
		expect(auditSince(f.db, before).map((r) => [r.action, r.actorUserId, r.entityId, r.unitPath])).toEqual([
			['role.grant', f.userIds.officerEA1, String(f.userIds.workerA), f.u.TA1.path],
			['role.revoke', f.userIds.officerEA1, String(f.userIds.workerA), f.u.TA1.path]
		]);
	});

	it('refuses a scope at, above or beside the officer, a worker outside it, and admin for non-admins', async () => {
		// A peer at the officer's own unit is appointed by a higher officer: peers cannot take over each other.
		await thrown(ForbiddenError, () => setRole(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.EA1.id, grant: true }));
		setRole(f.db, f.actors.officerDA, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.EA1.id, grant: true });
		await thrown(ForbiddenError, () => setRole(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, role: 'judge', unitId: null, grant: true }));
		setRole(f.db, f.actors.officerDA, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.EA1.id, grant: false });
		await thrown(ForbiddenError, () => setRole(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.DA.id, grant: true }));
		await thrown(ForbiddenError, () => setRole(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, role: 'officer', unitId: f.u.EA2.id, grant: true }));
		await thrown(ForbiddenError, () => setRole(f.db, f.actors.officerDB, { workerId: f.w.workerA.id, role: 'judge', unitId: null, grant: true }));
		await thrown(ForbiddenError, () => setRole(f.db, f.actors.officerDA, { workerId: f.w.workerA.id, role: 'admin', unitId: null, grant: true }));
		await thrown(ForbiddenError, () => setRole(f.db, f.actors.workerA, { workerId: f.w.workerA.id, role: 'judge', unitId: null, grant: true }));
		await thrown(NotSignedInError, () => setRole(f.db, null, { workerId: f.w.workerA.id, role: 'judge', unitId: null, grant: true }));
		expect(loadActor(f.db, f.userIds.workerA)!.roles).toEqual(['worker']);
	});

	it('refuses the worker role, a worker without an account, an officer role without a unit, and changing one’s own roles', async () => {
		expect((await thrown(RuleError, () => setRole(f.db, f.actors.admin, { workerId: f.w.workerA.id, role: 'worker', unitId: null, grant: false }))).errors).toEqual({ role: '请从列表中选择' });
		expect((await thrown(RuleError, () => setRole(f.db, f.actors.admin, { workerId: f.w.ta1b.id, role: 'judge', unitId: null, grant: true }))).errors).toEqual({ role: '该职工尚未开通账号' });
		expect((await thrown(RuleError, () => setRole(f.db, f.actors.admin, { workerId: f.w.workerA.id, role: 'officer', unitId: null, grant: true }))).errors).toEqual({ unitId: '此项必填' });
		expect((await thrown(RuleError, () => setRole(f.db, f.actors.admin, { workerId: f.w.admin.id, role: 'admin', unitId: null, grant: false }))).errors).toEqual({ role: '不能修改自己的角色' });
		expect((await thrown(RuleError, () => setRole(f.db, f.actors.officerEA1, { workerId: f.w.officerEA1.id, role: 'judge', unitId: null, grant: true }))).errors).toEqual({ role: '不能修改自己的角色' });
		await thrown(NotFoundError, () => setRole(f.db, f.actors.admin, { workerId: 99_999, role: 'judge', unitId: null, grant: true }));
		expect(loadActor(f.db, f.userIds.admin)!.roles).toEqual(['worker', 'admin']);
	});

	it('an admin grants and revokes another admin', () => {
		setRole(f.db, f.actors.admin, { workerId: f.w.workerB.id, role: 'admin', unitId: null, grant: true });
		expect(loadActor(f.db, f.userIds.workerB)!.roles).toEqual(['worker', 'admin']);
		setRole(f.db, f.actors.admin, { workerId: f.w.workerB.id, role: 'admin', unitId: null, grant: false });
		expect(loadActor(f.db, f.userIds.workerB)!.roles).toEqual(['worker']);
	});
});

describe('changePassword', () => {
	it('checks the current password and refuses the same one again', async () => {
		expect((await thrown(RuleError, () => changePassword(f.db, f.actors.workerA, { current: 'Wrong2026', next: 'Newer2026' }, null))).errors).toEqual({
			current: '当前密码不正确'
		});
		expect((await thrown(RuleError, () => changePassword(f.db, f.actors.workerA, { current: PASSWORD, next: PASSWORD }, null))).errors).toEqual({
			next: '新密码不能与当前密码相同'
		});
		await thrown(NotSignedInError, () => changePassword(f.db, null, { current: PASSWORD, next: 'Newer2026' }, null));
	});

	it('changes it, keeps this session, ends the others, and audits it', async () => {
		const here = generateSessionToken();
		const elsewhere = generateSessionToken();
		const someoneElse = generateSessionToken();
		createSession(f.db, here, f.userIds.workerA);
		createSession(f.db, elsewhere, f.userIds.workerA);
		createSession(f.db, someoneElse, f.userIds.workerB);
		const before = lastAuditId(f.db);
		await changePassword(f.db, f.actors.workerA, { current: PASSWORD, next: 'Newer2026' }, sessionIdOf(here));
		expect(validateSessionToken(f.db, here)?.userId).toBe(f.userIds.workerA);
		expect(validateSessionToken(f.db, elsewhere)).toBeNull();
		expect(validateSessionToken(f.db, someoneElse)?.userId).toBe(f.userIds.workerB);
		expect(auditSince(f.db, before).map((r) => [r.action, r.actorUserId])).toEqual([['account.change_password', f.userIds.workerA]]);
		expect(await signIn(f.db, { identifier: '13800000005', password: 'Newer2026', ip: '10.9.9.9' })).toEqual({ ok: true, userId: f.userIds.workerA });
	});
});

describe('myAccount', () => {
	it('returns the signed-in person’s own record and unit', async () => {
		const mine = myAccount(f.db, f.actors.workerA);
		expect([mine.worker.id, mine.unit.id, mine.roles]).toEqual([f.w.workerA.id, f.u.TA1.id, ['worker']]);
		await thrown(NotSignedInError, () => myAccount(f.db, null));
	});
});
