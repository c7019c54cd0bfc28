import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { entries, eventJudges, marks, schemes, sheets } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { loadStage, seatOf } from '../competitions/context';
import { schemeTree } from '../competitions/schemes';
import { blocks, recusalsOf } from './recusal';
import { icc, judgeProfiles, kendallW, outlierMarks, type PanelMark } from '$lib/domain/scoring/consistency';
import { JUDGEMENT_SCALE, type AspectKind, markedByEachJudge } from '$lib/domain/scoring/scheme';

interface PanelAspect {
	id: number;
	code: string;
	name: string;
	kind: Exclude<AspectKind, 'measurement'>;
	max: number;
}

/** A mark as the statistics see it, with the entry's blind code kept for the report. */
type Mark = PanelMark & { code: string };

/**
 * Measurements are one agreed figure recorded once for the panel, so they say nothing
 * about how judges differ; only the aspects each judge marks on their own count here.
 */
function panelAspects(db: DB, schemeId: number | null): PanelAspect[] {
	if (schemeId === null) return [];
	return schemeTree(db, schemeId).flatMap((mod) =>
		mod.criteria.flatMap((c) =>
			c.aspects
				.filter((a) => markedByEachJudge(a.kind))
				.map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind as PanelAspect['kind'], max: Number(a.max) }))
		)
	);
}

/** Judgement marks run 0–3 whatever a 3 is worth; every other mark runs 0–max. */
const scaleOf = (a: PanelAspect) => (a.kind === 'judgement' ? JUDGEMENT_SCALE : a.max);

/**
 * Deductions count against the entry, so they are signed negative: a positive
 * deviation then always means "more generous than the panel", and a judge's
 * normalised total orders entries the way the stage score does.
 */
const signOf = (a: PanelAspect) => (a.kind === 'deduction' ? -1 : 1);

/** The scheme's tolerance for a single mark, in the units the judge typed. */
function thresholdOf(a: PanelAspect, judgementSpread: number): number {
	return a.kind === 'judgement' ? judgementSpread : 0.2 * a.max;
}

/**
 * Submitted and locked marks of panel judges on panel-marked aspects. A judge's sheet
 * for an entry they are recused from does not count, as in the stage score.
 */
