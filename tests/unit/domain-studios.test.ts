import { describe, expect, it } from 'vitest';
import {
	ACHIEVEMENT_KINDS,
	DEFAULT_INDICATORS,
	DEFAULT_LEADER_HONOURS,
	HONOUR_KINDS,
	MAX_INDICATORS,
	MODEL_WORKER_HONOURS,
	REASSESS_YEARS,
	STUDIO_ACTIONS,
	STUDIO_LEVELS,
	STUDIO_STATUSES,
	STUDIO_STEPS,
	STUDIO_TYPES,
	achievementQuantity,
	designatingAuthority,
	indicatorSheetProblem,
	leaderQualifies,
	levelRank,
	mayDesignate,
	nextReassessment,
	rankStudios,
	groupsOf,
	mayReassess,
	scoreIndicators,
	sheetMax,
	studioStepRefusal,
	studioStepsFrom,
	type AchievementKind,
	type HonourKind,
	type Indicator,
	type IndicatorInput,
	type StudioAction,
	type StudioLevel,
	type StudioStatus,
	type StudioType
} from '../../src/lib/domain/studios';

/* ------------------------------------------------------------ constants */

describe('constants', () => {
	it('lists statuses, actions, types and levels in their documented order', () => {
		expect([...STUDIO_STATUSES]).toEqual(['applied', 'reviewing', 'designated', 'warned', 'rejected', 'revoked']);
		expect([...STUDIO_ACTIONS]).toEqual(['review', 'designate', 'reject', 'keep', 'upgrade', 'warn', 'revoke']);
		expect([...STUDIO_TYPES]).toEqual(['model', 'craftsman', 'worker']);
		expect([...STUDIO_LEVELS]).toEqual(['enterprise', 'city', 'province', 'national']);
		expect(REASSESS_YEARS).toBe(3);
		expect(MAX_INDICATORS).toBe(16);
	});

	it.each([
		['enterprise', 0],
		['city', 1],
		['province', 2],
		['national', 3]
	] as [StudioLevel, number][])('levelRank(%s) = %i', (level, rank) => {
		expect(levelRank(level)).toBe(rank);
	});
});

/* ------------------------------------------------------------- workflow */

describe('designation workflow', () => {
	/** Written independently of STUDIO_STEPS: the actions open from each status, in STUDIO_ACTIONS order. */
	const EXPECTED_FROM: Record<StudioStatus, StudioAction[]> = {
		applied: ['review', 'designate', 'reject'],
		reviewing: ['designate', 'reject'],
		designated: ['keep', 'upgrade', 'warn', 'revoke'],
		warned: ['keep', 'revoke'],
		rejected: [],
		revoked: []
	};

	/** Where each action leads. */
	const EXPECTED_TO: Record<StudioAction, StudioStatus> = {
		review: 'reviewing',
		designate: 'designated',
		reject: 'rejected',
		keep: 'designated',
		upgrade: 'designated',
		warn: 'warned',
		revoke: 'revoked'
	};

	const pairs = STUDIO_STATUSES.flatMap((s) => STUDIO_ACTIONS.map((a) => [s, a] as [StudioStatus, StudioAction]));

	it('covers all 6 × 7 = 42 status/action pairs', () => {
		expect(pairs).toHaveLength(42);
	});

	it.each(pairs)('studioStepRefusal(%s, %s)', (status, action) => {
		const allowed = EXPECTED_FROM[status].includes(action);
		expect(studioStepRefusal(status, action)).toBe(allowed ? null : 'state');
	});

	it.each(STUDIO_STATUSES.map((s) => [s]))('studioStepsFrom(%s) equals the expected table', (status) => {
		expect(studioStepsFrom(status)).toEqual(EXPECTED_FROM[status]);
	});

	it('exactly 3 + 2 + 4 + 2 = 11 of the 42 pairs are allowed', () => {
		expect(pairs.filter(([s, a]) => studioStepRefusal(s, a) === null)).toHaveLength(11);
	});

	it.each(STUDIO_ACTIONS.map((a) => [a]))('action %s leads to its expected status', (action) => {
		expect(STUDIO_STEPS[action].to).toBe(EXPECTED_TO[action]);
	});

	it('the steps requiring a written reason are exactly reject, warn, revoke', () => {
		expect(STUDIO_ACTIONS.filter((a) => STUDIO_STEPS[a].reason === true)).toEqual(['reject', 'warn', 'revoke']);
		expect(STUDIO_ACTIONS.filter((a) => STUDIO_STEPS[a].reason !== true)).toEqual(['review', 'designate', 'keep', 'upgrade']);
	});

	it('revoked and rejected are terminal: no steps, every action refused', () => {
		for (const s of ['revoked', 'rejected'] as StudioStatus[]) {
			expect(studioStepsFrom(s)).toEqual([]);
			expect(STUDIO_ACTIONS.map((a) => studioStepRefusal(s, a))).toEqual(['state', 'state', 'state', 'state', 'state', 'state', 'state']);
		}
	});

	it('every non-terminal status has at least one step, and every step target is a known status', () => {
		for (const s of ['applied', 'reviewing', 'designated', 'warned'] as StudioStatus[]) expect(studioStepsFrom(s).length).toBeGreaterThan(0);
		for (const a of STUDIO_ACTIONS) expect(STUDIO_STATUSES).toContain(STUDIO_STEPS[a].to);
	});
});

