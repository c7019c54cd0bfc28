import { and, count, eq, like, or, type SQL } from 'drizzle-orm';
import type { DB } from '../db';
import { accountRequests, units, users, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { scopeOf } from '../auth/policy';
import { listAudit } from '../audit';

/** What an officer sees first: the size of their subtree and what waits for them. */
export function officerOverview(db: DB, actor: Actor | null) {
	const scope = scopeOf(actor);
	const within = (col: typeof units.path): SQL | undefined => (scope === 'all' ? undefined : or(...scope.map((p) => like(col, `${p}%`))));
	const n = (q: { n: number } | undefined) => q?.n ?? 0;
	const unitCount = n(db.select({ n: count() }).from(units).where(within(units.path)).get());
	const workerCount = n(db.select({ n: count() }).from(workers).innerJoin(units, eq(units.id, workers.unitId)).where(within(units.path)).get());
	const accountCount = n(
		db
			.select({ n: count() })
			.from(users)
			.innerJoin(workers, eq(workers.id, users.workerId))
			.innerJoin(units, eq(units.id, workers.unitId))
			.where(and(eq(users.status, 'active'), within(units.path)))
			.get()
	);
	const pendingRequests = n(
		db.select({ n: count() }).from(accountRequests).innerJoin(units, eq(units.id, accountRequests.unitId)).where(and(eq(accountRequests.status, 'pending'), within(units.path))).get()
	);
	return {
		scopes: scope === 'all' ? null : actor!.officerScopes.map((s) => ({ id: s.unitId, name: s.name })),
		unitCount,
		workerCount,
		accountCount,
		pendingRequests,
		recent: listAudit(db, actor, {}).rows.slice(0, 8)
	};
}
