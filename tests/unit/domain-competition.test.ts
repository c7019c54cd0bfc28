import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
	autoConflict,
	canMoveCompetition,
	COMPETITION_STATUSES,
	eligibilityProblems,
	nextCompetitionStatuses,
	registrationOpen,
	type CompetitionStatus,
	type EligibilityInput
} from '../../src/lib/domain/competition';
import { blindCode, drawLots } from '../../src/lib/domain/lots';

// ─────────────────────────────────────────────────────────────────────────────
// competition.ts
// ─────────────────────────────────────────────────────────────────────────────

describe('canMoveCompetition', () => {
	// Written out in full so that a change to the life cycle is a deliberate change to this table.
	const ALLOWED: Record<CompetitionStatus, CompetitionStatus[]> = {
		draft: ['registration'],
		registration: ['in_progress', 'draft'],
		in_progress: ['scoring_closed'],
		scoring_closed: ['published', 'in_progress'],
		published: []
	};
	for (const from of COMPETITION_STATUSES) {
		for (const to of COMPETITION_STATUSES) {
			const expected = ALLOWED[from].includes(to);
			it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => {
				expect(canMoveCompetition(from, to)).toBe(expected);
			});
		}
	}

	it('nextCompetitionStatuses lists the same moves; published is final', () => {
		for (const from of COMPETITION_STATUSES) expect([...nextCompetitionStatuses(from)].sort()).toEqual([...ALLOWED[from]].sort());
		expect(nextCompetitionStatuses('published')).toEqual([]);
	});

	it('no status moves to itself', () => {
		for (const s of COMPETITION_STATUSES) expect(canMoveCompetition(s, s)).toBe(false);
	});
});

describe('registrationOpen', () => {
	const c = (status: CompetitionStatus) => ({ status, registrationOpens: '2025-03-01', registrationCloses: '2025-03-15' });

	it('is open on both end days and between them (inclusive bounds)', () => {
		expect(registrationOpen(c('registration'), '2025-03-01')).toBe(true);
		expect(registrationOpen(c('registration'), '2025-03-08')).toBe(true);
		expect(registrationOpen(c('registration'), '2025-03-15')).toBe(true);
	});

	it('is closed the day before and the day after', () => {
		expect(registrationOpen(c('registration'), '2025-02-28')).toBe(false);
		expect(registrationOpen(c('registration'), '2025-03-16')).toBe(false);
		expect(registrationOpen(c('registration'), '2026-03-10')).toBe(false);
	});

	it('is closed outside the registration status, even within the dates', () => {
		for (const s of COMPETITION_STATUSES.filter((s) => s !== 'registration'))
			expect(registrationOpen(c(s), '2025-03-08'), s).toBe(false);
	});

	it('a one-day window', () => {
		const one = { status: 'registration' as const, registrationOpens: '2025-05-01', registrationCloses: '2025-05-01' };
		expect(registrationOpen(one, '2025-05-01')).toBe(true);
		expect(registrationOpen(one, '2025-04-30')).toBe(false);
		expect(registrationOpen(one, '2025-05-02')).toBe(false);
	});
});

