/**
 * 合理化建议 and "五小" innovations: the workflow as a state machine, deadlines,
 * benefit arithmetic, the reward table and how a reward is split. Pure: no I/O.
 *
 * Money is integer fen (分) throughout, so sums and splits are exact.
 */

/** 合理化建议, then the five 五小 kinds: 小发明 小创造 小革新 小设计 小建议. */
export const PROPOSAL_KINDS = ['rationalisation', 'invention', 'creation', 'innovation', 'design', 'suggestion'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_CATEGORIES = ['technology', 'safety', 'quality', 'energy', 'cost', 'management', 'service', 'environment', 'other'] as const;
export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];

export const PROPOSAL_STATUSES = [
	'draft',
	'submitted', // awaiting triage
	'review', // reviewers assigned and scoring
	'reserve', // 储备: sound, but not now
	'adopted',
	'implementing',
	'trial', // 试用
	'assessment', // benefit calculated, awaiting finance
	'confirmed', // benefit confirmed by finance
	'rewarded',
	'rejected', // 不予采纳, with a written reason
	'answered', // only an opinion: answered and closed
	'merged' // a duplicate, merged into an earlier proposal
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** States in which nothing is pending: no deadline, never overdue. */
export const CLOSED_STATUSES: readonly ProposalStatus[] = ['draft', 'rewarded', 'rejected', 'answered', 'merged'];

/** States that count as adopted, and as in use (implemented), for statistics. */
export const ADOPTED_STATUSES: readonly ProposalStatus[] = ['adopted', 'implementing', 'trial', 'assessment', 'confirmed', 'rewarded'];
export const IMPLEMENTED_STATUSES: readonly ProposalStatus[] = ['trial', 'assessment', 'confirmed', 'rewarded'];

/** Who may take a step: the proposer, an officer over the handling unit, an assigned reviewer, finance. */
export type ProposalRole = 'author' | 'officer' | 'finance';

export const PROPOSAL_ACTIONS = [
	'submit',
	'answer',
	'accept',
	'assign',
	'forward',
	'merge',
	'adopt',
	'reject',
	'reserve',
	'start',
	'trial',
	'assess',
	'return',
	'confirm',
	'reward',
	'regrade'
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

interface Step {
	from: readonly ProposalStatus[];
	/** the state after the step; null keeps the current one */
	to: ProposalStatus | null;
	by: ProposalRole;
	/** a written reason or reply is required */
	reason?: boolean;
}

export const STEPS: Record<ProposalAction, Step> = {
	submit: { from: ['draft'], to: 'submitted', by: 'author' },
	answer: { from: ['submitted'], to: 'answered', by: 'officer', reason: true },
	accept: { from: ['submitted'], to: 'review', by: 'officer' },
	assign: { from: ['submitted', 'review'], to: 'review', by: 'officer' },
	forward: { from: ['submitted', 'review'], to: 'submitted', by: 'officer', reason: true },
	merge: { from: ['submitted', 'review'], to: 'merged', by: 'officer', reason: true },
	adopt: { from: ['review', 'reserve'], to: 'adopted', by: 'officer' },
	reject: { from: ['review', 'reserve'], to: 'rejected', by: 'officer', reason: true },
	reserve: { from: ['review'], to: 'reserve', by: 'officer', reason: true },
	start: { from: ['adopted'], to: 'implementing', by: 'officer' },
	trial: { from: ['implementing'], to: 'trial', by: 'officer' },
	assess: { from: ['trial'], to: 'assessment', by: 'officer' },
	return: { from: ['assessment'], to: 'trial', by: 'finance', reason: true },
	confirm: { from: ['assessment'], to: 'confirmed', by: 'finance' },
	reward: { from: ['confirmed'], to: 'rewarded', by: 'officer' },
	regrade: { from: ['rewarded'], to: 'rewarded', by: 'officer', reason: true }
};

/** Why a step cannot be taken now: the state does not allow it, or the role does not. */
export function stepRefusal(status: ProposalStatus, action: ProposalAction, roles: readonly ProposalRole[]): 'state' | 'role' | null {
	const step = STEPS[action];
	if (!step.from.includes(status)) return 'state';
	if (!roles.includes(step.by)) return 'role';
	return null;
}

/** The steps open from a state to someone holding these roles. */
export function stepsFrom(status: ProposalStatus, roles: readonly ProposalRole[]): ProposalAction[] {
	return PROPOSAL_ACTIONS.filter((a) => stepRefusal(status, a, roles) === null);
}

export const nextStatus = (status: ProposalStatus, action: ProposalAction): ProposalStatus => STEPS[action].to ?? status;

/* ------------------------------------------------------------ deadlines */

/** Days allowed in each open state before the item is overdue. */
export type Deadlines = Partial<Record<ProposalStatus, number>>;

export const DEFAULT_DEADLINES: Deadlines = {
	submitted: 7,
	review: 15,
	reserve: 180,
	adopted: 30,
	implementing: 90,
	trial: 180,
	assessment: 15,
	confirmed: 30
};

/** The states a deadline can be set for, in workflow order. */
export const DEADLINE_STATUSES = PROPOSAL_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));

