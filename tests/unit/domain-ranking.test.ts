import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Fraction from 'fraction.js';
import type { Exact } from '../../src/lib/domain/scoring/exact';
import {
	advancing,
	competitionRanks,
	pageRanks,
	sortKey,
	type RankFigures,
	type TieBreak
} from '../../src/lib/domain/scoring/ranking';
import { DEFAULT_RULES, type SchemeDef } from '../../src/lib/domain/scoring/scheme';
import { scoreEntry } from '../../src/lib/domain/scoring/score';

/*
 * Keys are written out by hand: each component is 16 digits, 10^15 plus the figure
 * rounded as published and scaled by 10^4 (minus it for completion time), and
 * sixteen zeros when the figure is absent.
 */

const x = (s: string | number) => new Fraction(s);

function fig(total: string, over: Partial<Omit<RankFigures, 'total'>> = {}): RankFigures {
	return { total: x(total), modules: [], own: x(total), previous: null, time: null, ...over };
}

const ZEROS = '0000000000000000';

// ─────────────────────────────────────────────────────────────────────────────
// sortKey
// ─────────────────────────────────────────────────────────────────────────────

describe('sortKey', () => {
	it('writes the total as 10^15 + total × 10^4, 16 digits wide', () => {
		// 82.96 × 10^4 = 829600 → 1 000000000 829600
		expect(sortKey(fig('82.96'), [], 2)).toBe('1000000000829600');
		expect(sortKey(fig('0'), [], 2)).toBe('1000000000000000');
		// 100 × 10^4 = 1 000 000
		expect(sortKey(fig('100'), [], 2)).toBe('1000000001000000');
		// −1.5 × 10^4 = −15000 → 10^15 − 15000 = 999 999 999 985 000 (15 digits) → padded with a 0
		expect(sortKey(fig('-1.5'), [], 2)).toBe('0999999999985000');
		expect(sortKey(fig('82.96'), [], 2)).toHaveLength(16);
	});

	it('compares totals as published, i.e. rounded half-up to the scheme’s decimals', () => {
		// 82.955 → 82.96, so it shares the key of 82.96; 82.9549 → 82.95
		expect(sortKey(fig('82.955'), [], 2)).toBe(sortKey(fig('82.96'), [], 2));
		expect(sortKey(fig('82.9549'), [], 2)).toBe('1000000000829500');
		// 238/3 = 79.333… → 79.33
		expect(sortKey({ ...fig('0'), total: new Fraction(238, 3) }, [], 2)).toBe('1000000000793300');
		// decimals 0: 82.5 → 83 → 830000; −2.5 → −3 (away from zero) → 10^15 − 30000
		expect(sortKey(fig('82.5'), [], 0)).toBe('1000000000830000');
		expect(sortKey(fig('-2.5'), [], 0)).toBe('0999999999970000');
	});

	it('appends one 16-digit component per tie-break, in chain order', () => {
		const f = fig('82.96', {
			modules: [
				{ moduleId: 1, raw: x('86.5') },
				{ moduleId: 2, raw: new Fraction(733, 9) } // 81.444… → 81.44
			],
			own: new Fraction(14933, 180), // 82.9611… → 82.96
			previous: x('75.5'),
			time: x('125.5')
		});
		const chain: TieBreak[] = [{ kind: 'module', moduleId: 2 }, { kind: 'time' }, { kind: 'own' }, { kind: 'previous' }];
		expect(sortKey(f, chain, 2)).toBe(
			'1000000000829600' + // total 82.96
				'1000000000814400' + // module 2: 81.44 × 10^4 = 814400
				'0999999998745000' + // time: 10^15 − 125.5 × 10^4 = 10^15 − 1 255 000 = 999 999 998 745 000
				'1000000000829600' + // own 82.96
				'1000000000755000' // previous 75.5 × 10^4 = 755000
		);
		expect(sortKey(f, [{ kind: 'module', moduleId: 1 }], 2)).toBe('1000000000829600' + '1000000000865000');
	});

	it('writes sixteen zeros for an absent figure, so it sorts after any present one', () => {
		const f = fig('50', { modules: [{ moduleId: 1, raw: x('50') }] });
		expect(sortKey(f, [{ kind: 'module', moduleId: 9 }], 2)).toBe('1000000000500000' + ZEROS);
		expect(sortKey(f, [{ kind: 'time' }], 2)).toBe('1000000000500000' + ZEROS);
		expect(sortKey(f, [{ kind: 'previous' }], 2)).toBe('1000000000500000' + ZEROS);
	});

	it('times are kept to 4 decimals whatever the scheme’s decimals', () => {
		// 125.12345 → 125.1235 (half-up at 4) → 1 251 235; 10^15 − 1 251 235 = 999 999 998 748 765
		const f = fig('50', { time: x('125.12345') });
		expect(sortKey(f, [{ kind: 'time' }], 0)).toBe('1000000000500000' + '0999999998748765');
	});
});

