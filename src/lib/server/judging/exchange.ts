import { and, asc, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { entries, eventJudges, marks, sheets, stageEntries } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can } from '../auth/policy';
import { writeAudit } from '../audit';
import { RuleError } from '../errors';
import { canonical, parseDecimal } from '$lib/domain/scoring/exact';
import { checkMark, markedByEachJudge } from '$lib/domain/scoring/scheme';
import { markProblemLabel } from '$lib/labels';
import { loadStage, seatOf, type StageContext } from '../competitions/context';
import { schemeTree } from '../competitions/schemes';
import { membersOf } from '../competitions/entries';
import { readSheet, writeCsv, writeWorkbook } from '../people/sheet-file';
import { blocks, recusalsOf } from './recusal';
import { allStandings, refreshStanding, stageScheme } from './standings';

/**
 * Spreadsheet exchange of judges' marks: one row per judge (by seat number) per
 * entry (by blind code) per aspect (by code), with the entry's difficulty
 * coefficient for scored elements. Imports are all or nothing.
 */
export const MARK_COLUMNS = ['seat', 'code', 'aspect', 'mark', 'difficulty'] as const;
type MarkColumn = (typeof MARK_COLUMNS)[number];
const HEADERS: Record<MarkColumn, string[]> = {
	seat: ['裁判席位号', 'seat', 'judge seat'],
	code: ['参赛编号', 'code', 'entry code'],
	aspect: ['评分点编码', 'aspect', 'aspect code'],
	mark: ['分数', 'mark'],
	difficulty: ['难度系数', 'difficulty']
};
const REQUIRED: MarkColumn[] = ['seat', 'code', 'aspect', 'mark'];
export const MAX_MARK_ROWS = 20000;

export interface MarksReport {
	sheets: number;
	marks: number;
	problems: { row: number | null; message: string }[];
}

function exchangeContext(db: DB, actor: Actor | null, stageId: number, action: 'marks.import' | 'marks.export') {
	const ctx = loadStage(db, stageId);
	const seat = seatOf(db, actor, ctx.event.id);
	authorize(actor, action, { unitPath: ctx.organiserPath, judge: seat });
	return { ...ctx, seat };
}

