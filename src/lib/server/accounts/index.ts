import { and, asc, eq, gt, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { accountRequests, activationCodes, units, userRoles, users, workers, type Role } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, scopeOf } from '../auth/policy';
import { loadActor } from '../auth/actor';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import {
	ACCOUNT_LOCK_MS,
	ACCOUNT_MAX_FAILURES,
	ADDRESS_LOCK_MS,
	ADDRESS_MAX_FAILURES,
	ADDRESS_WINDOW_MS,
	accountKey,
	activationKey,
	addressKey,
	clearFailures,
	lockedFor,
	minutesOf,
	recordFailure,
	requestKey,
	REQUESTS_PER_HOUR,
	HOUR_MS
} from '../auth/throttle';
import { employerIdOf, findUnit, findUnitByCode } from '../units';
import { findByEmployeeNo, findWorker } from '../people';
import { CODE_VALID_MS, generateCode, hashCode } from './codes';
import { assertMayManageAccounts, mayManageAccounts, revokeOpenCodes } from './guard';


/* ---------------------------------------------------------------- sign-in */

export type SignInResult = { ok: true; userId: number } | { ok: false; field: 'identifier' | 'password'; message: string };

/**
 * Finds the account for a phone number, an employee number, or "unit code/employee
 * number" when the same employee number exists in several enterprises.
 */
type AccountRow = { userId: number; passwordHash: string; status: string; name: string; unitPath: string };

export function resolveAccount(db: DB, identifier: string): AccountRow | 'ambiguous' | null {
	const select = () =>
		db
			.select({ userId: users.id, passwordHash: users.passwordHash, status: users.status, name: workers.name, unitPath: units.path })
			.from(users)
			.innerJoin(workers, eq(workers.id, users.workerId))
			.innerJoin(units, eq(units.id, workers.unitId));
	const slash = identifier.indexOf('/');
	if (slash > 0) {
		const unit = findUnitByCode(db, identifier.slice(0, slash).trim());
		if (!unit) return null;
		return select().where(and(eq(workers.employerId, employerIdOf(db, unit)), eq(workers.employeeNo, identifier.slice(slash + 1).trim()))).get() ?? null;
	}
	const byPhone = select().where(eq(workers.phone, identifier)).all();
	if (byPhone.length === 1) return byPhone[0];
	const byNo = select().where(eq(workers.employeeNo, identifier)).all();
	if (byNo.length > 1 || byPhone.length > 1) return 'ambiguous';
	return byNo[0] ?? null;
}

