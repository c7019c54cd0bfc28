import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Fraction from 'fraction.js';
import {
	canonical,
	exact,
	formatExact,
	onStep,
	parseDecimal,
	roundHalfUp,
	sum,
	type Exact
} from '../../src/lib/domain/scoring/exact';
import { panelAggregate } from '../../src/lib/domain/scoring/panel';
import {
	checkMark,
	checkScheme,
	DEFAULT_RULES,
	markedByEachJudge,
	markRange,
	minimumPanel,
	type AspectDef,
	type ModuleDef,
	type SchemeDef,
	type ScoringRules
} from '../../src/lib/domain/scoring/scheme';
import { scoreEntry, type Carry, type EntryInput, type SheetMarks } from '../../src/lib/domain/scoring/score';

/*
 * Every expected figure below is worked out by hand in the comment next to it; the
 * engine is never used to produce an expectation. Exact values are compared as
 * fraction.js fractions in lowest terms ("28/9"), so 3.111… is checked exactly and
 * not to some float tolerance.
 */

/** the exact value of a hand-written figure, in lowest terms: '82.96' → '2074/25', '28/9' → '28/9' */
const F = (s: string) => new Fraction(s).toFraction();
/** the engine's value in the same form (null stays null) */
const Q = (x: Exact | null | undefined) => (x == null ? null : x.toFraction());
const X = (...xs: string[]) => xs.map((s) => new Fraction(s));

const rules = (over: Partial<ScoringRules> = {}): ScoringRules => ({ ...DEFAULT_RULES, ...over });
const measurement = (id: number, max: string, step: string): AspectDef => ({ id, kind: 'measurement', max, step });
const judgement = (id: number, max: string): AspectDef => ({ id, kind: 'judgement', max, step: '1' });
const deduction = (id: number, max: string, step: string): AspectDef => ({ id, kind: 'deduction', max, step });
const element = (id: number, max: string, step: string, difficulty: string | null = null): AspectDef => ({
	id,
	kind: 'element',
	max,
	step,
	difficulty
});
const mod = (id: number, weight: string, aspects: AspectDef[]): ModuleDef => ({ id, weight, aspects });

/**
 * Sheets from the marks written column-wise: aspect id → each judge's mark in judge
 * order (undefined = the judge left it blank). Judge ids are 1, 2, 3…
 */
function sheetsFrom(columns: Record<number, (string | undefined)[]>, judges?: number): SheetMarks[] {
	const n = judges ?? Math.max(0, ...Object.values(columns).map((c) => c.length));
	return Array.from({ length: n }, (_, j) => {
		const marks: Record<number, string> = {};
		for (const [id, col] of Object.entries(columns)) {
			const v = col[j];
			if (v !== undefined) marks[Number(id)] = v;
		}
		return { judgeId: j + 1, marks };
	});
}

function entry(
	scheme: SchemeDef,
	columns: Record<number, (string | undefined)[]>,
	extra: Partial<Omit<EntryInput, 'scheme' | 'sheets'>> & { judges?: number } = {}
): EntryInput {
	const sheets = sheetsFrom(columns, extra.judges);
	const { judges: _judges, ...rest } = extra;
	return { scheme, sheets, panelSize: sheets.length, ...rest };
}

// ─────────────────────────────────────────────────────────────────────────────
// exact.ts
// ─────────────────────────────────────────────────────────────────────────────

describe('parseDecimal / exact', () => {
	it('reads plain decimals exactly, with surrounding spaces trimmed', () => {
		expect(Q(parseDecimal('8.5'))).toBe('17/2');
		expect(Q(parseDecimal(' 8.50 '))).toBe('17/2');
		expect(Q(parseDecimal('-0.25'))).toBe('-1/4');
		expect(Q(parseDecimal('0'))).toBe('0');
		expect(Q(parseDecimal('2.675'))).toBe('107/40'); // 2675/1000 = 107/40
		expect(Q(parseDecimal('123456789.1234'))).toBe(F('123456789.1234'));
	});

	it('rejects anything that is not a plain decimal of ≤ 12 integer digits and ≤ 4 decimals', () => {
		expect(parseDecimal('123456789012')?.toString()).toBe('123456789012');
		for (const bad of ['', ' ', 'abc', '1e3', '.5', '5.', '+5', '8,5', '1/3', '1.23456', '1234567890123', '--1', '0x10', 'NaN'])
			expect(parseDecimal(bad), bad).toBeNull();
	});

	it('exact() takes integers and decimal strings and refuses floats and junk', () => {
		expect(Q(exact(3))).toBe('3');
		expect(Q(exact(-7))).toBe('-7');
		expect(Q(exact('0.1'))).toBe('1/10');
		expect(() => exact(2.5)).toThrow(RangeError);
		expect(() => exact(0.1 + 0.2)).toThrow(RangeError);
		expect(() => exact('x')).toThrow(RangeError);
		expect(() => exact('')).toThrow(RangeError);
	});

	it('sum() is exact where floats are not, and 0 for nothing', () => {
		// 0.1 + 0.2 = 0.3 exactly (a float gives 0.30000000000000004)
		expect(Q(sum(X('0.1', '0.2')))).toBe(F('0.3'));
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(Q(sum([]))).toBe('0');
		// 1/3 + 1/3 + 1/3 = 1
		expect(Q(sum(X('1/3', '1/3', '1/3')))).toBe('1');
	});
});

describe('roundHalfUp (四舍五入, half away from zero)', () => {
	const r = (s: string, d: number) => Q(roundHalfUp(new Fraction(s), d));

	it('rounds the classic float traps correctly', () => {
		// 2.675 is 2.67499999… as a double, so toFixed gives 2.67; exactly it is a half → 2.68
		expect((2.675).toFixed(2)).toBe('2.67');
		expect(r('2.675', 2)).toBe(F('2.68'));
		// 1.005 → 1.00 as a double; exactly 1.005 → 1.01
		expect(Math.round(1.005 * 100) / 100).toBe(1);
		expect(r('1.005', 2)).toBe(F('1.01'));
		expect(r('0.125', 2)).toBe(F('0.13'));
		expect(r('0.0049', 2)).toBe('0');
	});

	it('rounds halves up, never to even (not banker’s rounding)', () => {
		expect(r('2.5', 0)).toBe('3'); // banker's would give 2
		expect(r('3.5', 0)).toBe('4');
		expect(r('0.5', 0)).toBe('1');
		expect(r('2.4999', 0)).toBe('2');
		expect(r('7/2', 0)).toBe('4');
		expect(r('2.45', 1)).toBe(F('2.5'));
	});

	it('rounds negative halves away from zero', () => {
		expect(r('-2.5', 0)).toBe('-3'); // toward +∞ would give -2
		expect(r('-0.5', 0)).toBe('-1');
		expect(r('-2.675', 2)).toBe(F('-2.68'));
		expect(r('-1.005', 2)).toBe(F('-1.01'));
		expect(r('-0.125', 2)).toBe(F('-0.13'));
		expect(r('-2.45', 1)).toBe(F('-2.5'));
		expect(r('-2.44', 1)).toBe(F('-2.4'));
		expect(r('-2.4999', 0)).toBe('-2');
	});

	it('rounds thirds and sums of thirds that land exactly on a half', () => {
		expect(r('1/3', 2)).toBe(F('0.33'));
		expect(r('2/3', 2)).toBe(F('0.67'));
		expect(r('-1/3', 2)).toBe(F('-0.33'));
		expect(r('-2/3', 2)).toBe(F('-0.67'));
		expect(r('1/3', 4)).toBe(F('0.3333'));
		expect(r('2/3', 4)).toBe(F('0.6667'));
		// (1.2+1.2+1.3)/3 + (0.001+0.002+0.002)/3 = 3.7/3 + 0.005/3 = 3.705/3 = 1.235 exactly → 1.24
		const x = sum(X('1.2', '1.2', '1.3')).div(3).add(sum(X('0.001', '0.002', '0.002')).div(3));
		expect(Q(x)).toBe(F('1.235'));
		expect(Q(roundHalfUp(x, 2))).toBe(F('1.24'));
	});

	it('leaves values that already have few enough decimals alone', () => {
		expect(r('82.96', 2)).toBe(F('82.96'));
		expect(r('82.96', 4)).toBe(F('82.96'));
		expect(r('-3', 2)).toBe('-3');
		expect(r('0', 0)).toBe('0');
	});
});

