import { describe, expect, it } from 'vitest';
import {
	ADOPTED_STATUSES,
	CLOSED_STATUSES,
	DEADLINE_STATUSES,
	DEFAULT_DEADLINES,
	DEFAULT_REWARD_TABLE,
	DEFAULT_SCORECARD,
	IMPLEMENTED_STATUSES,
	MAX_REWARD_GRADES,
	PROPOSAL_ACTIONS,
	PROPOSAL_STATUSES,
	STEPS,
	benefitWindow,
	calculateBenefit,
	dueAt,
	eligibleGrade,
	isOverdue,
	lineAmountFen,
	lineTooLarge,
	meanScore,
	median,
	nextStatus,
	qualifies,
	reviewScore,
	rewardPayment,
	rewardRefusal,
	rewardTableProblem,
	scoreProblems,
	scorecardMax,
	serialOf,
	shareProblem,
	splitByShares,
	stepRefusal,
	stepsFrom,
	type BenefitLine,
	type ProposalAction,
	type ProposalRole,
	type ProposalStatus,
	type RewardGrade,
	type ScoreCriterion
} from '$lib/domain/proposals';

const ALL_ROLES: ProposalRole[] = ['author', 'officer', 'finance'];

/** The workflow as specified, written out independently of STEPS. */
const EXPECTED: Record<ProposalAction, { from: ProposalStatus[]; to: ProposalStatus; by: ProposalRole; reason: boolean }> = {
	submit: { from: ['draft'], to: 'submitted', by: 'author', reason: false },
	answer: { from: ['submitted'], to: 'answered', by: 'officer', reason: true },
	accept: { from: ['submitted'], to: 'review', by: 'officer', reason: false },
	assign: { from: ['submitted', 'review'], to: 'review', by: 'officer', reason: false },
	forward: { from: ['submitted', 'review'], to: 'submitted', by: 'officer', reason: true },
	merge: { from: ['submitted', 'review'], to: 'merged', by: 'officer', reason: true },
	adopt: { from: ['review', 'reserve'], to: 'adopted', by: 'officer', reason: false },
	reject: { from: ['review', 'reserve'], to: 'rejected', by: 'officer', reason: true },
	reserve: { from: ['review'], to: 'reserve', by: 'officer', reason: true },
	start: { from: ['adopted'], to: 'implementing', by: 'officer', reason: false },
	trial: { from: ['implementing'], to: 'trial', by: 'officer', reason: false },
	assess: { from: ['trial'], to: 'assessment', by: 'officer', reason: false },
	return: { from: ['assessment'], to: 'trial', by: 'finance', reason: true },
	confirm: { from: ['assessment'], to: 'confirmed', by: 'finance', reason: false },
	reward: { from: ['confirmed'], to: 'rewarded', by: 'officer', reason: false },
	regrade: { from: ['rewarded'], to: 'rewarded', by: 'officer', reason: true }
};

/** A deterministic pseudo-random sequence (LCG), so loops are reproducible. */
function lcg(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}
const intBelow = (rnd: () => number, n: number) => Math.floor(rnd() * n);

/* ------------------------------------------------------------ workflow */

describe('workflow constants', () => {
	it('lists the statuses and actions in workflow order', () => {
		expect([...PROPOSAL_STATUSES]).toEqual([
			'draft',
			'submitted',
			'review',
			'reserve',
			'adopted',
			'implementing',
			'trial',
			'assessment',
			'confirmed',
			'rewarded',
			'rejected',
			'answered',
			'merged'
		]);
		expect([...PROPOSAL_ACTIONS]).toEqual(Object.keys(EXPECTED));
		expect(Object.keys(STEPS).sort()).toEqual([...PROPOSAL_ACTIONS].sort());
	});

	it('closed, adopted and implemented status sets', () => {
		expect([...CLOSED_STATUSES]).toEqual(['draft', 'rewarded', 'rejected', 'answered', 'merged']);
		expect([...ADOPTED_STATUSES]).toEqual(['adopted', 'implementing', 'trial', 'assessment', 'confirmed', 'rewarded']);
		expect([...IMPLEMENTED_STATUSES]).toEqual(['trial', 'assessment', 'confirmed', 'rewarded']);
		// implemented ⊂ adopted
		for (const s of IMPLEMENTED_STATUSES) expect(ADOPTED_STATUSES).toContain(s);
	});

	it('STEPS is exactly the specified table', () => {
		for (const a of PROPOSAL_ACTIONS) {
			const step = STEPS[a];
			expect({ action: a, from: [...step.from], to: step.to, by: step.by, reason: step.reason === true }).toEqual({ action: a, ...EXPECTED[a] });
		}
	});

	it('the steps that require a written reason are exactly answer, forward, merge, reject, reserve, return, regrade', () => {
		const withReason = PROPOSAL_ACTIONS.filter((a) => STEPS[a].reason === true);
		expect(withReason).toEqual(['answer', 'forward', 'merge', 'reject', 'reserve', 'return', 'regrade']);
		for (const a of PROPOSAL_ACTIONS) if (!withReason.includes(a)) expect(STEPS[a].reason ?? false).toBe(false);
	});
});

describe('stepRefusal: every action from every status', () => {
	it.each([...PROPOSAL_ACTIONS])('%s', (action) => {
		const { from, by } = EXPECTED[action];
		const others = ALL_ROLES.filter((r) => r !== by);
		const expectFor = (roles: readonly ProposalRole[]) =>
			Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, from.includes(s) ? (roles.includes(by) ? null : 'role') : 'state']));
		const actualFor = (roles: readonly ProposalRole[]) => Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, stepRefusal(s, action, roles)]));

		// all roles: null exactly for the listed from-states, 'state' for the rest
		const all = actualFor(ALL_ROLES);
		expect(all).toEqual(expectFor(ALL_ROLES));
		expect(PROPOSAL_STATUSES.filter((s) => all[s] === null)).toEqual(PROPOSAL_STATUSES.filter((s) => from.includes(s)));
		// only the required role is enough
		expect(actualFor([by])).toEqual(expectFor([by]));
		// the required role missing: 'role' where the state allows it, 'state' otherwise
		const without = actualFor(others);
		expect(without).toEqual(expectFor(others));
		for (const s of from) expect(without[s]).toBe('role');
		expect(actualFor([])).toEqual(expectFor([]));
		// each other role alone is refused
		for (const r of others) for (const s of from) expect(stepRefusal(s, action, [r])).toBe('role');
	});

	it('the state is checked before the role', () => {
		expect(stepRefusal('draft', 'confirm', [])).toBe('state');
		expect(stepRefusal('assessment', 'confirm', ['officer'])).toBe('role');
		expect(stepRefusal('assessment', 'confirm', ['finance'])).toBeNull();
		expect(stepRefusal('draft', 'submit', ['officer', 'finance'])).toBe('role');
	});
});