describe('eligibilityProblems', () => {
	// organiser: the district union /1/2/; the worker's team /1/2/5/9/
	const ok: EligibilityInput = {
		organiserPath: '/1/2/',
		workerPath: '/1/2/5/9/',
		eventTrade: '电工',
		workerTrade: '电工',
		quota: 3,
		entriesFromEmployer: 2,
		alreadyEntered: false,
		registrationOpen: true
	};

	it('an eligible worker has no problems', () => {
		expect(eligibilityProblems(ok)).toEqual([]);
	});

	it('registration_closed', () => {
		expect(eligibilityProblems({ ...ok, registrationOpen: false })).toEqual(['registration_closed']);
	});

	it('outside_organiser: a unit outside the organiser’s subtree, including a look-alike id', () => {
		expect(eligibilityProblems({ ...ok, workerPath: '/1/3/7/' })).toEqual(['outside_organiser']);
		// /1/23/ starts with "/1/2" but not with "/1/2/"
		expect(eligibilityProblems({ ...ok, workerPath: '/1/23/4/' })).toEqual(['outside_organiser']);
		// the organiser's parent is not inside it
		expect(eligibilityProblems({ ...ok, workerPath: '/1/' })).toEqual(['outside_organiser']);
		// the organiser unit itself is
		expect(eligibilityProblems({ ...ok, workerPath: '/1/2/' })).toEqual([]);
	});

	it('trade_mismatch, ignoring surrounding spaces; an event open to any trade', () => {
		expect(eligibilityProblems({ ...ok, workerTrade: '焊工' })).toEqual(['trade_mismatch']);
		expect(eligibilityProblems({ ...ok, workerTrade: '' })).toEqual(['trade_mismatch']);
		expect(eligibilityProblems({ ...ok, eventTrade: ' 电工 ', workerTrade: '电工  ' })).toEqual([]);
		expect(eligibilityProblems({ ...ok, eventTrade: '', workerTrade: '焊工' })).toEqual([]);
		expect(eligibilityProblems({ ...ok, eventTrade: '   ', workerTrade: '焊工' })).toEqual([]);
	});

	it('already_entered', () => {
		expect(eligibilityProblems({ ...ok, alreadyEntered: true })).toEqual(['already_entered']);
	});

	it('quota_full once the employer has as many entries as its quota', () => {
		// quota 3: 2 entries leave room for one more, 3 fill it
		expect(eligibilityProblems({ ...ok, quota: 3, entriesFromEmployer: 2 })).toEqual([]);
		expect(eligibilityProblems({ ...ok, quota: 3, entriesFromEmployer: 3 })).toEqual(['quota_full']);
		expect(eligibilityProblems({ ...ok, quota: 3, entriesFromEmployer: 4 })).toEqual(['quota_full']);
		expect(eligibilityProblems({ ...ok, quota: 0, entriesFromEmployer: 0 })).toEqual(['quota_full']);
		expect(eligibilityProblems({ ...ok, quota: null, entriesFromEmployer: 500 })).toEqual([]);
	});

	it('lists every problem in the order a person would want to hear it', () => {
		expect(
			eligibilityProblems({
				organiserPath: '/1/2/',
				workerPath: '/1/3/',
				eventTrade: '电工',
				workerTrade: '焊工',
				quota: 1,
				entriesFromEmployer: 1,
				alreadyEntered: true,
				registrationOpen: false
			})
		).toEqual(['registration_closed', 'outside_organiser', 'trade_mismatch', 'already_entered', 'quota_full']);
	});
});

describe('autoConflict (回避)', () => {
	it('a judge without an employer has no automatic conflicts', () => {
		expect(autoConflict(null, ['/1/2/9/'])).toBe(false);
		expect(autoConflict('', ['/1/2/9/'])).toBe(false);
	});

	it('conflicts when any member is in the judge’s enterprise or below it', () => {
		expect(autoConflict('/1/2/', ['/1/3/7/', '/1/2/9/'])).toBe(true);
		expect(autoConflict('/1/2/', ['/1/2/'])).toBe(true);
		expect(autoConflict('/1/2/', ['/1/2/9/14/'])).toBe(true);
	});

	it('no conflict for members elsewhere, above, in a look-alike unit, or with no members', () => {
		expect(autoConflict('/1/2/', ['/1/3/7/'])).toBe(false);
		expect(autoConflict('/1/2/', ['/1/'])).toBe(false);
		expect(autoConflict('/1/2/', ['/1/23/'])).toBe(false);
		expect(autoConflict('/1/2/', [])).toBe(false);
	});
});

// ─────────────────────────────────────────────────────────────────────────────
// lots.ts
// ─────────────────────────────────────────────────────────────────────────────

/**
 * The draw redone from its description with Node's own SHA-256: words are the
 * big-endian 32-bit words of sha256(`${seed}:${counter}`), counter 0, 1, 2…; a
 * Fisher–Yates shuffle from the end takes j uniform in [0, i] by rejection.
 */