export async function signIn(db: DB, input: { identifier: string; password: string; ip: string }): Promise<SignInResult> {
	const tooMany = (ms: number): SignInResult => ({ ok: false, field: 'password', message: m.err_locked({ minutes: minutesOf(ms) }) });
	const addressLock = lockedFor(db, addressKey(input.ip));
	if (addressLock) return tooMany(addressLock);
	const account = resolveAccount(db, input.identifier.trim());
	if (account === 'ambiguous') return { ok: false, field: 'identifier', message: m.err_identifier_ambiguous() };
	if (account) {
		const accountLock = lockedFor(db, accountKey(account.userId));
		if (accountLock) return tooMany(accountLock);
	}
	const valid = account ? await verifyPassword(account.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
	if (valid && account!.status !== 'active') return { ok: false, field: 'identifier', message: m.err_account_disabled() };
	if (valid) {
		db.transaction((tx) => {
			clearFailures(tx, accountKey(account!.userId));
			writeAudit(tx, { userId: account!.userId, name: account!.name, ip: input.ip }, { action: 'auth.sign_in', entityType: 'user', entityId: account!.userId, unitPath: account!.unitPath });
		});
		return { ok: true, userId: account!.userId };
	}
	const lockMs = db.transaction((tx) => {
		const addressLocked = recordFailure(tx, addressKey(input.ip), ADDRESS_MAX_FAILURES, ADDRESS_LOCK_MS, ADDRESS_WINDOW_MS);
		const accountLocked = account ? recordFailure(tx, accountKey(account.userId), ACCOUNT_MAX_FAILURES, ACCOUNT_LOCK_MS) : 0;
		if (account) {
			writeAudit(tx, { userId: null, name: account.name, ip: input.ip }, {
				action: accountLocked ? 'auth.locked' : 'auth.sign_in_failed',
				entityType: 'user',
				entityId: account.userId,
				unitPath: account.unitPath
			});
		}
		return Math.max(addressLocked, accountLocked);
	});
	if (lockMs) return tooMany(lockMs);
	return { ok: false, field: 'password', message: m.err_bad_credentials() };
}

/** Makes the account of a worker record: every account holds the worker role. */
function createAccount(tx: Tx, workerId: number, passwordHash: string) {
	const now = new Date();
	const user = tx.insert(users).values({ workerId, passwordHash, createdAt: now, passwordChangedAt: now }).returning().get();
	tx.insert(userRoles).values({ userId: user.id, role: 'worker', unitId: 0 }).run();
	return user;
}

/* ------------------------------------------------------- activation codes */

export interface IssuedCode {
	workerId: number;
	name: string;
	employeeNo: string;
	unitName: string;
	code: string;
	purpose: 'activation' | 'reset';
	expiresAt: Date;
}

/**
 * Issues one-time codes: to activate an account, or (for a worker who has one)
 * to reset a forgotten password. Earlier unused codes of those workers stop working.
 * Codes are shown once; only their hashes are kept.
 */
/** One printed list at a time; also keeps each query well under SQLite's variable limit. */
export const MAX_CODES_AT_ONCE = 500;

export function issueCodes(db: DB, actor: Actor | null, workerIds: number[]): IssuedCode[] {
	authorize(actor, 'officer.area');
	if (workerIds.length === 0) throw new RuleError({ workerIds: m.err_pick_workers() });
	if (workerIds.length > MAX_CODES_AT_ONCE) throw new RuleError({ workerIds: m.err_too_many_codes({ max: MAX_CODES_AT_ONCE }) });
	const rows = db
		.select({ worker: workers, unitName: units.name, unitPath: units.path, userId: users.id })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.leftJoin(users, eq(users.workerId, workers.id))
		.where(inArray(workers.id, workerIds))
		.all();
	if (rows.length !== new Set(workerIds).size) throw new NotFoundError('worker');
	for (const r of rows) authorize(actor, 'code.issue', { unitPath: r.unitPath });
	assertMayManageAccounts(db, actor, rows.flatMap((r) => (r.userId ? [r.userId] : [])));
	const now = new Date();
	const expiresAt = new Date(now.getTime() + CODE_VALID_MS);
	return db.transaction((tx) => {
		revokeOpenCodes(tx, workerIds, now);
		return rows.map((r) => {
			const code = generateCode();
			const purpose = r.userId ? ('reset' as const) : ('activation' as const);
			tx.insert(activationCodes).values({ workerId: r.worker.id, codeHash: hashCode(code), purpose, issuedBy: actor!.userId, createdAt: now, expiresAt }).run();
			writeAudit(tx, actor, { action: `code.issue.${purpose}`, entityType: 'worker', entityId: r.worker.id, unitPath: r.unitPath, after: { expiresAt } });
			return { workerId: r.worker.id, name: r.worker.name, employeeNo: r.worker.employeeNo, unitName: r.unitName, code, purpose, expiresAt };
		});
	});
}

/** Workers of a unit's subtree who have no account yet: the team an officer prints codes for. */
export function workersWithoutAccount(db: DB, actor: Actor | null, unitId: number) {
	authorize(actor, 'officer.area');
	const unit = findUnit(db, unitId);
	authorize(actor, 'code.issue', { unitPath: unit.path });
	return db
		.select({ id: workers.id, name: workers.name, employeeNo: workers.employeeNo, unitName: units.name })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.leftJoin(users, eq(users.workerId, workers.id))
		.where(and(like(units.path, `${unit.path}%`), isNull(users.id)))
		.orderBy(asc(units.path), asc(workers.employeeNo))
		.all();
}

export const ACTIVATION_MAX_FAILURES = 20;

/**
 * Activates an account (or resets its password) with employee number + one-time
 * code. Returns the account id so the caller can sign the person in.
 */
export async function activate(db: DB, input: { employeeNo: string; code: string; password: string; ip: string }): Promise<number> {
	const locked = lockedFor(db, activationKey(input.ip));
	if (locked) throw new RuleError({ code: m.err_locked({ minutes: minutesOf(locked) }) });
	const now = Date.now();
	const found = db
		.select({ code: activationCodes, worker: workers, unitPath: units.path })
		.from(activationCodes)
		.innerJoin(workers, eq(workers.id, activationCodes.workerId))
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(activationCodes.codeHash, hashCode(input.code)), isNull(activationCodes.usedAt), isNull(activationCodes.revokedAt), gt(activationCodes.expiresAt, new Date(now))))
		.get();
	if (!found || found.worker.employeeNo !== input.employeeNo.trim()) {
		const lockMs = db.transaction((tx) => recordFailure(tx, activationKey(input.ip), ACTIVATION_MAX_FAILURES, ADDRESS_LOCK_MS, ADDRESS_WINDOW_MS));
		throw new RuleError({ code: lockMs ? m.err_locked({ minutes: minutesOf(lockMs) }) : m.err_bad_code() });
	}
	// The account may have changed since the code was issued: an activation code is for a
	// worker without an account, and a reset code only while its issuer could still issue it.
	const existing = db.select().from(users).where(eq(users.workerId, found.worker.id)).get();
	const issuer = loadActor(db, found.code.issuedBy);
	const stillGood =
		found.code.purpose === 'activation'
			? !existing
			: !!existing && !!issuer && can(issuer, 'code.issue', { unitPath: found.unitPath }) && mayManageAccounts(db, issuer, [existing.id]);
	if (!stillGood) {
		db.transaction((tx) => {
			revokeOpenCodes(tx, [found.worker.id]);
			writeAudit(tx, { userId: null, name: found.worker.name, ip: input.ip }, { action: 'code.refuse', entityType: 'worker', entityId: found.worker.id, unitPath: found.unitPath });
		});
		throw new RuleError({ code: m.err_code_stale() });
	}
	if (existing && existing.status !== 'active') throw new RuleError({ code: m.err_account_disabled() });
	const passwordHash = await hashPassword(input.password);
	return db.transaction((tx) => {
		// Re-read inside the transaction: a code is good for exactly one use.
		const used = tx.update(activationCodes).set({ usedAt: new Date() }).where(and(eq(activationCodes.id, found.code.id), isNull(activationCodes.usedAt))).run();
		if (used.changes !== 1) throw new RuleError({ code: m.err_bad_code() });
		const actorOf = (userId: number) => ({ userId, name: found.worker.name, ip: input.ip });
		if (existing) {
			tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, existing.id)).run();
			invalidateUserSessions(tx, existing.id);
			writeAudit(tx, actorOf(existing.id), { action: 'account.reset_password', entityType: 'user', entityId: existing.id, unitPath: found.unitPath });
			return existing.id;
		}
		const user = createAccount(tx, found.worker.id, passwordHash);
		writeAudit(tx, actorOf(user.id), { action: 'account.activate', entityType: 'user', entityId: user.id, unitPath: found.unitPath, after: { workerId: found.worker.id } });
		return user.id;
	});
}