describe('tie-breaks', () => {
	const better = (a: string, b: string) => expect(a > b).toBe(true);
	const key = (f: RankFigures, chain: TieBreak[]) => sortKey(f, chain, 2);
	const practical: TieBreak = { kind: 'module', moduleId: 2 };
	const prac = (raw: string) => [{ moduleId: 2, raw: x(raw) }];

	it('the total decides first, whatever the chain', () => {
		// 82.97 beats 82.96 even with a far lower practical score
		better(key(fig('82.97', { modules: prac('70') }), [practical]), key(fig('82.96', { modules: prac('81.44') }), [practical]));
	});

	it('module: the higher score in the named module first; no score for it last', () => {
		const a = key(fig('82.96', { modules: prac('81.44') }), [practical]);
		const b = key(fig('82.96', { modules: prac('81.43') }), [practical]);
		const c = key(fig('82.96', { modules: [{ moduleId: 1, raw: x('99') }] }), [practical]);
		better(a, b);
		better(b, c);
	});

	it('module scores are compared as published: 81.441 and 81.444 are both 81.44, so the next break decides', () => {
		const chain: TieBreak[] = [practical, { kind: 'time' }];
		const a = key(fig('82.96', { modules: prac('81.441'), time: x('615.5') }), chain);
		const b = key(fig('82.96', { modules: prac('81.444'), time: x('600') }), chain);
		better(b, a); // b is quicker
	});

	it('time: the shorter completion time first; no time last', () => {
		const a = key(fig('82.96', { time: x('600') }), [{ kind: 'time' }]);
		const b = key(fig('82.96', { time: x('615.5') }), [{ kind: 'time' }]);
		const c = key(fig('82.96', { time: null }), [{ kind: 'time' }]);
		better(a, b);
		better(b, c);
		// even a very slow time is better than none
		better(key(fig('82.96', { time: x('99999') }), [{ kind: 'time' }]), c);
	});

	it('own: the higher score in this stage alone first; previous: the higher previous total first', () => {
		// same total 82.96: A = 80 own + 2.96 carried, B = 79 own + 3.96 carried
		const A = fig('82.96', { own: x('80'), previous: x('2.96') });
		const B = fig('82.96', { own: x('79'), previous: x('3.96') });
		better(key(A, [{ kind: 'own' }]), key(B, [{ kind: 'own' }]));
		better(key(B, [{ kind: 'previous' }]), key(A, [{ kind: 'previous' }]));
		// no previous total sorts last
		better(key(A, [{ kind: 'previous' }]), key(fig('82.96', { previous: null }), [{ kind: 'previous' }]));
	});

	it('the chain is applied in order', () => {
		// A: practical 81.44 in 620 s; B: practical 81.43 in 600 s
		const A = fig('82.96', { modules: prac('81.44'), time: x('620') });
		const B = fig('82.96', { modules: prac('81.43'), time: x('600') });
		better(key(A, [practical, { kind: 'time' }]), key(B, [practical, { kind: 'time' }]));
		better(key(B, [{ kind: 'time' }, practical]), key(A, [{ kind: 'time' }, practical]));
	});

	it('entries equal in the total and every break get the same key, and so share a rank', () => {
		const chain: TieBreak[] = [practical, { kind: 'time' }];
		const A = key(fig('82.96', { modules: prac('81.44'), time: x('600') }), chain);
		const B = key(fig('82.9600', { modules: prac('81.4400'), time: x('600.0') }), chain);
		expect(A).toBe(B);
		expect(competitionRanks([A, B])).toEqual([1, 1]);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// competitionRanks / pageRanks
// ─────────────────────────────────────────────────────────────────────────────

const k = (total: string) => sortKey(fig(total), [], 2);

describe('competitionRanks', () => {
	it('standard competition ranking: 1, 1, 3', () => {
		expect(competitionRanks([k('100'), k('100'), k('90')])).toEqual([1, 1, 3]);
		// 10, 9, 9, 9, 8 → 1, 2, 2, 2, 5
		expect(competitionRanks([k('10'), k('9'), k('9'), k('9'), k('8')])).toEqual([1, 2, 2, 2, 5]);
	});

	it('returns ranks in input order; unranked entries stay null and do not count', () => {
		// 95 → 1; the two 90s → 2; 80 → 4
		expect(competitionRanks([k('90'), k('95'), null, k('90'), k('80')])).toEqual([2, 1, null, 2, 4]);
	});

	it('all tied, nothing, and nothing ranked', () => {
		expect(competitionRanks([k('5'), k('5'), k('5')])).toEqual([1, 1, 1]);
		expect(competitionRanks([])).toEqual([]);
		expect(competitionRanks([null, null])).toEqual([null, null]);
	});

	it('a negative total ranks below zero', () => {
		expect(competitionRanks([k('-1.5'), k('0'), k('0.01')])).toEqual([3, 2, 1]);
	});
});

describe('pageRanks', () => {
	it('carries 1, 1, 3 across pages when a tie does not straddle the border', () => {
		// full list 100, 100, 90 | 80, 80, 70 → 1, 1, 3 | 4, 4, 6
		expect(pageRanks([k('100'), k('100'), k('90')], 0, 0)).toEqual([1, 1, 3]);
		expect(pageRanks([k('80'), k('80'), k('70')], 3, 3)).toEqual([4, 4, 6]);
	});

	it('a page that starts inside a tie and stays in it', () => {
		// full list 100, 90 | 90, 90 → 1, 2 | 2, 2; one entry ranks above the page's first key
		expect(pageRanks([k('100'), k('90')], 0, 0)).toEqual([1, 2]);
		expect(pageRanks([k('90'), k('90')], 2, 1)).toEqual([2, 2]);
	});

	it('empty page', () => {
		expect(pageRanks([], 7, 7)).toEqual([]);
	});

	// A tie that straddles a page border. Full list 100, 90 | 90, 80 ranks 1, 2 | 2, 4.
	// Page 2 is [90, 80]: two entries come before it, one of them (100) above its first key.
	it('a tie straddling the border followed by a lower key on the same page', () => {
		expect(pageRanks([k('90'), k('80')], 2, 1)).toEqual([2, 4]);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// advancing
// ─────────────────────────────────────────────────────────────────────────────

describe('advancing', () => {
	type Row = { name: string; rank: number | null; total: Exact | null };
	const rows: Row[] = [
		{ name: 'A', rank: 1, total: x('95') },
		{ name: 'B', rank: 2, total: x('90') },
		{ name: 'C', rank: 3, total: x('85') },
		{ name: 'D', rank: 3, total: x('85') },
		{ name: 'E', rank: 5, total: x('80') },
		{ name: 'F', rank: null, total: x('99') }, // not ranked yet (e.g. incomplete)
		{ name: 'G', rank: 6, total: null }
	];
	const names = (rs: Row[]) => rs.map((r) => r.name);

	it('top N takes everyone sharing the N-th rank', () => {
		// C and D share 3rd: top 3 sends four on
		expect(names(advancing(rows, { kind: 'top', count: 3 }))).toEqual(['A', 'B', 'C', 'D']);
		// nobody is 4th (C and D are 3rd, E is 5th)
		expect(names(advancing(rows, { kind: 'top', count: 4 }))).toEqual(['A', 'B', 'C', 'D']);
		expect(names(advancing(rows, { kind: 'top', count: 2 }))).toEqual(['A', 'B']);
		expect(names(advancing(rows, { kind: 'top', count: 5 }))).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(advancing(rows, { kind: 'top', count: 0 })).toEqual([]);
	});

	it('threshold takes every ranked entry whose total reaches it', () => {
		expect(names(advancing(rows, { kind: 'threshold', min: '85' }))).toEqual(['A', 'B', 'C', 'D']);
		expect(names(advancing(rows, { kind: 'threshold', min: '85.00' }))).toEqual(['A', 'B', 'C', 'D']);
		expect(names(advancing(rows, { kind: 'threshold', min: '85.01' }))).toEqual(['A', 'B']);
		// F (99, unranked) and G (ranked, no total) never go on
		expect(names(advancing(rows, { kind: 'threshold', min: '0' }))).toEqual(['A', 'B', 'C', 'D', 'E']);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// end to end: score, key, rank, advance
// ─────────────────────────────────────────────────────────────────────────────

describe('a stage’s standings from raw marks', () => {
	// theory (module 1) 30 %, practical (module 2) 70 %, each one agreed mark out of 100
	const scheme: SchemeDef = {
		rules: DEFAULT_RULES,
		modules: [
			{ id: 1, weight: '30', aspects: [{ id: 1, kind: 'measurement', max: '100', step: '0.5' }] },
			{ id: 2, weight: '70', aspects: [{ id: 2, kind: 'measurement', max: '100', step: '0.5' }] }
		]
	};
	const chain: TieBreak[] = [{ kind: 'module', moduleId: 2 }, { kind: 'time' }];
	const standings = (field: { name: string; theory: string; practical: string; time: string }[]) => {
		const keys = field.map((c) => {
			const s = scoreEntry({ scheme, sheets: [{ judgeId: 1, marks: { 1: c.theory, 2: c.practical } }], panelSize: 1 });
			expect(s.complete).toBe(true);
			return sortKey({ total: s.total, modules: s.modules, own: s.own, previous: s.previous, time: x(c.time) }, chain, 2);
		});
		return competitionRanks(keys);
	};
	const field = [
		// 90 × 0.3 + 80 × 0.7 = 27 + 56 = 83.00
		{ name: 'A', theory: '90', practical: '80', time: '1500' },
		// 76 × 0.3 + 86 × 0.7 = 22.8 + 60.2 = 83.00, better practical than A and D
		{ name: 'B', theory: '76', practical: '86', time: '1700' },
		// 80 × 0.3 + 85 × 0.7 = 24 + 59.5 = 83.50
		{ name: 'C', theory: '80', practical: '85', time: '1600' },
		// same as A in every respect → shares A's rank
		{ name: 'D', theory: '90', practical: '80', time: '1500' },
		// 60 × 0.3 + 70 × 0.7 = 18 + 49 = 67.00
		{ name: 'E', theory: '60', practical: '70', time: '1200' }
	];

	it('ranks C 1st, B 2nd (practical), A and D 3rd together, E 5th; top 3 sends four on', () => {
		const ranks = standings(field);
		expect(ranks).toEqual([3, 2, 1, 3, 5]);
		const rows = field.map((c, i) => ({ name: c.name, rank: ranks[i], total: null }));
		expect(advancing(rows, { kind: 'top', count: 3 }).map((r) => r.name)).toEqual(['A', 'B', 'C', 'D']);
	});

	it('the quicker of two otherwise equal entries ranks higher', () => {
		// D now took 1480 s against A's 1500 s → D 3rd, A 4th
		const ranks = standings(field.map((c) => (c.name === 'D' ? { ...c, time: '1480' } : c)));
		expect(ranks).toEqual([4, 2, 1, 3, 5]);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// properties
// ─────────────────────────────────────────────────────────────────────────────

/** keys from totals in quarter points 0..10, so ties are common */
const keyArb = fc.integer({ min: 0, max: 40 }).map((q) => sortKey({ ...fig('0'), total: new Fraction(q, 4) }, [], 2));
const sortedDesc = (ks: string[]) => [...ks].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
const above = (ks: string[], key: string) => ks.filter((o) => o > key).length;

describe('ranking properties', () => {
	it('rank = 1 + how many keys are greater; null stays null', () => {
		fc.assert(
			fc.property(fc.array(fc.option(keyArb, { nil: null }), { maxLength: 40 }), (keys) => {
				const present = keys.filter((q): q is string => q !== null);
				const ranks = competitionRanks(keys);
				keys.forEach((key, i) => expect(ranks[i]).toBe(key === null ? null : 1 + above(present, key)));
			})
		);
	});

	it('competitionRanks does not depend on the order of the input', () => {
		fc.assert(
			fc.property(
				fc
					.array(fc.option(keyArb, { nil: null }), { maxLength: 30 })
					.chain((keys) =>
						fc.tuple(
							fc.constant(keys),
							fc.shuffledSubarray(
								keys.map((_, i) => i),
								{ minLength: keys.length, maxLength: keys.length }
							)
						)
					),
				([keys, perm]) => {
					const ranks = competitionRanks(keys);
					const permuted = competitionRanks(perm.map((i) => keys[i]));
					perm.forEach((from, to) => expect(permuted[to]).toBe(ranks[from]));
				}
			)
		);
	});

	it('pageRanks over consecutive pages equals competitionRanks when no tie straddles a border', () => {
		fc.assert(
			fc.property(fc.array(keyArb, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (keys, size) => {
				const all = sortedDesc(keys);
				const expected = competitionRanks(all);
				for (let start = 0; start < all.length; start += size) {
					const page = all.slice(start, start + size);
					const got = pageRanks(page, start, above(all, page[0]));
					if (start > 0 && all[start] === all[start - 1]) {
						// the page opens inside a tie: at least that tie's ranks must be right
						page.forEach((key, i) => {
							if (key === page[0]) expect(got[i]).toBe(expected[start + i]);
						});
					} else {
						expect(got).toEqual(expected.slice(start, start + size));
					}
				}
			})
		);
	});

	// the case that once failed: a page opening inside a tie with a lower key after it
	it('pageRanks over consecutive pages equals competitionRanks of the whole sorted list', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 4 }).map((q) => k(String(q))), { minLength: 2, maxLength: 20 }),
				fc.integer({ min: 1, max: 4 }),
				(keys, size) => {
					const all = sortedDesc(keys);
					const expected = competitionRanks(all);
					for (let start = 0; start < all.length; start += size) {
						const page = all.slice(start, start + size);
						expect(pageRanks(page, start, above(all, page[0]))).toEqual(expected.slice(start, start + size));
					}
				}
			),
			{ seed: 20240601, numRuns: 500 }
		);
	});

	/** independent half-away-from-zero of n/d to `dec` places, as an integer count of 10^-dec */
	const halfUp = (f: Fraction, dec: number) => {
		const scale = 10n ** BigInt(dec);
		const m = (2n * f.n * scale + f.d) / (2n * f.d);
		return f.s < 0n ? -m : m;
	};

	it('with an empty chain, key order is the order of the rounded totals', () => {
		const total = fc
			.tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom(1, 3, 7, 100, 1000, 10000))
			.map(([n, d]) => new Fraction(n, d));
		fc.assert(
			fc.property(total, total, fc.integer({ min: 0, max: 4 }), (a, b, dec) => {
				const ka = sortKey({ ...fig('0'), total: a }, [], dec);
				const kb = sortKey({ ...fig('0'), total: b }, [], dec);
				const ra = halfUp(a, dec);
				const rb = halfUp(b, dec);
				expect(ka.length).toBe(16);
				expect(Math.sign(ka < kb ? -1 : ka > kb ? 1 : 0)).toBe(ra < rb ? -1 : ra > rb ? 1 : 0);
			})
		);
	});

	it('with equal totals and a time break, the shorter time has the greater key', () => {
		const time = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Fraction(n, 100));
		fc.assert(
			fc.property(time, time, (ta, tb) => {
				const ka = sortKey(fig('50', { time: ta }), [{ kind: 'time' }], 2);
				const kb = sortKey(fig('50', { time: tb }), [{ kind: 'time' }], 2);
				expect(ka.length).toBe(32);
				expect(ka > kb).toBe(ta.compare(tb) < 0);
				expect(ka === kb).toBe(ta.equals(tb));
			})
		);
	});

	it('top N takes exactly the ranks ≤ N, which is at least min(N, ranked) entries', () => {
		fc.assert(
			fc.property(fc.array(fc.option(keyArb, { nil: null }), { maxLength: 30 }), fc.integer({ min: 0, max: 35 }), (keys, n) => {
				const ranks = competitionRanks(keys);
				const rows = keys.map((_, i) => ({ i, rank: ranks[i], total: null }));
				const chosen = advancing(rows, { kind: 'top', count: n });
				const ranked = ranks.filter((r) => r !== null).length;
				expect(chosen.length).toBeGreaterThanOrEqual(Math.min(n, ranked));
				expect(chosen.map((r) => r.i)).toEqual(rows.filter((r) => r.rank !== null && r.rank <= n).map((r) => r.i));
			})
		);
	});
});
