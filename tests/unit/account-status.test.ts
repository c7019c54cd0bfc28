import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setAccountStatus, signIn } from '$lib/server/accounts';
import { createSession, generateSessionToken, validateSessionToken } from '$lib/server/auth/session';
import { loadActor } from '$lib/server/auth/actor';
import { users, workers } from '$lib/server/db/schema';
import { ForbiddenError, NotSignedInError, RuleError } from '$lib/server/errors';
import { auditSince, lastAuditId, makeFixture, PASSWORD, thrown, type Fixture } from './helpers';

let f: Fixture;
beforeEach(async () => {
	f = await makeFixture();
});

const statusOf = (userId: number) => f.db.select({ s: users.status }).from(users).where(eq(users.id, userId)).get()!.s;

describe('setAccountStatus', () => {
	it('stops an account: its sessions end, it cannot sign in, and restoring it lets it back in', async () => {
		const token = generateSessionToken();
		createSession(f.db, token, f.userIds.workerA);
		const before = lastAuditId(f.db);
		setAccountStatus(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, active: false });
		expect(statusOf(f.userIds.workerA)).toBe('disabled');
		expect(validateSessionToken(f.db, token)).toBeNull();
		expect(loadActor(f.db, f.userIds.workerA)).toBeNull();
		expect(await signIn(f.db, { identifier: '13800000005', password: PASSWORD, ip: '10.1.1.1' })).toEqual({
			ok: false,
			field: 'identifier',
			message: '此账号已停用，请联系本单位工会干部'
		});
		expect(auditSince(f.db, before).map((r) => [r.action, r.actorUserId, r.before, r.after])).toEqual([
			['account.disable', f.userIds.officerEA1, JSON.stringify({ status: 'active' }), JSON.stringify({ status: 'disabled' })]
		]);

		setAccountStatus(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, active: true });
		expect(statusOf(f.userIds.workerA)).toBe('active');
		expect(await signIn(f.db, { identifier: '13800000005', password: PASSWORD, ip: '10.1.1.1' })).toEqual({ ok: true, userId: f.userIds.workerA });
	});

	it('setting the status it already has writes nothing', () => {
		const before = lastAuditId(f.db);
		setAccountStatus(f.db, f.actors.officerEA1, { workerId: f.w.workerA.id, active: true });
		expect(lastAuditId(f.db)).toBe(before);
	});

	it('is refused outside the subtree, for an account that can grant more, for oneself, and without an account', async () => {
		await thrown(ForbiddenError, () => setAccountStatus(f.db, f.actors.officerDB, { workerId: f.w.workerA.id, active: false }));
		await thrown(ForbiddenError, () => setAccountStatus(f.db, f.actors.workerB, { workerId: f.w.workerA.id, active: false }));
		await thrown(NotSignedInError, () => setAccountStatus(f.db, null, { workerId: f.w.workerA.id, active: false }));
		// The district officer's record sits in the district: an enterprise officer cannot reach it, and
		// the district officer cannot stop the federation admin who outranks them.
		await thrown(ForbiddenError, () => setAccountStatus(f.db, f.actors.officerEA1, { workerId: f.w.officerDA.id, active: false }));
		const own = await thrown(RuleError, () => setAccountStatus(f.db, f.actors.officerDA, { workerId: f.w.officerDA.id, active: false }));
		expect(own.errors).toEqual({ _: '不能停用自己的账号' });
		const none = await thrown(RuleError, () => setAccountStatus(f.db, f.actors.officerEA1, { workerId: f.w.ta1b.id, active: false }));
		expect(none.errors).toEqual({ _: '该职工尚未开通账号' });
		expect(statusOf(f.userIds.workerA)).toBe('active');
		expect(statusOf(f.userIds.officerDA)).toBe('active');
	});

	it('an officer cannot stop an officer whose scope is wider than their own', async () => {
		// Put the district officer's record inside the enterprise: the enterprise officer now reaches
		// the record, but not the district-wide role it holds.
		f.db.update(workers).set({ unitId: f.u.TA1.id }).where(eq(workers.id, f.w.officerDA.id)).run();
		await thrown(ForbiddenError, () => setAccountStatus(f.db, f.actors.officerEA1, { workerId: f.w.officerDA.id, active: false }));
		expect(statusOf(f.userIds.officerDA)).toBe('active');
		setAccountStatus(f.db, f.actors.admin, { workerId: f.w.officerDA.id, active: false });
		expect(statusOf(f.userIds.officerDA)).toBe('disabled');
	});
});