/* ------------------------------------------------------ account requests */

export interface AccountRequestInput {
	unitCode: string;
	name: string;
	employeeNo: string;
	phone: string;
	trade: string;
	password: string;
	/** the client address: requests are limited per address */
	ip: string;
}

export async function requestAccount(db: DB, input: AccountRequestInput): Promise<void> {
	const locked = lockedFor(db, requestKey(input.ip));
	if (locked) throw new RuleError({ _: m.err_locked({ minutes: minutesOf(locked) }) });
	const unit = findUnitByCode(db, input.unitCode);
	if (!unit) throw new RuleError({ unitCode: m.err_unit_code_unknown() });
	const employerId = employerIdOf(db, unit);
	const existing = db
		.select({ userId: users.id })
		.from(workers)
		.innerJoin(users, eq(users.workerId, workers.id))
		.where(and(eq(workers.employerId, employerId), eq(workers.employeeNo, input.employeeNo)))
		.get();
	if (existing) throw new RuleError({ employeeNo: m.err_account_exists() });
	const pending = db
		.select({ id: accountRequests.id })
		.from(accountRequests)
		.where(and(eq(accountRequests.unitId, unit.id), eq(accountRequests.employeeNo, input.employeeNo), eq(accountRequests.status, 'pending')))
		.get();
	if (pending) throw new RuleError({ employeeNo: m.err_request_pending() });
	const passwordHash = await hashPassword(input.password);
	db.transaction((tx) => {
		const req = tx
			.insert(accountRequests)
			.values({ unitId: unit.id, name: input.name, employeeNo: input.employeeNo, phone: input.phone, trade: input.trade, passwordHash, createdAt: new Date() })
			.returning({ id: accountRequests.id })
			.get();
		recordFailure(tx, requestKey(input.ip), REQUESTS_PER_HOUR, HOUR_MS, HOUR_MS);
		writeAudit(tx, { userId: null, name: input.name, ip: input.ip }, { action: 'request.create', entityType: 'account_request', entityId: req.id, unitPath: unit.path, after: { name: input.name, employeeNo: input.employeeNo } });
	});
}