/* ------------------------------------------------------------ authority */

describe('designating authority', () => {
	const UNIT_TYPES = ['federation', 'district', 'industry', 'enterprise', 'workshop', 'team'] as const;

	/** unit type → [enterprise, city, province, national] */
	const EXPECTED: Record<(typeof UNIT_TYPES)[number], [boolean, boolean, boolean, boolean]> = {
		federation: [true, true, false, false],
		district: [true, false, false, false],
		industry: [true, false, false, false],
		enterprise: [true, false, false, false],
		workshop: [true, false, false, false],
		team: [true, false, false, false]
	};

	it.each(UNIT_TYPES.map((u) => [u, u === 'federation' ? 'city' : 'enterprise']))('designatingAuthority(%s) = %s', (unit, level) => {
		expect(designatingAuthority(unit)).toBe(level);
	});

	const cells = UNIT_TYPES.flatMap((u) => STUDIO_LEVELS.map((l, i) => [u, l, EXPECTED[u][i]] as [string, StudioLevel, boolean]));

	it('covers all 6 × 4 = 24 unit/level pairs', () => {
		expect(cells).toHaveLength(24);
	});

	it.each(cells)('mayDesignate(%s, %s) = %s', (unit, level, expected) => {
		expect(mayDesignate(unit, level)).toBe(expected);
	});

	it('an unknown unit type gets the enterprise level only', () => {
		expect(designatingAuthority('')).toBe('enterprise');
		expect(STUDIO_LEVELS.map((l) => mayDesignate('something', l))).toEqual([true, false, false, false]);
	});
});

/* -------------------------------------------------------------- leaders */

describe('leaderQualifies with DEFAULT_LEADER_HONOURS', () => {
	/** honour → qualifies for [model, craftsman, worker] — written by hand from the federation's rules */
	const TABLE: Record<HonourKind, [boolean, boolean, boolean]> = {
		national_model: [true, false, true],
		provincial_model: [true, false, true],
		city_model: [true, false, true],
		national_may1: [true, true, true],
		provincial_may1: [true, true, true],
		great_craftsman: [false, true, true],
		provincial_craftsman: [false, true, true],
		city_craftsman: [false, true, true],
		technical_expert: [false, false, true],
		chief_worker: [false, false, true],
		contest: [false, false, false],
		other: [false, false, false]
	};

	const cells = HONOUR_KINDS.flatMap((h) => STUDIO_TYPES.map((t, i) => [h, t, TABLE[h][i]] as [HonourKind, StudioType, boolean]));

	it('covers all 12 × 3 = 36 honour/type pairs', () => {
		expect(cells).toHaveLength(36);
	});

	it.each(cells)('a holder of only %s leading a %s studio → %s', (honour, type, expected) => {
		expect(leaderQualifies([honour], DEFAULT_LEADER_HONOURS[type])).toBe(expected);
	});

	it('the named cases', () => {
		expect(leaderQualifies(['provincial_model'], DEFAULT_LEADER_HONOURS.model)).toBe(true);
		expect(leaderQualifies(['technical_expert'], DEFAULT_LEADER_HONOURS.model)).toBe(false);
		expect(leaderQualifies(['technical_expert'], DEFAULT_LEADER_HONOURS.worker)).toBe(true);
	});

	it.each(STUDIO_TYPES.map((t) => [t]))('an empty honour list never qualifies (%s)', (type) => {
		expect(leaderQualifies([], DEFAULT_LEADER_HONOURS[type])).toBe(false);
	});

	it.each(STUDIO_TYPES.map((t) => [t]))('contest and other never qualify under the defaults, even together (%s)', (type) => {
		expect(leaderQualifies(['contest', 'other'], DEFAULT_LEADER_HONOURS[type])).toBe(false);
		expect(DEFAULT_LEADER_HONOURS[type]).not.toContain('contest');
		expect(DEFAULT_LEADER_HONOURS[type]).not.toContain('other');
	});

	it('any one qualifying honour among others suffices', () => {
		expect(leaderQualifies(['contest', 'other', 'city_craftsman'], DEFAULT_LEADER_HONOURS.craftsman)).toBe(true);
		expect(leaderQualifies(['contest', 'technical_expert', 'chief_worker'], DEFAULT_LEADER_HONOURS.craftsman)).toBe(false);
	});

	it('an empty requirement list admits no one', () => {
		expect(leaderQualifies([...HONOUR_KINDS], [])).toBe(false);
	});

	it('a custom requirement list is honoured', () => {
		expect(leaderQualifies(['contest'], ['contest'])).toBe(true);
		expect(leaderQualifies(['national_model'], ['contest'])).toBe(false);
	});

	it('MODEL_WORKER_HONOURS are the eight personal model/May-1/craftsman honours', () => {
		expect([...MODEL_WORKER_HONOURS]).toEqual([
			'national_model',
			'provincial_model',
			'city_model',
			'national_may1',
			'provincial_may1',
			'great_craftsman',
			'provincial_craftsman',
			'city_craftsman'
		]);
	});
});