export async function importMarks(db: DB, actor: Actor | null, stageId: number, file: unknown): Promise<MarksReport> {
	const ctx = exchangeContext(db, actor, stageId, 'marks.import');
	if (ctx.stage.status !== 'scoring') throw new RuleError({ file: ctx.stage.status === 'locked' ? m.err_sheet_locked() : m.err_stage_not_scoring() });
	const table = await readSheet(file);
	const problems: MarksReport['problems'] = [];
	const fail = (row: number | null, message: string) => problems.push({ row, message });

	const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
	const col = {} as Record<MarkColumn, number>;
	for (const c of MARK_COLUMNS) col[c] = header.findIndex((h) => HEADERS[c].includes(h));
	for (const c of REQUIRED) if (col[c] < 0) fail(null, m.imp_missing_column({ column: HEADERS[c][0] }));
	const body = table.slice(1).map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((x) => x.trim() !== ''));
	if (!problems.length && body.length === 0) fail(null, m.imp_empty());
	if (body.length > MAX_MARK_ROWS) fail(null, m.imp_too_many_rows({ max: MAX_MARK_ROWS }));
	if (problems.length) return { sheets: 0, marks: 0, problems };

	const judges = db.select().from(eventJudges).where(eq(eventJudges.eventId, ctx.event.id)).all();
	const bySeat = new Map(judges.map((j) => [String(j.seat), j]));
	const inStage = db
		.select({ id: entries.id, code: entries.code, difficulty: stageEntries.difficulty })
		.from(stageEntries)
		.innerJoin(entries, eq(entries.id, stageEntries.entryId))
		.where(eq(stageEntries.stageId, stageId))
		.all();
	const byCode = new Map(inStage.map((e) => [e.code ?? '', e]));
	const aspects = schemeTree(db, ctx.stage.schemeId!).flatMap((mod) => mod.criteria.flatMap((c) => c.aspects));
	const byAspectCode = new Map(aspects.map((a) => [a.code.toUpperCase(), a]));
	const existing = db.select().from(sheets).where(eq(sheets.stageId, stageId)).all();
	const conflicts = new Map(judges.map((j) => [j.userId, recusalsOf(db, ctx.event.id, j.userId)]));

	type Group = { judgeId: number; entryId: number; firstRow: number; marks: Record<number, string> };
	const groups = new Map<string, Group>();
	const seen = new Map<string, number>();
	const rejected = new Set<string>();
	const declared = new Map<string, { value: string; row: number }>();
	const cell = (r: (typeof body)[number], c: MarkColumn) => (col[c] >= 0 ? (r.cells[col[c]] ?? '').trim() : '');
	for (const r of body) {
		const seat = cell(r, 'seat').replace(/号$/, '');
		const judge = bySeat.get(seat);
		const entry = byCode.get(cell(r, 'code'));
		const aspect = byAspectCode.get(cell(r, 'aspect').toUpperCase());
		if (!judge) {
			fail(r.row, m.imp_marks_seat({ value: seat }));
			continue;
		}
		if (judge.chief) {
			fail(r.row, m.err_chief_does_not_mark());
			continue;
		}
		if (!entry) {
			fail(r.row, m.imp_marks_code({ value: cell(r, 'code') }));
			continue;
		}
		if (!aspect) {
			fail(r.row, m.imp_marks_aspect({ value: cell(r, 'aspect') }));
			continue;
		}
		// an aspect whose row is bad is reported by that row, not again as missing
		const gkey = `${judge.userId}:${entry.id}`;
		const reject = (message: string) => {
			fail(r.row, message);
			rejected.add(`${gkey}:${aspect.id}`);
		};
		const key = `${judge.userId}:${entry.id}:${aspect.id}`;
		if (seen.has(key)) {
			reject(m.imp_marks_duplicate({ first: seen.get(key)! }));
			continue;
		}
		seen.set(key, r.row);
		if (blocks(conflicts.get(judge.userId)!.get(entry.id))) {
			reject(m.imp_marks_recused({ seat: judge.seat, code: entry.code ?? '' }));
			continue;
		}
		const sheet = existing.find((s) => s.judgeId === judge.userId && s.entryId === entry.id);
		if (sheet && sheet.status !== 'draft') {
			reject(m.imp_marks_submitted({ seat: judge.seat, code: entry.code ?? '' }));
			continue;
		}
		const mark = cell(r, 'mark');
		const problem = checkMark(aspect, mark);
		if (problem) {
			reject(`${aspect.code}：${markProblemLabel(aspect, problem)}`);
			continue;
		}
		const difficulty = cell(r, 'difficulty');
		if (difficulty !== '') {
			const d = parseDecimal(difficulty);
			if (aspect.kind !== 'element') {
				reject(m.imp_marks_difficulty_not_element({ aspect: aspect.code }));
				continue;
			}
			if (!d || d.compare(0) <= 0 || d.compare(100) > 0) {
				reject(m.err_decimal_above({ min: '0', max: '100' }));
				continue;
			}
			const dkey = `${entry.id}:${aspect.id}`;
			const before = declared.get(dkey);
			if (before && before.value !== canonical(d)) {
				reject(m.imp_marks_difficulty_differs({ first: before.row }));
				continue;
			}
			declared.set(dkey, { value: canonical(d), row: r.row });
		}
		const group = groups.get(gkey) ?? { judgeId: judge.userId, entryId: entry.id, firstRow: r.row, marks: {} };
		group.marks[aspect.id] = canonical(parseDecimal(mark)!);
		groups.set(gkey, group);
	}
	// a sheet comes in whole: every aspect a judge marks
	const panelAspects = aspects.filter((a) => markedByEachJudge(a.kind));
	for (const [gkey, g] of groups) {
		const missing = panelAspects.filter((a) => g.marks[a.id] === undefined && !rejected.has(`${gkey}:${a.id}`)).map((a) => a.code);
		if (missing.length) {
			const seat = judges.find((j) => j.userId === g.judgeId)!.seat;
			fail(g.firstRow, m.imp_marks_incomplete({ seat, code: inStage.find((e) => e.id === g.entryId)!.code ?? '', aspects: missing.join('、') }));
		}
	}
	if (problems.length) return { sheets: 0, marks: 0, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };

	return db.transaction((tx) => {
		const now = new Date();
		let count = 0;
		for (const [dkey, d] of declared) {
			const [entryId, aspectId] = dkey.split(':').map(Number);
			const se = inStage.find((e) => e.id === entryId)!;
			se.difficulty = { ...se.difficulty, [aspectId]: d.value };
			tx.update(stageEntries).set({ difficulty: se.difficulty }).where(and(eq(stageEntries.stageId, stageId), eq(stageEntries.entryId, entryId))).run();
		}
		for (const g of groups.values()) {
			const prior = existing.find((s) => s.judgeId === g.judgeId && s.entryId === g.entryId);
			const before = prior ? { status: prior.status, marks: Object.fromEntries(tx.select().from(marks).where(eq(marks.sheetId, prior.id)).all().map((x) => [x.aspectId, x.value])) } : undefined;
			const sheet = prior
				? tx.update(sheets).set({ status: 'submitted', version: prior.version + 1, updatedAt: now, submittedAt: now }).where(eq(sheets.id, prior.id)).returning().get()
				: tx.insert(sheets).values({ stageId, entryId: g.entryId, judgeId: g.judgeId, status: 'submitted', version: 1, updatedAt: now, submittedAt: now }).returning().get();
			tx.delete(marks).where(eq(marks.sheetId, sheet.id)).run();
			tx.insert(marks).values(Object.entries(g.marks).map(([aspectId, value]) => ({ sheetId: sheet.id, aspectId: Number(aspectId), value }))).run();
			count += Object.keys(g.marks).length;
			writeAudit(tx, actor, { action: 'sheet.import', entityType: 'sheet', entityId: sheet.id, unitPath: ctx.organiserPath, before, after: { stageId, entryId: g.entryId, judgeId: g.judgeId, status: 'submitted', marks: g.marks } });
		}
		const def = stageScheme(tx, ctx.stage);
		const touched = new Set([...[...groups.values()].map((g) => g.entryId), ...[...declared.keys()].map((k) => Number(k.split(':')[0]))]);
		for (const entryId of touched) refreshStanding(tx, ctx.stage, entryId, def);
		return { sheets: groups.size, marks: count, problems: [] };
	});
}