describe('formatExact / canonical', () => {
	const fmt = (s: string, d: number) => formatExact(new Fraction(s), d);

	it('writes fixed decimals with zero padding', () => {
		expect(fmt('8.5', 2)).toBe('8.50');
		expect(fmt('0', 2)).toBe('0.00');
		expect(fmt('0.07', 2)).toBe('0.07');
		expect(fmt('7', 3)).toBe('7.000');
		expect(fmt('0.05', 1)).toBe('0.1'); // half-up
		expect(fmt('123456789.1234', 4)).toBe('123456789.1234');
	});

	it('rounds half-up first, negative values away from zero', () => {
		expect(fmt('2.675', 2)).toBe('2.68');
		expect(fmt('1.005', 2)).toBe('1.01');
		expect(fmt('1/3', 4)).toBe('0.3333');
		expect(fmt('2/3', 2)).toBe('0.67');
		expect(fmt('28/9', 2)).toBe('3.11'); // 3.111…
		expect(fmt('-1.005', 2)).toBe('-1.01');
		expect(fmt('-0.005', 2)).toBe('-0.01');
		expect(fmt('-2/3', 2)).toBe('-0.67');
		expect(fmt('3.5', 0)).toBe('4');
		expect(fmt('-3.5', 0)).toBe('-4');
	});

	it('never writes a negative zero', () => {
		// -0.001 rounds to 0 at 2 decimals: '0.00', not '-0.00'
		expect(fmt('-0.001', 2)).toBe('0.00');
		expect(fmt('-0.4', 0)).toBe('0');
	});

	it('canonical gives the shortest text, keeping zeros of the integer part', () => {
		expect(canonical(new Fraction('8.50'))).toBe('8.5');
		expect(canonical(new Fraction('100'))).toBe('100');
		expect(canonical(new Fraction('100.00'))).toBe('100');
		expect(canonical(new Fraction('120'))).toBe('120');
		expect(canonical(new Fraction('0.0'))).toBe('0');
		expect(canonical(new Fraction('-0.50'))).toBe('-0.5');
		expect(canonical(new Fraction('10.05'))).toBe('10.05');
		expect(canonical(new Fraction('0.1000'))).toBe('0.1');
		// beyond 4 places it is rounded to 4: 1/3 → 0.3333, 2/3 → 0.6667
		expect(canonical(new Fraction(1, 3))).toBe('0.3333');
		expect(canonical(new Fraction(2, 3))).toBe('0.6667');
	});

	it('property: parse(formatExact(x, d)) is roundHalfUp(x, d), and canonical round-trips', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -999_999_999, max: 999_999_999 }),
				fc.constantFrom(1, 3, 7, 8, 1000, 10000),
				fc.integer({ min: 0, max: 4 }),
				(n, d, dec) => {
					const x = new Fraction(n, d);
					const text = formatExact(x, dec);
					expect(Q(parseDecimal(text))).toBe(Q(roundHalfUp(x, dec)));
					const c = canonical(roundHalfUp(x, 4));
					expect(Q(parseDecimal(c))).toBe(Q(roundHalfUp(x, 4)));
				}
			)
		);
	});
});

describe('roundHalfUp properties', () => {
	/** independent half-away-from-zero on integers: m thousandths → hundredths */
	const hundredthsOfThousandths = (m: number) => Math.sign(m) * Math.floor((Math.abs(m) + 5) / 10);

	it('matches integer half-up on every value with three decimals', () => {
		fc.assert(
			fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (m) => {
				const got = roundHalfUp(new Fraction(m, 1000), 2);
				expect(Q(got)).toBe(new Fraction(hundredthsOfThousandths(m), 100).toFraction());
			})
		);
	});

	it('is odd-symmetric and within half a unit of the value', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1_000_000, max: 1_000_000 }),
				fc.integer({ min: 1, max: 999 }),
				fc.integer({ min: 0, max: 4 }),
				(n, d, dec) => {
					const x = new Fraction(n, d);
					const r = roundHalfUp(x, dec);
					expect(Q(roundHalfUp(x.neg(), dec))).toBe(Q(r.neg()));
					const half = new Fraction(1, 2 * 10 ** dec);
					expect(r.sub(x).abs().compare(half)).toBeLessThanOrEqual(0);
				}
			)
		);
	});
});

