import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { connectionOf, prepared } from '../db/prepared';
import { entryMembers, recusals, units, users, workers } from '../db/schema';

/**
 * 回避. A judge is kept from an entry when a member works in the judge's own
 * enterprise union or below it (automatic), or when the judge declared a conflict;
 * the chief judge's override, given with a reason, lets the judge mark it after all.
 */
export type Recusal = { kind: 'auto' | 'declared'; overridden: boolean; reason: string | null };

/**
 * The path of the enterprise union a judge works for, or null for judges who work for
 * a district union or the federation itself (their subtree would be everyone).
 */
export function judgeEmployerPath(db: DB | Tx, userId: number): string | null {
	const row = db
		.select({ path: units.path, type: units.type })
		.from(users)
		.innerJoin(workers, eq(workers.id, users.workerId))
		.innerJoin(units, eq(units.id, workers.employerId))
		.where(eq(users.id, userId))
		.get();
	return row?.type === 'enterprise' ? row.path : null;
}

/** Every conflict of one judge in one event, keyed by entry id (including overridden ones). */
export function recusalsOf(db: DB | Tx, eventId: number, userId: number, entryIds?: number[]): Map<number, Recusal> {
	const out = new Map<number, Recusal>();
	const employerPath = judgeEmployerPath(db, userId);
	if (employerPath) {
		const auto = db
			.selectDistinct({ entryId: entryMembers.entryId })
			.from(entryMembers)
			.innerJoin(workers, eq(workers.id, entryMembers.workerId))
			.innerJoin(units, eq(units.id, workers.unitId))
			.where(
				and(
					eq(entryMembers.eventId, eventId),
					sql`${units.path} LIKE ${employerPath + '%'}`,
					entryIds ? inArray(entryMembers.entryId, entryIds) : undefined
				)
			)
			.all();
		for (const a of auto) out.set(a.entryId, { kind: 'auto', overridden: false, reason: null });
	}
	const rows = db
		.select()
		.from(recusals)
		.where(and(eq(recusals.eventId, eventId), eq(recusals.userId, userId), entryIds ? inArray(recusals.entryId, entryIds) : undefined))
		.all();
	for (const r of rows.filter((r) => r.kind === 'declared')) out.set(r.entryId, { kind: 'declared', overridden: false, reason: r.reason });
	for (const r of rows.filter((r) => r.kind === 'override')) {
		const c = out.get(r.entryId);
		if (c) out.set(r.entryId, { ...c, overridden: true, reason: r.reason });
	}
	return out;
}

export const blocks = (r: Recusal | undefined) => !!r && !r.overridden;

/**
 * The judges who mark this entry: the event's panel (the chief judge supervises) minus
 * recusals. The rule of `recusalsOf` in one query, since every submitted sheet asks it:
 * a judge is kept out by a conflict (a member in the judge's enterprise subtree, or a
 * declared one) that the chief judge has not overridden.
 */
export function panelFor(db: DB | Tx, eventId: number, entryId: number): number[] {
	// prepared once per connection: every submitted sheet asks it
	const panel = prepared(db, 'recusal.panel', () =>
		connectionOf(db)
			.prepare(
				`SELECT ej.user_id FROM event_judges ej
				WHERE ej.event_id = $eventId AND ej.chief = 0
				AND NOT (
					(EXISTS (
						SELECT 1 FROM users u
						JOIN workers jw ON jw.id = u.worker_id
						JOIN units eu ON eu.id = jw.employer_id AND eu.type = 'enterprise'
						JOIN entry_members em ON em.entry_id = $entryId
						JOIN workers mw ON mw.id = em.worker_id
						JOIN units mu ON mu.id = mw.unit_id
						WHERE u.id = ej.user_id AND substr(mu.path, 1, length(eu.path)) = eu.path
					) OR EXISTS (SELECT 1 FROM recusals r WHERE r.event_id = ej.event_id AND r.user_id = ej.user_id AND r.entry_id = $entryId AND r.kind = 'declared'))
					AND NOT EXISTS (SELECT 1 FROM recusals r WHERE r.event_id = ej.event_id AND r.user_id = ej.user_id AND r.entry_id = $entryId AND r.kind = 'override')
				)
				ORDER BY ej.seat`
			)
			.pluck()
	);
	return panel.all({ eventId, entryId }) as number[];
}
