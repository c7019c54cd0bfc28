import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { entries, eventJudges, sheets, stageEntries, stages, standings } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { RuleError } from '../errors';
import { checkScheme } from '$lib/domain/scoring/scheme';
import { advancing } from '$lib/domain/scoring/ranking';
import { exact } from '$lib/domain/scoring/exact';
import { loadStage, seatOf } from '../competitions/context';
import { lockSchemeFor } from '../competitions/schemes';
import { allStandings, refreshStanding, stageScheme } from './standings';
import { resultsPending, reviseNotice } from '../results/rows';

/**
 * Opens a stage for scoring: the first stage takes every approved entry (they must
 * all have blind codes), a later one the entries advanced into it. The scheme is
 * locked in the same transaction, and every entry gets a (still empty) standing.
 */
export function startStage(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'stage.start', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	const { stage } = ctx;
	if (ctx.competition.status !== 'in_progress') throw new RuleError({ _: m.err_stage_competition_not_running() });
	if (stage.status !== 'pending') throw new RuleError({ _: m.err_stage_started() });
	if (!stage.schemeId) throw new RuleError({ _: m.err_stage_no_scheme() });
	const def = stageScheme(db, stage);
	if (checkScheme(def).length) throw new RuleError({ _: m.err_scheme_incomplete() });
	const panel = db.select({ n: count() }).from(eventJudges).where(and(eq(eventJudges.eventId, ctx.event.id), eq(eventJudges.chief, false))).get()!.n;
	const chief = db.select({ n: count() }).from(eventJudges).where(and(eq(eventJudges.eventId, ctx.event.id), eq(eventJudges.chief, true))).get()!.n;
	if (panel === 0 || chief === 0) throw new RuleError({ _: m.err_stage_no_panel() });
	let entryIds: number[];
	if (stage.position === 1) {
		if (!ctx.event.drawnAt) throw new RuleError({ _: m.err_stage_not_drawn() });
		entryIds = db
			.select({ id: entries.id })
			.from(entries)
			.where(and(eq(entries.eventId, ctx.event.id), eq(entries.status, 'approved')))
			.all()
			.map((e) => e.id);
	} else {
		const prev = db.select().from(stages).where(and(eq(stages.eventId, ctx.event.id), eq(stages.position, stage.position - 1))).get()!;
		if (prev.status !== 'locked') throw new RuleError({ _: m.err_stage_previous_open() });
		if (resultsPending(db, prev.id)) throw new RuleError({ _: m.err_results_previous_notice() });
		entryIds = db.select({ id: stageEntries.entryId }).from(stageEntries).where(eq(stageEntries.stageId, stageId)).all().map((e) => e.id);
		if (entryIds.length === 0) throw new RuleError({ _: m.err_stage_not_advanced() });
	}
	return db.transaction((tx) => {
		if (stage.position === 1) for (const entryId of entryIds) tx.insert(stageEntries).values({ stageId, entryId }).onConflictDoNothing().run();
		lockSchemeFor(tx, stage.schemeId!);
		const started = tx.update(stages).set({ status: 'scoring' }).where(eq(stages.id, stageId)).returning().get();
		for (const entryId of entryIds) refreshStanding(tx, started, entryId, def);
		writeAudit(tx, actor, { action: 'stage.start', entityType: 'stage', entityId: stageId, unitPath: ctx.organiserPath, before: { status: 'pending' }, after: { status: 'scoring', entries: entryIds.length } });
		return { entries: entryIds.length };
	});
}

/**
 * 裁判长签字: locks every sheet of the stage. Only when every entry is complete, so a
 * locked stage always has a full set of standings.
 */