/* --------------------------------------------------------- reassessment */

describe('nextReassessment', () => {
	it.each([
		['2026-03-15', undefined, '2029-03-15'],
		['2024-02-29', undefined, '2027-02-28'],
		['2024-02-29', 3, '2027-02-28'],
		['2024-02-29', 4, '2028-02-29'],
		['2024-02-29', 1, '2025-02-28'],
		['2024-02-29', 8, '2032-02-29'],
		['2024-02-29', 0, '2024-02-29'],
		['2024-02-28', 3, '2027-02-28'],
		['2024-03-01', 3, '2027-03-01'],
		['2025-12-31', undefined, '2028-12-31'],
		['2026-01-01', undefined, '2029-01-01'],
		['2099-12-31', 1, '2100-12-31'],
		['2096-02-29', 4, '2100-02-28'], // 2100 is not a leap year
		['1996-02-29', 4, '2000-02-29'], // 2000 is
		['2026-03-15', 5, '2031-03-15'],
		['2026-03-15', 1, '2027-03-15'],
		['2026-03-15', 0, '2026-03-15'],
		['2026-07-31', 2, '2028-07-31']
	] as [string, number | undefined, string][])('%s + %s years → %s', (from, years, expected) => {
		expect(years === undefined ? nextReassessment(from) : nextReassessment(from, years)).toBe(expected);
	});
});

/* ---------------------------------------------------------- achievements */

describe('achievementQuantity', () => {
	const q = (kind: AchievementKind, count: number | null = null, benefitFen: number | null = null) => achievementQuantity({ kind, count, benefitFen });

	it.each(['patent', 'technique', 'problem', 'award', 'proposal'] as AchievementKind[])('%s counts 1 per record whatever count/benefit say', (kind) => {
		expect(q(kind)).toBe(1);
		expect(q(kind, 7, 50_000_000)).toBe(1);
		expect(q(kind, 0, 0)).toBe(1);
	});

	it.each([
		['apprentice', 3, 3],
		['apprentice', 0, 0],
		['apprentice', null, 0],
		['apprentice', -2, 0],
		['training', 12, 12],
		['training', null, 0],
		['training', -1, 0]
	] as [AchievementKind, number | null, number][])('%s with count %s → %i', (kind, count, expected) => {
		expect(q(kind, count, 99_000_000)).toBe(expected);
	});

	it.each([
		[null, 0],
		[0, 0],
		[-5_000_000, 0],
		[999_999, 0],
		[1_000_000, 1],
		[1_999_999, 1],
		[2_000_000, 2],
		[25_500_000, 25],
		[100_000_000, 100]
	] as [number | null, number][])('benefit of %s fen → %i units of 10,000 yuan', (fen, expected) => {
		expect(q('benefit', 42, fen)).toBe(expected);
	});

	it('every achievement kind is handled', () => {
		expect(ACHIEVEMENT_KINDS.map((k) => q(k, 2, 3_000_000))).toEqual([1, 1, 1, 1, 1, 2, 2, 3]);
	});
});

/* ---------------------------------------------------------- indicators */

const input = (achievements: IndicatorInput['achievements'] = {}, reviews: IndicatorInput['reviews'] = { operation: 0 }, incidents: IndicatorInput['incidents'] = {}): IndicatorInput => ({
	achievements,
	reviews,
	incidents
});

const line = (key: string, sheet: readonly Indicator[], inp: IndicatorInput) => scoreIndicators(sheet, inp).lines.find((l) => l.key === key)!;

