import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { marks, schemes, sheets, stageEntries, stages, standingHistory, standings } from '../db/schema';
import { NotFoundError } from '../errors';
import { canonical, exact, formatExact, parseDecimal } from '$lib/domain/scoring/exact';
import { scoreEntry, type EntryInput, type EntryScore } from '$lib/domain/scoring/score';
import { competitionRanks, pageRanks, sortKey } from '$lib/domain/scoring/ranking';
import type { SchemeDef } from '$lib/domain/scoring/scheme';
import { schemeDef, schemeTree, type SchemeTree } from '../competitions/schemes';
import { panelFor } from './recusal';
import { prepared } from '../db/prepared';

type Stage = typeof stages.$inferSelect;
type StandingRow = typeof standings.$inferInsert;

/** The scheme a stage scores with: its tree for people, its definition for the maths. */
export function stageSchemeTree(db: DB | Tx, stage: Stage): { tree: SchemeTree; def: SchemeDef } {
	if (!stage.schemeId) throw new NotFoundError('scheme');
	const scheme = prepared(db, 'standings.scheme', (d) => d.select().from(schemes).where(eq(schemes.id, sql.placeholder('id'))).prepare()).get({ id: stage.schemeId });
	if (!scheme) throw new NotFoundError('scheme');
	const read = () => {
		const tree = schemeTree(db, scheme.id);
		return { tree, def: schemeDef(scheme, tree) };
	};
	if (!scheme.lockedAt) return read();
	// A locked scheme never changes (scoring started), so each sheet need not read it again.
	// Keyed by the moment it was locked too: a lock rolled back with its transaction and
	// set again later is another key.
	const locked = prepared(db, 'standings.lockedSchemes', () => new Map<string, { tree: SchemeTree; def: SchemeDef }>());
	const key = `${scheme.id}:${scheme.lockedAt.getTime()}`;
	let hit = locked.get(key);
	if (!hit) {
		if (locked.size >= 200) locked.delete(locked.keys().next().value!);
		locked.set(key, (hit = deepFreeze(read())));
	}
	return hit;
}

/** Shared between requests, so no reader may change it. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

export const stageScheme = (db: DB | Tx, stage: Stage): SchemeDef => stageSchemeTree(db, stage).def;

/** What carrying forward brings into this stage: the entry's total in the stage before. */
function previousTotal(db: DB | Tx, stage: Stage, entryId: number): string | null {
	if (stage.position === 1) return null;
	const row = prepared(db, 'standings.previousTotal', (d) =>
		d
			.select({ total: standings.total, complete: standings.complete })
			.from(standings)
			.innerJoin(stages, eq(stages.id, standings.stageId))
			.where(and(eq(stages.eventId, sql.placeholder('eventId')), eq(stages.position, sql.placeholder('position')), eq(standings.entryId, sql.placeholder('entryId'))))
			.prepare()
	).get({ eventId: stage.eventId, position: stage.position - 1, entryId });
	return row?.complete ? row.total : null;
}

