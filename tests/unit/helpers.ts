import { eq, sql } from 'drizzle-orm';
import { openDb, migrateDb, type DB } from '$lib/server/db';
import { auditLog, units, userRoles, users, workers, type Role, type Unit, type UnitType, type Worker } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { loadActor, type Actor } from '$lib/server/auth/actor';
import { childPath } from '$lib/domain/units';

/** The password of every fixture account. */
export const PASSWORD = 'Fixture2026';

// Argon2 costs ~50 ms: hash once per test file and give every account the same hash.
let sharedHash: Promise<string> | undefined;
export const fixtureHash = () => (sharedHash ??= hashPassword(PASSWORD));

/** A fresh in-memory database with every migration applied. */
export function freshDb(): DB {
	const db = openDb(':memory:');
	migrateDb(db, 'drizzle');
	return db;
}

export function insertUnit(db: DB, parent: Unit | null, type: UnitType, code: string, name: string): Unit {
	const now = new Date();
	const row = db.insert(units).values({ parentId: parent?.id ?? null, type, code, name, path: '', createdAt: now, updatedAt: now }).returning().get();
	const path = childPath(parent?.path ?? null, row.id);
	db.update(units).set({ path }).where(eq(units.id, row.id)).run();
	return { ...row, path };
}

/** Inserts a worker directly (no service, no audit); `employer` is the enterprise (or union) whose numbers must be unique. */
export function insertWorker(
	db: DB,
	unit: Unit,
	employer: Unit,
	employeeNo: string,
	name: string,
	extra: Partial<Pick<Worker, 'phone' | 'gender' | 'trade' | 'skillLevel'>> = {}
): Worker {
	const now = new Date();
	return db
		.insert(workers)
		.values({ unitId: unit.id, employerId: employer.id, employeeNo, name, createdAt: now, updatedAt: now, ...extra })
		.returning()
		.get();
}

export function insertAccount(db: DB, worker: Worker, passwordHash: string, roles: { role: Role; unitId?: number }[] = []): number {
	const now = new Date();
	const user = db.insert(users).values({ workerId: worker.id, passwordHash, createdAt: now, passwordChangedAt: now }).returning().get();
	db.insert(userRoles).values({ userId: user.id, role: 'worker', unitId: 0 }).run();
	for (const r of roles) db.insert(userRoles).values({ userId: user.id, role: r.role, unitId: r.unitId ?? 0 }).run();
	return user.id;
}

export function actorOf(db: DB, userId: number): Actor {
	const actor = loadActor(db, userId);
	if (!actor) throw new Error(`no active account ${userId}`);
	return actor;
}

/**
 * The union tree of the fixture:
 *
 *   FED 江城市总工会 (federation)
 *   ├─ DA 东区总工会 (district)
 *   │  ├─ EA1 东区机械厂工会 (enterprise) ─ WA1 机加工车间 ─ TA1 数控一班
 *   │  └─ EA2 东区电力公司工会 (enterprise) ─ WA2 运维中心 ─ TA2 运维一班
 *   └─ DB 西区总工会 (district)
 *      └─ EB1 西区水务集团工会 (enterprise) ─ WB1 第一水厂 ─ TB1 净水班
 *
 * Accounts (all with PASSWORD): admin (FED), officerDA (officer of DA),
 * officerEA1 (officer of EA1), officerDB (officer of DB), workerA (TA1, no. 1001),
 * workerB (TB1, also no. 1001, in another enterprise).
 */
