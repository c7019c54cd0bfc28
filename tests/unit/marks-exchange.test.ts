import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { stageEntries, standings } from '$lib/server/db/schema';
import { ForbiddenError } from '$lib/server/errors';
import { exportBreakdown, importMarks, marksTemplate } from '$lib/server/judging/exchange';
import { recomputeStage } from '$lib/server/judging/standings';
import { auditSince, countRows, lastAuditId, thrown } from './helpers';
import { makeContest, type Contest } from './contest-fixture';

const csv = (rows: string[][]) => new File([['裁判席位号,参赛编号,评分点编码,分数,难度系数', ...rows.map((r) => r.join(','))].join('\n')], 'marks.csv', { type: 'text/csv' });

/** Seats: 1 = ea2 (recused from EA2's entries), 2 = eb1, 3 = fed. Aspects A1.1 theory, B1.1 finish, B1.2 part, B1.3 safety. */
function sheetRows(c: Contest, seat: number, workerId: number, theory: string, finish: string, part: string, safety: string, difficulty = '') {
	const code = c.codeOf(c.entryOf(workerId));
	return [
		...(theory ? [[String(seat), code, 'A1.1', theory, '']] : []),
		[String(seat), code, 'B1.1', finish, ''],
		[String(seat), code, 'B1.2', part, difficulty],
		[String(seat), code, 'B1.3', safety, '']
	];
}

describe('importing marks', () => {
	it('imports whole sheets as submitted, sets declared difficulty, and updates standings in the same step', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		const a = c.w.ta2a.id; // EA2: seat 1 is recused
		const mark = lastAuditId(c.db);
		const report = await importMarks(c.db, c.judges.chief, s, csv([...sheetRows(c, 2, a, '100', '1', '5', '0', '1.5'), ...sheetRows(c, 3, a, '', '1', '5', '0', '1.5')]));
		expect(report).toEqual({ sheets: 2, marks: 7, problems: [] });
		const se = c.db.select().from(stageEntries).where(eq(stageEntries.entryId, c.entryOf(a))).get()!;
		expect(se.difficulty).toEqual({ [c.aspects.part.id]: '1.5' });
		// theory 100 → 30; finish 1,1 → 4/3; part 5 × 1.5 = 7.5; practical 8.8333… × 0.7 = 6.18333…; total 36.18
		const row = c.db.select().from(standings).where(eq(standings.entryId, c.entryOf(a))).get()!;
		expect([row.complete, row.total]).toEqual([true, '36.18']);
		const stored = c.db.select().from(standings).where(eq(standings.stageId, s)).all().map(({ updatedAt: _u, ...r }) => r).sort((x, y) => x.entryId - y.entryId);
		expect(stored).toEqual(recomputeStage(c.db, s).map(({ updatedAt: _u, rank: _r, ...r }) => r));
		expect(auditSince(c.db, mark).map((x) => x.action)).toEqual(['sheet.import', 'sheet.import']);
	});

	it('imports nothing when one row is bad, and names every bad row', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		const good = sheetRows(c, 2, c.w.workerA.id, '90', '2', '8', '0');
		const bad = sheetRows(c, 3, c.w.workerA.id, '', '2', '8.3', '0'); // rows 6–8; 8.3 is off the 0.5 step: row 7
		const recused = sheetRows(c, 1, c.w.ta2a.id, '', '2', '8', '0'); // rows 9–11
		const report = await importMarks(c.db, c.judges.chief, s, csv([...good, ...bad, ...recused]));
		expect(report.sheets).toBe(0);
		expect(report.problems.map((p) => p.row)).toEqual([7, 9, 10, 11]);
		expect(report.problems[0].message).toBe('B1.2：分数须是 0.5 的整数倍');
		expect(report.problems[1].message).toContain('回避');
		expect(countRows(c.db, 'sheets')).toBe(0);
		expect(countRows(c.db, 'marks')).toBe(0);
	});

	it('refuses incomplete sheets, unknown seats, codes and aspects, duplicates and missing columns', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		const code = c.codeOf(c.entryOf(c.w.workerA.id));
		const report = await importMarks(
			c.db,
			c.judges.chief,
			s,
			csv([
				['2', code, 'B1.1', '2', ''],
				['2', code, 'B1.1', '3', ''],
				['9', code, 'B1.1', '2', ''],
				['2', 'Z99', 'B1.1', '2', ''],
				['2', code, 'Q9.9', '2', ''],
				['4', code, 'B1.1', '2', '']
			])
		);
		expect(report.problems.map((p) => [p.row, p.message])).toEqual([
			[2, `2 号裁判对 ${code} 的评分不完整，缺少：B1.2、B1.3`],
			[3, '与第 2 行重复（同一裁判、同一选手、同一评分点）'],
			[4, '没有这个裁判席位号：9'],
			[5, '本赛段没有这个参赛编号：Z99'],
			[6, '评分标准中没有这个评分点编码：Q9.9'],
			[7, '裁判长负责监督和签字确认，不参与打分']
		]);
		const noColumn = await importMarks(c.db, c.judges.chief, s, new File(['参赛编号,分数\nA01,3'], 'x.csv'));
		expect(noColumn.problems.map((p) => p.message)).toEqual(['缺少“裁判席位号”列', '缺少“评分点编码”列']);
		expect(countRows(c.db, 'sheets')).toBe(0);
	});

	it('is for the chief judge or the organiser’s officers, not for judges', async () => {
		const c = await makeContest();
		await thrown(ForbiddenError, () => importMarks(c.db, c.judges.eb1, c.stages.s1.id, csv([])));
		await thrown(ForbiddenError, () => importMarks(c.db, c.actors.officerDB, c.stages.s1.id, csv([])));
		const ok = await importMarks(c.db, c.officer, c.stages.s1.id, csv(sheetRows(c, 2, c.w.workerA.id, '90', '2', '8', '0')));
		expect(ok.sheets).toBe(1);
	});
});