describe('stepsFrom', () => {
	const everyone: Record<ProposalStatus, ProposalAction[]> = {
		draft: ['submit'],
		submitted: ['answer', 'accept', 'assign', 'forward', 'merge'],
		review: ['assign', 'forward', 'merge', 'adopt', 'reject', 'reserve'],
		reserve: ['adopt', 'reject'],
		adopted: ['start'],
		implementing: ['trial'],
		trial: ['assess'],
		assessment: ['return', 'confirm'],
		confirmed: ['reward'],
		rewarded: ['regrade'],
		rejected: [],
		answered: [],
		merged: []
	};

	it('with every role, in action order', () => {
		expect(Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, stepsFrom(s, ALL_ROLES)]))).toEqual(everyone);
	});

	it('by role', () => {
		expect(stepsFrom('draft', ['author'])).toEqual(['submit']);
		expect(stepsFrom('draft', ['officer', 'finance'])).toEqual([]);
		expect(stepsFrom('assessment', ['officer'])).toEqual([]);
		expect(stepsFrom('assessment', ['finance'])).toEqual(['return', 'confirm']);
		expect(stepsFrom('review', ['finance', 'author'])).toEqual([]);
		expect(stepsFrom('review', ['officer'])).toEqual(everyone.review);
		for (const s of PROPOSAL_STATUSES) expect(stepsFrom(s, [])).toEqual([]);
		for (const s of PROPOSAL_STATUSES) {
			const union = new Set(ALL_ROLES.flatMap((r) => stepsFrom(s, [r])));
			expect(PROPOSAL_ACTIONS.filter((a) => union.has(a))).toEqual(everyone[s]);
		}
	});

	it('every open (non-closed) status has a way forward to another status', () => {
		for (const s of PROPOSAL_STATUSES.filter((x) => !CLOSED_STATUSES.includes(x))) {
			const leaving = stepsFrom(s, ALL_ROLES).filter((a) => nextStatus(s, a) !== s);
			expect({ s, leaving: leaving.length > 0 }).toEqual({ s, leaving: true });
		}
	});

	it('closed statuses: nothing but regrade from rewarded (draft is closed but may be submitted)', () => {
		expect(stepsFrom('rewarded', ALL_ROLES)).toEqual(['regrade']);
		expect(nextStatus('rewarded', 'regrade')).toBe('rewarded');
		for (const s of ['rejected', 'answered', 'merged'] as const) expect(stepsFrom(s, ALL_ROLES)).toEqual([]);
		// draft is "closed" in the sense of nothing pending on the office; only its author can submit it
		expect(stepsFrom('draft', ALL_ROLES)).toEqual(['submit']);
	});

	it('every status is reachable from draft, and a final status is reachable from every status', () => {
		const edges = (s: ProposalStatus) => stepsFrom(s, ALL_ROLES).map((a) => nextStatus(s, a));
		const reach = (start: ProposalStatus) => {
			const seen = new Set<ProposalStatus>([start]);
			const queue = [start];
			while (queue.length) for (const t of edges(queue.shift()!)) if (!seen.has(t)) (seen.add(t), queue.push(t));
			return seen;
		};
		expect([...reach('draft')].sort()).toEqual([...PROPOSAL_STATUSES].sort());
		const finals: ProposalStatus[] = ['rewarded', 'rejected', 'answered', 'merged'];
		for (const s of PROPOSAL_STATUSES) expect([...reach(s)].some((t) => finals.includes(t))).toBe(true);
	});
});

describe('nextStatus', () => {
	it('goes to the step’s target from each allowed state', () => {
		for (const a of PROPOSAL_ACTIONS) for (const s of EXPECTED[a].from) expect(`${s} -${a}-> ${nextStatus(s, a)}`).toBe(`${s} -${a}-> ${EXPECTED[a].to}`);
	});

	it('specific transitions', () => {
		expect(nextStatus('draft', 'submit')).toBe('submitted');
		expect(nextStatus('review', 'forward')).toBe('submitted');
		expect(nextStatus('review', 'assign')).toBe('review');
		expect(nextStatus('submitted', 'assign')).toBe('review');
		expect(nextStatus('assessment', 'return')).toBe('trial');
		expect(nextStatus('reserve', 'adopt')).toBe('adopted');
		expect(nextStatus('confirmed', 'reward')).toBe('rewarded');
	});
});

/* ------------------------------------------------------------ deadlines */