describe('onStep', () => {
	it('tells whole multiples of the step', () => {
		expect(onStep(new Fraction('8.5'), new Fraction('0.5'))).toBe(true);
		expect(onStep(new Fraction('8.25'), new Fraction('0.5'))).toBe(false);
		expect(onStep(new Fraction('0.9'), new Fraction('0.3'))).toBe(true); // 3 steps, exactly (floats: 0.9 % 0.3 ≠ 0)
		expect(onStep(new Fraction('10'), new Fraction('0.3'))).toBe(false); // 33.33… steps
		expect(onStep(new Fraction('86.555'), new Fraction('0.01'))).toBe(false);
	});

	it('accepts anything for a zero step and counts from the origin', () => {
		expect(onStep(new Fraction('1.2345'), new Fraction(0))).toBe(true);
		expect(onStep(new Fraction('2.5'), new Fraction(1), new Fraction('0.5'))).toBe(true); // 0.5 + 2×1
		expect(onStep(new Fraction('2'), new Fraction(1), new Fraction('0.5'))).toBe(false);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// panel.ts
// ─────────────────────────────────────────────────────────────────────────────

describe('panelAggregate', () => {
	const mean = { method: 'mean', trim: 0, combine: 'mean' } as const;
	const median = { method: 'median', trim: 0, combine: 'mean' } as const;
	const trimMean = (k: number) => ({ method: 'trimmed', trim: k, combine: 'mean' }) as const;
	const trimSum = (k: number) => ({ method: 'trimmed', trim: k, combine: 'sum' }) as const;

	it('is null for no marks, whatever the method', () => {
		for (const r of [mean, median, trimMean(1), trimSum(2)]) expect(panelAggregate([], r)).toBeNull();
	});

	it('mean: exact, including thirds', () => {
		// (8.5 + 9.0 + 8.0) / 3 = 25.5 / 3 = 8.5
		expect(Q(panelAggregate(X('8.5', '9.0', '8.0'), mean))).toBe(F('8.5'));
		// (1 + 1 + 2) / 3 = 4/3, kept exact
		expect(Q(panelAggregate(X('1', '1', '2'), mean))).toBe('4/3');
		expect(Q(panelAggregate(X('7'), mean))).toBe('7');
	});

	it('median of an odd panel is the middle mark', () => {
		// 9, 7, 8.5, 6, 10 → sorted 6, 7, 8.5, 9, 10 → 8.5
		expect(Q(panelAggregate(X('9', '7', '8.5', '6', '10'), median))).toBe(F('8.5'));
		expect(Q(panelAggregate(X('4'), median))).toBe('4');
	});

	it('median of an even panel is the mean of the two middle marks', () => {
		// 9, 7, 8.5, 6 → sorted 6, 7, 8.5, 9 → (7 + 8.5) / 2 = 7.75
		expect(Q(panelAggregate(X('9', '7', '8.5', '6'), median))).toBe(F('7.75'));
		// 3, 4 → 3.5
		expect(Q(panelAggregate(X('4', '3'), median))).toBe(F('3.5'));
	});

	it('does not reorder the caller’s marks', () => {
		const marks = X('9', '7', '8.5', '6');
		panelAggregate(marks, median);
		panelAggregate(marks, trimMean(1));
		expect(marks.map(Q)).toEqual([F('9'), F('7'), F('8.5'), F('6')]);
	});

	it('trimmed k=1, mean of the rest (去掉一个最高分和一个最低分取平均)', () => {
		// 8.5, 9.0, 7.0, 8.0, 9.5 → sorted 7.0, 8.0, 8.5, 9.0, 9.5 → drop 7.0 and 9.5
		// → (8.0 + 8.5 + 9.0) / 3 = 25.5 / 3 = 8.5
		expect(Q(panelAggregate(X('8.5', '9.0', '7.0', '8.0', '9.5'), trimMean(1)))).toBe(F('8.5'));
		// 78.5, 80.0, 76.0, 79.5, 81.0 → drop 76.0 and 81.0 → (78.5 + 79.5 + 80.0) / 3 = 238/3
		expect(Q(panelAggregate(X('78.5', '80.0', '76.0', '79.5', '81.0'), trimMean(1)))).toBe('238/3');
	});

	it('trimmed k=1, sum of the rest', () => {
		// 7.5, 8.0, 7.0, 8.0, 8.5 → sorted 7.0, 7.5, 8.0, 8.0, 8.5 → 7.5 + 8.0 + 8.0 = 23.5
		expect(Q(panelAggregate(X('7.5', '8.0', '7.0', '8.0', '8.5'), trimSum(1)))).toBe(F('23.5'));
	});

	it('trimmed k=2 (diving: 7 judges, two highest and two lowest dropped)', () => {
		// 8.5, 9.0, 8.0, 8.5, 9.5, 8.5, 9.0 → sorted 8.0, 8.5 | 8.5, 8.5, 9.0 | 9.0, 9.5
		// sum of the middle three 8.5 + 8.5 + 9.0 = 26.0; mean 26/3
		const marks = X('8.5', '9.0', '8.0', '8.5', '9.5', '8.5', '9.0');
		expect(Q(panelAggregate(marks, trimSum(2)))).toBe('26');
		expect(Q(panelAggregate(marks, trimMean(2)))).toBe('26/3');
	});

	it('trimmed drops only one of several equal extremes', () => {
		// 8, 8, 8, 9, 9 with k=1 → drop one 8 and one 9 → 8 + 8 + 9 = 25
		expect(Q(panelAggregate(X('8', '9', '8', '9', '8'), trimSum(1)))).toBe('25');
	});

	it('trimmed works with exactly 2k+1 marks and is null with fewer', () => {
		// k=1, 3 marks 5, 1, 9 → only 5 remains
		expect(Q(panelAggregate(X('5', '1', '9'), trimMean(1)))).toBe('5');
		expect(Q(panelAggregate(X('5', '1', '9'), trimSum(1)))).toBe('5');
		expect(panelAggregate(X('5', '1'), trimMean(1))).toBeNull();
		// k=2 needs 5
		expect(panelAggregate(X('5', '1', '9', '7'), trimSum(2))).toBeNull();
		expect(Q(panelAggregate(X('5', '1', '9', '7', '6'), trimSum(2)))).toBe('6');
	});

	const marksArb = fc.array(
		fc.integer({ min: 0, max: 1000 }).map((h) => new Fraction(h, 100)),
		{ minLength: 1, maxLength: 15 }
	);

	it('property: trimmed sum with k=0 equals n × mean, trimmed mean with k=0 equals mean', () => {
		fc.assert(
			fc.property(marksArb, (xs) => {
				const m = panelAggregate(xs, mean)!;
				expect(Q(panelAggregate(xs, trimSum(0)))).toBe(Q(m.mul(xs.length)));
				expect(Q(panelAggregate(xs, trimMean(0)))).toBe(Q(m));
			})
		);
	});

	it('property: trimmed sum = trimmed mean × (n − 2k); aggregates lie within the marks; order does not matter', () => {
		fc.assert(
			fc.property(
				marksArb,
				fc.integer({ min: 0, max: 3 }),
				fc.func(fc.integer()),
				(xs, k, keyOf) => {
					const n = xs.length;
					const lo = xs.reduce((a, b) => (a.compare(b) <= 0 ? a : b));
					const hi = xs.reduce((a, b) => (a.compare(b) >= 0 ? a : b));
					const shuffled = xs.map((x, i) => ({ x, key: keyOf(i) })).sort((a, b) => a.key - b.key).map((p) => p.x);
					for (const r of [mean, median, trimMean(k)]) {
						const a = panelAggregate(xs, r);
						expect(Q(panelAggregate(shuffled, r))).toBe(Q(a));
						if (r.method === 'trimmed' && n < 2 * k + 1) {
							expect(a).toBeNull();
							continue;
						}
						expect(a!.compare(lo)).toBeGreaterThanOrEqual(0);
						expect(a!.compare(hi)).toBeLessThanOrEqual(0);
					}
					if (n >= 2 * k + 1)
						expect(Q(panelAggregate(xs, trimSum(k)))).toBe(Q(panelAggregate(xs, trimMean(k))!.mul(n - 2 * k)));
				}
			)
		);
	});

	it('property: the median of an odd panel is one of the marks', () => {
		fc.assert(
			fc.property(marksArb.filter((xs) => xs.length % 2 === 1), (xs) => {
				const m = panelAggregate(xs, median)!;
				expect(xs.some((x) => x.equals(m))).toBe(true);
			})
		);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// scheme.ts
// ─────────────────────────────────────────────────────────────────────────────

describe('markRange / checkMark', () => {
	const el = element(1, '10', '0.5');
	const ju = judgement(2, '4');
	const me = measurement(3, '100', '0.01');
	const de = deduction(4, '5', '0.5');

	it('judgement marks are 0–3 whole numbers whatever the aspect’s max', () => {
		const r = markRange(ju);
		expect([Q(r.min), Q(r.max), Q(r.step)]).toEqual(['0', '3', '1']);
		const e = markRange(el);
		expect([Q(e.min), Q(e.max), Q(e.step)]).toEqual(['0', '10', '1/2']);
	});

	it('accepts marks in range on the step', () => {
		for (const ok of ['0', '8.5', '8.50', ' 8.5 ', '10', '0.5']) expect(checkMark(el, ok), ok).toBeNull();
		for (const ok of ['0', '1', '2', '3']) expect(checkMark(ju, ok), ok).toBeNull();
		expect(checkMark(me, '86.55')).toBeNull();
		expect(checkMark(de, '2.5')).toBeNull();
	});

	it('not_a_number', () => {
		for (const bad of ['', 'abc', '1e1', '8,5', '½', '8.5.1', '1.00001'])
			expect(checkMark(el, bad), bad).toBe('not_a_number');
	});

	it('below_min', () => {
		expect(checkMark(el, '-0.5')).toBe('below_min');
		expect(checkMark(ju, '-1')).toBe('below_min');
		expect(checkMark(de, '-1')).toBe('below_min');
	});

	it('above_max', () => {
		expect(checkMark(el, '10.5')).toBe('above_max');
		expect(checkMark(me, '100.01')).toBe('above_max');
		// a judgement aspect worth 4 points is still marked 0–3
		expect(checkMark(ju, '4')).toBe('above_max');
		expect(checkMark(de, '5.5')).toBe('above_max');
	});

	it('off_step for step 0.5 and for judgement', () => {
		expect(checkMark(el, '8.25')).toBe('off_step');
		expect(checkMark(el, '0.1')).toBe('off_step');
		expect(checkMark(ju, '1.5')).toBe('off_step');
		expect(checkMark(ju, '2.0001')).toBe('off_step');
		expect(checkMark(me, '86.555')).toBe('off_step');
	});

	it('only measurements are agreed once for the panel', () => {
		expect(markedByEachJudge('measurement')).toBe(false);
		expect(markedByEachJudge('judgement')).toBe(true);
		expect(markedByEachJudge('deduction')).toBe(true);
		expect(markedByEachJudge('element')).toBe(true);
	});

	it('minimumPanel: 1 for mean and median, 2k+1 for trimmed', () => {
		expect(minimumPanel(rules({ method: 'mean' }))).toBe(1);
		expect(minimumPanel(rules({ method: 'median' }))).toBe(1);
		expect(minimumPanel(rules({ method: 'trimmed', trim: 1 }))).toBe(3);
		expect(minimumPanel(rules({ method: 'trimmed', trim: 2 }))).toBe(5);
	});
});

describe('checkScheme', () => {
	const good = (): SchemeDef => ({
		rules: rules(),
		modules: [
			mod(1, '30', [measurement(11, '100', '0.5')]),
			mod(2, '70', [element(21, '10', '0.5', '3.2'), judgement(22, '4'), deduction(23, '5', '1')])
		]
	});

	it('a sound scheme has no problems (and the defaults are sound)', () => {
		expect(checkScheme(good())).toEqual([]);
		expect(checkScheme({ ...good(), rules: rules({ method: 'trimmed', trim: 2, combine: 'sum', factor: '0.6' }) })).toEqual([]);
	});

	it('bad_rules: decimals must be a whole number 0–4', () => {
		for (const decimals of [-1, 5, 1.5])
			expect(checkScheme({ ...good(), rules: rules({ decimals }) }), String(decimals)).toEqual([
				{ kind: 'bad_rules', field: 'decimals' }
			]);
		for (const decimals of [0, 4]) expect(checkScheme({ ...good(), rules: rules({ decimals }) })).toEqual([]);
	});

	it('bad_rules: trim must be a whole number, and at least 1 for trimmed', () => {
		expect(checkScheme({ ...good(), rules: rules({ method: 'trimmed', trim: 0 }) })).toEqual([
			{ kind: 'bad_rules', field: 'trim' }
		]);
		expect(checkScheme({ ...good(), rules: rules({ trim: -1 }) })).toEqual([{ kind: 'bad_rules', field: 'trim' }]);
		expect(checkScheme({ ...good(), rules: rules({ method: 'trimmed', trim: 1.5 }) })).toEqual([
			{ kind: 'bad_rules', field: 'trim' }
		]);
	});

	it('bad_rules: judgementSpread 0–3', () => {
		for (const judgementSpread of [-1, 4, 0.5])
			expect(checkScheme({ ...good(), rules: rules({ judgementSpread }) })).toEqual([
				{ kind: 'bad_rules', field: 'judgementSpread' }
			]);
		for (const judgementSpread of [0, 3]) expect(checkScheme({ ...good(), rules: rules({ judgementSpread }) })).toEqual([]);
	});

	it('bad_rules: factor must be a positive decimal', () => {
		for (const factor of ['0', '-1', 'abc', ''])
			expect(checkScheme({ ...good(), rules: rules({ factor }) }), factor).toEqual([{ kind: 'bad_rules', field: 'factor' }]);
	});

	it('no_modules, empty_module, bad_weight', () => {
		expect(checkScheme({ rules: rules(), modules: [] })).toEqual([{ kind: 'no_modules' }]);
		expect(checkScheme({ rules: rules(), modules: [mod(5, '100', [])] })).toEqual([{ kind: 'empty_module', moduleId: 5 }]);
		for (const weight of ['0', '-10', 'x', ''])
			expect(checkScheme({ rules: rules(), modules: [mod(6, weight, [measurement(1, '10', '1')])] }), weight).toEqual([
				{ kind: 'bad_weight', moduleId: 6 }
			]);
	});

	it('bad_number for max, step and difficulty', () => {
		const one = (a: AspectDef) => checkScheme({ rules: rules(), modules: [mod(1, '100', [a])] });
		expect(one(measurement(7, '0', '1'))).toEqual([{ kind: 'bad_number', aspectId: 7, field: 'max' }]);
		expect(one(judgement(7, '0'))).toEqual([{ kind: 'bad_number', aspectId: 7, field: 'max' }]);
		expect(one(measurement(7, 'ten', '1'))).toEqual([{ kind: 'bad_number', aspectId: 7, field: 'max' }]);
		expect(one(element(7, '10', '0'))).toEqual([{ kind: 'bad_number', aspectId: 7, field: 'step' }]);
		expect(one(deduction(7, '10', ''))).toEqual([{ kind: 'bad_number', aspectId: 7, field: 'step' }]);
		// a judgement's step is fixed (whole numbers), so what is written there does not matter
		expect(one({ id: 7, kind: 'judgement', max: '4', step: '' })).toEqual([]);
		expect(one(element(7, '10', '0.5', '0'))).toEqual([{ kind: 'bad_number', aspectId: 7, field: 'difficulty' }]);
		expect(one(element(7, '10', '0.5', 'hard'))).toEqual([{ kind: 'bad_number', aspectId: 7, field: 'difficulty' }]);
		expect(one(element(7, '10', '0.5', null))).toEqual([]);
	});

	it('step_not_dividing when the max is not a whole number of steps', () => {
		const one = (a: AspectDef) => checkScheme({ rules: rules(), modules: [mod(1, '100', [a])] });
		expect(one(element(8, '10', '3'))).toEqual([{ kind: 'step_not_dividing', aspectId: 8 }]); // 10/3
		expect(one(measurement(8, '10', '0.3'))).toEqual([{ kind: 'step_not_dividing', aspectId: 8 }]); // 33.3…
		expect(one(measurement(8, '1', '0.25'))).toEqual([]); // 4 steps
		expect(one(measurement(8, '0.9', '0.3'))).toEqual([]); // 3 steps, exactly
	});

	it('lists every problem at once, rules first then modules in order', () => {
		const scheme: SchemeDef = {
			rules: rules({ decimals: 7, factor: '0' }),
			modules: [mod(1, '0', []), mod(2, '50', [element(3, '10', '4', '-1')])]
		};
		expect(checkScheme(scheme)).toEqual([
			{ kind: 'bad_rules', field: 'decimals' },
			{ kind: 'bad_rules', field: 'factor' },
			{ kind: 'bad_weight', moduleId: 1 },
			{ kind: 'empty_module', moduleId: 1 },
			{ kind: 'step_not_dividing', aspectId: 3 },
			{ kind: 'bad_number', aspectId: 3, field: 'difficulty' }
		]);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// score.ts
// ─────────────────────────────────────────────────────────────────────────────

describe('scoreEntry: measurement', () => {
	const scheme: SchemeDef = { rules: rules(), modules: [mod(1, '100', [measurement(1, '100', '0.5')])] };

	it('takes the one agreed mark, recorded by any judge of the panel', () => {
		// judge 1 records 86.5, judge 2 leaves it to judge 1
		const s = scoreEntry(entry(scheme, { 1: ['86.5', undefined] }));
		expect(s.complete).toBe(true);
		expect(s.flags).toEqual([]);
		expect(Q(s.aspects[0].aggregate)).toBe(F('86.5'));
		expect(Q(s.aspects[0].multiplier)).toBe('1');
		expect(Q(s.aspects[0].score)).toBe(F('86.5'));
		expect(Q(s.total)).toBe(F('86.5'));
	});

	it('two judges recording the same value (8.5 and 8.50) agree', () => {
		const s = scoreEntry(entry(scheme, { 1: ['86.5', '86.50'] }));
		expect(s.flags).toEqual([]);
		expect(Q(s.total)).toBe(F('86.5'));
	});

	it('flags disagree when two recorded marks differ, and counts nothing for it', () => {
		const s = scoreEntry(entry(scheme, { 1: ['86.5', '87', undefined] }));
		expect(s.flags).toEqual([{ kind: 'disagree', aspectId: 1 }]);
		expect(s.complete).toBe(false);
		expect(s.aspects[0].aggregate).toBeNull();
		expect(s.aspects[0].score).toBeNull();
		expect(Q(s.total)).toBe('0');
	});

	it('flags missing when nobody has recorded it', () => {
		const s = scoreEntry(entry(scheme, { 1: [undefined, ''] }));
		expect(s.flags).toEqual([{ kind: 'missing', aspectId: 1 }]);
		expect(s.complete).toBe(false);
		expect(s.aspects[0].score).toBeNull();
	});
});

describe('scoreEntry: judgement (WorldSkills 0–3)', () => {
	const scheme = (spread = 1): SchemeDef => ({
		rules: rules({ judgementSpread: spread }),
		modules: [mod(1, '100', [judgement(1, '4')])]
	});

	it('3 judges 2, 3, 2 on an aspect worth 4 → 7/3 / 3 × 4 = 28/9 = 3.111… → 3.11', () => {
		const s = scoreEntry(entry(scheme(), { 1: ['2', '3', '2'] }));
		expect(Q(s.aspects[0].aggregate)).toBe('7/3');
		expect(Q(s.aspects[0].score)).toBe('28/9');
		expect(Q(s.modules[0].raw)).toBe('28/9'); // roundAt total: module figures stay exact
		expect(Q(s.total)).toBe(F('3.11'));
		// spread 3 − 2 = 1 is within judgementSpread 1
		expect(s.flags).toEqual([]);
		expect(s.complete).toBe(true);
	});

	it('flags spread when the panel differs by more than judgementSpread, still computing the score', () => {
		// 1, 3, 2: 3 − 1 = 2 > 1. mean 2 → 2/3 × 4 = 8/3 = 2.666… → 2.67
		const s = scoreEntry(entry(scheme(), { 1: ['1', '3', '2'] }));
		expect(s.flags).toEqual([{ kind: 'spread', aspectId: 1, low: '1', high: '3' }]);
		expect(s.complete).toBe(false);
		expect(Q(s.aspects[0].score)).toBe('8/3');
		expect(Q(s.total)).toBe(F('2.67'));
	});

	it('the allowed spread is the scheme’s: 2 allows 1..3, 0 demands unanimity', () => {
		expect(scoreEntry(entry(scheme(2), { 1: ['1', '3', '2'] })).flags).toEqual([]);
		expect(scoreEntry(entry(scheme(2), { 1: ['0', '3', '2'] })).flags).toEqual([
			{ kind: 'spread', aspectId: 1, low: '0', high: '3' }
		]);
		expect(scoreEntry(entry(scheme(0), { 1: ['2', '2', '2'] })).flags).toEqual([]);
		expect(scoreEntry(entry(scheme(0), { 1: ['2', '3', '2'] })).flags).toEqual([
			{ kind: 'spread', aspectId: 1, low: '2', high: '3' }
		]);
	});

	it('a single judge cannot disagree with themself', () => {
		const s = scoreEntry(entry(scheme(0), { 1: ['3'] }));
		expect(s.flags).toEqual([]);
		expect(Q(s.total)).toBe('4'); // 3/3 × 4
	});
});

describe('scoreEntry: deduction', () => {
	it('takes the panel aggregate off; negative halves round away from zero at element level', () => {
		// measurement 9.0; deduction marks 0.5 and 1.0 → mean 0.75 → score −0.75. decimals 1.
		const scheme = (roundAt: ScoringRules['roundAt']): SchemeDef => ({
			rules: rules({ decimals: 1, roundAt }),
			modules: [mod(1, '100', [measurement(1, '10', '0.1'), deduction(2, '2', '0.5')])]
		});
		const marks = { 1: ['9.0', undefined], 2: ['0.5', '1.0'] };
		// element: −0.75 → −0.8 (away from zero; toward +∞ would be −0.7) → raw 9.0 − 0.8 = 8.2
		const el = scoreEntry(entry(scheme('element'), marks));
		expect(Q(el.aspects[1].aggregate)).toBe(F('0.75'));
		expect(Q(el.aspects[1].score)).toBe(F('-0.8'));
		expect(Q(el.modules[0].raw)).toBe(F('8.2'));
		expect(Q(el.total)).toBe(F('8.2'));
		// module: raw 9.0 − 0.75 = 8.25 → 8.3
		const mo = scoreEntry(entry(scheme('module'), marks));
		expect(Q(mo.aspects[1].score)).toBe(F('-0.75'));
		expect(Q(mo.modules[0].raw)).toBe(F('8.3'));
		expect(Q(mo.total)).toBe(F('8.3'));
		// total: 8.25 → 8.3
		const to = scoreEntry(entry(scheme('total'), marks));
		expect(Q(to.modules[0].raw)).toBe(F('8.25'));
		expect(Q(to.total)).toBe(F('8.3'));
	});

	it('a module never goes below nothing, and the floor is per module', () => {
		// module 1 (50%): measurement 2 − deduction 3.5 = −1.5 → 0
		// module 2 (50%): measurement 8 → weighted 4
		// total 0 + 4 = 4.00 (not (−1.5 + 8) / 2 = 3.25)
		const scheme: SchemeDef = {
			rules: rules(),
			modules: [
				mod(1, '50', [measurement(1, '10', '0.5'), deduction(2, '5', '0.5')]),
				mod(2, '50', [measurement(3, '10', '0.5')])
			]
		};
		const s = scoreEntry(entry(scheme, { 1: ['2', undefined], 2: ['3.5', '3.5'], 3: ['8', undefined] }));
		expect(Q(s.aspects[1].score)).toBe(F('-3.5'));
		expect(Q(s.modules[0].raw)).toBe('0');
		expect(Q(s.modules[0].weighted)).toBe('0');
		expect(Q(s.modules[1].weighted)).toBe('4');
		expect(Q(s.own)).toBe('4');
		expect(Q(s.total)).toBe('4');
	});

	it('a deduction equal to the points earned leaves exactly 0; a module of only deductions is 0', () => {
		const scheme: SchemeDef = {
			rules: rules(),
			modules: [
				mod(1, '100', [measurement(1, '10', '0.5'), deduction(2, '5', '0.5')]),
				mod(2, '100', [deduction(3, '5', '1')])
			]
		};
		// module 1: 3 − mean(3, 3) = 0; module 2: −mean(1, 2) = −1.5 → 0
		const s = scoreEntry(entry(scheme, { 1: ['3', undefined], 2: ['3', '3'], 3: ['1', '2'] }));
		expect(Q(s.modules[0].raw)).toBe('0');
		expect(Q(s.modules[1].raw)).toBe('0');
		expect(Q(s.total)).toBe('0');
	});
});

describe('scoreEntry: scored elements, difficulty × factor', () => {
	// three elements, 2 judges, mean, factor 0.6, decimals 2, rounded at the total
	const scheme: SchemeDef = {
		rules: rules({ factor: '0.6' }),
		modules: [
			mod(1, '100', [
				element(1, '10', '0.5', '2.0'), // default difficulty 2.0
				element(2, '10', '0.5'), // no default: 1
				element(3, '10', '0.5', '1.5') // default 1.5, the entry may declare its own
			])
		]
	};
	const marks = { 1: ['7.0', '8.0'], 2: ['6.5', '7.0'], 3: ['8.0', '8.5'] };

	it('uses the aspect’s default difficulty, else 1, and always the factor', () => {
		// e1: mean 7.5 × 2.0 × 0.6 = 7.5 × 1.2 = 9
		// e2: mean 6.75 × 1 × 0.6 = 4.05
		// e3: mean 8.25 × 1.5 × 0.6 = 8.25 × 0.9 = 7.425
		// total 9 + 4.05 + 7.425 = 20.475 → 20.48 (exactly a half: up)
		const s = scoreEntry(entry(scheme, marks));
		expect(s.aspects.map((a) => Q(a.multiplier))).toEqual([F('1.2'), F('0.6'), F('0.9')]);
		expect(s.aspects.map((a) => Q(a.aggregate))).toEqual([F('7.5'), F('6.75'), F('8.25')]);
		expect(s.aspects.map((a) => Q(a.score))).toEqual([F('9'), F('4.05'), F('7.425')]);
		expect(Q(s.modules[0].raw)).toBe(F('20.475'));
		expect(Q(s.total)).toBe(F('20.48'));
	});

	it('an entry’s declared difficulty overrides the default, also where there is none', () => {
		// e2 declared 2.5: 6.75 × 2.5 × 0.6 = 6.75 × 1.5 = 10.125
		// e3 declared 3.2: 8.25 × 3.2 × 0.6 = 8.25 × 1.92 = 16.5 − 0.66 = 15.84
		// total 9 + 10.125 + 15.84 = 34.965 → 34.97
		const s = scoreEntry(entry(scheme, marks, { difficulty: { 2: '2.5', 3: '3.2' } }));
		expect(s.aspects.map((a) => Q(a.multiplier))).toEqual([F('1.2'), F('1.5'), F('1.92')]);
		expect(s.aspects.map((a) => Q(a.score))).toEqual([F('9'), F('10.125'), F('15.84')]);
		expect(Q(s.total)).toBe(F('34.97'));
	});

	it('trimmed k=1 sum × difficulty × factor (5 judges)', () => {
		// 7, 7.5, 8, 6.5, 7 → sorted 6.5, 7, 7, 7.5, 8 → 7 + 7 + 7.5 = 21.5; × 2.0 × 0.6 = 21.5 × 1.2 = 25.8
		const s = scoreEntry(
			entry(
				{
					rules: rules({ method: 'trimmed', trim: 1, combine: 'sum', factor: '0.6' }),
					modules: [mod(1, '100', [element(1, '10', '0.5', '2.0')])]
				},
				{ 1: ['7', '7.5', '8', '6.5', '7'] }
			)
		);
		expect(Q(s.aspects[0].aggregate)).toBe(F('21.5'));
		expect(Q(s.aspects[0].score)).toBe(F('25.8'));
		expect(Q(s.total)).toBe(F('25.8'));
	});

	it('measurement, judgement and deduction carry multiplier 1 even with a factor', () => {
		const s = scoreEntry(
			entry(
				{
					rules: rules({ factor: '0.6' }),
					modules: [mod(1, '100', [measurement(1, '10', '1'), judgement(2, '3'), deduction(3, '2', '1')])]
				},
				{ 1: ['5', undefined], 2: ['3', '3'], 3: ['1', '1'] }
			)
		);
		// 5 + 3/3 × 3 − 1 = 7
		expect(s.aspects.map((a) => Q(a.multiplier))).toEqual(['1', '1', '1']);
		expect(Q(s.total)).toBe('7');
	});
});

describe('scoreEntry: rounding level (element / module / total)', () => {
	// One module worth 80 %, four scored elements (step 0.01), 5 judges, mean, 2 decimals.
	//   A: 8.01, 8.01, 8.01, 8.02, 8.02 → 40.07 / 5 = 8.014
	//   B: 7.52, 7.52, 7.52, 7.53, 7.53 → 37.62 / 5 = 7.524
	//   C: 6.00, 6.00, 6.00, 6.01, 6.01 → 30.02 / 5 = 6.004
	//   D: 9.00, 9.00, 9.00, 9.00, 9.01 → 45.01 / 5 = 9.002
	// element: 8.01 + 7.52 + 6.00 + 9.00 = 30.53; × 0.8 = 24.424 → 24.42
	// module:  raw 30.544 → 30.54;                × 0.8 = 24.432 → 24.43
	// total:   raw 30.544;                        × 0.8 = 24.4352 → 24.44
	const scheme = (roundAt: ScoringRules['roundAt']): SchemeDef => ({
		rules: rules({ roundAt }),
		modules: [mod(1, '80', [1, 2, 3, 4].map((id) => element(id, '10', '0.01')))]
	});
	const marks = {
		1: ['8.01', '8.01', '8.01', '8.02', '8.02'],
		2: ['7.52', '7.52', '7.52', '7.53', '7.53'],
		3: ['6.00', '6.00', '6.00', '6.01', '6.01'],
		4: ['9.00', '9.00', '9.00', '9.00', '9.01']
	};

	it('element rounds each aspect, the module and the total → 24.42', () => {
		const s = scoreEntry(entry(scheme('element'), marks));
		expect(s.aspects.map((a) => Q(a.aggregate))).toEqual([F('8.014'), F('7.524'), F('6.004'), F('9.002')]);
		expect(s.aspects.map((a) => Q(a.score))).toEqual([F('8.01'), F('7.52'), F('6.00'), F('9.00')]);
		expect(Q(s.modules[0].raw)).toBe(F('30.53'));
		expect(Q(s.modules[0].weighted)).toBe(F('24.42'));
		expect(Q(s.total)).toBe(F('24.42'));
	});

	it('module rounds the module’s raw and weighted figures and the total → 24.43', () => {
		const s = scoreEntry(entry(scheme('module'), marks));
		expect(s.aspects.map((a) => Q(a.score))).toEqual([F('8.014'), F('7.524'), F('6.004'), F('9.002')]);
		expect(Q(s.modules[0].raw)).toBe(F('30.54'));
		expect(Q(s.modules[0].weighted)).toBe(F('24.43'));
		expect(Q(s.total)).toBe(F('24.43'));
	});

	it('total rounds only the total → 24.44', () => {
		const s = scoreEntry(entry(scheme('total'), marks));
		expect(Q(s.modules[0].raw)).toBe(F('30.544'));
		expect(Q(s.modules[0].weighted)).toBe(F('24.4352'));
		expect(Q(s.own)).toBe(F('24.4352'));
		expect(Q(s.total)).toBe(F('24.44'));
	});

	it('sums of thirds that land exactly on a half still round up (float gives 4.51)', () => {
		// module worth 30 %, 3 judges, mean:
		//   A: 8.00, 8.05, 8.05 → 24.10 / 3 = 8.0333…
		//   B: 7.00, 7.00, 7.05 → 21.05 / 3 = 7.0166…
		// raw = 45.15 / 3 = 15.05 exactly; × 0.3 = 4.515 → 4.52
		// (in doubles the same sum is 4.51499999…, so Math.round(x × 100) / 100 gives 4.51)
		const floaty = ((8.0 + 8.05 + 8.05) / 3 + (7.0 + 7.0 + 7.05) / 3) * 30 / 100;
		expect(Math.round(floaty * 100) / 100).toBe(4.51);
		const s = scoreEntry(
			entry(
				{ rules: rules(), modules: [mod(1, '30', [element(1, '10', '0.05'), element(2, '10', '0.05')])] },
				{ 1: ['8.00', '8.05', '8.05'], 2: ['7.00', '7.00', '7.05'] }
			)
		);
		expect(Q(s.modules[0].raw)).toBe(F('15.05'));
		expect(Q(s.modules[0].weighted)).toBe(F('4.515'));
		expect(Q(s.total)).toBe(F('4.52'));
	});

	it('module level differs from total level where the module’s mean of thirds is rounded first', () => {
		// module worth 30 %, one element, 3 judges 8.35, 8.40, 8.40 → 25.15 / 3 = 8.38333…
		// total:  8.38333… × 0.3 = 2.515 exactly → 2.52
		// module: 8.38 × 0.3 = 2.514 → 2.51
		const scheme = (roundAt: ScoringRules['roundAt']): SchemeDef => ({
			rules: rules({ roundAt }),
			modules: [mod(1, '30', [element(1, '10', '0.05')])]
		});
		const marks = { 1: ['8.35', '8.40', '8.40'] };
		expect(Q(scoreEntry(entry(scheme('total'), marks)).total)).toBe(F('2.52'));
		expect(Q(scoreEntry(entry(scheme('module'), marks)).total)).toBe(F('2.51'));
		expect(Q(scoreEntry(entry(scheme('element'), marks)).total)).toBe(F('2.51'));
	});

	it('float traps inside a whole entry: 1.005 → 1.01 and 2.675 → 2.68', () => {
		const scheme: SchemeDef = { rules: rules(), modules: [mod(1, '100', [measurement(1, '5', '0.005')])] };
		expect(Q(scoreEntry(entry(scheme, { 1: ['1.005'] })).total)).toBe(F('1.01'));
		expect(Q(scoreEntry(entry(scheme, { 1: ['2.675'] })).total)).toBe(F('2.68'));
	});
});

describe('scoreEntry: carry forward', () => {
	// own score: one module at 100 %, agreed mark 80.25
	const scheme: SchemeDef = { rules: rules(), modules: [mod(1, '100', [measurement(1, '100', '0.05')])] };
	const withCarry = (carry?: Carry) => scoreEntry(entry(scheme, { 1: ['80.25'] }, { carry }));

	it('none: the stage stands alone', () => {
		const s = withCarry({ mode: 'none', previous: '70.5', carryPct: '30', ownPct: '70' });
		expect(Q(s.own)).toBe(F('80.25'));
		expect(s.previous).toBeNull();
		expect(Q(s.total)).toBe(F('80.25'));
		expect(s.flags).toEqual([]);
		expect(Q(withCarry(undefined).total)).toBe(F('80.25'));
	});

	it('full: total = own + previous', () => {
		// 80.25 + 70.5 = 150.75
		const s = withCarry({ mode: 'full', previous: '70.5', carryPct: '0', ownPct: '0' });
		expect(Q(s.own)).toBe(F('80.25'));
		expect(Q(s.previous)).toBe(F('70.5'));
		expect(Q(s.total)).toBe(F('150.75'));
		expect(s.complete).toBe(true);
	});

	it('weighted: own × ownPct + previous × carryPct (a half float would miss)', () => {
		// 80.25 × 0.7 = 56.175; 70.5 × 0.3 = 21.15; 56.175 + 21.15 = 77.325 → 77.33
		// (in doubles 80.25 * 0.7 + 70.5 * 0.3 = 77.32499999999999, which rounds to 77.32)
		expect((80.25 * 0.7 + 70.5 * 0.3).toFixed(2)).toBe('77.32');
		const s = withCarry({ mode: 'weighted', previous: '70.5', carryPct: '30', ownPct: '70' });
		expect(Q(s.own)).toBe(F('80.25'));
		expect(Q(s.previous)).toBe(F('70.5'));
		expect(Q(s.total)).toBe(F('77.33'));
		expect(s.flags).toEqual([]);
	});

	it('a missing previous total is flagged no_previous and counts as nothing', () => {
		const full = withCarry({ mode: 'full', previous: null, carryPct: '0', ownPct: '0' });
		expect(full.flags).toEqual([{ kind: 'no_previous' }]);
		expect(full.complete).toBe(false);
		expect(full.previous).toBeNull();
		expect(Q(full.total)).toBe(F('80.25'));
		// weighted: 80.25 × 0.7 = 56.175 → 56.18
		const weighted = withCarry({ mode: 'weighted', previous: null, carryPct: '30', ownPct: '70' });
		expect(weighted.flags).toEqual([{ kind: 'no_previous' }]);
		expect(Q(weighted.total)).toBe(F('56.18'));
	});
});

describe('scoreEntry: completeness flags', () => {
	it('awaiting while fewer sheets than the panel are in; figures are computed anyway', () => {
		// panel of 3, two sheets in: element mean of 8 and 9 = 8.5
		const s = scoreEntry({
			scheme: { rules: rules(), modules: [mod(1, '100', [element(1, '10', '0.5')])] },
			sheets: sheetsFrom({ 1: ['8', '9'] }),
			panelSize: 3
		});
		expect(s.flags).toEqual([{ kind: 'awaiting', submitted: 2, expected: 3 }]);
		expect(s.complete).toBe(false);
		expect(Q(s.total)).toBe(F('8.5'));
	});

	it('panel_too_small when a trimmed method cannot work with the panel assigned', () => {
		// trimmed k=1 needs 3 judges; the panel has 2 → no aggregate for the element
		const s = scoreEntry(
			entry(
				{ rules: rules({ method: 'trimmed', trim: 1 }), modules: [mod(1, '100', [element(1, '10', '0.5')])] },
				{ 1: ['8', '9'] }
			)
		);
		expect(s.flags).toEqual([{ kind: 'panel_too_small', expected: 2, needed: 3 }]);
		expect(s.aspects[0].aggregate).toBeNull();
		expect(s.aspects[0].score).toBeNull();
		expect(Q(s.total)).toBe('0');
		// k=2 with 4 judges: needs 5
		const k2 = scoreEntry(
			entry(
				{ rules: rules({ method: 'trimmed', trim: 2 }), modules: [mod(1, '100', [element(1, '10', '0.5')])] },
				{ 1: ['8', '9', '8', '9'] }
			)
		);
		expect(k2.flags).toEqual([{ kind: 'panel_too_small', expected: 4, needed: 5 }]);
	});

	it('missing when a judge left an element blank (or wrote junk); the rest still count', () => {
		const scheme: SchemeDef = { rules: rules(), modules: [mod(1, '100', [element(1, '10', '0.5')])] };
		// judges 1 and 3 marked 8 and 9; judge 2 left it blank → mean 8.5
		const blank = scoreEntry(entry(scheme, { 1: ['8', '', '9'] }));
		expect(blank.flags).toEqual([{ kind: 'missing', aspectId: 1 }]);
		expect(Q(blank.aspects[0].aggregate)).toBe(F('8.5'));
		const junk = scoreEntry(entry(scheme, { 1: ['8', 'abc', '9'] }));
		expect(junk.flags).toEqual([{ kind: 'missing', aspectId: 1 }]);
		const absent = scoreEntry(entry(scheme, { 1: ['8', undefined, '9'] }));
		expect(absent.flags).toEqual([{ kind: 'missing', aspectId: 1 }]);
	});

	it('reports every flag, in order: sheets, panel, aspects, carry', () => {
		// panel of 4, 3 sheets in; judgement marks 0, 3 and a blank; measurement 5 vs 6; no previous total
		const s = scoreEntry({
			scheme: {
				rules: rules(),
				modules: [mod(1, '100', [judgement(1, '3'), measurement(2, '10', '1')])]
			},
			sheets: sheetsFrom({ 1: ['0', '3', undefined], 2: ['5', '6', undefined] }),
			panelSize: 4,
			carry: { mode: 'full', previous: null, carryPct: '0', ownPct: '0' }
		});
		expect(s.flags).toEqual([
			{ kind: 'awaiting', submitted: 3, expected: 4 },
			{ kind: 'missing', aspectId: 1 },
			{ kind: 'spread', aspectId: 1, low: '0', high: '3' },
			{ kind: 'disagree', aspectId: 2 },
			{ kind: 'no_previous' }
		]);
		expect(s.complete).toBe(false);
		// judgement mean (0 + 3) / 2 = 1.5 → 1.5 / 3 × 3 = 1.5; measurement not counted
		expect(Q(s.total)).toBe(F('1.5'));
	});

	it('complete iff there are no flags', () => {
		const s = scoreEntry(
			entry({ rules: rules(), modules: [mod(1, '100', [element(1, '10', '0.5')])] }, { 1: ['8', '9', '8.5'] })
		);
		expect(s.flags).toEqual([]);
		expect(s.complete).toBe(true);
	});
});

describe('real contest: diving (7 judges, two highest and two lowest dropped, × DD)', () => {
	// Each dive: sum of the middle three marks × the declared degree of difficulty, to 2 decimals.
	const scheme: SchemeDef = {
		rules: rules({ method: 'trimmed', trim: 2, combine: 'sum', roundAt: 'element' }),
		modules: [mod(1, '100', [element(1, '10', '0.5'), element(2, '10', '0.5'), element(3, '10', '0.5')])]
	};
	const marks = {
		// 8.5 9.0 8.0 8.5 9.5 8.5 9.0 → sorted 8.0 8.5 | 8.5 8.5 9.0 | 9.0 9.5 → 26.0 × 3.2 = 83.20
		1: ['8.5', '9.0', '8.0', '8.5', '9.5', '8.5', '9.0'],
		// 7.0 7.5 7.5 8.0 7.0 6.5 7.5 → sorted 6.5 7.0 | 7.0 7.5 7.5 | 7.5 8.0 → 22.0 × 3.0 = 66.00
		2: ['7.0', '7.5', '7.5', '8.0', '7.0', '6.5', '7.5'],
		// 6.0 6.5 6.5 7.0 6.0 6.5 5.5 → sorted 5.5 6.0 | 6.0 6.5 6.5 | 6.5 7.0 → 19.0 × 2.7 = 51.30
		3: ['6.0', '6.5', '6.5', '7.0', '6.0', '6.5', '5.5']
	};
	const difficulty = { 1: '3.2', 2: '3.0', 3: '2.7' };

	it('scores each dive and the event total 83.20 + 66.00 + 51.30 = 200.50', () => {
		const s = scoreEntry(entry(scheme, marks, { difficulty }));
		expect(s.aspects.map((a) => Q(a.aggregate))).toEqual(['26', '22', '19']);
		expect(s.aspects.map((a) => Q(a.multiplier))).toEqual([F('3.2'), F('3'), F('2.7')]);
		expect(s.aspects.map((a) => formatExact(a.score!, 2))).toEqual(['83.20', '66.00', '51.30']);
		expect(formatExact(s.total, 2)).toBe('200.50');
		expect(s.complete).toBe(true);
	});

	it('with only four judges the panel is too small for k=2', () => {
		const four = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, v.slice(0, 4)]));
		const s = scoreEntry(entry(scheme, four, { difficulty }));
		expect(s.flags).toEqual([{ kind: 'panel_too_small', expected: 4, needed: 5 }]);
		expect(Q(s.total)).toBe('0');
	});

	it('property: the order the judges’ sheets come in does not change anything', () => {
		const base = entry(scheme, marks, { difficulty });
		fc.assert(
			fc.property(fc.shuffledSubarray(base.sheets, { minLength: 7, maxLength: 7 }), (sheets) => {
				const s = scoreEntry({ ...base, sheets });
				expect(formatExact(s.total, 2)).toBe('200.50');
			})
		);
	});
});

describe('real contest: national vocational skills contest (理论 30 % + 实操 70 %)', () => {
	// Theory (module 1, 30 %): one agreed mark out of 100.
	// Practical (module 2, 70 %): 5 judges, 去掉一个最高分和一个最低分取平均 (trimmed k=1, mean):
	//   201 operation, scored element out of 90 (step 0.5)
	//   202 finish quality, WorldSkills-style judgement worth 4
	//   203 safety, deduction
	const scheme = (roundAt: ScoringRules['roundAt']): SchemeDef => ({
		rules: rules({ method: 'trimmed', trim: 1, combine: 'mean', decimals: 2, roundAt }),
		modules: [
			mod(1, '30', [measurement(101, '100', '0.5')]),
			mod(2, '70', [element(201, '90', '0.5'), judgement(202, '4'), deduction(203, '6', '1')])
		]
	});
	const marks = {
		101: ['86.5', undefined, undefined, undefined, undefined],
		// sorted 76.0 | 78.5 79.5 80.0 | 81.0 → 238 / 3 = 79.333…
		201: ['78.5', '80.0', '76.0', '79.5', '81.0'],
		// sorted 2 | 2 2 3 | 3 → 7 / 3; score 7/3 / 3 × 4 = 28/9 = 3.111…
		202: ['2', '3', '2', '2', '3'],
		// sorted 0 | 1 1 1 | 2 → 1; score −1
		203: ['0', '1', '1', '1', '2']
	};

	it('published total 82.96, rounded only at the total', () => {
		// practical raw = 238/3 + 28/9 − 1 = (714 + 28 − 9) / 9 = 733/9 = 81.444…
		// practical weighted = 733/9 × 0.7 = 5131/90 = 57.0111…
		// theory weighted = 86.5 × 0.3 = 25.95
		// own = 25.95 + 57.0111… = 14933/180 = 82.9611… → 82.96
		const s = scoreEntry(entry(scheme('total'), marks));
		expect(s.flags).toEqual([]);
		expect(s.aspects.map((a) => Q(a.aggregate))).toEqual([F('86.5'), '238/3', '7/3', '1']);
		expect(s.aspects.map((a) => Q(a.score))).toEqual([F('86.5'), '238/3', '28/9', '-1']);
		expect(Q(s.modules[0].weighted)).toBe(F('25.95'));
		expect(Q(s.modules[1].raw)).toBe('733/9');
		expect(Q(s.modules[1].weighted)).toBe('5131/90');
		expect(Q(s.own)).toBe('14933/180');
		expect(formatExact(s.total, 2)).toBe('82.96');
	});

	it('rounded at module level: 81.44 × 0.7 = 57.008 → 57.01; 25.95 + 57.01 = 82.96', () => {
		const s = scoreEntry(entry(scheme('module'), marks));
		expect(s.modules.map((m) => formatExact(m.raw, 2))).toEqual(['86.50', '81.44']);
		expect(Q(s.modules[1].raw)).toBe(F('81.44'));
		expect(s.modules.map((m) => Q(m.weighted))).toEqual([F('25.95'), F('57.01')]);
		expect(formatExact(s.total, 2)).toBe('82.96');
	});

	it('rounded at element level: 79.33 + 3.11 − 1.00 = 81.44 → 82.96', () => {
		const s = scoreEntry(entry(scheme('element'), marks));
		expect(s.aspects.map((a) => formatExact(a.score!, 2))).toEqual(['86.50', '79.33', '3.11', '-1.00']);
		expect(Q(s.modules[1].raw)).toBe(F('81.44'));
		expect(formatExact(s.total, 2)).toBe('82.96');
	});

	it('waits for the fifth judge (awaiting) while showing where the entry stands', () => {
		const four = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, v.slice(0, 4)]));
		const s = scoreEntry({ scheme: scheme('total'), sheets: sheetsFrom(four), panelSize: 5 });
		expect(s.flags).toEqual([{ kind: 'awaiting', submitted: 4, expected: 5 }]);
		// four marks, trimmed k=1: 201 sorted 76.0 | 78.5 79.5 | 80.0 → 79; 202 (2, 3, 2, 2): 2 | 2 2 | 3 → 2
		// → 2/3 × 4 = 8/3; 203: 0 | 1 1 | 1 → 1. raw = 79 + 8/3 − 1 = 242/3; × 0.7 = 1694/30 = 56.4666…;
		// + 25.95 = 82.41666… → 82.42
		expect(Q(s.modules[1].raw)).toBe('242/3');
		expect(formatExact(s.total, 2)).toBe('82.42');
	});
});

describe('scoreEntry properties', () => {
	const scheme: SchemeDef = {
		rules: rules({ method: 'trimmed', trim: 1 }),
		modules: [
			mod(1, '40', [element(1, '10', '0.5'), deduction(2, '20', '0.5')]),
			mod(2, '60', [judgement(3, '5'), element(4, '10', '0.5', '1.5')])
		]
	};
	const half = fc.integer({ min: 0, max: 20 }).map((h) => String(h / 2));
	const panel = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 5, maxLength: 5 });
	const marksArb = fc.record({
		1: panel(half),
		2: panel(fc.integer({ min: 0, max: 40 }).map((h) => String(h / 2))),
		3: panel(fc.integer({ min: 0, max: 3 }).map(String)),
		4: panel(half)
	});

	it('module raw scores are never negative and the total is rounded to the scheme’s decimals', () => {
		fc.assert(
			fc.property(marksArb, fc.constantFrom('element', 'module', 'total') as fc.Arbitrary<ScoringRules['roundAt']>, (m, roundAt) => {
				const s = scoreEntry(entry({ ...scheme, rules: { ...scheme.rules, roundAt } }, m));
				for (const mo of s.modules) expect(mo.raw.compare(0)).toBeGreaterThanOrEqual(0);
				expect(s.total.mul(100).d).toBe(1n);
			})
		);
	});

	it('raising one judge’s mark for a scored element never lowers the total', () => {
		fc.assert(
			fc.property(marksArb, fc.integer({ min: 0, max: 4 }), (m, judge) => {
				const before = scoreEntry(entry(scheme, m)).total;
				const raised = { ...m, 1: m[1].map((v, i) => (i === judge ? '10' : v)) };
				const after = scoreEntry(entry(scheme, raised)).total;
				expect(after.compare(before)).toBeGreaterThanOrEqual(0);
			})
		);
	});
});