describe('template and export', () => {
	it('the template lists every seat, code and aspect still to be marked, without recused pairs', async () => {
		const c = await makeContest();
		const text = (await marksTemplate(c.db, c.judges.chief, c.stages.s1.id, 'csv')) as string;
		const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
		// 3 EA1 entries × 3 seats + 2 EA2 entries × 2 seats = 13 sheets × 4 aspects
		expect(lines.length).toBe(1 + 13 * 4);
		expect(lines[0]).toBe('裁判席位号,参赛编号,评分点编码,分数,难度系数');
		const ea2Code = c.codeOf(c.entryOf(c.w.ta2a.id));
		expect(lines.some((l) => l.startsWith(`1,${ea2Code},`))).toBe(false);
		expect(lines.some((l) => l.endsWith(',B1.2,,1.2'))).toBe(true);
	});

	it('exports totals and every judge’s mark; the chief judge sees codes only, an officer sees names', async () => {
		const c = await makeContest();
		await importMarks(c.db, c.judges.chief, c.stages.s1.id, csv(sheetRows(c, 2, c.w.workerA.id, '90', '2', '8', '0')));
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await exportBreakdown(c.db, c.officer, c.stages.s1.id, 'xlsx')) as unknown as ArrayBuffer);
		expect(book.worksheets.map((w) => w.name)).toEqual(['成绩', '评分明细']);
		const detail = book.getWorksheet('评分明细')!;
		expect(detail.rowCount).toBe(1 + 4);
		expect(detail.getRow(1).values).toContain('选手');
		expect(JSON.stringify(detail.getSheetValues())).toContain('张三');
		const blind = (await exportBreakdown(c.db, c.judges.chief, c.stages.s1.id, 'csv')) as string;
		expect(blind).not.toContain('张三');
		expect(blind.split(/\r?\n/)[0]).not.toContain('选手');
		await thrown(ForbiddenError, () => exportBreakdown(c.db, c.judges.eb1, c.stages.s1.id, 'csv'));
	});
});
