import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { competitions, entries, eventJudges, events, marks, recusals, sheets, stageEntries, stages, standings } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { connectionOf, prepared } from '../db/prepared';
import { excerpt, notify } from '../notifications';
import { ForbiddenError, NotFoundError, RuleError } from '../errors';
import { canonical, parseDecimal } from '$lib/domain/scoring/exact';
import { checkMark, markedByEachJudge } from '$lib/domain/scoring/scheme';
import { markProblemLabel } from '$lib/labels';
import { loadStage, seatOf, type StageContext } from '../competitions/context';
import { schemeTree } from '../competitions/schemes';
import { membersOf } from '../competitions/entries';
import { blocks, panelFor, recusalsOf, type Recusal } from './recusal';
import { refreshStanding, stageSchemeTree } from './standings';
import { latestVersion, resultsAllowReopen } from '../results/rows';

type Sheet = typeof sheets.$inferSelect;

/** The events and stages an account judges, newest first. */
export function myPanels(db: DB, actor: Actor | null) {
	authorize(actor, 'account.read', { userId: actor?.userId });
	const rows = db
		.select({ eventId: events.id, event: events.name, competition: competitions.title, competitionStatus: competitions.status, chief: eventJudges.chief, seat: eventJudges.seat })
		.from(eventJudges)
		.innerJoin(events, eq(events.id, eventJudges.eventId))
		.innerJoin(competitions, eq(competitions.id, events.competitionId))
		.where(eq(eventJudges.userId, actor.userId))
		.orderBy(sql`${competitions.startsOn} DESC`, asc(events.id))
		.all();
	const stageRows = rows.length
		? db.select().from(stages).where(inArray(stages.eventId, rows.map((r) => r.eventId))).orderBy(asc(stages.position)).all()
		: [];
	return rows.map((r) => ({ ...r, stages: stageRows.filter((s) => s.eventId === r.eventId) }));
}

/** Whether an account sits on any panel (for navigation). */
export function sitsOnPanel(db: DB, actor: Actor | null): boolean {
	if (!actor) return false;
	return !!db.select({ e: eventJudges.eventId }).from(eventJudges).where(eq(eventJudges.userId, actor.userId)).limit(1).get();
}

/** Names are shown to judges only once the competition's results are published. */
const revealed = (ctx: StageContext) => ctx.competition.status === 'published';

function panelContext(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	const seat = seatOf(db, actor, ctx.event.id);
	authorize(actor, 'panel.read', { unitPath: ctx.organiserPath, judge: seat });
	return { ...ctx, seat: seat! };
}

/** A judge's list for a stage: entries by blind code, with their own sheet's status and any conflict. */
export function judgeStage(db: DB, actor: Actor | null, stageId: number) {
	const ctx = panelContext(db, actor, stageId);
	const rows = db
		.select({ entryId: entries.id, code: entries.code, teamName: entries.teamName, status: sheets.status, updatedAt: sheets.updatedAt })
		.from(stageEntries)
		.innerJoin(entries, eq(entries.id, stageEntries.entryId))
		.leftJoin(sheets, and(eq(sheets.stageId, stageId), eq(sheets.entryId, entries.id), eq(sheets.judgeId, actor!.userId)))
		.where(eq(stageEntries.stageId, stageId))
		.orderBy(asc(entries.code))
		.all();
	const conflicts = recusalsOf(db, ctx.event.id, actor!.userId);
	const names = revealed(ctx) ? membersOf(db, rows.map((r) => r.entryId)) : null;
	return {
		competition: { id: ctx.competition.id, title: ctx.competition.title, status: ctx.competition.status },
		event: { id: ctx.event.id, name: ctx.event.name, kind: ctx.event.kind },
		stage: ctx.stage,
		seat: ctx.seat,
		entries: rows.map((r) => ({
			entryId: r.entryId,
			code: r.code!,
			status: r.status ?? null,
			updatedAt: r.updatedAt,
			conflict: conflicts.get(r.entryId) ?? null,
			names: names?.get(r.entryId)?.map((x) => x.name) ?? null
		}))
	};
}

function entryInStage(db: DB | Tx, stageId: number, entryId: number) {
	const row = prepared(db, 'sheets.entryInStage', (d) =>
		d
			.select({ entry: entries, se: stageEntries })
			.from(stageEntries)
			.innerJoin(entries, eq(entries.id, stageEntries.entryId))
			.where(and(eq(stageEntries.stageId, sql.placeholder('stageId')), eq(stageEntries.entryId, sql.placeholder('entryId'))))
			.prepare()
	).get({ stageId, entryId });
	if (!row) throw new RuleError({ _: m.err_entry_not_in_stage() });
	return row;
}

