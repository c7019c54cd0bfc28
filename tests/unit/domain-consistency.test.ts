import { describe, expect, it } from 'vitest';
import {
	icc,
	judgeProfiles,
	kendallW,
	outlierMarks,
	rankWithTies,
	type PanelMark
} from '../../src/lib/domain/scoring/consistency';

describe('rankWithTies', () => {
	it('ranks distinct values with 1 for the smallest', () => {
		expect(rankWithTies([30, 10, 20])).toEqual([3, 1, 2]);
	});

	it('gives tied values the average of the ranks they span', () => {
		expect(rankWithTies([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
		// 5s span ranks 1..3 → 2; 7s span ranks 4..5 → 4.5.
		expect(rankWithTies([7, 5, 5, 7, 5])).toEqual([4.5, 2, 2, 4.5, 2]);
	});

	it('gives every value the middle rank when all are tied', () => {
		expect(rankWithTies([4, 4, 4, 4])).toEqual([2.5, 2.5, 2.5, 2.5]);
	});

	it('handles empty and single-value input', () => {
		expect(rankWithTies([])).toEqual([]);
		expect(rankWithTies([42])).toEqual([1]);
	});
});

describe('kendallW', () => {
	it('is 1 when every judge orders the entries the same way', () => {
		const result = kendallW([
			[1, 2, 3, 4],
			[10, 20, 30, 40],
			[5, 6, 7, 8]
		]);
		expect(result).not.toBeNull();
		expect(result!.w).toBeCloseTo(1, 3);
		// χ² = m(n−1)W = 3·3·1
		expect(result!.chiSquare).toBeCloseTo(9, 3);
		expect(result!.df).toBe(3);
		expect(result!.m).toBe(3);
		expect(result!.n).toBe(4);
	});

	it('is 0 when two judges reverse each other', () => {
		// Rank sums are 4, 4, 4: every entry sits on the mean, so S = 0.
		const result = kendallW([
			[1, 2, 3],
			[3, 2, 1]
		]);
		expect(result!.w).toBeCloseTo(0, 3);
		expect(result!.chiSquare).toBeCloseTo(0, 3);
	});

	it('matches a hand computation without ties (3 judges × 6 entries)', () => {
		// Ranks: A 1 6 3 2 5 4 / B 1 5 6 4 2 3 / C 6 3 2 5 4 1
		// R_i = 8, 14, 11, 11, 11, 8; R̄ = m(n+1)/2 = 10.5
		// S = 6.25 + 12.25 + 0.25·3 + 6.25 = 25.5
		// W = 12·25.5 / (9·(216 − 6)) = 306 / 1890 = 0.1619
		// χ² = 3·5·0.1619 = 2.4286, df = 5
		const result = kendallW([
			[1, 6, 3, 2, 5, 4],
			[1, 5, 6, 4, 2, 3],
			[6, 3, 2, 5, 4, 1]
		]);
		expect(result!.w).toBeCloseTo(0.1619, 3);
		expect(result!.chiSquare).toBeCloseTo(2.4286, 3);
		expect(result!.df).toBe(5);
	});

	it('applies the tie correction', () => {
		// Judge 3 ties the first two entries.
		// Ranks: J1 1 2 3 4 / J2 1 2 3 4 / J3 1.5 1.5 3 4
		// R_i = 3.5, 5.5, 9, 12; R̄ = 3·5/2 = 7.5
		// S = 16 + 4 + 2.25 + 20.25 = 42.5
		// ΣT = 2³ − 2 = 6 (one pair in judge 3)
		// corrected:   W = 12·42.5 / (9·60 − 3·6) = 510 / 522 = 0.97701
		// uncorrected: W = 510 / 540 = 0.94444 — the correction matters
		// χ² = 3·3·0.97701 = 8.7931
		const result = kendallW([
			[10, 20, 30, 40],
			[1, 2, 3, 4],
			[7, 7, 8, 9]
		]);
		expect(result!.w).toBeCloseTo(0.97701, 3);
		expect(result!.w).not.toBeCloseTo(0.94444, 3);
		expect(result!.chiSquare).toBeCloseTo(8.7931, 3);
	});

	it('returns null with fewer than two judges or entries', () => {
		expect(kendallW([])).toBeNull();
		expect(kendallW([[1, 2, 3]])).toBeNull();
		expect(kendallW([[1], [2], [3]])).toBeNull();
	});

	it('returns null when every judge gives every entry the same score', () => {
		expect(
			kendallW([
				[5, 5, 5],
				[7, 7, 7]
			])
		).toBeNull();
	});

	it('throws a RangeError on ragged input', () => {
		expect(() => kendallW([[1, 2, 3], [1, 2]])).toThrow(RangeError);
	});
});

describe('icc', () => {
	// Shrout & Fleiss (1979), table 2: 6 targets × 4 judges, given here judges-outer.
	const byTarget = [
		[9, 2, 5, 8],
		[6, 1, 3, 2],
		[8, 4, 6, 8],
		[7, 1, 2, 6],
		[10, 5, 6, 9],
		[6, 2, 4, 7]
	];
	const byJudge = byTarget[0].map((_, j) => byTarget.map((row) => row[j]));

	it('reproduces the published Shrout & Fleiss values', () => {
		const result = icc(byJudge);
		expect(result).not.toBeNull();
		expect(result!.icc21).toBeCloseTo(0.29, 2);
		expect(result!.icc31).toBeCloseTo(0.71, 2);
		expect(result!.icc2k).toBeCloseTo(0.62, 2);
		expect(result!.icc3k).toBeCloseTo(0.91, 2);
	});

	it('matches the unrounded values from the mean squares', () => {
		// BMS = 11.2417, JMS = 32.4861, EMS = 1.0194 (the paper prints 11.24, 32.49, 1.02)
		// ICC(2,1) = 10.2222 / (11.2417 + 3·1.0194 + 4·31.4667/6) = 0.2898
		// ICC(3,1) = 10.2222 / (11.2417 + 3·1.0194)             = 0.7148
		// ICC(2,4) = 10.2222 / (11.2417 + 31.4667/6)            = 0.6201
		// ICC(3,4) = 10.2222 / 11.2417                          = 0.9093
		const result = icc(byJudge)!;
		expect(result.icc21).toBeCloseTo(0.2898, 3);
		expect(result.icc31).toBeCloseTo(0.7148, 3);
		expect(result.icc2k).toBeCloseTo(0.6201, 3);
		expect(result.icc3k).toBeCloseTo(0.9093, 3);
	});

	it('returns null with fewer than two judges or entries', () => {
		expect(icc([])).toBeNull();
		expect(icc([[1, 2, 3]])).toBeNull();
		expect(icc([[1], [2]])).toBeNull();
	});

	it('returns null when every mark is identical, despite rounding', () => {
		expect(
			icc([
				[3, 3, 3],
				[3, 3, 3]
			])
		).toBeNull();
		expect(
			icc([
				[0.1, 0.1, 0.1],
				[0.1, 0.1, 0.1],
				[0.1, 0.1, 0.1]
			])
		).toBeNull();
	});

	it('throws a RangeError on ragged input', () => {
		expect(() => icc([[1, 2, 3], [1, 2, 3, 4]])).toThrow(RangeError);
	});
});

describe('panel of 3 judges × 2 entries × 2 aspects', () => {
	// Aspect 100 is marked out of 10 (outlier threshold 3); aspect 200 out of 5 (threshold 1).
	// Entry 20 / aspect 200 has a single mark, from judge 1.
	const scale = (aspectId: number) => (aspectId === 100 ? 10 : 5);
	const threshold = (aspectId: number) => (aspectId === 100 ? 3 : 1);
	const mark = (judgeId: number, entryId: number, aspectId: number, value: number): PanelMark => ({
		judgeId,
		entryId,
		aspectId,
		value
	});
	const marks: PanelMark[] = [
		mark(3, 10, 100, 2),
		mark(1, 10, 100, 8),
		mark(2, 10, 100, 7),
		mark(1, 10, 200, 4),
		mark(2, 10, 200, 4),
		mark(3, 10, 200, 3),
		mark(2, 20, 100, 5),
		mark(1, 20, 100, 6),
		mark(3, 20, 100, 6),
		mark(1, 20, 200, 5)
	];

	describe('outlierMarks', () => {
		it('flags marks beyond the threshold from the other judges’ median, in input order', () => {
			// e10/a100: J3 2 vs median(8, 7) = 7.5 → 5.5 > 3 outlier
			//           J1 8 vs median(2, 7) = 4.5 → 3.5 > 3 outlier
			//           J2 7 vs median(2, 8) = 5   → 2        not
			// e10/a200: J1 4 vs 3.5 → 0.5; J2 4 vs 3.5 → 0.5; J3 3 vs 4 → 1, not > 1
			// e20/a100: J2 5 vs 6 → 1; J1 6 vs 5.5 → 0.5; J3 6 vs 5.5 → 0.5
			// e20/a200: J1 alone → never an outlier
			expect(outlierMarks(marks, threshold)).toEqual([mark(3, 10, 100, 2), mark(1, 10, 100, 8)]);
		});

		it('never flags a mark with no other judges on its entry and aspect', () => {
			expect(outlierMarks([mark(1, 20, 200, 5)], () => 0)).toEqual([]);
		});

		it('returns the same objects the caller passed in', () => {
			const [first] = outlierMarks(marks, threshold);
			expect(first).toBe(marks[0]);
		});
	});

	describe('judgeProfiles', () => {
		// Panel means: e10/a100 17/3, e10/a200 11/3, e20/a100 17/3, e20/a200 5.
		// Normalised deviations, in units of 1/30:
		//   J1: (8 − 17/3)/10 = 7, (4 − 11/3)/5 = 2, (6 − 17/3)/10 = 1, (5 − 5)/5 = 0
		//   J2: (7 − 17/3)/10 = 4, (4 − 11/3)/5 = 2, (5 − 17/3)/10 = −2
		//   J3: (2 − 17/3)/10 = −11, (3 − 11/3)/5 = −4, (6 − 17/3)/10 = 1
		const profiles = judgeProfiles(marks, scale);

		it('lists one profile per judge, sorted by judgeId', () => {
			expect(profiles.map((p) => [p.judgeId, p.marks])).toEqual([
				[1, 4],
				[2, 3],
				[3, 3]
			]);
		});

		it('averages each judge’s marks as a fraction of the aspect scale', () => {
			// J1: (0.8 + 0.8 + 0.6 + 1.0)/4 = 0.8
			// J2: (0.7 + 0.8 + 0.5)/3 = 0.6667
			// J3: (0.2 + 0.6 + 0.6)/3 = 0.4667
			expect(profiles[0].meanNormalised).toBeCloseTo(0.8, 3);
			expect(profiles[1].meanNormalised).toBeCloseTo(0.6667, 3);
			expect(profiles[2].meanNormalised).toBeCloseTo(0.4667, 3);
		});

		it('signs the mean deviation so that generous judges are positive', () => {
			// J1: (7 + 2 + 1 + 0)/4/30 = 1/12   = 0.08333
			// J2: (4 + 2 − 2)/3/30     = 4/90   = 0.04444
			// J3: (−11 − 4 + 1)/3/30   = −14/90 = −0.15556
			expect(profiles[0].meanDeviation).toBeCloseTo(0.08333, 3);
			expect(profiles[1].meanDeviation).toBeCloseTo(0.04444, 3);
			expect(profiles[2].meanDeviation).toBeCloseTo(-0.15556, 3);
		});

		it('reports the population standard deviation of the deviations', () => {
			// J1: mean 2.5; squared diffs 20.25, 0.25, 2.25, 6.25 → 29/4 = 7.25;    √7.25/30    = 0.08975
			// J2: mean 4/3; squared diffs 64/9, 4/9, 100/9       → 56/9;            √(56/9)/30  = 0.08315
			// J3: mean −14/3; squared diffs 361/9, 4/9, 289/9    → 654/27;          √(654/27)/30 = 0.16405
			expect(profiles[0].deviationSpread).toBeCloseTo(0.08975, 3);
			expect(profiles[1].deviationSpread).toBeCloseTo(0.08315, 3);
			expect(profiles[2].deviationSpread).toBeCloseTo(0.16405, 3);
		});

		it('returns no profiles for no marks', () => {
			expect(judgeProfiles([], scale)).toEqual([]);
		});
	});
});
