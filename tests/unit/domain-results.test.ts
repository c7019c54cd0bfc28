import { describe, expect, it } from 'vitest';
import { appealRefusal, finaliseRefusal, noticeProblem, pointsFor, ranksOf, sortMedals } from '$lib/domain/results';
import { histogram } from '$lib/domain/board';

const at = (h: number) => new Date(Date.UTC(2026, 10, 21, h));
const window = { noticeStartsAt: at(8), noticeEndsAt: at(20) };

describe('the notice window', () => {
	it('takes appeals only while a notice runs', () => {
		expect(appealRefusal('notice', window, at(7))).toBe('not_started');
		expect(appealRefusal('notice', window, at(8))).toBeNull();
		expect(appealRefusal('notice', window, at(19))).toBeNull();
		expect(appealRefusal('notice', window, at(20))).toBe('closed');
		for (const status of ['final', 'superseded', 'correction'] as const) expect(appealRefusal(status, window, at(10))).toBe('not_notice');
	});

	it('finalises only after the notice, with every appeal ruled and the stage locked', () => {
		expect(finaliseRefusal('notice', window, at(19), 0, true)).toBe('notice_running');
		expect(finaliseRefusal('notice', window, at(20), 1, true)).toBe('open_appeals');
		expect(finaliseRefusal('notice', window, at(20), 0, false)).toBe('stage_reopened');
		expect(finaliseRefusal('notice', window, at(20), 0, true)).toBeNull();
		expect(finaliseRefusal('final', window, at(21), 0, true)).toBe('not_notice');
	});

	it('lasts at least an hour', () => {
		expect(noticeProblem(at(8), at(9))).toBeNull();
		expect(noticeProblem(at(8), new Date(at(9).getTime() - 1))).toBe('order');
		expect(noticeProblem(at(9), at(8))).toBe('order');
	});
});

describe('points and medal tables', () => {
	const table = { tiers: [10, 6, 3, 1, 1, 1], excellence: 2 };

	it('scores an award by its tier, excellence by its own value, and tiers past the table as nothing', () => {
		expect(pointsFor(table, { kind: 'rank', tier: 0 })).toBe(10);
		expect(pointsFor(table, { kind: 'rank', tier: 2 })).toBe(3);
		expect(pointsFor(table, { kind: 'excellence', tier: 0 })).toBe(2);
		expect(pointsFor(table, { kind: 'rank', tier: 9 })).toBe(0);
	});

	it('orders gold first, then silver, bronze and other awards, sharing a rank only on identical counts', () => {
		const rows = sortMedals([
			{ key: 1, gold: 1, silver: 0, bronze: 5, other: 0 },
			{ key: 2, gold: 1, silver: 2, bronze: 0, other: 0 },
			{ key: 3, gold: 0, silver: 9, bronze: 9, other: 9 },
			{ key: 4, gold: 1, silver: 2, bronze: 0, other: 0 },
			{ key: 5, gold: 1, silver: 0, bronze: 5, other: 1 }
		]);
		expect(rows.map((r) => [r.key, r.rank, r.total])).toEqual([
			[2, 1, 3],
			[4, 1, 3],
			[5, 3, 7],
			[1, 4, 6],
			[3, 5, 27]
		]);
	});

	it('gives standard competition ranks', () => {
		expect(ranksOf([30, 20, 20, 10, 10, 5])).toEqual([1, 2, 2, 4, 4, 6]);
		expect(ranksOf([])).toEqual([]);
	});
});

describe('the score distribution', () => {
	it('bins totals with a round width that covers every total', () => {
		const h = histogram([50.42, 52.12, 52.33, 53.03, 53.87, 54.57, 54.95, 60.06, 67.85, 68.93])!;
		expect(h.width).toBe(2);
		expect(h.start).toBe(50);
		expect(h.counts.reduce((a, b) => a + b, 0)).toBe(10);
		expect(h.counts[0]).toBe(1);
		expect(h.counts.at(-1)).toBe(1);
		expect(h.start + h.counts.length * h.width).toBeGreaterThan(68.93);
	});

	it('puts equal totals in one bin and has nothing to draw without totals', () => {
		expect(histogram([80, 80, 80])).toEqual({ start: 80, width: 1, counts: [3] });
		expect(histogram([])).toBeNull();
	});
});