function assertNotRecused(conflict: Recusal | undefined) {
	if (blocks(conflict)) throw new ForbiddenError('sheet.mark', m.err_recused());
}

function sheetOf(db: DB | Tx, stageId: number, entryId: number, judgeId: number): Sheet | undefined {
	return prepared(db, 'sheets.sheetOf', (d) =>
		d
			.select()
			.from(sheets)
			.where(and(eq(sheets.stageId, sql.placeholder('stageId')), eq(sheets.entryId, sql.placeholder('entryId')), eq(sheets.judgeId, sql.placeholder('judgeId'))))
			.prepare()
	).get({ stageId, entryId, judgeId });
}

function marksOf(db: DB | Tx, sheetId: number): Record<number, string> {
	const out: Record<number, string> = {};
	for (const r of db.select().from(marks).where(eq(marks.sheetId, sheetId)).all()) out[r.aspectId] = r.value;
	return out;
}

/**
 * A judge's score sheet for one entry: the scheme with its descriptors, their own
 * marks, and — only once the stage is locked — the other judges' marks.
 */
export function openSheet(db: DB, actor: Actor | null, stageId: number, entryId: number) {
	const ctx = panelContext(db, actor, stageId);
	if (ctx.stage.status === 'pending') throw new RuleError({ _: m.err_stage_not_scoring() });
	const { entry, se } = entryInStage(db, stageId, entryId);
	const mine = recusalsOf(db, ctx.event.id, actor!.userId);
	assertNotRecused(mine.get(entryId));
	const sheet = sheetOf(db, stageId, entryId, actor!.userId);
	const tree = schemeTree(db, ctx.stage.schemeId!);
	const others =
		ctx.stage.status === 'locked' || ctx.seat === 'chief'
			? db
					.select({ judgeId: sheets.judgeId, seat: eventJudges.seat, status: sheets.status, aspectId: marks.aspectId, value: marks.value })
					.from(sheets)
					.innerJoin(eventJudges, and(eq(eventJudges.eventId, ctx.event.id), eq(eventJudges.userId, sheets.judgeId)))
					.innerJoin(marks, eq(marks.sheetId, sheets.id))
					.where(and(eq(sheets.stageId, stageId), eq(sheets.entryId, entryId), sql`${sheets.judgeId} <> ${actor!.userId}`, inArray(sheets.status, ['submitted', 'locked'])))
					.all()
			: [];
	const neighbours = db
		.select({ entryId: stageEntries.entryId, code: entries.code })
		.from(stageEntries)
		.innerJoin(entries, eq(entries.id, stageEntries.entryId))
		.where(eq(stageEntries.stageId, stageId))
		.orderBy(asc(entries.code))
		.all();
	const open = neighbours.filter((n) => n.entryId === entryId || !blocks(mine.get(n.entryId)));
	const at = open.findIndex((n) => n.entryId === entryId);
	return {
		competition: { id: ctx.competition.id, title: ctx.competition.title },
		event: { id: ctx.event.id, name: ctx.event.name },
		stage: ctx.stage,
		seat: ctx.seat,
		entry: { id: entry.id, code: entry.code!, difficulty: se.difficulty, names: revealed(ctx) ? (membersOf(db, [entry.id]).get(entry.id) ?? []).map((x) => x.name) : null },
		sheet: sheet ? { id: sheet.id, status: sheet.status, version: sheet.version, updatedAt: sheet.updatedAt } : null,
		marks: sheet ? marksOf(db, sheet.id) : {},
		tree,
		others,
		editable: ctx.seat === 'judge' && ctx.stage.status === 'scoring' && (!sheet || sheet.status === 'draft'),
		previous: at > 0 ? open[at - 1] : null,
		next: at >= 0 && at < open.length - 1 ? open[at + 1] : null
	};
}

export interface SheetInput {
	/** the version the tablet last saw; null when it has not seen a saved sheet */
	version: number | null;
	/** aspect id → mark as typed; '' or absent leaves the aspect blank */
	marks: Record<number, string>;
	submit: boolean;
}

/**
 * Saves a draft or submits a sheet. Every mark is checked against its aspect's range
 * and step; a submitted sheet needs every aspect a judge marks. Submitting updates the
 * entry's stored standing in the same transaction. A tablet that saw an older version
 * is refused, so a stale tab never overwrites newer marks.
 */