const headerRow = () => MARK_COLUMNS.map((c) => HEADERS[c][0]);

/** A template with every (seat, code, aspect) a stage still needs, marks left blank. */
export async function marksTemplate(db: DB, actor: Actor | null, stageId: number, format: 'xlsx' | 'csv') {
	const ctx = exchangeContext(db, actor, stageId, 'marks.import');
	const aspects = ctx.stage.schemeId ? schemeTree(db, ctx.stage.schemeId).flatMap((mod) => mod.criteria.flatMap((c) => c.aspects)) : [];
	const judges = db.select().from(eventJudges).where(and(eq(eventJudges.eventId, ctx.event.id), eq(eventJudges.chief, false))).orderBy(asc(eventJudges.seat)).all();
	const codes = db
		.select({ id: entries.id, code: entries.code })
		.from(stageEntries)
		.innerJoin(entries, eq(entries.id, stageEntries.entryId))
		.where(eq(stageEntries.stageId, stageId))
		.orderBy(asc(entries.code))
		.all();
	const done = new Set(db.select().from(sheets).where(and(eq(sheets.stageId, stageId), inArray(sheets.status, ['submitted', 'locked']))).all().map((s) => `${s.judgeId}:${s.entryId}`));
	const rows: (string | number)[][] = [];
	outer: for (const e of codes)
		for (const j of judges) {
			if (done.has(`${j.userId}:${e.id}`) || blocks(recusalsOf(db, ctx.event.id, j.userId, [e.id]).get(e.id))) continue;
			for (const a of aspects) {
				if (rows.length >= MAX_MARK_ROWS) break outer;
				rows.push([j.seat, e.code ?? '', a.code, '', a.kind === 'element' ? (a.difficulty ?? '') : '']);
			}
		}
	if (format === 'csv') return writeCsv(headerRow(), rows);
	return writeWorkbook([
		{ name: '评分', header: headerRow(), rows },
		{ name: '评分点', header: ['评分点编码', '评分点', '方式', '满分', '步长'], rows: aspects.map((a) => [a.code, a.name, a.kind, a.kind === 'judgement' ? '0–3' : a.max, a.kind === 'judgement' ? '1' : a.step]) }
	]);
}