const DAY = 86_400_000;

export function dueAt(status: ProposalStatus, since: Date, deadlines: Deadlines): Date | null {
	const days = deadlines[status];
	if (CLOSED_STATUSES.includes(status) || !days) return null;
	return new Date(since.getTime() + days * DAY);
}

export const isOverdue = (due: Date | null, now: Date) => !!due && now.getTime() > due.getTime();

/* --------------------------------------------------------------- shares */

/** Contribution shares are whole percents, each 1–100, together exactly 100. */
export function shareProblem(shares: readonly number[]): 'range' | 'total' | null {
	if (shares.length === 0 || shares.some((s) => !Number.isInteger(s) || s < 1 || s > 100)) return 'range';
	return shares.reduce((a, b) => a + b, 0) === 100 ? null : 'total';
}

/**
 * Splits an amount by shares, exactly: each gets the floor of their part, and the fen
 * left over go one each to the largest remainders (the earlier author on a tie).
 */
export function splitByShares(amountFen: number, shares: readonly number[]): number[] {
	const total = shares.reduce((a, b) => a + b, 0);
	// integer arithmetic throughout: equal remainders must compare equal
	const parts = shares.map((s) => Math.floor((amountFen * s) / total));
	const remainders = shares.map((s) => (amountFen * s) % total);
	let left = amountFen - parts.reduce((a, b) => a + b, 0);
	const order = remainders.map((r, i) => ({ i, r })).sort((a, b) => b.r - a.r || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		parts[i]++;
		left--;
	}
	return parts;
}

/* -------------------------------------------------------------- benefit */

/**
 * One line of a benefit calculation over the first twelve months of use: a saving
 * (or extra output) adds, a cost of implementing subtracts. Quantity × unit price.
 */
export interface BenefitLine {
	label: string;
	kind: 'saving' | 'cost';
	quantity: number;
	unit: string;
	/** price of one unit, in fen */
	unitPriceFen: number;
}

export const MAX_BENEFIT_LINES = 12;
export const MAX_QUANTITY = 1e9;
export const MAX_UNIT_PRICE_FEN = 1e10;
/** 1,000 亿元: a line beyond this is a typing error, and sums stay exact integers below it. */
export const MAX_LINE_FEN = 1e13;

/** quantity × unit price in fen, rounded half up; quantity is kept to three decimals. Exact up to MAX_LINE_FEN. */
export function lineAmountFen(line: Pick<BenefitLine, 'quantity' | 'unitPriceFen'>): number {
	const milli = BigInt(Math.round(line.quantity * 1000));
	const product = milli * BigInt(line.unitPriceFen);
	const sign = product < 0n ? -1n : 1n;
	const abs = product * sign;
	return Number(((abs + 500n) / 1000n) * sign);
}

export interface BenefitCalculation {
	lines: (BenefitLine & { amountFen: number })[];
	savingsFen: number;
	costsFen: number;
	/** the annual economic benefit: savings less costs, never below zero */
	annualFen: number;
}

/** A line whose amount is beyond MAX_LINE_FEN (or not a number) cannot be counted exactly. */
export const lineTooLarge = (line: Pick<BenefitLine, 'quantity' | 'unitPriceFen'>) => !(Math.abs(lineAmountFen(line)) <= MAX_LINE_FEN);

export function calculateBenefit(lines: readonly BenefitLine[]): BenefitCalculation {
	const rows = lines.map((l) => ({ ...l, amountFen: lineAmountFen(l) }));
	const savingsFen = rows.filter((l) => l.kind === 'saving').reduce((a, l) => a + l.amountFen, 0);
	const costsFen = rows.filter((l) => l.kind === 'cost').reduce((a, l) => a + l.amountFen, 0);
	return { lines: rows, savingsFen, costsFen, annualFen: Math.max(0, savingsFen - costsFen) };
}

/** The twelve months a benefit is counted over, from the start of trial use. */
export function benefitWindow(trialFrom: Date): { from: Date; to: Date } {
	const to = new Date(trialFrom);
	to.setUTCFullYear(to.getUTCFullYear() + 1);
	return { from: trialFrom, to };
}

/* --------------------------------------------------------------- reward */

/**
 * A grade of the federation's reward table, highest first. A proposal qualifies when
 * its confirmed annual benefit reaches `minBenefitFen`, or its mean review score
 * reaches `minScore`; a grade with neither is open to every implemented proposal.
 */
export interface RewardGrade {
	key: string;
	name: string;
	amountFen: number;
	minBenefitFen: number | null;
	minScore: number | null;
}