describe('deadlines', () => {
	const DAY = 86_400_000;
	const since = new Date(Date.UTC(2026, 0, 31, 12, 34, 56, 789));

	it('defaults, and the statuses a deadline can be set for', () => {
		expect(DEFAULT_DEADLINES).toEqual({ submitted: 7, review: 15, reserve: 180, adopted: 30, implementing: 90, trial: 180, assessment: 15, confirmed: 30 });
		expect([...DEADLINE_STATUSES]).toEqual(['submitted', 'review', 'reserve', 'adopted', 'implementing', 'trial', 'assessment', 'confirmed']);
		for (const s of DEADLINE_STATUSES) expect(DEFAULT_DEADLINES[s]).toBeGreaterThan(0);
		for (const s of CLOSED_STATUSES) expect(DEFAULT_DEADLINES[s]).toBeUndefined();
	});

	it('dueAt is exact millisecond arithmetic', () => {
		expect(dueAt('submitted', since, DEFAULT_DEADLINES)!.getTime()).toBe(since.getTime() + 7 * DAY);
		expect(dueAt('submitted', since, DEFAULT_DEADLINES)!.toISOString()).toBe('2026-02-07T12:34:56.789Z');
		expect(dueAt('review', since, DEFAULT_DEADLINES)!.toISOString()).toBe('2026-02-15T12:34:56.789Z');
		expect(dueAt('trial', since, DEFAULT_DEADLINES)!.getTime()).toBe(since.getTime() + 180 * DAY);
		expect(dueAt('confirmed', since, { confirmed: 1 })!.getTime()).toBe(since.getTime() + DAY);
		expect(dueAt('review', since, { review: 0.5 })!.getTime()).toBe(since.getTime() + DAY / 2);
		for (const s of DEADLINE_STATUSES) expect(dueAt(s, since, DEFAULT_DEADLINES)!.getTime()).toBe(since.getTime() + DEFAULT_DEADLINES[s]! * DAY);
		// since is not mutated and a new Date is returned
		const due = dueAt('submitted', since, DEFAULT_DEADLINES)!;
		expect(due).not.toBe(since);
		expect(since.toISOString()).toBe('2026-01-31T12:34:56.789Z');
	});

	it('dueAt is null for closed states, even when days are configured for them', () => {
		const all = Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, 5]));
		for (const s of CLOSED_STATUSES) expect(dueAt(s, since, all)).toBeNull();
		for (const s of DEADLINE_STATUSES) expect(dueAt(s, since, all)!.getTime()).toBe(since.getTime() + 5 * DAY);
	});

	it('dueAt is null when no days are set (missing or zero)', () => {
		expect(dueAt('review', since, {})).toBeNull();
		expect(dueAt('review', since, { submitted: 7 })).toBeNull();
		expect(dueAt('review', since, { review: 0 })).toBeNull();
	});

	it('isOverdue: exactly at the due time is not overdue, one millisecond later is', () => {
		const due = dueAt('submitted', since, DEFAULT_DEADLINES)!;
		expect(isOverdue(due, new Date(due.getTime()))).toBe(false);
		expect(isOverdue(due, new Date(due.getTime() + 1))).toBe(true);
		expect(isOverdue(due, new Date(due.getTime() - 1))).toBe(false);
		expect(isOverdue(due, since)).toBe(false);
		expect(isOverdue(null, new Date(8.64e15))).toBe(false);
		expect(isOverdue(dueAt('rewarded', since, DEFAULT_DEADLINES), new Date(8.64e15))).toBe(false);
	});
});

/* --------------------------------------------------------------- shares */

describe('shareProblem', () => {
	it('whole percents 1–100 totalling exactly 100', () => {
		expect(shareProblem([100])).toBeNull();
		expect(shareProblem([50, 50])).toBeNull();
		expect(shareProblem([33, 33, 34])).toBeNull();
		expect(shareProblem(Array(100).fill(1))).toBeNull();
		expect(shareProblem([99])).toBe('total');
		expect(shareProblem([50, 49])).toBe('total');
		expect(shareProblem([50, 51])).toBe('total');
		expect(shareProblem([100, 1])).toBe('total');
		expect(shareProblem(Array(101).fill(1))).toBe('total');
	});

	it('out of range: empty, zero, negative, fractional, above 100, not a number', () => {
		expect(shareProblem([])).toBe('range');
		expect(shareProblem([0, 100])).toBe('range');
		expect(shareProblem([-10, 110])).toBe('range');
		expect(shareProblem([1.5, 98.5])).toBe('range');
		expect(shareProblem([101])).toBe('range');
		expect(shareProblem([NaN])).toBe('range');
		expect(shareProblem([Infinity])).toBe('range');
		// range is reported before total
		expect(shareProblem([0])).toBe('range');
		expect(shareProblem([1.5])).toBe('range');
	});
});