/** Officers see names; a chief judge sees codes until the results are published. */
const namesVisible = (ctx: StageContext, actor: Actor) =>
	ctx.competition.status === 'published' || can(actor, 'competition.read', { unitPath: ctx.organiserPath });

/** The full breakdown: every judge's mark, then per entry its module scores, totals and rank. */
export async function exportBreakdown(db: DB, actor: Actor | null, stageId: number, format: 'xlsx' | 'csv') {
	const ctx = exchangeContext(db, actor, stageId, 'marks.export');
	const showNames = namesVisible(ctx, actor!);
	const tree = ctx.stage.schemeId ? schemeTree(db, ctx.stage.schemeId) : [];
	const aspects = tree.flatMap((mod) => mod.criteria.flatMap((c) => c.aspects));
	const judges = db.select().from(eventJudges).where(eq(eventJudges.eventId, ctx.event.id)).all();
	const inStage = db
		.select({ id: entries.id, code: entries.code, difficulty: stageEntries.difficulty, time: stageEntries.time })
		.from(stageEntries)
		.innerJoin(entries, eq(entries.id, stageEntries.entryId))
		.where(eq(stageEntries.stageId, stageId))
		.orderBy(asc(entries.code))
		.all();
	const people = showNames ? membersOf(db, inStage.map((e) => e.id)) : null;
	const nameOf = (entryId: number) => (people?.get(entryId) ?? []).map((p) => p.name).join('、');
	const markRows = db
		.select({ entryId: sheets.entryId, judgeId: sheets.judgeId, status: sheets.status, aspectId: marks.aspectId, value: marks.value })
		.from(sheets)
		.innerJoin(marks, eq(marks.sheetId, sheets.id))
		.where(eq(sheets.stageId, stageId))
		.all();
	const codeOf = new Map(inStage.map((e) => [e.id, e]));
	const aspectOf = new Map(aspects.map((a) => [a.id, a]));
	const seatOfJudge = new Map(judges.map((j) => [j.userId, j.seat]));
	const detail = markRows
		.map((r) => {
			const a = aspectOf.get(r.aspectId);
			const e = codeOf.get(r.entryId);
			return [seatOfJudge.get(r.judgeId) ?? '', e?.code ?? '', a?.code ?? '', r.value, a?.kind === 'element' ? (e?.difficulty[r.aspectId] ?? a.difficulty ?? '') : '', a?.name ?? '', r.status, ...(showNames ? [nameOf(r.entryId)] : [])];
		})
		.sort((x, y) => String(x[1]).localeCompare(String(y[1])) || Number(x[0]) - Number(y[0]) || String(x[2]).localeCompare(String(y[2])));
	const detailHeader = [...headerRow(), '评分点', '状态', ...(showNames ? ['选手'] : [])];
	const standing = allStandings(db, stageId);
	const totals = standing.map((s) => [
		s.rank ?? '',
		codeOf.get(s.entryId)?.code ?? '',
		...(showNames ? [nameOf(s.entryId)] : []),
		...tree.map((mod) => (s.complete ? (s.modules[mod.id] ?? '') : '')),
		s.complete ? s.own : '',
		s.previous ?? '',
		s.complete ? s.total : '',
		codeOf.get(s.entryId)?.time ?? '',
		s.complete ? '' : '未完成'
	]);
	const totalsHeader = ['名次', '参赛编号', ...(showNames ? ['选手'] : []), ...tree.map((mod) => `${mod.letter}. ${mod.name}`), '本赛段得分', '上一赛段', '总分', '用时（秒）', '备注'];
	if (format === 'csv') return writeCsv(detailHeader, detail);
	return writeWorkbook([
		{ name: '成绩', header: totalsHeader, rows: totals },
		{ name: '评分明细', header: detailHeader, rows: detail }
	]);
}