describe('scoreIndicators with DEFAULT_INDICATORS', () => {
	it('the default sheet, as listed', () => {
		expect(DEFAULT_INDICATORS.map((i) => [i.key, i.kind, i.achievement ?? null, i.per, i.max])).toEqual([
			['patent', 'count', 'patent', 5, 20],
			['technique', 'count', 'technique', 5, 10],
			['problem', 'count', 'problem', 4, 16],
			['proposal', 'count', 'proposal', 1, 8],
			['apprentice', 'count', 'apprentice', 1, 10],
			['training', 'count', 'training', 0.5, 6],
			['benefit', 'count', 'benefit', 0.2, 10],
			['operation', 'review', null, 1, 20],
			['safety', 'deduction', null, 10, 20]
		]);
	});

	it('full worked example: every line and the exact total', () => {
		const r = scoreIndicators(
			DEFAULT_INDICATORS,
			input({ patent: 3, technique: 1, problem: 5, proposal: 4, apprentice: 12, training: 3, benefit: 7, award: 9 }, { operation: 17.5 }, { safety: 1 })
		);
		expect(r).toEqual({
			lines: [
				{ key: 'patent', name: '专利', kind: 'count', raw: 3, points: 15 },
				{ key: 'technique', name: '命名操作法', kind: 'count', raw: 1, points: 5 },
				{ key: 'problem', name: '攻克技术难题', kind: 'count', raw: 5, points: 16 }, // 20 capped to 16
				{ key: 'proposal', name: '合理化建议被采纳', kind: 'count', raw: 4, points: 4 },
				{ key: 'apprentice', name: '带徒（人）', kind: 'count', raw: 12, points: 10 }, // 12 capped to 10
				{ key: 'training', name: '培训（场次）', kind: 'count', raw: 3, points: 1.5 },
				{ key: 'benefit', name: '经济效益（每万元）', kind: 'count', raw: 7, points: 1.4 },
				{ key: 'operation', name: '运行管理（评审）', kind: 'review', raw: 17.5, points: 17.5 },
				{ key: 'safety', name: '安全质量事故', kind: 'deduction', raw: 1, points: -10 }
			],
			// 15 + 5 + 16 + 4 + 10 + 1.5 + 1.4 + 17.5 − 10
			total: 60.4,
			complete: true
		});
	});

	it('a second worked example with fractional points adds up to two decimals', () => {
		const r = scoreIndicators(DEFAULT_INDICATORS, input({ patent: 1, proposal: 3, training: 7, benefit: 3 }, { operation: 12.35 }, { safety: 0 }));
		// a deduction line with no incidents scores +0, never −0
		expect(r.lines.map((l) => [l.key, l.raw, l.points + 0])).toEqual([
			['patent', 1, 5],
			['technique', 0, 0],
			['problem', 0, 0],
			['proposal', 3, 3],
			['apprentice', 0, 0],
			['training', 7, 3.5],
			['benefit', 3, 0.6], // 0.2 × 3 = 0.6000000000000001 in float
			['operation', 12.35, 12.35],
			['safety', 0, 0]
		]);
		// 5 + 3 + 3.5 + 0.6 + 12.35
		expect(r.total).toBe(24.45);
		expect(r.complete).toBe(true);
	});

	it('full marks everywhere and no incidents → the sheet maximum, 100', () => {
		const r = scoreIndicators(DEFAULT_INDICATORS, input({ patent: 99, technique: 99, problem: 99, proposal: 99, apprentice: 99, training: 99, benefit: 99 }, { operation: 20 }, {}));
		expect(r.lines.map((l) => l.points + 0)).toEqual([20, 10, 16, 8, 10, 6, 10, 20, 0]);
		expect(r.total).toBe(100);
		expect(r.total).toBe(sheetMax(DEFAULT_INDICATORS));
	});

	it.each([
		['patent', 6, 20], // 6 × 5 = 30 capped to 20
		['patent', 4, 20], // exactly at the cap
		['patent', 3, 15],
		['technique', 3, 10], // 15 → 10
		['problem', 4, 16],
		['problem', 3, 12],
		['proposal', 9, 8],
		['apprentice', 10, 10],
		['training', 1, 0.5],
		['training', 3, 1.5],
		['training', 12, 6], // exactly at the cap
		['training', 13, 6],
		['benefit', 1, 0.2],
		['benefit', 3, 0.6],
		['benefit', 7, 1.4],
		['benefit', 49, 9.8],
		['benefit', 50, 10],
		['benefit', 51, 10],
		['patent', 0, 0]
	] as [AchievementKind, number, number][])('count line %s with %i → %s points', (kind, n, points) => {
		const l = line(kind, DEFAULT_INDICATORS, input({ [kind]: n }));
		expect(l.raw).toBe(n);
		expect(l.points).toBe(points);
	});

	it('an achievement kind absent from the input counts 0', () => {
		const r = scoreIndicators(DEFAULT_INDICATORS, input({}));
		expect(r.lines.filter((l) => l.kind === 'count').map((l) => [l.raw, l.points])).toEqual([
			[0, 0],
			[0, 0],
			[0, 0],
			[0, 0],
			[0, 0],
			[0, 0],
			[0, 0]
		]);
	});

	it('two-decimal rounding removes float noise: per 0.1 × 3 is 0.3, not 0.30000000000000004', () => {
		expect(0.1 * 3).toBe(0.30000000000000004); // the float trap being guarded against
		const sheet: Indicator[] = [{ key: 'p', name: 'P', kind: 'count', achievement: 'patent', per: 0.1, max: 10 }];
		const r = scoreIndicators(sheet, input({ patent: 3 }));
		expect(r.lines[0].points).toBe(0.3);
		expect(r.total).toBe(0.3);
	});

	it.each([
		[0.07, 3, 0.21], // 0.21000000000000002
		[0.35, 3, 1.05], // 1.0499999999999998
		[0.335, 3, 1.01], // 1.005… half up
		[0.005, 1, 0.01], // half up
		[0.015, 1, 0.02], // half up
		[0.125, 1, 0.13], // half up
		[1.005, 1, 1.01], // half up
		[0.001, 4, 0], // 0.004 rounds down
		[1.234, 1, 1.23]
	])('per %s × %i → %s (two decimals, half up)', (per, n, points) => {
		const sheet: Indicator[] = [{ key: 'k', name: 'K', kind: 'count', achievement: 'award', per, max: 100 }];
		expect(scoreIndicators(sheet, input({ award: n })).lines[0].points).toBe(points);
	});

	it.each([
		[17.5, 17.5, 17.5],
		[20, 20, 20],
		[25, 20, 20], // clamped to max
		[-3, 0, 0], // clamped to 0
		[0, 0, 0],
		[12.345, 12.345, 12.35], // points rounded half up, raw kept
		[0.3333, 0.3333, 0.33]
	])('review mark %s → raw %s, points %s', (mark, raw, points) => {
		const r = scoreIndicators(DEFAULT_INDICATORS, input({}, { operation: mark }));
		const l = r.lines.find((x) => x.key === 'operation')!;
		expect([l.raw, l.points]).toEqual([raw, points]);
		expect(r.complete).toBe(true);
	});

	it('a missing review mark scores 0 and marks the sheet incomplete', () => {
		const r = scoreIndicators(DEFAULT_INDICATORS, input({ patent: 2 }, {}));
		expect(line('operation', DEFAULT_INDICATORS, input({ patent: 2 }, {}))).toEqual({ key: 'operation', name: '运行管理（评审）', kind: 'review', raw: 0, points: 0 });
		expect(r.complete).toBe(false);
		expect(r.total).toBe(10);
		// an explicitly undefined mark is also missing
		expect(scoreIndicators(DEFAULT_INDICATORS, input({}, { operation: undefined })).complete).toBe(false);
		// a mark for some other key does not count
		expect(scoreIndicators(DEFAULT_INDICATORS, input({}, { other: 10 })).complete).toBe(false);
	});

	it('with two review lines, one missing mark makes the sheet incomplete', () => {
		const sheet: Indicator[] = [
			{ key: 'a', name: 'A', kind: 'review', per: 1, max: 10 },
			{ key: 'b', name: 'B', kind: 'review', per: 1, max: 10 }
		];
		expect(scoreIndicators(sheet, input({}, { a: 5 }))).toEqual({
			lines: [
				{ key: 'a', name: 'A', kind: 'review', raw: 5, points: 5 },
				{ key: 'b', name: 'B', kind: 'review', raw: 0, points: 0 }
			],
			total: 5,
			complete: false
		});
		expect(scoreIndicators(sheet, input({}, { a: 5, b: 7.25 })).complete).toBe(true);
	});

	it('a sheet without review lines is always complete', () => {
		const sheet = DEFAULT_INDICATORS.filter((i) => i.kind !== 'review');
		expect(scoreIndicators(sheet, input({}, {})).complete).toBe(true);
	});

	it.each([
		[1, -10],
		[2, -20],
		[3, -20], // 30 capped to 20
		[10, -20],
		[-1, 0] // negative incidents count as none
	])('deduction with %i incidents → %i points', (n, points) => {
		const l = line('safety', DEFAULT_INDICATORS, input({}, { operation: 0 }, { safety: n }));
		expect(l.raw).toBe(Math.max(0, n));
		expect(l.points + 0).toBe(points);
	});

	it('a deduction can take the total below zero', () => {
		const r = scoreIndicators(DEFAULT_INDICATORS, input({ patent: 1 }, { operation: 2 }, { safety: 3 }));
		expect(r.total).toBe(-13); // 5 + 2 − 20
	});

	it('a fractional deduction is rounded to two decimals', () => {
		const sheet: Indicator[] = [{ key: 'd', name: 'D', kind: 'deduction', per: 0.1, max: 5 }];
		const r = scoreIndicators(sheet, input({}, {}, { d: 3 }));
		expect(r.lines[0].points).toBe(-0.3);
		expect(r.total).toBe(-0.3);
	});

	it('total is the two-decimal sum of the line points', () => {
		const sheet: Indicator[] = [
			{ key: 'a', name: 'A', kind: 'count', achievement: 'benefit', per: 0.1, max: 100 },
			{ key: 'b', name: 'B', kind: 'count', achievement: 'training', per: 0.2, max: 100 },
			{ key: 'c', name: 'C', kind: 'review', per: 1, max: 100 }
		];
		const r = scoreIndicators(sheet, input({ benefit: 1, training: 1 }, { c: 0.4 }));
		expect(r.lines.map((l) => l.points)).toEqual([0.1, 0.2, 0.4]);
		expect(0.1 + 0.2 + 0.4).toBe(0.7000000000000001); // the float sum being guarded against
		expect(r.total).toBe(0.7);
	});

	it('lines keep the sheet order, whatever it is', () => {
		const reordered = [...DEFAULT_INDICATORS].reverse();
		const r = scoreIndicators(reordered, input({ patent: 1 }, { operation: 3 }));
		expect(r.lines.map((l) => l.key)).toEqual(['safety', 'operation', 'benefit', 'training', 'apprentice', 'proposal', 'problem', 'technique', 'patent']);
		expect(r.total).toBe(8);
	});

	it('lines carry exactly key, name, kind, raw and points', () => {
		const r = scoreIndicators(DEFAULT_INDICATORS, input({ patent: 1 }, { operation: 3 }, { safety: 1 }));
		for (const l of r.lines) expect(Object.keys(l).sort()).toEqual(['key', 'kind', 'name', 'points', 'raw']);
	});

	it('an empty sheet scores 0 and is complete', () => {
		expect(scoreIndicators([], input())).toEqual({ lines: [], total: 0, complete: true });
	});

	it('the input is not mutated', () => {
		const inp = input({ patent: 6 }, { operation: 25 }, { safety: 3 });
		const copy = structuredClone(inp);
		scoreIndicators(DEFAULT_INDICATORS, inp);
		expect(inp).toEqual(copy);
	});

	// Bug: a deduction line with no incidents scores −0 (`-round2(0)`), which toLocaleString /
	// Intl.NumberFormat print as "-0" on the sheet.
	it('a deduction line with no incidents scores +0, not −0', () => {
		const l = line('safety', DEFAULT_INDICATORS, input({}, { operation: 0 }, {}));
		expect(Object.is(l.points, 0)).toBe(true);
	});

	// Bug: round2 adds Number.EPSILON before scaling, which only repairs halves below ~2;
	// above that "half up" silently rounds down (e.g. 2.135, 4.015, 10.005 …).
	it('review mean 4.015 (the mean of marks 4.01 and 4.02) rounds half up to 4.02', () => {
		const mark = (4.01 + 4.02) / 2;
		expect(line('operation', DEFAULT_INDICATORS, input({}, { operation: mark })).points).toBe(4.02);
	});

	it('count per 2.135 × 1 rounds half up to 2.14', () => {
		const sheet: Indicator[] = [{ key: 'k', name: 'K', kind: 'count', achievement: 'award', per: 2.135, max: 100 }];
		expect(scoreIndicators(sheet, input({ award: 1 })).lines[0].points).toBe(2.14);
	});
});