describe('splitByShares', () => {
	/** Exact reference: floors, then the left-over fen to the largest remainders, earlier index on ties. */
	function reference(amount: number, shares: readonly number[]): number[] {
		const total = BigInt(shares.reduce((a, b) => a + b, 0));
		const a = BigInt(amount);
		const parts = shares.map((s) => (a * BigInt(s)) / total);
		let left = a - parts.reduce((x, y) => x + y, 0n);
		const order = shares.map((s, i) => ({ i, r: (a * BigInt(s)) % total })).sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
		for (const { i } of order) {
			if (left <= 0n) break;
			parts[i]++;
			left--;
		}
		return parts.map(Number);
	}

	it('examples', () => {
		expect(splitByShares(100, [33, 33, 34])).toEqual([33, 33, 34]);
		expect(splitByShares(100, [100])).toEqual([100]);
		expect(splitByShares(7, [100])).toEqual([7]);
		expect(splitByShares(0, [60, 40])).toEqual([0, 0]);
		expect(splitByShares(500_000, [60, 40])).toEqual([300_000, 200_000]);
		expect(splitByShares(1, [10, 20, 70])).toEqual([0, 0, 1]); // largest remainder, not the first author
		expect(splitByShares(1, [30, 70])).toEqual([0, 1]);
		expect(splitByShares(3, [20, 20, 20, 20, 20])).toEqual([1, 1, 1, 0, 0]);
	});

	it('ties go to the earlier author', () => {
		expect(splitByShares(1, [50, 50])).toEqual([1, 0]);
		expect(splitByShares(99, [50, 50])).toEqual([50, 49]);
		expect(splitByShares(10, [1, 1, 1])).toEqual([4, 3, 3]);
		expect(splitByShares(100, [1, 1, 1])).toEqual([34, 33, 33]);
		expect(splitByShares(101, [1, 1, 1])).toEqual([34, 34, 33]);
		expect(splitByShares(2, [25, 25, 25, 25])).toEqual([1, 1, 0, 0]);
	});

	it('shares that do not total 100 still split the whole amount proportionally', () => {
		expect(splitByShares(10, [1, 1, 1])).toEqual([4, 3, 3]);
		expect(splitByShares(10, [1, 2])).toEqual([3, 7]); // 3.33, 6.67
		expect(splitByShares(7, [2, 2, 3])).toEqual([2, 2, 3]);
		expect(splitByShares(1000, [3, 7])).toEqual([300, 700]);
	});

	it('always sums exactly to the amount; each part is the floor or floor + 1 of its exact share (deterministic random loop)', () => {
		const rnd = lcg(20260131);
		for (let k = 0; k < 20_000; k++) {
			const n = 1 + intBelow(rnd, 8);
			const valid = k % 2 === 0;
			let shares: number[];
			if (valid) {
				// random whole percents 1..100 totalling 100
				const cuts = new Set<number>();
				while (cuts.size < Math.min(n, 100) - 1) cuts.add(1 + intBelow(rnd, 99));
				const sorted = [0, ...[...cuts].sort((a, b) => a - b), 100];
				shares = sorted.slice(1).map((c, i) => c - sorted[i]);
				expect(shareProblem(shares)).toBeNull();
			} else shares = Array.from({ length: n }, () => 1 + intBelow(rnd, 100));
			const scale = [10, 1_000, 1_000_000, 10_000_000_000][intBelow(rnd, 4)];
			const amount = intBelow(rnd, scale);
			const parts = splitByShares(amount, shares);
			const total = BigInt(shares.reduce((a, b) => a + b, 0));
			const ok =
				parts.length === shares.length &&
				parts.reduce((a, b) => a + b, 0) === amount &&
				parts.every((p, i) => {
					const floor = Number((BigInt(amount) * BigInt(shares[i])) / total);
					return Number.isSafeInteger(p) && (p === floor || p === floor + 1);
				});
			if (!ok) expect({ amount, shares, parts, sum: parts.reduce((a, b) => a + b, 0) }).toEqual({ amount, shares, parts: reference(amount, shares), sum: amount });
		}
	});

	it('matches the exact reference on ties that floating point represents exactly', () => {
		expect(splitByShares(1, [50, 50])).toEqual(reference(1, [50, 50]));
		expect(splitByShares(10, [1, 1, 1])).toEqual(reference(10, [1, 1, 1]));
		expect(splitByShares(3, [20, 20, 20, 20, 20])).toEqual(reference(3, [20, 20, 20, 20, 20]));
		// two authors with valid shares never hit a float tie problem
		for (let a = 0; a < 500; a++)
			for (let s = 1; s < 100; s++) {
				const got = splitByShares(a, [s, 100 - s]);
				const want = reference(a, [s, 100 - s]);
				if (got[0] !== want[0] || got[1] !== want[1]) expect({ a, s, got }).toEqual({ a, s, got: want });
			}
	});

	// BUG: remainders are computed in floating point (x - Math.floor(x)), so equal true
	// remainders can compare unequal and the tie-break "earlier author first" is broken.
	// 2 fen by 17/16/67: exact 0.34, 0.32, 1.34 → floors 0,0,1, one fen left; remainders
	// 0.34 and 0.34 tie → author 1 should get it → [1, 0, 1]. Actual: [0, 0, 2]
	// (1.34 − 1 = 0.3400000000000001 > 0.34).
	it('the exact reference for the two cases below', () => {
		expect(reference(2, [17, 16, 67])).toEqual([1, 0, 1]);
		expect(reference(2, [4, 73, 23])).toEqual([0, 2, 0]);
	});

	it('ties on remainders that float cannot represent exactly still go to the earlier author', () => {
		expect(splitByShares(2, [17, 16, 67])).toEqual([1, 0, 1]);
	});

	it('2 fen by 4/73/23 is [0, 2, 0] (tie 0.46 vs 0.46 → earlier author)', () => {
		expect(splitByShares(2, [4, 73, 23])).toEqual([0, 2, 0]);
	});
});

/* -------------------------------------------------------------- benefit */