/** A sheet's writes, prepared once per connection: every judge's every sheet goes through them (times in ms, as `stamp` keeps them). */
const sheetWrites = (tx: Tx) =>
	prepared(tx, 'sheets.writes', () => {
		const c = connectionOf(tx);
		return {
			insert: c
				.prepare('INSERT INTO sheets (stage_id, entry_id, judge_id, status, version, updated_at, submitted_at) VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id')
				.pluck(),
			update: c.prepare('UPDATE sheets SET status = ?, version = ?, updated_at = ?, submitted_at = ? WHERE id = ?'),
			clearMarks: c.prepare('DELETE FROM marks WHERE sheet_id = ?'),
			mark: c.prepare('INSERT INTO marks (sheet_id, aspect_id, value) VALUES (?, ?, ?)')
		};
	});

export function saveSheet(db: DB, actor: Actor | null, stageId: number, entryId: number, input: SheetInput) {
	const ctx = loadStage(db, stageId);
	const seat = seatOf(db, actor, ctx.event.id);
	authorize(actor, 'sheet.mark', { unitPath: ctx.organiserPath, judge: seat });
	if (seat === 'chief') throw new RuleError({ _: m.err_chief_does_not_mark() });
	if (ctx.stage.status === 'locked') throw new RuleError({ _: m.err_sheet_locked() });
	if (ctx.stage.status !== 'scoring') throw new RuleError({ _: m.err_stage_not_scoring() });
	entryInStage(db, stageId, entryId);
	// the entry's panel is the recusal rule in one read, and the standing refreshed below counts it
	const panel = panelFor(db, ctx.event.id, entryId);
	if (!panel.includes(actor.userId)) throw new ForbiddenError('sheet.mark', m.err_recused());
	// one read of the scheme serves the checks here and the standing refreshed below
	const { tree, def } = stageSchemeTree(db, ctx.stage);
	const aspects = tree.flatMap((mod) => mod.criteria.flatMap((c) => c.aspects));
	const known = new Set(aspects.map((a) => a.id));
	const errors: Record<string, string> = {};
	for (const key of Object.keys(input.marks)) if (!known.has(Number(key))) errors._ = m.err_mark_unknown_aspect();
	const values: Record<number, string> = {};
	for (const a of aspects) {
		const typed = (input.marks[a.id] ?? '').trim();
		if (typed === '') {
			if (input.submit && markedByEachJudge(a.kind)) errors[`m${a.id}`] = m.err_required();
			continue;
		}
		const problem = checkMark(a, typed);
		if (problem) errors[`m${a.id}`] = markProblemLabel(a, problem);
		else values[a.id] = canonical(parseDecimal(typed)!);
	}
	if (Object.keys(errors).length) throw new RuleError(errors);
	const existing = sheetOf(db, stageId, entryId, actor.userId);
	if (existing && existing.status !== 'draft') throw new RuleError({ _: existing.status === 'locked' ? m.err_sheet_locked() : m.err_sheet_submitted() });
	if ((existing?.version ?? null) !== input.version && !(existing === undefined && input.version === 0))
		throw new RuleError({ _: m.err_sheet_stale() });
	return db.transaction((tx) => {
		const now = new Date();
		const before = existing ? { status: existing.status, marks: marksOf(tx, existing.id) } : undefined;
		const status = input.submit ? ('submitted' as const) : ('draft' as const);
		const w = sheetWrites(tx);
		const at = now.getTime();
		const submittedAt = input.submit ? at : null;
		const version = existing ? existing.version + 1 : 1;
		if (existing) w.update.run(status, version, at, submittedAt, existing.id);
		const sheet = { id: existing?.id ?? (w.insert.get(stageId, entryId, actor.userId, status, at, submittedAt) as number), status, version };
		w.clearMarks.run(sheet.id);
		for (const [aspectId, value] of Object.entries(values)) w.mark.run(sheet.id, Number(aspectId), value);
		if (input.submit) refreshStanding(tx, ctx.stage, entryId, def, panel);
		writeAudit(tx, actor, {
			action: input.submit ? 'sheet.submit' : 'sheet.save',
			entityType: 'sheet',
			entityId: sheet.id,
			unitPath: ctx.organiserPath,
			before,
			after: { stageId, entryId, status: sheet.status, marks: values }
		});
		return { id: sheet.id, status: sheet.status, version: sheet.version };
	});
}