describe('indicatorSheetProblem', () => {
	const count = (key: string, over: Partial<Indicator> = {}): Indicator => ({ key, name: key, kind: 'count', achievement: 'patent', per: 1, max: 10, ...over });

	it('the default sheet has no problem', () => {
		expect(indicatorSheetProblem(DEFAULT_INDICATORS)).toBeNull();
	});

	it('an empty sheet → empty', () => {
		expect(indicatorSheetProblem([])).toBe('empty');
	});

	it('MAX_INDICATORS lines are fine, MAX_INDICATORS + 1 → empty', () => {
		const many = (n: number) => Array.from({ length: n }, (_, i) => count(`k${i}`));
		expect(indicatorSheetProblem(many(1))).toBeNull();
		expect(indicatorSheetProblem(many(MAX_INDICATORS))).toBeNull();
		expect(indicatorSheetProblem(many(MAX_INDICATORS + 1))).toBe('empty');
	});

	it('duplicate keys → keys', () => {
		expect(indicatorSheetProblem([count('a'), count('b'), count('a', { name: 'other name' })])).toBe('keys');
		expect(indicatorSheetProblem([...DEFAULT_INDICATORS, { key: 'safety', name: '又一个', kind: 'review', per: 1, max: 5 }])).toBe('keys');
	});

	it('a count indicator without achievement → achievement', () => {
		expect(indicatorSheetProblem([count('a', { achievement: undefined })])).toBe('achievement');
		expect(indicatorSheetProblem([...DEFAULT_INDICATORS.slice(1), { key: 'x', name: 'X', kind: 'count', per: 1, max: 5 }])).toBe('achievement');
	});

	it('review and deduction lines need no achievement', () => {
		expect(indicatorSheetProblem([{ key: 'r', name: 'R', kind: 'review', per: 1, max: 5 }])).toBeNull();
		expect(indicatorSheetProblem([{ key: 'd', name: 'D', kind: 'deduction', per: 1, max: 5 }])).toBeNull();
	});

	it.each([
		['per', 0],
		['per', -1],
		['per', Number.NaN],
		['per', 1000.01],
		['per', 1001],
		['per', Number.POSITIVE_INFINITY],
		['max', 0],
		['max', -5],
		['max', Number.NaN],
		['max', 1000.5],
		['max', 1001],
		['max', Number.POSITIVE_INFINITY]
	] as ['per' | 'max', number][])('%s = %s → numbers', (field, value) => {
		for (const kind of ['count', 'review', 'deduction'] as const) {
			expect(indicatorSheetProblem([count('a'), count('b', { kind, [field]: value })])).toBe('numbers');
		}
	});

	it('per and max of exactly 1000, or small positive fractions, are fine', () => {
		expect(indicatorSheetProblem([count('a', { per: 1000, max: 1000 })])).toBeNull();
		expect(indicatorSheetProblem([count('a', { per: 0.01, max: 0.5 })])).toBeNull();
	});

	it('checks in order: size, keys, achievement, numbers', () => {
		expect(indicatorSheetProblem([count('a', { per: 0 }), count('a', { achievement: undefined })])).toBe('keys');
		expect(indicatorSheetProblem([count('a', { per: 0 }), count('b', { achievement: undefined })])).toBe('achievement');
	});
});