export async function makeFixture(db: DB = freshDb()) {
	const hash = await fixtureHash();
	const FED = insertUnit(db, null, 'federation', 'FED', '江城市总工会');
	const DA = insertUnit(db, FED, 'district', 'DA', '东区总工会');
	const DB_ = insertUnit(db, FED, 'district', 'DB', '西区总工会');
	const EA1 = insertUnit(db, DA, 'enterprise', 'EA1', '东区机械厂工会');
	const EA2 = insertUnit(db, DA, 'enterprise', 'EA2', '东区电力公司工会');
	const EB1 = insertUnit(db, DB_, 'enterprise', 'EB1', '西区水务集团工会');
	const WA1 = insertUnit(db, EA1, 'workshop', 'WA1', '机加工车间');
	const TA1 = insertUnit(db, WA1, 'team', 'TA1', '数控一班');
	const WA2 = insertUnit(db, EA2, 'workshop', 'WA2', '运维中心');
	const TA2 = insertUnit(db, WA2, 'team', 'TA2', '运维一班');
	const WB1 = insertUnit(db, EB1, 'workshop', 'WB1', '第一水厂');
	const TB1 = insertUnit(db, WB1, 'team', 'TB1', '净水班');
	const u = { FED, DA, DB: DB_, EA1, EA2, EB1, WA1, TA1, WA2, TA2, WB1, TB1 };

	const w = {
		admin: insertWorker(db, FED, FED, 'A001', '管理员', { phone: '13800000001' }),
		officerDA: insertWorker(db, DA, DA, 'D001', '东区干部', { phone: '13800000002' }),
		officerEA1: insertWorker(db, EA1, EA1, 'E001', '机械厂干部', { phone: '13800000003' }),
		officerDB: insertWorker(db, DB_, DB_, 'X001', '西区干部', { phone: '13800000004' }),
		workerA: insertWorker(db, TA1, EA1, '1001', '张三', { phone: '13800000005', gender: 'male', trade: '数控车工', skillLevel: 'senior' }),
		workerB: insertWorker(db, TB1, EB1, '1001', '李四', { phone: '13800000006', gender: 'male', trade: '水处理工' }),
		// Workers without accounts.
		ta1b: insertWorker(db, TA1, EA1, '1002', '王五'),
		ta1c: insertWorker(db, TA1, EA1, '1003', '赵六', { phone: '13800000007', gender: 'female' }),
		ta2a: insertWorker(db, TA2, EA2, '2001', '孙七'),
		ta2b: insertWorker(db, TA2, EA2, '1003', '周八'),
		tb1a: insertWorker(db, TB1, EB1, '3001', '吴九')
	};

	const userIds = {
		admin: insertAccount(db, w.admin, hash, [{ role: 'admin' }]),
		officerDA: insertAccount(db, w.officerDA, hash, [{ role: 'officer', unitId: DA.id }]),
		officerEA1: insertAccount(db, w.officerEA1, hash, [{ role: 'officer', unitId: EA1.id }]),
		officerDB: insertAccount(db, w.officerDB, hash, [{ role: 'officer', unitId: DB_.id }]),
		workerA: insertAccount(db, w.workerA, hash),
		workerB: insertAccount(db, w.workerB, hash)
	};
	const actors = {
		admin: actorOf(db, userIds.admin),
		officerDA: actorOf(db, userIds.officerDA),
		officerEA1: actorOf(db, userIds.officerEA1),
		officerDB: actorOf(db, userIds.officerDB),
		workerA: actorOf(db, userIds.workerA),
		workerB: actorOf(db, userIds.workerB)
	};
	return { db, u, w, userIds, actors };
}

export type Fixture = Awaited<ReturnType<typeof makeFixture>>;

/** Number of rows in a table. */
export function countRows(db: DB, table: string): number {
	return (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** Audit rows after `afterId`, oldest first. */
export function auditSince(db: DB, afterId = 0) {
	return db.select().from(auditLog).where(sql`${auditLog.id} > ${afterId}`).orderBy(auditLog.id).all();
}

export function lastAuditId(db: DB): number {
	return (db.$client.prepare('select coalesce(max(id), 0) as id from audit_log').get() as { id: number }).id;
}

/** Runs `fn`, expecting it to throw an instance of `cls`; returns the error for further checks. */
export async function thrown<E extends Error>(cls: new (...args: never[]) => E, fn: () => unknown): Promise<E> {
	try {
		await fn();
	} catch (e) {
		if (e instanceof cls) return e;
		throw new Error(`expected ${cls.name}, got ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
	}
	throw new Error(`expected ${cls.name}, but nothing was thrown`);
}