describe('lineAmountFen', () => {
	it('quantity × unit price, rounded half up', () => {
		expect(lineAmountFen({ quantity: 1, unitPriceFen: 100 })).toBe(100);
		expect(lineAmountFen({ quantity: 12, unitPriceFen: 350 })).toBe(4200);
		expect(lineAmountFen({ quantity: 1.005, unitPriceFen: 100 })).toBe(101); // 100.5 → 101
		expect(lineAmountFen({ quantity: 1.004, unitPriceFen: 100 })).toBe(100); // 100.4
		expect(lineAmountFen({ quantity: 1.006, unitPriceFen: 100 })).toBe(101); // 100.6
		expect(lineAmountFen({ quantity: 0.001, unitPriceFen: 500 })).toBe(1); // 0.5 → 1
		expect(lineAmountFen({ quantity: 0.001, unitPriceFen: 499 })).toBe(0); // 0.499
		expect(lineAmountFen({ quantity: 2.5, unitPriceFen: 3 })).toBe(8); // 7.5 → 8
		expect(lineAmountFen({ quantity: 0.1, unitPriceFen: 3 })).toBe(0); // 0.3
		expect(lineAmountFen({ quantity: 0.3, unitPriceFen: 5 })).toBe(2); // 1.5 → 2
		expect(lineAmountFen({ quantity: 1.115, unitPriceFen: 10 })).toBe(11); // 11.15
		expect(lineAmountFen({ quantity: 0, unitPriceFen: 123 })).toBe(0);
		expect(lineAmountFen({ quantity: 123.456, unitPriceFen: 0 })).toBe(0);
	});

	it('negative values round symmetrically (half away from zero)', () => {
		expect(lineAmountFen({ quantity: -1.005, unitPriceFen: 100 })).toBe(-101);
		expect(lineAmountFen({ quantity: -1.004, unitPriceFen: 100 })).toBe(-100);
	});

	it('large values stay exact integers', () => {
		const v = lineAmountFen({ quantity: 999_999.999, unitPriceFen: 9_000_000_000 });
		expect(Number.isSafeInteger(v)).toBe(true);
		expect(BigInt(v)).toBe(8_999_999_991_000_000n);
		const w = lineAmountFen({ quantity: 999_999_999.999, unitPriceFen: 9_000_000 });
		expect(BigInt(w)).toBe(8_999_999_999_991_000n);
		const x = lineAmountFen({ quantity: 123_456_789.123, unitPriceFen: 7_777_777 });
		expect(BigInt(x)).toBe((123_456_789_123n * 7_777_777n + 500n) / 1000n);
	});

	it('agrees with an exact BigInt computation for three-decimal quantities (deterministic random loop)', () => {
		const rnd = lcg(42);
		for (let k = 0; k < 20_000; k++) {
			const int = intBelow(rnd, [10, 1000, 1_000_000, 1_000_000_000][k % 4]);
			const frac = intBelow(rnd, 1000);
			const text = `${int}.${String(frac).padStart(3, '0')}`;
			const price = intBelow(rnd, 9_000_000) + 1; // keeps the result ≤ 9e15, a safe integer
			const milli = BigInt(int) * 1000n + BigInt(frac);
			const expected = (milli * BigInt(price) + 500n) / 1000n;
			const got = lineAmountFen({ quantity: Number(text), unitPriceFen: price });
			if (BigInt(got) !== expected) expect({ text, price, got }).toEqual({ text, price, got: Number(expected) });
		}
	});

	// A line the bounds allow can exceed Number.MAX_SAFE_INTEGER; such lines are refused
	// (lineTooLarge), and every line below MAX_LINE_FEN is exact.
	it('refuses lines beyond MAX_LINE_FEN and is exact below it', () => {
		expect(lineTooLarge({ quantity: 999_999_999.999, unitPriceFen: 10_000_000_000 })).toBe(true);
		expect(lineTooLarge({ quantity: 1_000_000, unitPriceFen: 10_000_000 })).toBe(false);
		expect(lineTooLarge({ quantity: 1_000_000, unitPriceFen: 10_000_001 })).toBe(true);
		expect(BigInt(lineAmountFen({ quantity: 999_999.999, unitPriceFen: 10_000_000 }))).toBe(9_999_999_990_000_000n / 1000n);
	});
});

describe('calculateBenefit', () => {
	const line = (kind: 'saving' | 'cost', quantity: number, unitPriceFen: number, label = `${kind} ${quantity}`): BenefitLine => ({ label, kind, quantity, unit: '件', unitPriceFen });

	it('savings less costs, each line with its amount', () => {
		const lines = [line('saving', 1200, 350, '节电'), line('saving', 1.005, 100, '节材'), line('cost', 2, 10_000, '改造费')];
		const r = calculateBenefit(lines);
		expect(r).toEqual({
			lines: [
				{ label: '节电', kind: 'saving', quantity: 1200, unit: '件', unitPriceFen: 350, amountFen: 420_000 },
				{ label: '节材', kind: 'saving', quantity: 1.005, unit: '件', unitPriceFen: 100, amountFen: 101 },
				{ label: '改造费', kind: 'cost', quantity: 2, unit: '件', unitPriceFen: 10_000, amountFen: 20_000 }
			],
			savingsFen: 420_101,
			costsFen: 20_000,
			annualFen: 400_101
		});
		// the input is not mutated
		expect(lines[0]).toEqual({ label: '节电', kind: 'saving', quantity: 1200, unit: '件', unitPriceFen: 350 });
		expect('amountFen' in lines[0]).toBe(false);
	});

	it('never below zero, but savings and costs are still reported', () => {
		expect(calculateBenefit([line('saving', 1, 100), line('cost', 1, 250)])).toMatchObject({ savingsFen: 100, costsFen: 250, annualFen: 0 });
		expect(calculateBenefit([line('cost', 3, 7)])).toMatchObject({ savingsFen: 0, costsFen: 21, annualFen: 0 });
		expect(calculateBenefit([line('saving', 1, 100), line('cost', 1, 100)])).toMatchObject({ savingsFen: 100, costsFen: 100, annualFen: 0 });
		expect(calculateBenefit([line('saving', 1, 101), line('cost', 1, 100)]).annualFen).toBe(1);
	});

	it('no lines: all zero', () => {
		expect(calculateBenefit([])).toEqual({ lines: [], savingsFen: 0, costsFen: 0, annualFen: 0 });
	});

	it('each line is rounded on its own before summing', () => {
		// 0.5 + 0.5 fen: each rounds up to 1 → 2, not round(1.0) = 1
		const r = calculateBenefit([line('saving', 0.001, 500), line('saving', 0.001, 500)]);
		expect(r.savingsFen).toBe(2);
		expect(r.annualFen).toBe(2);
	});
});

describe('benefitWindow', () => {
	it('twelve months from the start of trial use (one calendar year, UTC)', () => {
		const from = new Date('2026-03-15T08:00:00.000Z');
		const w = benefitWindow(from);
		expect(w.from).toBe(from);
		expect(w.to.toISOString()).toBe('2027-03-15T08:00:00.000Z');
		expect(from.toISOString()).toBe('2026-03-15T08:00:00.000Z'); // not mutated
		expect(w.to).not.toBe(from);
	});

	it('across a leap day and at year end', () => {
		expect(benefitWindow(new Date('2023-03-01T00:00:00Z')).to.toISOString()).toBe('2024-03-01T00:00:00.000Z');
		expect(benefitWindow(new Date('2024-02-28T00:00:00Z')).to.toISOString()).toBe('2025-02-28T00:00:00.000Z');
		expect(benefitWindow(new Date('2023-12-31T23:59:59.999Z')).to.toISOString()).toBe('2024-12-31T23:59:59.999Z');
		expect(benefitWindow(new Date('2024-01-01T00:00:00Z')).to.getTime() - Date.UTC(2024, 0, 1)).toBe(366 * 86_400_000);
	});

	it('a leap day start ends on 1 March (setUTCFullYear semantics)', () => {
		const leap = new Date('2024-02-29T00:00:00Z');
		expect(benefitWindow(leap).to.toISOString()).toBe('2025-03-01T00:00:00.000Z');
		const same = new Date(leap);
		same.setUTCFullYear(2025);
		expect(benefitWindow(leap).to.getTime()).toBe(same.getTime());
	});
});