function submittedMarks(db: DB, stageId: number, eventId: number, judgeIds: number[], aspects: Map<number, PanelAspect>): Mark[] {
	if (judgeIds.length === 0 || aspects.size === 0) return [];
	const rows = db
		.select({ judgeId: sheets.judgeId, entryId: sheets.entryId, code: entries.code, aspectId: marks.aspectId, value: marks.value })
		.from(sheets)
		.innerJoin(entries, eq(entries.id, sheets.entryId))
		.innerJoin(marks, eq(marks.sheetId, sheets.id))
		.where(and(eq(sheets.stageId, stageId), inArray(sheets.status, ['submitted', 'locked']), inArray(sheets.judgeId, judgeIds)))
		.all();
	const conflicts = new Map(judgeIds.map((id) => [id, recusalsOf(db, eventId, id)]));
	return rows
		.filter((r) => aspects.has(r.aspectId) && !blocks(conflicts.get(r.judgeId)!.get(r.entryId)))
		.map((r) => ({ judgeId: r.judgeId, entryId: r.entryId, aspectId: r.aspectId, value: Number(r.value), code: r.code! }));
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Agreement on the order of entries, over the entries every panel judge has marked:
 * Kendall's W and ICC need a full judges × entries matrix, so an entry a judge is
 * recused from (or has not submitted yet) drops out rather than being guessed.
 */
function agreementOf(list: Mark[], judgeIds: number[], aspects: Map<number, PanelAspect>) {
	const totals = new Map<number, Map<number, number>>(judgeIds.map((id) => [id, new Map()]));
	for (const mark of list) {
		const a = aspects.get(mark.aspectId)!;
		const byEntry = totals.get(mark.judgeId)!;
		byEntry.set(mark.entryId, (byEntry.get(mark.entryId) ?? 0) + (signOf(a) * mark.value) / scaleOf(a));
	}
	const entryIds = [...new Set(list.map((x) => x.entryId))].filter((e) => judgeIds.every((j) => totals.get(j)!.has(e))).sort((a, b) => a - b);
	if (judgeIds.length < 2 || entryIds.length < 2) return null;
	const matrix = judgeIds.map((j) => entryIds.map((e) => totals.get(j)!.get(e)!));
	const w = kendallW(matrix);
	if (!w) return null;
	return { w: w.w, chiSquare: w.chiSquare, df: w.df, icc21: icc(matrix)?.icc21 ?? null, entries: w.n, judges: w.m };
}

/**
 * The chief judge's view of how consistently the panel marks a stage: each judge's
 * leniency and erraticness, single marks far from the rest of the panel, and how far
 * the judges agree on the order of entries. Entries appear by blind code only.
 */
export function stageConsistency(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'consistency.read', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	const panel = db
		.select({ userId: eventJudges.userId, seat: eventJudges.seat })
		.from(eventJudges)
		.where(and(eq(eventJudges.eventId, ctx.event.id), eq(eventJudges.chief, false)))
		.orderBy(asc(eventJudges.seat))
		.all();
	const judgeIds = panel.map((j) => j.userId);
	const aspects = new Map(panelAspects(db, ctx.stage.schemeId).map((a) => [a.id, a]));
	const scheme = ctx.stage.schemeId === null ? undefined : db.select({ judgementSpread: schemes.judgementSpread }).from(schemes).where(eq(schemes.id, ctx.stage.schemeId)).get();
	const judgementSpread = scheme?.judgementSpread ?? 1;
	const list = submittedMarks(db, stageId, ctx.event.id, judgeIds, aspects);

	const seatOfJudge = new Map(panel.map((j) => [j.userId, j.seat]));
	const signed = list.map((x) => ({ ...x, value: signOf(aspects.get(x.aspectId)!) * x.value }));
	const profiles = new Map(judgeProfiles(signed, (id) => scaleOf(aspects.get(id)!)).map((p) => [p.judgeId, p]));
	// outlierMarks filters the very objects it is given, so identity recovers the codes
	const picked = new Set(outlierMarks(list, (id) => thresholdOf(aspects.get(id)!, judgementSpread)));
	const flagged = list.filter((x) => picked.has(x));
	const outliers = flagged
		.map((x) => {
			const a = aspects.get(x.aspectId)!;
			const others = list.filter((o) => o !== x && o.entryId === x.entryId && o.aspectId === x.aspectId).map((o) => o.value);
			return { code: x.code, seat: seatOfJudge.get(x.judgeId)!, aspectCode: a.code, aspectName: a.name, value: x.value, panelMedianOfOthers: median(others) };
		})
		.sort((p, q) => p.code.localeCompare(q.code) || p.seat - q.seat || p.aspectCode.localeCompare(q.aspectCode));

	return {
		competition: { id: ctx.competition.id, title: ctx.competition.title },
		event: { id: ctx.event.id, name: ctx.event.name },
		stage: { id: ctx.stage.id, name: ctx.stage.name, status: ctx.stage.status },
		judges: panel.map((j) => {
			const p = profiles.get(j.userId);
			return {
				seat: j.seat,
				marks: p?.marks ?? 0,
				meanNormalised: p?.meanNormalised ?? null,
				meanDeviation: p?.meanDeviation ?? null,
				deviationSpread: p?.deviationSpread ?? null,
				outliers: flagged.filter((x) => x.judgeId === j.userId).length
			};
		}),
		outliers,
		agreement: agreementOf(list, judgeIds, aspects)
	};
}

export type StageConsistency = ReturnType<typeof stageConsistency>;
