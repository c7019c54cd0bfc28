import { asc, desc, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { awardPoints, events, stages } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { RuleError } from '../errors';
import type { PointsTable } from '$lib/domain/results';
import { loadEvent } from '../competitions/context';
import type { AwardRulesInput } from './forms';
import { latestVersion } from './rows';

/**
 * 奖项设置 of an event. They decide the last stage's published awards, so they are
 * fixed while those results are under notice or final; a correction opens them again.
 */
export function updateAwardRules(db: DB, actor: Actor | null, eventId: number, input: AwardRulesInput) {
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	const last = db.select().from(stages).where(eq(stages.eventId, eventId)).orderBy(desc(stages.position)).limit(1).get();
	const latest = last ? latestVersion(db, last.id) : undefined;
	if (latest && latest.status === 'final') throw new RuleError({ _: m.err_results_use_correction() });
	if (latest && latest.status === 'notice') throw new RuleError({ _: m.err_award_rules_notice() });
	return db.transaction((tx) => {
		const after = { awardRule: input.rule, excellenceMin: input.excellenceMin, excellenceName: input.excellenceName };
		tx.update(events).set(after).where(eq(events.id, eventId)).run();
		writeAudit(tx, actor, {
			action: 'event.awards',
			entityType: 'event',
			entityId: eventId,
			unitPath: ctx.organiserPath,
			before: { awardRule: ctx.event.awardRule, excellenceMin: ctx.event.excellenceMin, excellenceName: ctx.event.excellenceName },
			after
		});
	});
}

/** Points per award when nothing has been set: 一等奖 10, 二等奖 6, 三等奖 3, then 1; excellence 1. */
export const DEFAULT_POINTS: PointsTable = { tiers: [10, 6, 3, 1, 1, 1], excellence: 1 };
export const POINT_TIERS = 6;

export function pointsTable(db: DB | Tx): PointsTable {
	const rows = db.select().from(awardPoints).orderBy(asc(awardPoints.tier)).all();
	if (rows.length === 0) return DEFAULT_POINTS;
	const table: PointsTable = { tiers: [...DEFAULT_POINTS.tiers], excellence: DEFAULT_POINTS.excellence };
	for (const r of rows) {
		if (r.tier === -1) table.excellence = r.points;
		else if (r.tier >= 0 && r.tier < POINT_TIERS) table.tiers[r.tier] = r.points;
	}
	return table;
}

/** The federation sets the points per award level for the annual rankings. */
export function setPointsTable(db: DB, actor: Actor | null, table: PointsTable) {
	authorize(actor, 'points.manage');
	const before = pointsTable(db);
	return db.transaction((tx) => {
		tx.delete(awardPoints).run();
		tx.insert(awardPoints)
			.values([...table.tiers.map((points, tier) => ({ tier, points })), { tier: -1, points: table.excellence }])
			.run();
		writeAudit(tx, actor, { action: 'points.set', entityType: 'points', entityId: 'federation', before, after: table });
	});
}