/* --------------------------------------------------------------- reward */

describe('reward table', () => {
	const grade = (key: string): RewardGrade => DEFAULT_REWARD_TABLE.find((g) => g.key === key)!;

	it('the default table', () => {
		expect(DEFAULT_REWARD_TABLE.map((g) => [g.key, g.name, g.amountFen, g.minBenefitFen, g.minScore])).toEqual([
			['special', '特等奖', 2_000_000, 100_000_000, null],
			['first', '一等奖', 1_000_000, 50_000_000, 90],
			['second', '二等奖', 500_000, 10_000_000, 80],
			['third', '三等奖', 200_000, 2_000_000, 70],
			['encouragement', '鼓励奖', 50_000, null, null]
		]);
		expect(MAX_REWARD_GRADES).toBe(8);
		expect(rewardTableProblem(DEFAULT_REWARD_TABLE)).toBeNull();
	});

	describe('qualifies', () => {
		it('the special grade requires the benefit; no score is enough', () => {
			expect(qualifies(grade('special'), 100_000_000, null)).toBe(true);
			expect(qualifies(grade('special'), 99_999_999, null)).toBe(false);
			expect(qualifies(grade('special'), 0, 100)).toBe(false);
			expect(qualifies(grade('special'), 99_999_999, 100)).toBe(false);
		});

		it('benefit or score thresholds, inclusive', () => {
			expect(qualifies(grade('first'), 50_000_000, null)).toBe(true);
			expect(qualifies(grade('first'), 49_999_999, null)).toBe(false);
			expect(qualifies(grade('first'), 0, 90)).toBe(true);
			expect(qualifies(grade('first'), 0, 89.9)).toBe(false);
			expect(qualifies(grade('first'), 49_999_999, 89.9)).toBe(false);
			expect(qualifies(grade('second'), 10_000_000, 0)).toBe(true);
			expect(qualifies(grade('second'), 0, 80)).toBe(true);
			expect(qualifies(grade('second'), 9_999_999, 79.9)).toBe(false);
			expect(qualifies(grade('third'), 2_000_000, null)).toBe(true);
			expect(qualifies(grade('third'), 1_999_999, 70)).toBe(true);
			expect(qualifies(grade('third'), 1_999_999, 69.9)).toBe(false);
			expect(qualifies(grade('third'), 0, null)).toBe(false);
		});

		it('encouragement is open to all', () => {
			expect(qualifies(grade('encouragement'), 0, null)).toBe(true);
			expect(qualifies(grade('encouragement'), 0, 0)).toBe(true);
		});

		it('a score-only grade with no score does not qualify', () => {
			const scoreOnly: RewardGrade = { key: 's', name: 's', amountFen: 1, minBenefitFen: null, minScore: 60 };
			expect(qualifies(scoreOnly, 1e12, null)).toBe(false);
			expect(qualifies(scoreOnly, 0, 60)).toBe(true);
			expect(qualifies(scoreOnly, 0, 59.9)).toBe(false);
			const zeroBenefit: RewardGrade = { key: 'z', name: 'z', amountFen: 1, minBenefitFen: 0, minScore: null };
			expect(qualifies(zeroBenefit, 0, null)).toBe(true);
		});
	});

	describe('eligibleGrade', () => {
		const key = (benefit: number, score: number | null) => eligibleGrade(DEFAULT_REWARD_TABLE, benefit, score)?.key ?? null;

		it('the highest grade the figures support', () => {
			expect(key(0, null)).toBe('encouragement');
			expect(key(1_999_999, 69.9)).toBe('encouragement');
			expect(key(2_000_000, null)).toBe('third');
			expect(key(0, 70)).toBe('third');
			expect(key(9_999_999, 79.9)).toBe('third');
			expect(key(10_000_000, null)).toBe('second');
			expect(key(0, 80)).toBe('second');
			expect(key(0, 90)).toBe('first');
			expect(key(0, 100)).toBe('first');
			expect(key(50_000_000, null)).toBe('first');
			expect(key(10_000_000, 95)).toBe('first'); // the score lifts it above the benefit's grade
			expect(key(99_999_999, 100)).toBe('first');
			expect(key(100_000_000, null)).toBe('special');
			expect(key(100_000_000, 0)).toBe('special');
			expect(eligibleGrade(DEFAULT_REWARD_TABLE, 0, null)).toBe(DEFAULT_REWARD_TABLE[4]);
		});

		it('null when nothing qualifies', () => {
			expect(eligibleGrade([], 1e12, 100)).toBeNull();
			expect(eligibleGrade(DEFAULT_REWARD_TABLE.slice(0, 4), 0, null)).toBeNull();
			expect(eligibleGrade(DEFAULT_REWARD_TABLE.slice(0, 4), 1_999_999, 69.9)).toBeNull();
			expect(eligibleGrade(DEFAULT_REWARD_TABLE.slice(0, 4), 0, 70)?.key).toBe('third');
		});
	});

	describe('rewardRefusal', () => {
		const T = DEFAULT_REWARD_TABLE;

		it('unknown grade', () => {
			expect(rewardRefusal(T, 'nope', 1e12, 100, null)).toBe('unknown');
			expect(rewardRefusal(T, '', 0, null, null)).toBe('unknown');
			expect(rewardRefusal(T, 'SPECIAL', 1e12, 100, null)).toBe('unknown');
			expect(rewardRefusal([], 'special', 1e12, 100, null)).toBe('unknown');
			expect(rewardRefusal(T, 'nope', 0, null, { gradeKey: 'third', amountFen: 200_000 })).toBe('unknown');
		});

		it('not eligible: above what the figures support', () => {
			expect(rewardRefusal(T, 'special', 99_999_999, 100, null)).toBe('not_eligible');
			expect(rewardRefusal(T, 'first', 0, 89.9, null)).toBe('not_eligible');
			expect(rewardRefusal(T, 'third', 0, null, null)).toBe('not_eligible');
			// eligibility is checked before "not higher"
			expect(rewardRefusal(T, 'second', 0, 70, { gradeKey: 'third', amountFen: 200_000 })).toBe('not_eligible');
		});

		it('a first award: any grade the figures support, including a lower one', () => {
			expect(rewardRefusal(T, 'special', 100_000_000, null, null)).toBeNull();
			expect(rewardRefusal(T, 'first', 0, 90, null)).toBeNull();
			expect(rewardRefusal(T, 'third', 100_000_000, null, null)).toBeNull();
			expect(rewardRefusal(T, 'encouragement', 0, null, null)).toBeNull();
		});

		it('a re-grade: same or lower grade refused, a higher one allowed', () => {
			const paid = { gradeKey: 'third', amountFen: 200_000 };
			expect(rewardRefusal(T, 'third', 1e9, 100, paid)).toBe('not_higher');
			expect(rewardRefusal(T, 'encouragement', 1e9, 100, paid)).toBe('not_higher');
			expect(rewardRefusal(T, 'second', 0, 80, paid)).toBeNull();
			expect(rewardRefusal(T, 'first', 0, 90, paid)).toBeNull();
			expect(rewardRefusal(T, 'special', 100_000_000, null, paid)).toBeNull();
			const paidSpecial = { gradeKey: 'special', amountFen: 2_000_000 };
			for (const g of T) expect(rewardRefusal(T, g.key, 1e12, 100, paidSpecial)).toBe('not_higher');
		});

		it('"higher" is judged by amount: a different grade of the same amount is not higher', () => {
			const table: RewardGrade[] = [
				{ key: 'a', name: 'A', amountFen: 1000, minBenefitFen: null, minScore: null },
				{ key: 'b', name: 'B', amountFen: 1000, minBenefitFen: null, minScore: null }
			];
			expect(rewardRefusal(table, 'a', 0, null, { gradeKey: 'b', amountFen: 1000 })).toBe('not_higher');
			expect(rewardRefusal(table, 'a', 0, null, { gradeKey: 'b', amountFen: 999 })).toBeNull();
		});
	});

	describe('rewardPayment', () => {
		it('a first payment: the whole amount split by shares', () => {
			expect(rewardPayment(grade('second'), 0, [60, 40])).toEqual({ amountFen: 500_000, parts: [300_000, 200_000] });
			expect(rewardPayment(grade('special'), 0, [100])).toEqual({ amountFen: 2_000_000, parts: [2_000_000] });
		});

		it('a re-grade pays only the difference, split', () => {
			expect(rewardPayment(grade('second'), 200_000, [60, 40])).toEqual({ amountFen: 300_000, parts: [180_000, 120_000] });
			expect(rewardPayment(grade('first'), 500_000, [33, 33, 34])).toEqual({ amountFen: 500_000, parts: [165_000, 165_000, 170_000] });
			const odd: RewardGrade = { key: 'x', name: 'x', amountFen: 100_001, minBenefitFen: null, minScore: null };
			expect(rewardPayment(odd, 0, [50, 50])).toEqual({ amountFen: 100_001, parts: [50_001, 50_000] });
			expect(rewardPayment(odd, 1, [50, 50])).toEqual({ amountFen: 100_000, parts: [50_000, 50_000] });
		});

		it('zero when already paid as much or more', () => {
			expect(rewardPayment(grade('third'), 200_000, [70, 30])).toEqual({ amountFen: 0, parts: [0, 0] });
			expect(rewardPayment(grade('third'), 500_000, [70, 30])).toEqual({ amountFen: 0, parts: [0, 0] });
		});
	});

	describe('rewardTableProblem', () => {
		const g = (key: string, amountFen: number): RewardGrade => ({ key, name: key, amountFen, minBenefitFen: null, minScore: null });

		it('empty, or more grades than allowed', () => {
			expect(rewardTableProblem([])).toBe('empty');
			const eight = Array.from({ length: MAX_REWARD_GRADES }, (_, i) => g(`g${i}`, 1000 - i));
			expect(rewardTableProblem(eight)).toBeNull();
			expect(rewardTableProblem([...eight, g('g8', 1)])).toBe('empty');
			expect(rewardTableProblem([g('only', 5)])).toBeNull();
		});

		it('duplicate keys', () => {
			expect(rewardTableProblem([g('a', 3), g('b', 2), g('a', 1)])).toBe('keys');
			expect(rewardTableProblem([g('a', 1), g('a', 2)])).toBe('keys'); // keys checked before order
		});

		it('amounts must not increase down the table (equal is fine)', () => {
			expect(rewardTableProblem([g('a', 1), g('b', 2)])).toBe('order');
			expect(rewardTableProblem([g('a', 3), g('b', 1), g('c', 2)])).toBe('order');
			expect(rewardTableProblem([g('a', 3), g('b', 3), g('c', 3)])).toBeNull();
			expect(rewardTableProblem([g('a', 3), g('b', 2), g('c', 0)])).toBeNull();
			expect(rewardTableProblem([...DEFAULT_REWARD_TABLE].reverse())).toBe('order');
		});
	});
});