export function listRequests(db: DB, actor: Actor | null, status: 'pending' | 'approved' | 'rejected' = 'pending') {
	const scope = scopeOf(actor);
	if (scope !== 'all' && scope.length === 0) return [];
	const rows = db
		.select({
			id: accountRequests.id,
			name: accountRequests.name,
			employeeNo: accountRequests.employeeNo,
			phone: accountRequests.phone,
			trade: accountRequests.trade,
			status: accountRequests.status,
			reason: accountRequests.reason,
			createdAt: accountRequests.createdAt,
			unitId: units.id,
			unitName: units.name,
			unitPath: units.path
		})
		.from(accountRequests)
		.innerJoin(units, eq(units.id, accountRequests.unitId))
		.where(and(eq(accountRequests.status, status), scope === 'all' ? undefined : or(...scope.map((p) => like(units.path, `${p}%`)))))
		.orderBy(asc(accountRequests.createdAt))
		.all();
	// Show the officer whether approving joins an existing worker record or makes a new one.
	return rows.map((r) => {
		const found = findByEmployeeNo(db, employerIdOf(db, findUnit(db, r.unitId)), r.employeeNo);
		// A record outside the officer's subtree is neither named nor joinable here.
		const match = found && (can(actor, 'worker.update', { unitPath: found.unitPath }) ? { name: found.worker.name, inScope: true } : { name: null, inScope: false });
		return { ...r, match };
	});
}

/**
 * Approves a request: the account is joined to the worker record with the same
 * employee number in the enterprise, or a new record is made. Or rejects it with a reason.
 */
export function decideRequest(db: DB, actor: Actor | null, input: { id: number; approve: boolean; reason: string }) {
	authorize(actor, 'officer.area');
	const req = db.select().from(accountRequests).where(eq(accountRequests.id, input.id)).get();
	if (!req) throw new NotFoundError('account_request');
	const unit = findUnit(db, req.unitId);
	authorize(actor, 'request.decide', { unitPath: unit.path });
	if (req.status !== 'pending') throw new RuleError({ _: m.err_request_decided() });
	if (!input.approve && !input.reason) throw new RuleError({ reason: m.err_reason_required() });
	const employerId = employerIdOf(db, unit);
	if (input.approve) {
		// Approving joins the account to the enterprise's record with that number: that record must be in the officer's subtree too.
		const match = findByEmployeeNo(db, employerId, req.employeeNo);
		if (match && !can(actor, 'worker.update', { unitPath: match.unitPath })) throw new RuleError({ _: m.err_request_match_outside() });
	}
	return db.transaction((tx) => {
		const decided = { status: input.approve ? ('approved' as const) : ('rejected' as const), decidedBy: actor.userId, decidedAt: new Date(), reason: input.reason || null };
		if (!input.approve) {
			tx.update(accountRequests).set(decided).where(eq(accountRequests.id, req.id)).run();
			writeAudit(tx, actor, { action: 'request.reject', entityType: 'account_request', entityId: req.id, unitPath: unit.path, after: decided });
			return null;
		}
		const now = new Date();
		let worker = findByEmployeeNo(tx, employerId, req.employeeNo)?.worker;
		if (worker) {
			if (tx.select({ id: users.id }).from(users).where(eq(users.workerId, worker.id)).get()) throw new RuleError({ _: m.err_worker_has_account() });
			if (!worker.phone) {
				const after = tx.update(workers).set({ phone: req.phone, updatedAt: now }).where(eq(workers.id, worker.id)).returning().get();
				writeAudit(tx, actor, { action: 'worker.update', entityType: 'worker', entityId: worker.id, unitPath: unit.path, before: worker, after });
			}
		} else {
			worker = tx
				.insert(workers)
				.values({ unitId: unit.id, employerId, name: req.name, employeeNo: req.employeeNo, trade: req.trade, phone: req.phone, createdAt: now, updatedAt: now })
				.returning()
				.get();
			writeAudit(tx, actor, { action: 'worker.create', entityType: 'worker', entityId: worker.id, unitPath: unit.path, after: worker });
		}
		const user = createAccount(tx, worker.id, req.passwordHash);
		revokeOpenCodes(tx, [worker.id]);
		tx.update(accountRequests).set({ ...decided, workerId: worker.id }).where(eq(accountRequests.id, req.id)).run();
		writeAudit(tx, actor, { action: 'request.approve', entityType: 'account_request', entityId: req.id, unitPath: unit.path, after: { ...decided, workerId: worker.id, userId: user.id } });
		return user.id;
	});
}

/* ------------------------------------------------------- own account */