describe('sheetMax', () => {
	it('the default sheet: 20 + 10 + 16 + 8 + 10 + 6 + 10 + 20 = 100 (the deduction excluded)', () => {
		expect(sheetMax(DEFAULT_INDICATORS)).toBe(100);
	});

	it('only deductions → 0; empty → 0; counts and reviews add up', () => {
		expect(sheetMax([{ key: 'd', name: 'D', kind: 'deduction', per: 5, max: 30 }])).toBe(0);
		expect(sheetMax([])).toBe(0);
		expect(
			sheetMax([
				{ key: 'a', name: 'A', kind: 'count', achievement: 'award', per: 1, max: 7 },
				{ key: 'r', name: 'R', kind: 'review', per: 1, max: 13 },
				{ key: 'd', name: 'D', kind: 'deduction', per: 5, max: 30 }
			])
		).toBe(20);
	});
});

/* ---------------------------------------------------------------- ranks */

describe('rankStudios', () => {
	type Row = { id: number; name: string; level: StudioLevel; type: StudioType; total: number };
	const r = (id: number, name: string, level: StudioLevel, type: StudioType, total: number): Row => ({ id, name, level, type, total });

	it('empty input → []', () => {
		expect(rankStudios([])).toEqual([]);
	});

	it('groups by level (national first) then type (STUDIO_TYPES order), ranks by total desc within each group', () => {
		const rows: Row[] = [
			r(1, 'A', 'enterprise', 'model', 80),
			r(2, 'N1', 'national', 'worker', 70),
			r(3, 'C-b', 'city', 'craftsman', 90),
			r(4, 'C-a', 'city', 'craftsman', 90),
			r(5, 'C-c', 'city', 'craftsman', 95),
			r(6, 'C-d', 'city', 'craftsman', 60),
			r(7, 'N2', 'national', 'model', 50),
			r(8, 'P1', 'province', 'model', 88),
			r(9, 'E2', 'enterprise', 'model', 85),
			r(10, 'E3', 'enterprise', 'worker', 99),
			r(11, 'C-m', 'city', 'model', 90),
			r(12, 'P2', 'province', 'craftsman', 10)
		];
		expect(rankStudios(rows).map((x) => [x.level, x.type, x.name, x.total, x.rank])).toEqual([
			['national', 'model', 'N2', 50, 1],
			['national', 'worker', 'N1', 70, 1],
			['province', 'model', 'P1', 88, 1],
			['province', 'craftsman', 'P2', 10, 1],
			['city', 'model', 'C-m', 90, 1],
			['city', 'craftsman', 'C-c', 95, 1],
			['city', 'craftsman', 'C-a', 90, 2],
			['city', 'craftsman', 'C-b', 90, 2],
			['city', 'craftsman', 'C-d', 60, 4],
			['enterprise', 'model', 'E2', 85, 1],
			['enterprise', 'model', 'A', 80, 2],
			['enterprise', 'worker', 'E3', 99, 1]
		]);
	});

	it.each([
		[[90, 80, 80, 70], [1, 2, 2, 4]],
		[[90, 90, 80], [1, 1, 3]],
		[[50, 50, 50], [1, 1, 1]],
		[[90, 80, 80, 80, 70, 70, 60], [1, 2, 2, 2, 5, 5, 7]],
		[[10, 9, 8], [1, 2, 3]],
		[[42], [1]],
		[[0.3, 0.1 + 0.2], [1, 2]], // 0.30000000000000004 > 0.3: totals are compared exactly
		[[5, -5, -5, -10], [1, 2, 2, 4]]
	])('totals %j (any input order) → ranks %j', (totals, ranks) => {
		const rows = totals.map((t, i) => r(i, `n${String(i).padStart(2, '0')}`, 'city', 'worker', t));
		const shuffled = [...rows].reverse();
		const out = rankStudios(shuffled);
		expect(out.map((x) => x.rank)).toEqual(ranks);
		expect(out.map((x) => x.total)).toEqual([...totals].sort((a, b) => b - a));
	});

	it('ties are ordered by name for display only (same rank)', () => {
		const out = rankStudios([r(1, 'zeta', 'city', 'model', 80), r(2, 'alpha', 'city', 'model', 80), r(3, 'mu', 'city', 'model', 80), r(4, 'top', 'city', 'model', 81)]);
		expect(out.map((x) => [x.name, x.rank])).toEqual([
			['top', 1],
			['alpha', 2],
			['mu', 2],
			['zeta', 2]
		]);
	});

	it('Chinese names in a tie are ordered by the zh collation (pinyin), not by code point', () => {
		// 上 U+4E0A < 北 U+5317 by code point, but bei < shang in pinyin
		const out = rankStudios([r(1, '上海站', 'enterprise', 'craftsman', 70), r(2, '北京站', 'enterprise', 'craftsman', 70), r(3, '广州站', 'enterprise', 'craftsman', 70)]);
		expect(out.map((x) => x.name)).toEqual(['北京站', '广州站', '上海站']);
		expect(out.map((x) => x.rank)).toEqual([1, 1, 1]);
	});

	it('equal totals in different groups do not affect each other', () => {
		const out = rankStudios([r(1, 'a', 'city', 'model', 80), r(2, 'b', 'city', 'worker', 80), r(3, 'c', 'province', 'model', 80), r(4, 'd', 'city', 'model', 90)]);
		expect(out.map((x) => [x.name, x.rank])).toEqual([
			['c', 1],
			['d', 1],
			['a', 2],
			['b', 1]
		]);
	});

	it('keeps extra fields, returns new objects and does not mutate the input', () => {
		const rows: Row[] = [r(1, 'b', 'city', 'model', 70), r(2, 'a', 'city', 'model', 90)];
		const copy = structuredClone(rows);
		const out = rankStudios(rows);
		expect(rows).toEqual(copy);
		expect(rows[0]).not.toHaveProperty('rank');
		expect(out).toEqual([
			{ id: 2, name: 'a', level: 'city', type: 'model', total: 90, rank: 1 },
			{ id: 1, name: 'b', level: 'city', type: 'model', total: 70, rank: 2 }
		]);
		expect(out[0]).not.toBe(rows[1]);
		expect(out[1]).not.toBe(rows[0]);
	});

	it('every input row appears exactly once in the output', () => {
		const rows: Row[] = [];
		let id = 0;
		for (const level of STUDIO_LEVELS) for (const type of STUDIO_TYPES) for (const t of [3, 1, 2]) rows.push(r(id++, `s${id}`, level, type, t));
		const out = rankStudios(rows);
		expect(out).toHaveLength(36);
		expect(out.map((x) => x.id).sort((a, b) => a - b)).toEqual(rows.map((x) => x.id));
		expect(out.map((x) => `${x.level}/${x.type}`).filter((g, i, a) => a.indexOf(g) === i)).toEqual([
			'national/model',
			'national/craftsman',
			'national/worker',
			'province/model',
			'province/craftsman',
			'province/worker',
			'city/model',
			'city/craftsman',
			'city/worker',
			'enterprise/model',
			'enterprise/craftsman',
			'enterprise/worker'
		]);
		expect(out.map((x) => x.rank)).toEqual(Array.from({ length: 12 }, () => [1, 2, 3]).flat());
	});
});

