import { and, asc, eq, gte, inArray, like, lt, or, sql, count } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { accountRequests, units, userRoles, users, workers, type Unit, type UnitType } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, scopeOf } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import { canContain, childPath, employerOf, isWithin, ancestorIds, subtreeEnd, treeOrder } from '$lib/domain/units';

export function findUnit(db: DB | Tx, id: number): Unit {
	const unit = db.select().from(units).where(eq(units.id, id)).get();
	if (!unit) throw new NotFoundError('unit');
	return unit;
}

export function findUnitByCode(db: DB | Tx, code: string): Unit | undefined {
	return db.select().from(units).where(eq(units.code, code)).get();
}

/** The chain of units from the root down to `unit`. */
export function chainOf(db: DB | Tx, unit: Pick<Unit, 'path'>): Unit[] {
	const ids = ancestorIds(unit.path);
	const rows = db.select().from(units).where(inArray(units.id, ids)).all();
	const byId = new Map(rows.map((r) => [r.id, r]));
	return ids.map((id) => byId.get(id)!).filter(Boolean);
}

export function employerIdOf(db: DB | Tx, unit: Unit): number {
	return employerOf(chainOf(db, unit));
}

/** Every unit in the actor's subtrees, in tree order, with worker counts. */
export function listManagedUnits(db: DB, actor: Actor | null) {
	return managedUnits(db, actor, true);
}

function managedUnits(db: DB, actor: Actor | null, withWorkers: true): (UnitOption & { parentId: number | null; workerCount: number })[];
function managedUnits(db: DB, actor: Actor | null, withWorkers: false): UnitOption[];
function managedUnits(db: DB, actor: Actor | null, withWorkers: boolean) {
	const scope = scopeOf(actor);
	if (scope !== 'all' && scope.length === 0) return [];
	// a subtree is a range of the path index
	const where = scope === 'all' ? undefined : or(...scope.map((p) => and(gte(units.path, p), lt(units.path, subtreeEnd(p)))));
	const rows = db
		.select({
			id: units.id,
			type: units.type,
			code: units.code,
			name: units.name,
			path: units.path,
			...(withWorkers
				? {
						parentId: units.parentId,
						// Qualified by hand: drizzle leaves columns bare in a single-table select.
						workerCount: sql<number>`(select count(*) from ${workers} w where w.unit_id = ${units}.id)`
					}
				: {})
		})
		.from(units)
		.where(where)
		.all();
	return treeOrder(rows);
}

export function getUnitForOfficer(db: DB, actor: Actor | null, id: number) {
	authorize(actor, 'officer.area');
	const unit = findUnit(db, id);
	authorize(actor, 'unit.read', { unitPath: unit.path });
	const chain = chainOf(db, unit);
	const children = db.select().from(units).where(eq(units.parentId, id)).orderBy(asc(units.name)).all();
	const workerCount = db.select({ n: count() }).from(workers).where(eq(workers.unitId, id)).get()!.n;
	// Who holds the officer role here; a record outside the viewer's subtree is named but not linked.
	const officers = db
		.select({ workerId: workers.id, name: workers.name, path: units.path })
		.from(userRoles)
		.innerJoin(users, eq(users.id, userRoles.userId))
		.innerJoin(workers, eq(workers.id, users.workerId))
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(userRoles.role, 'officer'), eq(userRoles.unitId, id)))
		.orderBy(asc(workers.name))
		.all()
		.map(({ path, ...o }) => ({ ...o, canOpen: can(actor, 'worker.read', { unitPath: path }) }));
	return { unit, chain, children, workerCount, officers, canMove: can(actor, 'unit.move', { unitPath: unit.path }) };
}

export interface UnitInput {
	parentId: number;
	type: UnitType;
	code: string;
	name: string;
}

function assertCodeFree(db: DB | Tx, code: string, exceptId?: number) {
	const other = findUnitByCode(db, code);
	if (other && other.id !== exceptId) throw new RuleError({ code: m.err_unit_code_taken() });
}

export function createUnit(db: DB, actor: Actor | null, input: UnitInput): Unit {
	authorize(actor, 'officer.area');
	const parent = findUnit(db, input.parentId);
	authorize(actor, 'unit.create', { unitPath: parent.path });
	if (!canContain(parent.type, input.type)) throw new RuleError({ type: m.err_unit_type_under({ parent: parent.name }) });
	return db.transaction((tx) => {
		assertCodeFree(tx, input.code);
		const now = new Date();
		const created = tx
			.insert(units)
			.values({ parentId: parent.id, type: input.type, code: input.code, name: input.name, path: '', createdAt: now, updatedAt: now })
			.returning()
			.get();
		const path = childPath(parent.path, created.id);
		tx.update(units).set({ path }).where(eq(units.id, created.id)).run();
		const unit = { ...created, path };
		writeAudit(tx, actor, { action: 'unit.create', entityType: 'unit', entityId: unit.id, unitPath: path, after: unit });
		return unit;
	});
}

