import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DB, Tx } from '../db';
import { events, resultRows, resultVersions, stages } from '../db/schema';
import { exact, formatExact, sum } from '$lib/domain/scoring/exact';
import { assignAwards, standardise } from '$lib/domain/awards';
import { recomputeScoredStage, stageSchemeTree } from '../judging/standings';

type Stage = typeof stages.$inferSelect;
export type ResultRow = Omit<typeof resultRows.$inferSelect, 'versionId'>;

/**
 * A stage's results as they would be published now, computed from raw marks alone
 * (the same path `npm run verify` takes): ranks, module and criterion scores, the
 * standardised score and, for an event's last stage, the awards.
 */
export function computeResultRows(db: DB | Tx, stage: Stage): ResultRow[] {
	const event = db.select().from(events).where(eq(events.id, stage.eventId)).get()!;
	const last = !db.select({ id: stages.id }).from(stages).where(and(eq(stages.eventId, stage.eventId), eq(stages.position, stage.position + 1))).get();
	const { tree, def } = stageSchemeTree(db, stage);
	const criterionOf = new Map(tree.flatMap((mod) => mod.criteria.flatMap((c) => c.aspects.map((a) => [a.id, c.id] as const))));
	const standing = recomputeScoredStage(db, stage, def);
	const d = def.rules.decimals;
	const scale = standardise(standing.filter((r) => r.complete).map((r) => Number(r.total)));
	const tiers = last && event.awardRule ? assignAwards(standing.map((r) => ({ entryId: r.entryId, rank: r.rank, total: r.complete ? exact(r.total) : null })), event.awardRule) : new Map<number, number>();
	return standing
		.map(({ score, ...r }) => {
			const byCriterion = new Map<number, ReturnType<typeof exact>[]>();
			for (const a of score.aspects) if (a.score) byCriterion.set(criterionOf.get(a.aspectId)!, [...(byCriterion.get(criterionOf.get(a.aspectId)!) ?? []), a.score]);
			const criteria: Record<number, string> = {};
			for (const [id, xs] of byCriterion) criteria[id] = formatExact(sum(xs), d);
			const z = scale && r.complete ? scale(Number(r.total)) : null;
			const tier = tiers.get(r.entryId);
			return {
				entryId: r.entryId,
				rank: r.rank,
				total: r.total,
				own: r.own,
				previous: r.previous ?? null,
				modules: r.modules,
				criteria,
				standardised: z === null ? null : z.toFixed(1),
				awardTier: tier ?? null,
				awardName: tier === undefined ? null : event.awardRule!.tiers[tier].name,
				excellent: last && z !== null && event.excellenceMin !== null && z >= Number(event.excellenceMin)
			};
		})
		.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.entryId - b.entryId);
}

/** The fingerprint of published rows, written to the audit log when they are published. */
export function hashRows(rows: ResultRow[]): string {
	const canonical = [...rows]
		.sort((a, b) => a.entryId - b.entryId)
		.map((r) => [r.entryId, r.rank, r.total, r.own, r.previous, sorted(r.modules), sorted(r.criteria), r.standardised, r.awardTier, r.awardName, r.excellent]);
	return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(canonical))));
}

const sorted = (o: Record<number, string>) => Object.keys(o).map(Number).sort((a, b) => a - b).map((k) => [k, o[k]]);

export function storedRows(db: DB | Tx, versionId: number): ResultRow[] {
	return db
		.select()
		.from(resultRows)
		.where(eq(resultRows.versionId, versionId))
		.orderBy(asc(resultRows.rank), asc(resultRows.entryId))
		.all()
		.map(({ versionId: _, ...r }) => r);
}

export function writeRows(tx: Tx, versionId: number, rows: ResultRow[]) {
	tx.delete(resultRows).where(eq(resultRows.versionId, versionId)).run();
	for (let i = 0; i < rows.length; i += 200) tx.insert(resultRows).values(rows.slice(i, i + 200).map((r) => ({ ...r, versionId }))).run();
}

/** The newest version of a stage's results in any state, or undefined. */
export function latestVersion(db: DB | Tx, stageId: number) {
	return db.select().from(resultVersions).where(eq(resultVersions.stageId, stageId)).orderBy(desc(resultVersions.version)).limit(1).get();
}

/** The version the public reads: the newest in notice or final. */
export function publicVersion(db: DB | Tx, stageId: number) {
	return db
		.select()
		.from(resultVersions)
		.where(and(eq(resultVersions.stageId, stageId), inArray(resultVersions.status, ['notice', 'final'])))
		.orderBy(desc(resultVersions.version))
		.limit(1)
		.get();
}

/** Whether a stage's results are published but not settled: under notice, or a correction is open. */
export function resultsPending(db: DB | Tx, stageId: number): boolean {
	const latest = latestVersion(db, stageId);
	return !!latest && (latest.status === 'notice' || latest.status === 'correction');
}

/** Whether any stage of an event has published results (its stages are then fixed). */
export function eventHasResults(db: DB | Tx, eventId: number): boolean {
	return !!db
		.select({ id: resultVersions.id })
		.from(resultVersions)
		.innerJoin(stages, eq(stages.id, resultVersions.stageId))
		.where(eq(stages.eventId, eventId))
		.get();
}

/** Whether a stage's sheets may be reopened: not once its results are final, unless a correction is open. */
export function resultsAllowReopen(db: DB | Tx, stageId: number): boolean {
	const latest = latestVersion(db, stageId);
	return !latest || latest.status === 'notice' || latest.status === 'correction';
}

/**
 * After a stage is locked again, a notice it is under shows the new results at once:
 * the re-marks of upheld appeals are applied together, never one sheet at a time.
 */
export function reviseNotice(tx: Tx, stage: Stage): { versionId: number; revision: number; rowsHash: string } | null {
	const v = tx.select().from(resultVersions).where(and(eq(resultVersions.stageId, stage.id), eq(resultVersions.status, 'notice'))).get();
	if (!v) return null;
	const rows = computeResultRows(tx, { ...stage, status: 'locked' });
	const rowsHash = hashRows(rows);
	writeRows(tx, v.id, rows);
	tx.update(resultVersions).set({ revision: v.revision + 1, rowsHash }).where(eq(resultVersions.id, v.id)).run();
	return { versionId: v.id, revision: v.revision + 1, rowsHash };
}

/** Public versions of a stage, newest first (the history a results page lists). */
export function versionHistory(db: DB | Tx, stageId: number) {
	return db
		.select()
		.from(resultVersions)
		.where(and(eq(resultVersions.stageId, stageId), ne(resultVersions.status, 'correction')))
		.orderBy(desc(resultVersions.version))
		.all();
}
