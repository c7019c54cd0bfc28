import { eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { DB } from '../db';
import { units, users, userRoles, workers, type Role } from '../db/schema';

/** Who is acting: the signed-in account with its roles and unit scopes. */
export interface Actor {
	userId: number;
	workerId: number;
	name: string;
	unitId: number;
	unitPath: string;
	roles: Role[];
	/** Paths of the units whose subtrees this actor manages as an officer. */
	officerScopes: { unitId: number; path: string; name: string }[];
	/** Paths of the units whose proposals' benefits this actor confirms for finance. */
	financeScopes: { unitId: number; path: string; name: string }[];
	ip?: string | null;
}

export function loadActor(db: DB, userId: number): Actor | null {
	// asked on every signed-in request: prepared once
	const row = prepared(db, 'actor.account', (d) =>
		d
			.select({ userId: users.id, status: users.status, workerId: workers.id, name: workers.name, unitId: units.id, unitPath: units.path })
			.from(users)
			.innerJoin(workers, eq(workers.id, users.workerId))
			.innerJoin(units, eq(units.id, workers.unitId))
			.where(eq(users.id, sql.placeholder('userId')))
			.prepare()
	).get({ userId });
	if (!row || row.status !== 'active') return null;
	const roleRows = prepared(db, 'actor.roles', (d) =>
		d
			.select({ role: userRoles.role, unitId: userRoles.unitId, path: units.path, unitName: units.name })
			.from(userRoles)
			.leftJoin(units, eq(units.id, userRoles.unitId))
			.where(eq(userRoles.userId, sql.placeholder('userId')))
			.prepare()
	).all({ userId });
	const roles = [...new Set<Role>(['worker', ...roleRows.map((r) => r.role)])];
	const scoped = (role: Role) =>
		roleRows.filter((r) => r.role === role && r.path).map((r) => ({ unitId: r.unitId, path: r.path!, name: r.unitName! }));
	return {
		userId: row.userId,
		workerId: row.workerId,
		name: row.name,
		unitId: row.unitId,
		unitPath: row.unitPath,
		roles,
		officerScopes: scoped('officer'),
		financeScopes: scoped('finance')
	};
}