/* ------------------------------------------------------------ scorecard */

describe('scorecard', () => {
	const card = DEFAULT_SCORECARD;
	const full = { novelty: 30, feasibility: 25, benefit: 25, spread: 20 };

	it('the default card totals 100', () => {
		expect(card.map((c) => [c.key, c.max])).toEqual([
			['novelty', 30],
			['feasibility', 25],
			['benefit', 25],
			['spread', 20]
		]);
		expect(scorecardMax(card)).toBe(100);
		expect(scorecardMax([])).toBe(0);
		expect(scorecardMax([{ key: 'a', name: 'a', max: 7 }, { key: 'b', name: 'b', max: 8 }])).toBe(15);
	});

	describe('scoreProblems', () => {
		it('none for whole points within 0..max', () => {
			expect(scoreProblems(card, full)).toEqual([]);
			expect(scoreProblems(card, { novelty: 0, feasibility: 0, benefit: 0, spread: 0 })).toEqual([]);
			expect(scoreProblems(card, { ...full, extra: -5 })).toEqual([]); // keys not on the card are ignored
			expect(scoreProblems([], {})).toEqual([]);
		});

		it('missing, non-integer, negative, above max — by key, in card order', () => {
			expect(scoreProblems(card, {})).toEqual(['novelty', 'feasibility', 'benefit', 'spread']);
			expect(scoreProblems(card, { novelty: 30, benefit: 25, spread: 20 })).toEqual(['feasibility']);
			expect(scoreProblems(card, { ...full, feasibility: 12.5 })).toEqual(['feasibility']);
			expect(scoreProblems(card, { ...full, benefit: -1 })).toEqual(['benefit']);
			expect(scoreProblems(card, { ...full, novelty: 31 })).toEqual(['novelty']);
			expect(scoreProblems(card, { ...full, spread: 21 })).toEqual(['spread']);
			expect(scoreProblems(card, { ...full, spread: NaN })).toEqual(['spread']);
			expect(scoreProblems(card, { ...full, spread: Infinity })).toEqual(['spread']);
			expect(scoreProblems(card, { ...full, novelty: '20' as unknown as number })).toEqual(['novelty']);
			expect(scoreProblems(card, { spread: 99, novelty: -1, feasibility: 1, benefit: 0.5 })).toEqual(['novelty', 'benefit', 'spread']);
		});
	});

	describe('reviewScore', () => {
		it('on a 100-point scale with one decimal', () => {
			expect(reviewScore(card, full)).toBe(100);
			expect(reviewScore(card, { novelty: 27, feasibility: 20, benefit: 18, spread: 15 })).toBe(80);
			expect(reviewScore(card, { novelty: 0, feasibility: 0, benefit: 0, spread: 0 })).toBe(0);
			const one = (max: number): ScoreCriterion[] => [{ key: 'a', name: 'a', max }];
			expect(reviewScore(one(30), { a: 20 })).toBe(66.7);
			expect(reviewScore(one(3), { a: 1 })).toBe(33.3);
			expect(reviewScore(one(3), { a: 2 })).toBe(66.7);
			expect(reviewScore(one(7), { a: 1 })).toBe(14.3);
			expect(reviewScore(one(8), { a: 1 })).toBe(12.5);
			expect(reviewScore(one(16), { a: 1 })).toBe(6.3); // 6.25 → half up
			expect(reviewScore(one(50), { a: 50 })).toBe(100);
		});

		it('agrees with exact rational rounding (half up) for every mark of one-criterion cards up to 200', () => {
			for (let max = 1; max <= 200; max++)
				for (let s = 0; s <= max; s++) {
					const q = Math.floor((s * 1000) / max);
					const r = s * 1000 - q * max;
					const expected = (2 * r >= max ? q + 1 : q) / 10;
					const got = reviewScore([{ key: 'a', name: 'a', max }], { a: s });
					if (got !== expected) expect({ s, max, got }).toEqual({ s, max, got: expected });
				}
		});

		it('missing marks count as zero; an empty card scores zero', () => {
			expect(reviewScore(card, { novelty: 30 })).toBe(30);
			expect(reviewScore(card, {})).toBe(0);
			expect(reviewScore([], { a: 5 })).toBe(0);
		});
	});

	describe('meanScore', () => {
		it('the mean rounded to one decimal; null for no scores', () => {
			expect(meanScore([])).toBeNull();
			expect(meanScore([80])).toBe(80);
			expect(meanScore([80, 85])).toBe(82.5);
			expect(meanScore([80, 81, 81])).toBe(80.7); // 80.667
			expect(meanScore([70, 70, 71])).toBe(70.3); // 70.333
			expect(meanScore([80.1, 80.2])).toBe(80.2); // 80.15 → half up
			expect(meanScore([66.7, 33.3, 100])).toBe(66.7);
			expect(meanScore([0, 0])).toBe(0);
		});

		// BUG: the mean is rounded from a floating-point sum, so a mean that is exactly
		// x.x5 can round down: (69.8 + 70.1) / 2 = 69.95 should be 70.0 but comes out
		// 69.9 (the float sum is 139.89999999999998). That mean is just below the 三等奖
		// score threshold (70), so the proposal is wrongly not eligible for it.
		it('a mean of exactly x.x5 rounds half up (69.8, 70.1 → 70)', () => {
			expect(meanScore([69.8, 70.1])).toBe(70);
		});

		it('eligibleGrade on that mean is third (三等奖)', () => {
			expect(eligibleGrade(DEFAULT_REWARD_TABLE, 0, meanScore([69.8, 70.1]))?.key).toBe('third');
		});
	});
});