export const DEFAULT_REWARD_TABLE: RewardGrade[] = [
	{ key: 'special', name: '特等奖', amountFen: 2_000_000, minBenefitFen: 100_000_000, minScore: null },
	{ key: 'first', name: '一等奖', amountFen: 1_000_000, minBenefitFen: 50_000_000, minScore: 90 },
	{ key: 'second', name: '二等奖', amountFen: 500_000, minBenefitFen: 10_000_000, minScore: 80 },
	{ key: 'third', name: '三等奖', amountFen: 200_000, minBenefitFen: 2_000_000, minScore: 70 },
	{ key: 'encouragement', name: '鼓励奖', amountFen: 50_000, minBenefitFen: null, minScore: null }
];

export const MAX_REWARD_GRADES = 8;

export function qualifies(grade: RewardGrade, benefitFen: number, score: number | null): boolean {
	if (grade.minBenefitFen === null && grade.minScore === null) return true;
	if (grade.minBenefitFen !== null && benefitFen >= grade.minBenefitFen) return true;
	return grade.minScore !== null && score !== null && score >= grade.minScore;
}

/** The highest grade a proposal qualifies for, or null. */
export function eligibleGrade(table: readonly RewardGrade[], benefitFen: number, score: number | null): RewardGrade | null {
	return table.find((g) => qualifies(g, benefitFen, score)) ?? null;
}

/**
 * Why a grade cannot be awarded: unknown, above what the figures support, or, on a
 * re-grade, not above the grade already paid (a proposal is never paid twice).
 */
export function rewardRefusal(
	table: readonly RewardGrade[],
	gradeKey: string,
	benefitFen: number,
	score: number | null,
	paid: { gradeKey: string; amountFen: number } | null
): 'unknown' | 'not_eligible' | 'not_higher' | null {
	const grade = table.find((g) => g.key === gradeKey);
	if (!grade) return 'unknown';
	if (!qualifies(grade, benefitFen, score)) return 'not_eligible';
	if (paid && grade.amountFen <= paid.amountFen) return 'not_higher';
	return null;
}

/** A payment: the grade's amount, less what was paid before, split by the authors' shares. */
export function rewardPayment(grade: RewardGrade, paidFen: number, shares: readonly number[]): { amountFen: number; parts: number[] } {
	const amountFen = Math.max(0, grade.amountFen - paidFen);
	return { amountFen, parts: splitByShares(amountFen, shares) };
}

export function rewardTableProblem(table: readonly RewardGrade[]): 'empty' | 'keys' | 'order' | null {
	if (table.length === 0 || table.length > MAX_REWARD_GRADES) return 'empty';
	if (new Set(table.map((g) => g.key)).size !== table.length) return 'keys';
	for (let i = 1; i < table.length; i++) if (table[i].amountFen > table[i - 1].amountFen) return 'order';
	return null;
}

/* ------------------------------------------------------------ scorecard */

/** A criterion of the reviewers' scorecard, marked in whole points 0..max. */
export interface ScoreCriterion {
	key: string;
	name: string;
	max: number;
}

export const DEFAULT_SCORECARD: ScoreCriterion[] = [
	{ key: 'novelty', name: '创新性', max: 30 },
	{ key: 'feasibility', name: '可行性', max: 25 },
	{ key: 'benefit', name: '效益', max: 25 },
	{ key: 'spread', name: '推广价值', max: 20 }
];

export const scorecardMax = (card: readonly ScoreCriterion[]) => card.reduce((a, c) => a + c.max, 0);

/** Marks out of range or missing, by criterion key. */
export function scoreProblems(card: readonly ScoreCriterion[], marks: Record<string, number>): string[] {
	return card.filter((c) => {
		const v = marks[c.key];
		return typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > c.max;
	}).map((c) => c.key);
}

/** A review's score on a 100-point scale, so thresholds survive a change of scorecard. */
export function reviewScore(card: readonly ScoreCriterion[], marks: Record<string, number>): number {
	const max = scorecardMax(card);
	const sum = card.reduce((a, c) => a + (marks[c.key] ?? 0), 0);
	return max ? Math.round((sum / max) * 1000) / 10 : 0;
}

/** The mean of scores kept to one decimal, itself to one decimal (half up), in whole tenths so 69.8 and 70.1 give 70. */
export function meanScore(scores: readonly number[]): number | null {
	if (scores.length === 0) return null;
	const tenths = scores.reduce((a, b) => a + Math.round(b * 10), 0);
	return Math.round(tenths / scores.length) / 10;
}

/* ----------------------------------------------------------- statistics */

/** A unit's proposal figures over a period (see server/proposals/stats.ts for how each is counted). */
export interface StatsRow {
	unitId: number;
	name: string;
	workers: number;
	submitted: number;
	per100: number | null;
	adopted: number;
	adoptedRate: number | null;
	implemented: number;
	implementedRate: number | null;
	benefitFen: number;
	rewardsFen: number;
	medianDays: number | null;
}

/* ----------------------------------------------------------------- misc */

/** unit code-year-sequence, e.g. DHDL-2026-0007 */
export const serialOf = (unitCode: string, year: number, seq: number) => `${unitCode}-${year}-${String(seq).padStart(4, '0')}`;

export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