describe('groupsOf', () => {
	it('cuts ranked rows into runs of one level and type, keeping their order', () => {
		const rows = rankStudios([
			{ name: '甲', level: 'city' as const, type: 'model' as const, total: 10 },
			{ name: '乙', level: 'enterprise' as const, type: 'model' as const, total: 30 },
			{ name: '丙', level: 'city' as const, type: 'model' as const, total: 20 },
			{ name: '丁', level: 'city' as const, type: 'worker' as const, total: 5 }
		]);
		expect(groupsOf(rows).map((g) => [g.level, g.type, g.rows.map((r) => [r.name, r.rank])])).toEqual([
			['city', 'model', [['丙', 1], ['甲', 2]]],
			['city', 'worker', [['丁', 1]]],
			['enterprise', 'model', [['乙', 1]]]
		]);
		expect(groupsOf([])).toEqual([]);
	});
});

describe('mayReassess', () => {
	it('is the designating authority, with provincial and national levels the federation’s to look after', () => {
		expect(mayReassess('enterprise', 'enterprise')).toBe(true);
		expect(mayReassess('district', 'city')).toBe(false);
		expect(mayReassess('federation', 'city')).toBe(true);
		expect(mayReassess('federation', 'province')).toBe(true);
		expect(mayReassess('federation', 'national')).toBe(true);
		expect(mayReassess('enterprise', 'province')).toBe(false);
	});
});