export function updateUnit(db: DB, actor: Actor | null, id: number, input: Omit<UnitInput, 'parentId'> & { parentId: number | null }): Unit {
	authorize(actor, 'officer.area');
	const unit = findUnit(db, id);
	authorize(actor, 'unit.update', { unitPath: unit.path });
	const moving = unit.parentId !== null && input.parentId !== null && input.parentId !== unit.parentId;
	const parent = unit.parentId === null ? null : findUnit(db, moving ? input.parentId! : unit.parentId);
	if (moving) {
		authorize(actor, 'unit.move', { unitPath: unit.path });
		authorize(actor, 'unit.create', { unitPath: parent!.path });
		if (isWithin(parent!.path, unit.path)) throw new RuleError({ parentId: m.err_unit_move_into_self() });
	}
	if (parent && !canContain(parent.type, input.type)) throw new RuleError({ type: m.err_unit_type_under({ parent: parent.name }) });
	const childTypes = db.select({ type: units.type }).from(units).where(eq(units.parentId, id)).all();
	if (childTypes.some((c) => !canContain(input.type, c.type))) throw new RuleError({ type: m.err_unit_type_children() });

	return db.transaction((tx) => {
		assertCodeFree(tx, input.code, id);
		const path = parent ? childPath(parent.path, id) : unit.path;
		tx.update(units)
			.set({ type: input.type, code: input.code, name: input.name, parentId: parent?.id ?? null, path, updatedAt: new Date() })
			.where(eq(units.id, id))
			.run();
		if (path !== unit.path || input.type !== unit.type) {
			tx.run(sql`update ${units} set path = ${path} || substr(path, ${unit.path.length + 1}) where path like ${unit.path + '%'} and id != ${id}`);
			refreshEmployers(tx, path);
		}
		const after = findUnit(tx, id);
		writeAudit(tx, actor, { action: moving ? 'unit.move' : 'unit.update', entityType: 'unit', entityId: id, unitPath: after.path, before: unit, after });
		return after;
	});
}

/** Recomputes the employer of every worker under `path` after the tree changed shape. */
function refreshEmployers(tx: Tx, path: string) {
	for (const u of tx.select().from(units).where(like(units.path, `${path}%`)).all()) {
		try {
			tx.update(workers).set({ employerId: employerIdOf(tx, u) }).where(eq(workers.unitId, u.id)).run();
		} catch (e) {
			if (isUniqueViolation(e)) throw new RuleError({ parentId: m.err_unit_move_clash() });
			throw e;
		}
	}
}

export const isUniqueViolation = (e: unknown) =>
	typeof e === 'object' && e !== null && 'code' in e && (e as { code: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Deletes a unit made by mistake: only one with nothing under it, nobody in it and no request for it. */
export function deleteUnit(db: DB, actor: Actor | null, id: number): { parentId: number | null } {
	authorize(actor, 'officer.area');
	const unit = findUnit(db, id);
	authorize(actor, 'unit.delete', { unitPath: unit.path });
	const inUse =
		db.select({ n: count() }).from(units).where(eq(units.parentId, id)).get()!.n +
		db.select({ n: count() }).from(workers).where(eq(workers.unitId, id)).get()!.n +
		db.select({ n: count() }).from(accountRequests).where(eq(accountRequests.unitId, id)).get()!.n +
		db.select({ n: count() }).from(userRoles).where(eq(userRoles.unitId, id)).get()!.n;
	if (inUse > 0) throw new RuleError({ _: m.err_unit_not_empty() });
	db.transaction((tx) => {
		tx.delete(units).where(eq(units.id, id)).run();
		writeAudit(tx, actor, { action: 'unit.delete', entityType: 'unit', entityId: id, unitPath: unit.path, before: unit });
	});
	return { parentId: unit.parentId };
}

/** Units an actor may place things under (for pickers): their managed units. */
export function unitOptions(db: DB, actor: Actor | null): UnitOption[] {
	return managedUnits(db, actor, false);
}

export interface UnitOption {
	id: number;
	name: string;
	code: string;
	type: UnitType;
	path: string;
}