/** Everything the scoring maths needs about one entry in one stage, read from raw marks. */
export function entryInput(db: DB | Tx, stage: Stage, def: SchemeDef, entryId: number, openPanel?: number[]): EntryInput & { time: string | null } {
	const counted = prepared(db, 'standings.counted', (d) =>
		d
			.select({ judgeId: sheets.judgeId, status: sheets.status, aspectId: marks.aspectId, value: marks.value })
			.from(sheets)
			.leftJoin(marks, eq(marks.sheetId, sheets.id))
			.where(and(eq(sheets.stageId, sql.placeholder('stageId')), eq(sheets.entryId, sql.placeholder('entryId')), inArray(sheets.status, ['submitted', 'locked'])))
			.prepare()
	).all({ stageId: stage.id, entryId });
	// Only judges on this entry's panel count (the chief judge supervises). Once a stage
	// is locked its panel is whoever's sheets were signed off, so later recusals, panel
	// changes or unit moves never rewrite a locked result.
	const panel = new Set(
		stage.status === 'locked' ? counted.filter((r) => r.status === 'locked').map((r) => r.judgeId) : (openPanel ?? panelFor(db, stage.eventId, entryId))
	);
	const byJudge = new Map<number, Record<number, string>>();
	for (const r of counted) {
		if (!panel.has(r.judgeId)) continue;
		const marksOf = byJudge.get(r.judgeId) ?? {};
		if (r.aspectId !== null && r.value !== null) marksOf[r.aspectId] = r.value;
		byJudge.set(r.judgeId, marksOf);
	}
	const se = prepared(db, 'standings.stageEntry', (d) =>
		d
			.select()
			.from(stageEntries)
			.where(and(eq(stageEntries.stageId, sql.placeholder('stageId')), eq(stageEntries.entryId, sql.placeholder('entryId'))))
			.prepare()
	).get({ stageId: stage.id, entryId });
	return {
		scheme: def,
		sheets: [...byJudge.entries()].map(([judgeId, m]) => ({ judgeId, marks: m })),
		panelSize: panel.size,
		difficulty: se?.difficulty ?? {},
		carry:
			stage.carryMode === 'none' && !stage.tieBreaks.some((t) => t.kind === 'previous')
				? undefined
				: { mode: stage.carryMode, previous: previousTotal(db, stage, entryId), carryPct: stage.carryPct, ownPct: stage.ownPct },
		time: se?.time ?? null
	};
}

/** One entry's standing in a stage, computed from its raw marks alone, with the full score behind it. */
function scoredStanding(db: DB | Tx, stage: Stage, def: SchemeDef, entryId: number, panel?: number[]): { row: StandingRow; score: EntryScore } {
	const input = entryInput(db, stage, def, entryId, panel);
	const score = scoreEntry(input);
	const d = def.rules.decimals;
	const modules: Record<number, string> = {};
	for (const mod of score.modules) modules[mod.moduleId] = formatExact(mod.raw, d);
	// nothing carried: a missing previous total holds nobody back
	const flags = stage.carryMode === 'none' ? score.flags.filter((f) => f.kind !== 'no_previous') : score.flags;
	const complete = flags.length === 0;
	const time = input.time === null ? null : parseDecimal(input.time);
	// a 'previous' tie-break compares the previous total even when nothing is carried
	const previous = score.previous ?? (input.carry?.previous ? exact(input.carry.previous) : null);
	const row = {
		stageId: stage.id,
		entryId,
		complete,
		total: formatExact(score.total, d),
		own: formatExact(score.own, d),
		previous: previous === null ? null : canonical(previous),
		modules,
		flags,
		sortKey: complete
			? sortKey({ total: score.total, modules: score.modules, own: score.own, previous, time }, stage.tieBreaks, d)
			: null,
		updatedAt: new Date()
	};
	return { row, score };
}

/** One entry's standing in a stage, computed from its raw marks alone. */
export const computeStanding = (db: DB | Tx, stage: Stage, def: SchemeDef, entryId: number, panel?: number[]): StandingRow =>
	scoredStanding(db, stage, def, entryId, panel).row;

/** A standing's columns as placeholders (drizzle maps each value through its column when the query runs). */
const STANDING_PLACEHOLDERS = Object.fromEntries(
	(['stageId', 'entryId', 'complete', 'total', 'own', 'previous', 'modules', 'flags', 'sortKey', 'updatedAt'] as const).map((k) => [k, sql.placeholder(k)])
) as unknown as StandingRow;

/**
 * Rewrites the stored standing of one entry, inside the caller's transaction, and of
 * the same entry in later stages that carry this stage's total forward. `panel` is the
 * entry's `panelFor` when the caller has just read it.
 */
