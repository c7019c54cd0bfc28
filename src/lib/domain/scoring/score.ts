import { exact, formatExact, parseDecimal, roundHalfUp, sum, ZERO, ONE, type Exact } from './exact';
import { panelAggregate } from './panel';
import { JUDGEMENT_SCALE, minimumPanel, type AspectDef, type SchemeDef } from './scheme';

export const CARRY_MODES = ['none', 'full', 'weighted'] as const;
export type CarryMode = (typeof CARRY_MODES)[number];

export interface Carry {
	mode: CarryMode;
	/** the entry's total in the previous stage; null when it has none */
	previous: string | null;
	/** weighted: percent of the previous total that counts */
	carryPct: string;
	/** weighted: percent of this stage's own score that counts */
	ownPct: string;
}

export interface SheetMarks {
	judgeId: number;
	/** aspect id → the mark as typed (a decimal string) */
	marks: Record<number, string>;
}

export interface EntryInput {
	scheme: SchemeDef;
	/** submitted or locked sheets only; drafts never count */
	sheets: SheetMarks[];
	/** how many judges are to mark this entry (assigned and not recused) */
	panelSize: number;
	/** element aspect id → the difficulty coefficient this entry declared */
	difficulty?: Record<number, string>;
	carry?: Carry;
}

export type ScoreFlag =
	| { kind: 'awaiting'; submitted: number; expected: number }
	| { kind: 'panel_too_small'; expected: number; needed: number }
	| { kind: 'missing'; aspectId: number }
	| { kind: 'spread'; aspectId: number; low: string; high: string }
	| { kind: 'disagree'; aspectId: number }
	| { kind: 'no_previous' };

export interface AspectScore {
	aspectId: number;
	/** panel aggregate before any multiplier (the agreed mark for a measurement) */
	aggregate: Exact | null;
	/** difficulty × factor for elements, 1 otherwise */
	multiplier: Exact;
	/** what the aspect adds to its module (negative for deductions) */
	score: Exact | null;
}

export interface ModuleScore {
	moduleId: number;
	raw: Exact;
	weighted: Exact;
}

export interface EntryScore {
	/** every expected sheet is in and nothing needs the panel's attention */
	complete: boolean;
	flags: ScoreFlag[];
	aspects: AspectScore[];
	modules: ModuleScore[];
	/** this stage's own score: the weighted modules */
	own: Exact;
	/** the previous stage's total as carried in (before weighting), or null */
	previous: Exact | null;
	/** rounded to the scheme's decimals */
	total: Exact;
}

const spreadOf = (xs: Exact[]) => {
	const s = [...xs].sort((a, b) => a.compare(b));
	return { low: s[0], high: s[s.length - 1] };
};

/**
 * Scores one entry in one stage from the judges' raw marks, exactly as the scheme's
 * rules say. Rounding (half-up) starts at `roundAt` and repeats at every coarser
 * level, the way a results spreadsheet that ROUNDs each column adds up: an
 * element-level scheme rounds each aspect, each module and the total.
 *
 * Raw marks are only read. The result is `complete` only when every expected sheet
 * is in and no aspect needs discussion; the figures are computed either way so the
 * chief judge can see where an entry stands.
 */
export function scoreEntry(input: EntryInput): EntryScore {
	const { scheme, sheets, panelSize } = input;
	const rules = scheme.rules;
	const d = rules.decimals;
	const factor = exact(rules.factor);
	const flags: ScoreFlag[] = [];
	if (sheets.length < panelSize) flags.push({ kind: 'awaiting', submitted: sheets.length, expected: panelSize });
	const needed = minimumPanel(rules);
	if (panelSize < needed) flags.push({ kind: 'panel_too_small', expected: panelSize, needed });

	const roundAspects = rules.roundAt === 'element';
	const roundModules = rules.roundAt !== 'total';
	const aspects: AspectScore[] = [];
	const modules: ModuleScore[] = [];

	for (const m of scheme.modules) {
		const scores: Exact[] = [];
		for (const a of m.aspects) {
			const marks = sheets
				.map((s) => s.marks[a.id])
				.filter((v): v is string => v !== undefined && v !== '')
				.map((v) => parseDecimal(v))
				.filter((v): v is Exact => v !== null);
			const scored = scoreAspect(a, marks, input, factor, flags);
			const score = scored.score && roundAspects ? roundHalfUp(scored.score, d) : scored.score;
			aspects.push({ ...scored, score });
			if (score) scores.push(score);
		}
		let raw = sum(scores);
		if (raw.compare(ZERO) < 0) raw = ZERO; // deductions never take a module below nothing
		if (roundModules) raw = roundHalfUp(raw, d);
		let weighted = raw.mul(exact(m.weight)).div(100);
		if (roundModules) weighted = roundHalfUp(weighted, d);
		modules.push({ moduleId: m.id, raw, weighted });
	}

	const own = sum(modules.map((m) => m.weighted));
	const carry = input.carry;
	let previous: Exact | null = null;
	let total = own;
	if (carry && carry.mode !== 'none') {
		previous = carry.previous === null ? null : exact(carry.previous);
		if (previous === null) flags.push({ kind: 'no_previous' });
		const prev = previous ?? ZERO;
		total =
			carry.mode === 'full'
				? own.add(prev)
				: own.mul(exact(carry.ownPct)).div(100).add(prev.mul(exact(carry.carryPct)).div(100));
	}
	return { complete: flags.length === 0, flags, aspects, modules, own, previous, total: roundHalfUp(total, d) };
}

function scoreAspect(
	a: AspectDef,
	marks: Exact[],
	input: EntryInput,
	factor: Exact,
	flags: ScoreFlag[]
): Omit<AspectScore, 'score'> & { score: Exact | null } {
	const rules = input.scheme.rules;
	if (a.kind === 'measurement') {
		// one agreed mark; any judge of the panel may record it
		if (marks.length === 0) {
			flags.push({ kind: 'missing', aspectId: a.id });
			return { aspectId: a.id, aggregate: null, multiplier: ONE, score: null };
		}
		if (marks.some((v) => !v.equals(marks[0]))) {
			flags.push({ kind: 'disagree', aspectId: a.id });
			return { aspectId: a.id, aggregate: null, multiplier: ONE, score: null };
		}
		return { aspectId: a.id, aggregate: marks[0], multiplier: ONE, score: marks[0] };
	}
	if (marks.length < input.sheets.length) flags.push({ kind: 'missing', aspectId: a.id });
	if (a.kind === 'judgement' && marks.length > 1) {
		const { low, high } = spreadOf(marks);
		if (high.sub(low).compare(rules.judgementSpread) > 0)
			flags.push({ kind: 'spread', aspectId: a.id, low: formatExact(low, 0), high: formatExact(high, 0) });
	}
	const aggregate = panelAggregate(marks, rules);
	if (aggregate === null) return { aspectId: a.id, aggregate, multiplier: ONE, score: null };
	switch (a.kind) {
		case 'judgement':
			return { aspectId: a.id, aggregate, multiplier: ONE, score: aggregate.div(JUDGEMENT_SCALE).mul(exact(a.max)) };
		case 'deduction':
			return { aspectId: a.id, aggregate, multiplier: ONE, score: aggregate.neg() };
		case 'element': {
			const declared = input.difficulty?.[a.id] ?? a.difficulty ?? null;
			const multiplier = (declared === null ? ONE : exact(declared)).mul(factor);
			return { aspectId: a.id, aggregate, multiplier, score: aggregate.mul(multiplier) };
		}
	}
}
