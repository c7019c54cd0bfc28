import { describe, expect, it } from 'vitest';
import { assignAwards, standardise, type Ranked } from '../../src/lib/domain/awards';
import { exact } from '../../src/lib/domain/scoring/exact';

/** totals in rank order with standard competition ranks */
const rows = (...pairs: [number | null, string | null][]): Ranked[] =>
	pairs.map(([rank, total], i) => ({ entryId: i + 1, rank, total: total === null ? null : exact(total) }));

describe('assignAwards', () => {
	const field = rows([1, '95'], [2, '90'], [2, '90'], [4, '85'], [5, '80'], [6, '70'], [null, null]);

	it('by rank: the top N, the next M; a tie at the cut takes the better award', () => {
		// 一等奖 1 (rank 1), 二等奖 next 2 (ranks ≤ 3: the two 2nds), 三等奖 next 2 (ranks ≤ 5: 4th and 5th)
		const awards = assignAwards(field, { kind: 'rank', tiers: [{ name: '一等奖', count: 1 }, { name: '二等奖', count: 2 }, { name: '三等奖', count: 2 }] });
		expect([...awards]).toEqual([[1, 0], [2, 1], [3, 1], [4, 2], [5, 2]]);
		// a cut inside a tie: gold to the top 2 → both 2nds share it
		const gold = assignAwards(field, { kind: 'rank', tiers: [{ name: '金牌', count: 2 }] });
		expect([...gold.keys()]).toEqual([1, 2, 3]);
	});

	it('by share of the 6 ranked entrants: 20 % → floor(1.2) = 1, then 50 % → 1 + 3 = 4 ranks', () => {
		const awards = assignAwards(field, { kind: 'share', tiers: [{ name: '一等奖', percent: 20 }, { name: '二等奖', percent: 50 }] });
		expect([...awards]).toEqual([[1, 0], [2, 1], [3, 1], [4, 1]]);
	});

	it('by threshold: the best tier whose minimum is reached; unranked entries get nothing', () => {
		const awards = assignAwards(field, { kind: 'threshold', tiers: [{ name: '优秀', min: '90' }, { name: '合格', min: '80' }] });
		expect([...awards]).toEqual([[1, 0], [2, 0], [3, 0], [4, 1], [5, 1]]);
	});
});

describe('standardise', () => {
	it('maps the median to the centre and one robust spread to the spread', () => {
		// totals 70 80 90 100 110: median 90; |x−90| = 20 10 0 10 20 → MAD 10 → 14.826
		const z = standardise([70, 80, 90, 100, 110], 100, 10)!;
		expect(z(90)).toBe(100);
		expect(z(90 + 14.826)).toBeCloseTo(110, 10);
		expect(z(80)).toBeCloseTo(100 - 10 / 1.4826, 10);
	});

	it('is robust: one extreme entrant does not move the others', () => {
		const a = standardise([70, 80, 90, 100, 110])!;
		const b = standardise([70, 80, 90, 100, 1000])!;
		expect(b(80)).toBeCloseTo(a(80), 10);
	});

	it('has no scale when everyone scored the same, or nobody scored', () => {
		expect(standardise([80, 80, 80])).toBeNull();
		expect(standardise([])).toBeNull();
	});
});