export function lockStage(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'stage.lock', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (ctx.stage.status !== 'scoring') throw new RuleError({ _: m.err_stage_not_scoring() });
	const incomplete = db
		.select({ code: entries.code })
		.from(standings)
		.innerJoin(entries, eq(entries.id, standings.entryId))
		.where(and(eq(standings.stageId, stageId), eq(standings.complete, false)))
		.orderBy(asc(entries.code))
		.all();
	if (incomplete.length)
		throw new RuleError({ _: m.err_stage_incomplete({ count: incomplete.length, codes: incomplete.slice(0, 10).map((r) => r.code).join('、') }) });
	return db.transaction((tx) => {
		const now = new Date();
		const locked = tx.update(sheets).set({ status: 'locked', updatedAt: now }).where(and(eq(sheets.stageId, stageId), eq(sheets.status, 'submitted'))).run().changes;
		tx.update(stages).set({ status: 'locked', lockedAt: now, lockedBy: actor.userId }).where(eq(stages.id, stageId)).run();
		writeAudit(tx, actor, { action: 'stage.lock', entityType: 'stage', entityId: stageId, unitPath: ctx.organiserPath, before: { status: 'scoring' }, after: { status: 'locked', sheets: locked } });
		// re-marks after upheld appeals reach the running notice together, now
		const revised = reviseNotice(tx, ctx.stage);
		if (revised) writeAudit(tx, actor, { action: 'result.revise', entityType: 'result', entityId: revised.versionId, unitPath: ctx.organiserPath, after: revised });
		return { sheets: locked };
	});
}

/**
 * Puts the entries that go on (top N with ties at the cut, a threshold, or everyone)
 * into the next stage. It can be redone until the next stage starts.
 */
export function advanceFrom(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'stage.advance', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	const { stage } = ctx;
	if (stage.status !== 'locked') throw new RuleError({ _: m.err_stage_not_locked() });
	if (resultsPending(db, stageId)) throw new RuleError({ _: m.err_results_previous_notice() });
	const next = db.select().from(stages).where(and(eq(stages.eventId, ctx.event.id), eq(stages.position, stage.position + 1))).get();
	if (!next) throw new RuleError({ _: m.err_stage_last() });
	if (next.status !== 'pending') throw new RuleError({ _: m.err_stage_started() });
	const rows = allStandings(db, stageId).map((r) => ({ ...r, total: r.complete ? exact(r.total) : null }));
	const going =
		stage.advanceKind === 'all'
			? rows.filter((r) => r.rank !== null)
			: advancing(rows, stage.advanceKind === 'top' ? { kind: 'top', count: stage.advanceCount ?? 0 } : { kind: 'threshold', min: stage.advanceMin ?? '0' });
	if (going.length === 0) throw new RuleError({ _: m.err_stage_nobody_advances() });
	return db.transaction((tx) => {
		tx.delete(stageEntries).where(eq(stageEntries.stageId, next.id)).run();
		for (const r of going) tx.insert(stageEntries).values({ stageId: next.id, entryId: r.entryId }).run();
		writeAudit(tx, actor, {
			action: 'stage.advance',
			entityType: 'stage',
			entityId: next.id,
			unitPath: ctx.organiserPath,
			after: { from: stageId, rule: { kind: stage.advanceKind, count: stage.advanceCount, min: stage.advanceMin }, entries: going.map((r) => r.entryId) }
		});
		return { count: going.length, nextStageId: next.id };
	});
}

/** Records completion times (seconds) for a stage that breaks ties on time. */
export function recordTimes(db: DB, actor: Actor | null, stageId: number, times: Record<number, string | null>) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'marks.import', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (ctx.stage.status !== 'scoring') throw new RuleError({ _: m.err_stage_not_scoring() });
	const ids = Object.keys(times).map(Number);
	const present = new Set(
		ids.length ? db.select({ id: stageEntries.entryId }).from(stageEntries).where(and(eq(stageEntries.stageId, stageId), inArray(stageEntries.entryId, ids))).all().map((r) => r.id) : []
	);
	const unknown = ids.filter((id) => !present.has(id));
	if (unknown.length) throw new RuleError({ _: m.err_entry_not_in_stage() });
	return db.transaction((tx) => {
		const def = stageScheme(tx, ctx.stage);
		for (const [id, time] of Object.entries(times)) {
			tx.update(stageEntries).set({ time }).where(and(eq(stageEntries.stageId, stageId), eq(stageEntries.entryId, Number(id)))).run();
			refreshStanding(tx, ctx.stage, Number(id), def);
		}
		writeAudit(tx, actor, { action: 'stage.times', entityType: 'stage', entityId: stageId, unitPath: ctx.organiserPath, after: times });
	});
}


/** Blind codes and recorded times of a stage's entries, in code order. */
export function stageEntryTimes(db: DB, stageId: number) {
	return db
		.select({ entryId: stageEntries.entryId, code: entries.code, time: stageEntries.time })
		.from(stageEntries)
		.innerJoin(entries, eq(entries.id, stageEntries.entryId))
		.where(eq(stageEntries.stageId, stageId))
		.orderBy(asc(entries.code))
		.all();
}