export function refreshStanding(tx: Tx, stage: Stage, entryId: number, def: SchemeDef = stageScheme(tx, stage), panel?: number[]): void {
	const row = computeStanding(tx, stage, def, entryId, panel);
	const was = prepared(tx, 'standings.was', (d) =>
		d
			.select({ total: standings.total, complete: standings.complete })
			.from(standings)
			.where(and(eq(standings.stageId, sql.placeholder('stageId')), eq(standings.entryId, sql.placeholder('entryId'))))
			.prepare()
	).get({ stageId: stage.id, entryId });
	if (was && (was.total !== row.total || was.complete !== row.complete))
		tx.insert(standingHistory).values({ stageId: stage.id, entryId, at: row.updatedAt!, total: row.total, complete: row.complete }).run();
	prepared(tx, 'standings.upsert', (d) =>
		d
			.insert(standings)
			.values(STANDING_PLACEHOLDERS)
			.onConflictDoUpdate({ target: [standings.stageId, standings.entryId], set: { ...STANDING_PLACEHOLDERS, stageId: undefined, entryId: undefined } })
			.prepare()
	).run(row);
	const next = prepared(tx, 'standings.nextStage', (d) =>
		d
			.select()
			.from(stages)
			.where(and(eq(stages.eventId, sql.placeholder('eventId')), eq(stages.position, sql.placeholder('position'))))
			.prepare()
	).get({ eventId: stage.eventId, position: stage.position + 1 });
	if (next && next.status !== 'pending') {
		const inNext = tx.select().from(stageEntries).where(and(eq(stageEntries.stageId, next.id), eq(stageEntries.entryId, entryId))).get();
		if (inNext) refreshStanding(tx, next, entryId);
	}
}

/** Standings of a whole stage from raw marks alone, with ranks and the scores behind them. */
export function recomputeScoredStage(db: DB | Tx, stage: Stage, def: SchemeDef) {
	const ids = db.select({ entryId: stageEntries.entryId }).from(stageEntries).where(eq(stageEntries.stageId, stage.id)).orderBy(asc(stageEntries.entryId)).all();
	const scored = ids.map((r) => scoredStanding(db, stage, def, r.entryId));
	const ranks = competitionRanks(scored.map((s) => s.row.sortKey ?? null));
	return scored.map((s, i) => ({ ...s.row, rank: ranks[i], score: s.score }));
}

/** Standings of a whole stage from raw marks alone, with ranks: what the stored rows must equal. */
export function recomputeStage(db: DB | Tx, stageId: number) {
	const stage = db.select().from(stages).where(eq(stages.id, stageId)).get();
	if (!stage) throw new NotFoundError('stage');
	return recomputeScoredStage(db, stage, stageScheme(db, stage)).map(({ score: _score, ...row }) => row);
}

export const STANDINGS_PAGE = 50;

/**
 * A page of stored standings, best first, ranked from the key index: complete entries
 * in key order, then the ones still being marked. The rank of the first row on a page
 * is 1 + the number of greater keys, so deep pages cost no more than the first.
 */
export function standingsPage(db: DB | Tx, stageId: number, page = 1) {
	const complete = db.select({ n: sql<number>`count(*)` }).from(standings).where(and(eq(standings.stageId, stageId), isNotNull(standings.sortKey))).get()!.n;
	const total = db.select({ n: sql<number>`count(*)` }).from(standings).where(eq(standings.stageId, stageId)).get()!.n;
	const offset = (page - 1) * STANDINGS_PAGE;
	const rows = db
		.select()
		.from(standings)
		.where(eq(standings.stageId, stageId))
		.orderBy(sql`${standings.sortKey} IS NULL`, desc(standings.sortKey), asc(standings.entryId))
		.limit(STANDINGS_PAGE)
		.offset(offset)
		.all();
	const ranked = rows.filter((r) => r.sortKey !== null);
	const above = ranked.length
		? db
				.select({ n: sql<number>`count(*)` })
				.from(standings)
				.where(and(eq(standings.stageId, stageId), gt(standings.sortKey, ranked[0].sortKey!)))
				.get()!.n
		: 0;
	const ranks = pageRanks(ranked.map((r) => r.sortKey!), offset, above);
	return {
		rows: rows.map((r, i) => ({ ...r, rank: r.sortKey === null ? null : ranks[i] })),
		complete,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / STANDINGS_PAGE))
	};
}

/** Every standing of a stage with its rank (exports, advancement). */
export function allStandings(db: DB | Tx, stageId: number) {
	const rows = db.select().from(standings).where(eq(standings.stageId, stageId)).orderBy(sql`${standings.sortKey} IS NULL`, desc(standings.sortKey), asc(standings.entryId)).all();
	const ranks = competitionRanks(rows.map((r) => r.sortKey));
	return rows.map((r, i) => ({ ...r, rank: ranks[i] }));
}