/** A judge declares a conflict with an entry they have not submitted a sheet for. */
export function declareConflict(db: DB, actor: Actor | null, stageId: number, entryId: number, reason: string) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'recusal.declare', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (ctx.stage.status !== 'scoring') throw new RuleError({ reason: m.err_stage_not_scoring() });
	entryInStage(db, stageId, entryId);
	const sheet = sheetOf(db, stageId, entryId, actor.userId);
	if (sheet && sheet.status !== 'draft') throw new RuleError({ reason: m.err_sheet_submitted() });
	if (!reason.trim()) throw new RuleError({ reason: m.err_required() });
	return db.transaction((tx) => {
		if (sheet) tx.delete(sheets).where(eq(sheets.id, sheet.id)).run();
		tx.insert(recusals)
			.values({ eventId: ctx.event.id, userId: actor.userId, entryId, kind: 'declared', reason: reason.trim(), createdBy: actor.userId, createdAt: new Date() })
			.onConflictDoUpdate({ target: [recusals.eventId, recusals.userId, recusals.entryId], set: { kind: 'declared', reason: reason.trim(), createdBy: actor.userId, createdAt: new Date() } })
			.run();
		// the panel for this entry is smaller now, which can complete it
		refreshOpenStages(tx, ctx.event.id, entryId);
		writeAudit(tx, actor, { action: 'recusal.declare', entityType: 'entry', entityId: entryId, unitPath: ctx.organiserPath, after: { judge: actor.userId, reason: reason.trim() } });
	});
}

/** The chief judge lets a judge mark an entry despite a conflict, and says why. */
export function overrideRecusal(db: DB, actor: Actor | null, stageId: number, input: { judgeId: number; entryId: number; reason: string }) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'recusal.override', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (ctx.stage.status !== 'scoring') throw new RuleError({ _: m.err_stage_not_scoring() });
	entryInStage(db, stageId, input.entryId);
	const conflict = recusalsOf(db, ctx.event.id, input.judgeId, [input.entryId]).get(input.entryId);
	if (!conflict || conflict.overridden) throw new RuleError({ _: m.err_no_conflict() });
	if (!input.reason.trim()) throw new RuleError({ reason: m.err_required() });
	return db.transaction((tx) => {
		tx.insert(recusals)
			.values({ eventId: ctx.event.id, userId: input.judgeId, entryId: input.entryId, kind: 'override', reason: input.reason.trim(), createdBy: actor.userId, createdAt: new Date() })
			.onConflictDoUpdate({ target: [recusals.eventId, recusals.userId, recusals.entryId], set: { kind: 'override', reason: input.reason.trim(), createdBy: actor.userId, createdAt: new Date() } })
			.run();
		refreshOpenStages(tx, ctx.event.id, input.entryId);
		writeAudit(tx, actor, {
			action: 'recusal.override',
			entityType: 'entry',
			entityId: input.entryId,
			unitPath: ctx.organiserPath,
			before: conflict,
			after: { judge: input.judgeId, reason: input.reason.trim() }
		});
	});
}

function refreshOpenStages(tx: Tx, eventId: number, entryId: number) {
	const open = tx
		.select({ stage: stages })
		.from(stages)
		.innerJoin(stageEntries, and(eq(stageEntries.stageId, stages.id), eq(stageEntries.entryId, entryId)))
		.where(and(eq(stages.eventId, eventId), eq(stages.status, 'scoring')))
		.all();
	for (const { stage } of open) refreshStanding(tx, stage, entryId);
}

/**
 * The chief judge reopens a submitted or locked sheet, with a reason; a locked stage
 * goes back to scoring. The judge then corrects and resubmits; both versions of every
 * mark stay in the audit log. Final results are reopened only through a correction.
 */