function referenceDraw<T>(items: readonly T[], seed: string): T[] {
	const words: number[] = [];
	let counter = 0;
	const next = () => {
		if (words.length === 0) {
			const block = createHash('sha256').update(`${seed}:${counter++}`, 'utf8').digest();
			for (let i = 0; i < 32; i += 4) words.push(block.readUInt32BE(i));
		}
		return words.shift()!;
	};
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const bound = i + 1;
		const limit = Math.floor(2 ** 32 / bound) * bound;
		let w = next();
		while (w >= limit) w = next();
		const j = w % bound;
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

describe('drawLots', () => {
	const entries = Array.from({ length: 20 }, (_, i) => `entry-${i + 1}`);

	it('returns a permutation of the entries and leaves the list alone', () => {
		const copy = [...entries];
		const drawn = drawLots(entries, '2025 市职工技能大赛 电工 第一轮');
		expect(entries).toEqual(copy);
		expect(drawn).toHaveLength(20);
		expect([...drawn].sort()).toEqual([...entries].sort());
	});

	it('is the same draw for the same seed', () => {
		expect(drawLots(entries, 'seed-42')).toEqual(drawLots(entries, 'seed-42'));
	});

	it('differs for different seeds', () => {
		// two fixed seeds; the chance of equal permutations of 20 is 1/20!
		expect(drawLots(entries, 'seed-42')).not.toEqual(drawLots(entries, 'seed-43'));
	});

	it('handles no entries and one entry', () => {
		expect(drawLots([], 'any')).toEqual([]);
		expect(drawLots(['only'], 'any')).toEqual(['only']);
	});

	it('anyone holding the seed can redo the draw (independent SHA-256 + Fisher–Yates)', () => {
		for (const seed of ['seed-42', '2025-05-01 电工', '', 'x'])
			for (const n of [2, 3, 10, 37]) {
				const items = Array.from({ length: n }, (_, i) => i + 1);
				expect(drawLots(items, seed), `${seed}/${n}`).toEqual(referenceDraw(items, seed));
			}
	});

	it('property: always a permutation, and reproducible', () => {
		fc.assert(
			fc.property(fc.array(fc.integer(), { maxLength: 50 }), fc.string(), (items, seed) => {
				const drawn = drawLots(items, seed);
				expect([...drawn].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
				expect(drawLots(items, seed)).toEqual(drawn);
			})
		);
	});

	it('gives every order of three entries about equally often', () => {
		// 6000 seeds, 6 orders: ~1000 each; a binomial sd is √(6000 × 1/6 × 5/6) ≈ 29, so ±150 is > 5 sd
		const counts = new Map<string, number>();
		for (let s = 0; s < 6000; s++) {
			const order = drawLots(['A', 'B', 'C'], `u${s}`).join('');
			counts.set(order, (counts.get(order) ?? 0) + 1);
		}
		expect([...counts.keys()].sort()).toEqual(['ABC', 'ACB', 'BAC', 'BCA', 'CAB', 'CBA']);
		for (const [order, c] of counts) {
			expect(c, order).toBeGreaterThan(850);
			expect(c, order).toBeLessThan(1150);
		}
	});
});

describe('blindCode (参赛编号)', () => {
	it('pads to at least two digits', () => {
		expect(blindCode('A', 7, 9)).toBe('A07');
		expect(blindCode('', 3, 5)).toBe('03');
		expect(blindCode('A', 7, 99)).toBe('A07');
		expect(blindCode('A', 42, 99)).toBe('A42');
	});

	it('pads to the width of the field size', () => {
		expect(blindCode('A', 7, 100)).toBe('A007');
		expect(blindCode('A', 100, 100)).toBe('A100');
		expect(blindCode('HG-', 42, 1200)).toBe('HG-0042');
		expect(blindCode('DG', 1, 10000)).toBe('DG00001');
	});

	it('numbers every drawn entry with codes of one width that sort in draw order', () => {
		const drawn = drawLots(Array.from({ length: 120 }, (_, i) => i), 'codes');
		const codes = drawn.map((_, i) => blindCode('E', i + 1, drawn.length));
		expect(new Set(codes.map((c) => c.length))).toEqual(new Set([4])); // 'E' + 3 digits
		expect(codes[0]).toBe('E001');
		expect(codes[119]).toBe('E120');
		expect([...codes].sort()).toEqual(codes);
	});
});
