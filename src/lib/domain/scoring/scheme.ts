import { exact, onStep, parseDecimal, ZERO, type Exact } from './exact';

/**
 * A marking scheme as the scoring maths sees it: modules with weights, each holding
 * aspects of four kinds. Criteria only group aspects for people, so they do not
 * appear here.
 */
export const ASPECT_KINDS = ['measurement', 'judgement', 'deduction', 'element'] as const;
export type AspectKind = (typeof ASPECT_KINDS)[number];

export const PANEL_METHODS = ['mean', 'median', 'trimmed'] as const;
export type PanelMethod = (typeof PANEL_METHODS)[number];

export const TRIM_COMBINES = ['mean', 'sum'] as const;
export type TrimCombine = (typeof TRIM_COMBINES)[number];

export const ROUND_LEVELS = ['element', 'module', 'total'] as const;
export type RoundLevel = (typeof ROUND_LEVELS)[number];

/** Judgement marks are 0–3 against written descriptors (WorldSkills' convention). */
export const JUDGEMENT_SCALE = 3;

export interface ScoringRules {
	method: PanelMethod;
	/** trimmed: how many highest and how many lowest marks are dropped */
	trim: number;
	/** trimmed: what is done with the marks that remain */
	combine: TrimCombine;
	/** constant factor applied to scored elements, after the difficulty coefficient */
	factor: string;
	decimals: number;
	roundAt: RoundLevel;
	/** judgement: the panel's marks may differ by at most this much */
	judgementSpread: number;
}

export interface AspectDef {
	id: number;
	kind: AspectKind;
	/**
	 * measurement: the most points; judgement: the points a 3 is worth;
	 * deduction: the most points that can be taken off; element: top of the scale.
	 */
	max: string;
	/** the smallest increment a mark may take (judgement marks are whole numbers) */
	step: string;
	/** element: default difficulty coefficient; an entry may declare its own */
	difficulty?: string | null;
}

export interface ModuleDef {
	id: number;
	/** percent: a module's score counts `weight`% towards the stage score */
	weight: string;
	aspects: AspectDef[];
}

export interface SchemeDef {
	rules: ScoringRules;
	modules: ModuleDef[];
}

export const DEFAULT_RULES: ScoringRules = {
	method: 'mean',
	trim: 0,
	combine: 'mean',
	factor: '1',
	decimals: 2,
	roundAt: 'total',
	judgementSpread: 1
};

/** The range a single mark for this aspect may take. */
export function markRange(aspect: AspectDef): { min: Exact; max: Exact; step: Exact } {
	if (aspect.kind === 'judgement') return { min: ZERO, max: exact(JUDGEMENT_SCALE), step: exact(1) };
	return { min: ZERO, max: exact(aspect.max), step: exact(aspect.step) };
}

export type MarkProblem = 'not_a_number' | 'below_min' | 'above_max' | 'off_step';

/** Why a typed mark is not acceptable for this aspect, or null when it is. */
export function checkMark(aspect: AspectDef, text: string): MarkProblem | null {
	const value = parseDecimal(text);
	if (!value) return 'not_a_number';
	const { min, max, step } = markRange(aspect);
	if (value.compare(min) < 0) return 'below_min';
	if (value.compare(max) > 0) return 'above_max';
	if (!onStep(value, step, min)) return 'off_step';
	return null;
}

/** Measurement marks are agreed once for the panel; every other kind is marked by each judge. */
export const markedByEachJudge = (kind: AspectKind) => kind !== 'measurement';

/** The fewest marks the panel method can work with. */
export function minimumPanel(rules: ScoringRules): number {
	return rules.method === 'trimmed' ? 2 * rules.trim + 1 : 1;
}

export type SchemeProblem =
	| { kind: 'no_modules' }
	| { kind: 'empty_module'; moduleId: number }
	| { kind: 'bad_number'; aspectId: number; field: 'max' | 'step' | 'difficulty' }
	| { kind: 'step_not_dividing'; aspectId: number }
	| { kind: 'bad_weight'; moduleId: number }
	| { kind: 'bad_rules'; field: keyof ScoringRules };

/** Everything that would make a scheme unusable for scoring; empty when it can be locked. */
export function checkScheme(scheme: SchemeDef): SchemeProblem[] {
	const problems: SchemeProblem[] = [];
	const r = scheme.rules;
	if (!Number.isInteger(r.decimals) || r.decimals < 0 || r.decimals > 4)
		problems.push({ kind: 'bad_rules', field: 'decimals' });
	if (!Number.isInteger(r.trim) || r.trim < 0 || (r.method === 'trimmed' && r.trim < 1))
		problems.push({ kind: 'bad_rules', field: 'trim' });
	if (!Number.isInteger(r.judgementSpread) || r.judgementSpread < 0 || r.judgementSpread > JUDGEMENT_SCALE)
		problems.push({ kind: 'bad_rules', field: 'judgementSpread' });
	const factor = parseDecimal(r.factor);
	if (!factor || factor.compare(ZERO) <= 0) problems.push({ kind: 'bad_rules', field: 'factor' });
	if (scheme.modules.length === 0) problems.push({ kind: 'no_modules' });
	for (const m of scheme.modules) {
		const w = parseDecimal(m.weight);
		if (!w || w.compare(ZERO) <= 0) problems.push({ kind: 'bad_weight', moduleId: m.id });
		if (m.aspects.length === 0) problems.push({ kind: 'empty_module', moduleId: m.id });
		for (const a of m.aspects) {
			const max = parseDecimal(a.max);
			const step = parseDecimal(a.step);
			if (!max || max.compare(ZERO) <= 0) problems.push({ kind: 'bad_number', aspectId: a.id, field: 'max' });
			if (a.kind !== 'judgement' && (!step || step.compare(ZERO) <= 0))
				problems.push({ kind: 'bad_number', aspectId: a.id, field: 'step' });
			else if (a.kind !== 'judgement' && max && step && !onStep(max, step))
				problems.push({ kind: 'step_not_dividing', aspectId: a.id });
			if (a.difficulty != null) {
				const d = parseDecimal(a.difficulty);
				if (!d || d.compare(ZERO) <= 0)
					problems.push({ kind: 'bad_number', aspectId: a.id, field: 'difficulty' });
			}
		}
	}
	return problems;
}