export function reopenSheet(db: DB, actor: Actor | null, sheetId: number, reason: string) {
	const sheet = db.select().from(sheets).where(eq(sheets.id, sheetId)).get();
	if (!sheet) throw new NotFoundError('sheet');
	const ctx = loadStage(db, sheet.stageId);
	authorize(actor, 'sheet.reopen', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (sheet.status === 'draft') throw new RuleError({ _: m.err_sheet_is_draft() });
	if (!reason.trim()) throw new RuleError({ reason: m.err_required() });
	// published results decide; before any, a closed competition's marks are settled
	const published = latestVersion(db, ctx.stage.id);
	if (published ? !resultsAllowReopen(db, ctx.stage.id) : ctx.competition.status === 'published' || ctx.competition.status === 'scoring_closed')
		throw new RuleError({ _: published ? m.err_results_final_reopen() : m.err_competition_frozen() });
	assertNextNotStarted(db, ctx);
	return db.transaction((tx) => reopenInTx(tx, actor, ctx, [sheet], { reason: reason.trim() }));
}

/** Sheets of a stage can be reopened only while the next stage has not started. */
export function assertNextNotStarted(db: DB | Tx, ctx: StageContext) {
	const next = db.select().from(stages).where(and(eq(stages.eventId, ctx.event.id), eq(stages.position, ctx.stage.position + 1))).get();
	if (next && next.status !== 'pending') throw new RuleError({ _: m.err_sheet_next_started() });
	return next;
}

/**
 * Reopens sheets inside the caller's transaction (a chief's reopening, or an upheld
 * appeal's): back to draft, the stage back to scoring, standings refreshed, and the
 * next stage's advancement cleared, since who goes on may change.
 */
export function reopenInTx(tx: Tx, actor: Actor, ctx: StageContext, reopen: (typeof sheets.$inferSelect)[], why: { reason: string; appealId?: number }) {
	const now = new Date();
	const next = tx.select().from(stages).where(and(eq(stages.eventId, ctx.event.id), eq(stages.position, ctx.stage.position + 1))).get();
	const stageStatus = tx.select({ status: stages.status }).from(stages).where(eq(stages.id, ctx.stage.id)).get()!.status;
	if (stageStatus === 'locked') tx.update(stages).set({ status: 'scoring', lockedAt: null, lockedBy: null }).where(eq(stages.id, ctx.stage.id)).run();
	const stage = { ...ctx.stage, status: 'scoring' as const };
	const advanced = next ? tx.delete(stageEntries).where(eq(stageEntries.stageId, next.id)).run().changes : 0;
	for (const sheet of reopen) {
		const before = { status: sheet.status, marks: marksOf(tx, sheet.id), stage: stageStatus };
		tx.update(sheets).set({ status: 'draft', version: sheet.version + 1, updatedAt: now, submittedAt: null }).where(eq(sheets.id, sheet.id)).run();
		refreshStanding(tx, stage, sheet.entryId);
		writeAudit(tx, actor, { action: 'sheet.reopen', entityType: 'sheet', entityId: sheet.id, unitPath: ctx.organiserPath, before, after: { status: 'draft', ...why, advancementCleared: advanced } });
		// the judge re-marks: by blind code, never by name
		if (sheet.judgeId !== actor.userId) {
			const code = tx.select({ code: entries.code }).from(entries).where(eq(entries.id, sheet.entryId)).get()?.code ?? '';
			notify(
				tx,
				[sheet.judgeId],
				{ kind: 'sheet_reopened', params: { event: ctx.event.name, stage: ctx.stage.name, code, reason: excerpt(why.reason) }, link: sheetLink(ctx.stage.id, sheet.entryId) },
				now
			);
		}
	}
}

/** A judge's own sheet for an entry. */
export const sheetLink = (stageId: number, entryId: number) => `/judge/stages/${stageId}/entries/${entryId}`;

/** The chief judge's grid: every entry against every seat, with standings and conflicts. */
export function chiefStage(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'stage.lock', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	const judges = db
		.select({ userId: eventJudges.userId, seat: eventJudges.seat, chief: eventJudges.chief })
		.from(eventJudges)
		.where(eq(eventJudges.eventId, ctx.event.id))
		.orderBy(asc(eventJudges.seat))
		.all()
		.filter((j) => !j.chief);
	const rows = db
		.select({ entryId: entries.id, code: entries.code, complete: standings.complete, total: standings.total, flags: standings.flags })
		.from(stageEntries)
		.innerJoin(entries, eq(entries.id, stageEntries.entryId))
		.leftJoin(standings, and(eq(standings.stageId, stageId), eq(standings.entryId, entries.id)))
		.where(eq(stageEntries.stageId, stageId))
		.orderBy(asc(entries.code))
		.all();
	const sheetRows = db.select({ id: sheets.id, entryId: sheets.entryId, judgeId: sheets.judgeId, status: sheets.status }).from(sheets).where(eq(sheets.stageId, stageId)).all();
	const conflicts = new Map(judges.map((j) => [j.userId, recusalsOf(db, ctx.event.id, j.userId)]));
	return {
		competition: { id: ctx.competition.id, title: ctx.competition.title, status: ctx.competition.status },
		event: { id: ctx.event.id, name: ctx.event.name },
		stage: ctx.stage,
		judges: judges.map((j) => ({ userId: j.userId, seat: j.seat })),
		entries: rows.map((r) => ({
			...r,
			cells: judges.map((j) => {
				const s = sheetRows.find((x) => x.entryId === r.entryId && x.judgeId === j.userId);
				return { judgeId: j.userId, sheetId: s?.id ?? null, status: s?.status ?? null, conflict: conflicts.get(j.userId)!.get(r.entryId) ?? null };
			})
		}))
	};
}