/* ----------------------------------------------------------------- misc */

describe('serialOf', () => {
	it('unit code-year-sequence with a four-digit zero-padded sequence', () => {
		expect(serialOf('DHDL', 2026, 7)).toBe('DHDL-2026-0007');
		expect(serialOf('DHDL', 2026, 0)).toBe('DHDL-2026-0000');
		expect(serialOf('X', 2025, 42)).toBe('X-2025-0042');
		expect(serialOf('X', 2025, 123)).toBe('X-2025-0123');
		expect(serialOf('X', 2025, 9999)).toBe('X-2025-9999');
		expect(serialOf('X', 2025, 12345)).toBe('X-2025-12345'); // longer sequences are not cut
	});
});

describe('median', () => {
	it('odd, even, empty', () => {
		expect(median([])).toBeNull();
		expect(median([5])).toBe(5);
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([1, 2])).toBe(1.5);
		expect(median([-5, -1, -3])).toBe(-3);
		expect(median([7, 7, 7, 7])).toBe(7);
	});

	it('sorts numerically, not as strings, and leaves the input alone', () => {
		const values = [10, 9, 100];
		expect(median(values)).toBe(10);
		expect(values).toEqual([10, 9, 100]);
		expect(median([1, 10, 2, 20])).toBe(6);
	});
});