export async function changePassword(db: DB, actor: Actor | null, input: { current: string; next: string }, keepSessionId: string | null) {
	const user = actor ? db.select().from(users).where(eq(users.id, actor.userId)).get() : undefined;
	authorize(actor, 'account.changePassword', { userId: user?.id });
	if (!(await verifyPassword(user!.passwordHash, input.current))) throw new RuleError({ current: m.err_current_password() });
	if (input.current === input.next) throw new RuleError({ next: m.err_password_same() });
	const passwordHash = await hashPassword(input.next);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, actor.userId)).run();
		// Other devices are signed out; this one stays.
		tx.run(sql`delete from sessions where user_id = ${actor.userId} and id != ${keepSessionId ?? ''}`);
		writeAudit(tx, actor, { action: 'account.change_password', entityType: 'user', entityId: actor.userId, unitPath: actor.unitPath });
	});
}

/** The signed-in person's own record (the private fields are theirs to see). */
export function myAccount(db: DB, actor: Actor | null) {
	authorize(actor, 'account.read', { userId: actor?.userId });
	const worker = findWorker(db, actor.workerId);
	const unit = findUnit(db, worker.unitId);
	return { worker, unit, roles: actor.roles, officerScopes: actor.officerScopes };
}

/**
 * The account of a worker, for an officer about to change it: the worker in their
 * subtree, an account there, not their own, and no role above what they may grant.
 * Broken rules are reported under `field`.
 */
function accountToManage(db: DB, actor: Actor | null, workerId: number, action: 'account.disable' | 'worker.update', field: string, own: () => string) {
	authorize(actor, 'officer.area');
	const worker = findWorker(db, workerId);
	const unit = findUnit(db, worker.unitId);
	authorize(actor, action, { unitPath: unit.path });
	const user = db.select().from(users).where(eq(users.workerId, worker.id)).get();
	if (!user) throw new RuleError({ [field]: m.err_no_account() });
	if (user.id === actor.userId) throw new RuleError({ [field]: own() });
	assertMayManageAccounts(db, actor, [user.id]);
	return { worker, unit, user };
}

/** Stops (or restores) an account: a stopped account cannot sign in and its sessions end at once. */
export function setAccountStatus(db: DB, actor: Actor | null, input: { workerId: number; active: boolean }) {
	const { worker, unit, user } = accountToManage(db, actor, input.workerId, 'account.disable', '_', m.err_own_account);
	const status = input.active ? ('active' as const) : ('disabled' as const);
	if (user.status === status) return;
	db.transaction((tx) => {
		tx.update(users).set({ status }).where(eq(users.id, user.id)).run();
		revokeOpenCodes(tx, [worker.id]);
		if (!input.active) invalidateUserSessions(tx, user.id);
		writeAudit(tx, actor, { action: input.active ? 'account.enable' : 'account.disable', entityType: 'user', entityId: user.id, unitPath: unit.path, before: { status: user.status }, after: { status } });
	});
}

/* ---------------------------------------------------------------- roles */

const GRANTABLE: Role[] = ['judge', 'officer', 'finance', 'admin'];

/** Gives or takes away a role. Officer roles are scoped to a unit in the grantor's subtree. */
export function setRole(db: DB, actor: Actor | null, input: { workerId: number; role: Role; unitId: number | null; grant: boolean }) {
	authorize(actor, 'officer.area');
	if (!GRANTABLE.includes(input.role)) throw new RuleError({ role: m.err_choice() });
	const { worker, unit: workerUnit, user } = accountToManage(db, actor, input.workerId, 'worker.update', 'role', m.err_own_roles);
	let unitId = 0;
	if (input.role === 'officer' || input.role === 'finance') {
		if (!input.unitId) throw new RuleError({ unitId: m.err_required() });
		const scopeUnit = findUnit(db, input.unitId);
		authorize(actor, input.role === 'officer' ? 'role.grant' : 'role.grantFinance', { unitPath: scopeUnit.path });
		unitId = scopeUnit.id;
	} else if (input.role === 'admin') {
		authorize(actor, 'role.grantAdmin');
	}
	db.transaction((tx) => {
		const key = and(eq(userRoles.userId, user.id), eq(userRoles.role, input.role), eq(userRoles.unitId, unitId));
		const changed = input.grant
			? tx.insert(userRoles).values({ userId: user.id, role: input.role, unitId }).onConflictDoNothing().run().changes
			: tx.delete(userRoles).where(key).run().changes;
		if (!changed) return;
		// A code issued under the old roles must not outlive them.
		revokeOpenCodes(tx, [worker.id]);
		writeAudit(tx, actor, {
			action: input.grant ? 'role.grant' : 'role.revoke',
			entityType: 'user',
			entityId: user.id,
			unitPath: workerUnit.path,
			after: { role: input.role, unitId }
		});
	});
}

