import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '$lib/server/errors';
import { saveSheet } from '$lib/server/judging/sheets';
import { stageConsistency } from '$lib/server/judging/consistency';
import { thrown } from './helpers';
import { makeContest, marksOf, type Contest } from './contest-fixture';

type Panel = 'ea2' | 'eb1' | 'fed';
/** Seats follow the order of appointment in the fixture. */

/** Submits one sheet per judge given; marks in the order theory, finish, part, safety. */
function submit(c: Contest, entryId: number, byJudge: Partial<Record<Panel, [string, string, string, string]>>) {
	for (const [k, marks] of Object.entries(byJudge)) {
		saveSheet(c.db, c.judges[k as Panel], c.stages.s1.id, entryId, { version: null, marks: marksOf(c, ...marks!), submit: true });
	}
}

/**
 * One entry (张三's, which no judge is recused from), marked so the figures can be
 * worked by hand. Seat 1 also records the theory measurement, which must be ignored.
 */
async function oneEntry() {
	const c = await makeContest();
	const entry = c.entryOf(c.w.workerA.id);
	submit(c, entry, {
		ea2: ['80', '3', '10', '0'],
		eb1: ['', '2', '8', '1'],
		fed: ['', '2', '7', '1']
	});
	// a draft never counts
	saveSheet(c.db, c.judges.ea2, c.stages.s1.id, c.entryOf(c.w.ta1b.id), { version: null, marks: marksOf(c, '', '0', '0', '5'), submit: false });
	return { c, entry, view: stageConsistency(c.db, c.judges.chief, c.stages.s1.id) };
}

describe('stage consistency', () => {
	it("works out a judge's leniency by hand", async () => {
		const { view } = await oneEntry();
		expect(view.judges.map((j) => [j.seat, j.marks])).toEqual([
			[1, 3],
			[2, 3],
			[3, 3]
		]);
		// Panel means (deductions signed negative): finish 7/3 of 3, part 25/3 of 10,
		// safety −2/3 of 5. Seat 1's normalised deviations are 2/9, 1/6 and 2/15,
		// whose mean is (20 + 15 + 12) / 90 / 3 = 47/270.
		const seat1 = view.judges[0];
		expect(seat1.meanDeviation).toBeCloseTo(47 / 270, 12);
		expect(seat1.meanNormalised).toBeCloseTo((1 + 1 + 0) / 3, 12);
		// deviations around the panel cancel out across the judges
		expect(view.judges.reduce((s, j) => s + j.meanDeviation!, 0)).toBeCloseTo(0, 12);
	});

	it("flags a mark more than 20 % of the aspect's maximum from the others' median, and only that one", async () => {
		const { c, view } = await oneEntry();
		// part (0–10): seat 1's 10 is 2.5 from median(8, 7) = 7.5; seat 3's 7 is exactly
		// 2 from median(10, 8) = 9, which is not more than the threshold. Judgement marks
		// 3, 2, 2 stay within the scheme's spread of 1.
		expect(view.outliers).toEqual([
			{ code: c.codeOf(c.entryOf(c.w.workerA.id)), seat: 1, aspectCode: 'B1.2', aspectName: '零件完成度', value: 10, panelMedianOfOthers: 7.5 }
		]);
		expect(view.judges.map((j) => j.outliers)).toEqual([1, 0, 0]);
	});

	it('has no agreement statistic while only one entry is marked by the whole panel', async () => {
		const { view } = await oneEntry();
		expect(view.agreement).toBeNull();
	});

	it('gives W = 1 when every judge orders the entries the same way, leaving out an entry a judge is recused from', async () => {
		const c = await makeContest();
		const [low, mid, high] = [c.w.workerA, c.w.ta1b, c.w.ta1c].map((w) => c.entryOf(w.id));
		// the judges differ in level but not in order
		submit(c, low, { ea2: ['', '1', '4', '1'], eb1: ['', '1', '5', '0'], fed: ['', '0', '6', '0'] });
		submit(c, mid, { ea2: ['', '2', '6', '0'], eb1: ['', '1', '7', '0'], fed: ['', '1', '8', '0'] });
		submit(c, high, { ea2: ['', '3', '8', '0'], eb1: ['', '2', '9', '0'], fed: ['', '3', '10', '0'] });
		// seat 1 works in the same enterprise as this entrant, so it drops out of the matrix
		submit(c, c.entryOf(c.w.ta2a.id), { eb1: ['', '0', '1', '5'], fed: ['', '3', '10', '0'] });
		const { agreement } = stageConsistency(c.db, c.judges.chief, c.stages.s1.id);
		expect(agreement).not.toBeNull();
		expect(agreement!.entries).toBe(3);
		expect(agreement!.judges).toBe(3);
		expect(agreement!.w).toBeCloseTo(1, 12);
		expect(agreement!.chiSquare).toBeCloseTo(6, 12);
		expect(agreement!.df).toBe(2);
	});

	it('shows entries by blind code only', async () => {
		const { c, view } = await oneEntry();
		const text = JSON.stringify(view);
		for (const w of [c.w.workerA, c.w.ta1b]) expect(text).not.toContain(w.name);
		expect(text).not.toContain('裁判长丁');
	});

	it('is for the chief judge alone', async () => {
		const c = await makeContest();
		await thrown(ForbiddenError, () => stageConsistency(c.db, c.judges.ea2, c.stages.s1.id));
		await thrown(ForbiddenError, () => stageConsistency(c.db, c.officer, c.stages.s1.id));
	});
});
