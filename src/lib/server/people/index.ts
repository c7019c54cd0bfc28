import { and, asc, count, eq, like, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { activationCodes, units, users, userRoles, workers, type Worker, type SkillLevel } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, scopeOf } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import { employerIdOf, findUnit, isUniqueViolation } from '../units';
import { assertMayManageAccounts, revokeOpenCodes } from '../accounts/guard';

export const WORKER_PAGE_SIZE = 50;

export interface WorkerInput {
	unitId: number;
	name: string;
	employeeNo: string;
	gender: 'male' | 'female' | null;
	trade: string;
	skillLevel: SkillLevel;
	phone: string | null;
}

export const ACCOUNT_STATES = ['active', 'disabled', 'none'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export interface WorkerFilter {
	unitId?: number;
	q?: string;
	/** who has an active account, a stopped one, or none yet */
	account?: AccountState;
}

/** Reads an account-state filter from a query string; anything else means no filter. */
export const accountState = (value: string | null): AccountState | undefined =>
	(ACCOUNT_STATES as readonly string[]).includes(value ?? '') ? (value as AccountState) : undefined;

/** A worker's account state: 'active', 'disabled' or null for none. */
const accountStatus = sql<AccountState | null>`(select ${users.status} from ${users} where ${users.workerId} = ${workers.id})`;

/** The condition for "workers in the actor's subtrees, optionally under one unit and matching a search"; null when none can match. */
function workerFilter(db: DB, actor: Actor | null, input: WorkerFilter): SQL | undefined | null {
	const scope = scopeOf(actor);
	const filters: SQL[] = [];
	if (scope !== 'all') {
		if (scope.length === 0) return null;
		filters.push(or(...scope.map((p) => like(units.path, `${p}%`)))!);
	}
	if (input.unitId) {
		const unit = findUnit(db, input.unitId);
		authorize(actor, 'worker.read', { unitPath: unit.path });
		filters.push(like(units.path, `${unit.path}%`));
	}
	const q = input.q?.trim();
	if (q) {
		// What people type is text, not a pattern: employee numbers may contain "_".
		const t = q.replace(/[\\%_]/g, (c) => `\\${c}`);
		const matches = (column: SQLiteColumn, pattern: string) => sql`${column} like ${pattern} escape '\\'`;
		filters.push(or(matches(workers.name, `%${t}%`), matches(workers.employeeNo, `${t}%`), matches(workers.trade, `%${t}%`))!);
	}
	if (input.account === 'none') filters.push(sql`${accountStatus} is null`);
	else if (input.account) filters.push(sql`${accountStatus} = ${input.account}`);
	return filters.length ? and(...filters) : undefined;
}

/** Workers in the actor's subtrees, optionally under one unit and matching a search, a page at a time. */
export function listWorkers(db: DB, actor: Actor | null, input: WorkerFilter & { page?: number }) {
	const where = workerFilter(db, actor, input);
	if (where === null) return { rows: [], total: 0, page: 1, pages: 1 };
	const total = db.select({ n: count() }).from(workers).innerJoin(units, eq(units.id, workers.unitId)).where(where).get()!.n;
	const pages = Math.max(1, Math.ceil(total / WORKER_PAGE_SIZE));
	const page = Math.min(Math.max(1, input.page ?? 1), pages);
	const rows = selectWorkers(db, where).limit(WORKER_PAGE_SIZE).offset((page - 1) * WORKER_PAGE_SIZE).all();
	return { rows, total, page, pages };
}

/** Workers with their unit and account state, in tree order: what the list and the export show. */
function selectWorkers(db: DB, where: SQL | undefined) {
	return db
		.select({
			id: workers.id,
			name: workers.name,
			employeeNo: workers.employeeNo,
			gender: workers.gender,
			trade: workers.trade,
			skillLevel: workers.skillLevel,
			phone: workers.phone,
			unitId: units.id,
			unitCode: units.code,
			unitName: units.name,
			account: sql<AccountState>`coalesce(${accountStatus}, 'none')`
		})
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(where)
		.orderBy(asc(units.path), asc(workers.employeeNo));
}

/** Every worker the filter selects, for a spreadsheet. */
export function exportWorkers(db: DB, actor: Actor | null, input: WorkerFilter) {
	const where = workerFilter(db, actor, input);
	return where === null ? [] : selectWorkers(db, where).all();
}

/** The worker of an enterprise (employer) with this employee number, with where they sit. */
export function findByEmployeeNo(db: DB | Tx, employerId: number, employeeNo: string) {
	return (
		db
			.select({ worker: workers, unitPath: units.path, unitCode: units.code })
			.from(workers)
			.innerJoin(units, eq(units.id, workers.unitId))
			.where(and(eq(workers.employerId, employerId), eq(workers.employeeNo, employeeNo)))
			.get() ?? null
	);
}

export function findWorker(db: DB, id: number): Worker {
	const worker = db.select().from(workers).where(eq(workers.id, id)).get();
	if (!worker) throw new NotFoundError('worker');
	return worker;
}

/** A worker's record with account state, for an officer of their unit. */
export function getWorkerForOfficer(db: DB, actor: Actor | null, id: number) {
	authorize(actor, 'officer.area');
	const worker = findWorker(db, id);
	const unit = findUnit(db, worker.unitId);
	authorize(actor, 'worker.read', { unitPath: unit.path });
	const account = db.select({ id: users.id, status: users.status, createdAt: users.createdAt }).from(users).where(eq(users.workerId, id)).get();
	const roles = account
		? db
				.select({ role: userRoles.role, unitId: userRoles.unitId, unitName: units.name })
				.from(userRoles)
				.leftJoin(units, eq(units.id, userRoles.unitId))
				.where(eq(userRoles.userId, account.id))
				.all()
		: [];
	const pendingCode = db
		.select({ createdAt: activationCodes.createdAt, expiresAt: activationCodes.expiresAt, purpose: activationCodes.purpose })
		.from(activationCodes)
		.where(and(eq(activationCodes.workerId, id), sql`${activationCodes.usedAt} is null and ${activationCodes.revokedAt} is null and ${activationCodes.expiresAt} > ${Date.now()}`))
		.get();
	return { worker, unit, account: account ?? null, roles, pendingCode: pendingCode ?? null };
}

function duplicateNo(e: unknown): never {
	if (isUniqueViolation(e)) throw new RuleError({ employeeNo: m.err_employee_no_taken() });
	throw e;
}

export function createWorker(db: DB, actor: Actor | null, input: WorkerInput): Worker {
	authorize(actor, 'officer.area');
	const unit = findUnit(db, input.unitId);
	authorize(actor, 'worker.create', { unitPath: unit.path });
	const employerId = employerIdOf(db, unit);
	return db.transaction((tx) => {
		const now = new Date();
		try {
			const worker = tx.insert(workers).values({ ...input, employerId, createdAt: now, updatedAt: now }).returning().get();
			writeAudit(tx, actor, { action: 'worker.create', entityType: 'worker', entityId: worker.id, unitPath: unit.path, after: worker });
			return worker;
		} catch (e) {
			duplicateNo(e);
		}
	});
}

export function updateWorker(db: DB, actor: Actor | null, id: number, input: WorkerInput): Worker {
	authorize(actor, 'officer.area');
	const before = findWorker(db, id);
	const fromUnit = findUnit(db, before.unitId);
	authorize(actor, 'worker.update', { unitPath: fromUnit.path });
	const unit = input.unitId === before.unitId ? fromUnit : findUnit(db, input.unitId);
	if (unit !== fromUnit) authorize(actor, 'worker.update', { unitPath: unit.path });
	// The record of an account that outranks the officer is not theirs to change (its phone signs it in).
	const account = db.select({ id: users.id }).from(users).where(eq(users.workerId, id)).get();
	if (account && account.id !== actor.userId) assertMayManageAccounts(db, actor, [account.id]);
	const employerId = employerIdOf(db, unit);
	return db.transaction((tx) => {
		try {
			if (unit !== fromUnit) revokeOpenCodes(tx, [id]);
			const after = tx.update(workers).set({ ...input, employerId, updatedAt: new Date() }).where(eq(workers.id, id)).returning().get();
			writeAudit(tx, actor, { action: 'worker.update', entityType: 'worker', entityId: id, unitPath: unit.path, before, after });
			return after;
		} catch (e) {
			duplicateNo(e);
		}
	});
}
