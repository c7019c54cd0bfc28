import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id, optionalText, text } from '../validation';
import { COMPETITION_STATUSES, COMPETITION_TYPES, EVENT_KINDS } from '$lib/domain/competition';
import { CARRY_MODES } from '$lib/domain/scoring/score';
import { ASPECT_KINDS, PANEL_METHODS, ROUND_LEVELS, TRIM_COMBINES } from '$lib/domain/scoring/scheme';
import { canonical, parseDecimal } from '$lib/domain/scoring/exact';
import type { TieBreak } from '$lib/domain/scoring/ranking';

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: () => m.err_choice() });

export const isoDate = z
	.string({ error: () => m.err_required() })
	.trim()
	.min(1, { error: () => m.err_required() })
	.refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
		error: () => m.err_date()
	});

/** A whole number typed into a form, within bounds. */
export const wholeNumber = (min: number, max: number) =>
	z
		.string({ error: () => m.err_required() })
		.trim()
		.min(1, { error: () => m.err_required() })
		.refine((v) => /^\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max, { error: () => m.err_whole_between({ min, max }) })
		.transform(Number);

export const optionalWholeNumber = (min: number, max: number) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => v ?? '')
		.refine((v) => v === '' || (/^\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max), { error: () => m.err_whole_between({ min, max }) })
		.transform((v) => (v === '' ? null : Number(v)));

/** A decimal with at most four places, within bounds, kept as canonical text. */
export const decimalText = (min: string, max: string, opts: { exclusiveMin?: boolean } = {}) =>
	z
		.string({ error: () => m.err_required() })
		.trim()
		.min(1, { error: () => m.err_required() })
		.refine(
			(v) => {
				const x = parseDecimal(v);
				if (!x) return false;
				const lo = x.compare(parseDecimal(min)!);
				return (opts.exclusiveMin ? lo > 0 : lo >= 0) && x.compare(parseDecimal(max)!) <= 0;
			},
			{ error: () => (opts.exclusiveMin ? m.err_decimal_above({ min, max }) : m.err_decimal_between({ min, max })) }
		)
		.transform((v) => canonical(parseDecimal(v)!));

export const competitionSchema = z
	.object({
		unitId: id,
		title: text(80),
		type: choice(COMPETITION_TYPES),
		startsOn: isoDate,
		endsOn: isoDate,
		registrationOpens: isoDate,
		registrationCloses: isoDate,
		rules: optionalText(5000)
	})
	.superRefine((v, ctx) => {
		if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: m.err_ends_before_start() });
		if (v.registrationCloses < v.registrationOpens)
			ctx.addIssue({ code: 'custom', path: ['registrationCloses'], message: m.err_closes_before_opens() });
		else if (v.registrationCloses > v.endsOn)
			ctx.addIssue({ code: 'custom', path: ['registrationCloses'], message: m.err_closes_after_end() });
	});

export type CompetitionInput = z.infer<typeof competitionSchema>;

export const statusSchema = z.object({ to: choice(COMPETITION_STATUSES) });

export const eventSchema = z
	.object({
		name: text(60),
		kind: choice(EVENT_KINDS),
		trade: optionalText(30),
		teamMin: optionalWholeNumber(1, 50).transform((v) => v ?? 1),
		teamMax: optionalWholeNumber(1, 50).transform((v) => v ?? 1),
		quotaPerUnit: optionalWholeNumber(1, 10000),
		codePrefix: z
			.string()
			.trim()
			.optional()
			.transform((v) => (v ?? '').toUpperCase())
			.refine((v) => /^[A-Z]{0,3}$/.test(v), { error: () => m.err_code_prefix() })
	})
	.superRefine((v, ctx) => {
		if (v.kind === 'team' && v.teamMax < Math.max(2, v.teamMin))
			ctx.addIssue({ code: 'custom', path: ['teamMax'], message: m.err_team_size() });
	})
	.transform((v) => (v.kind === 'individual' ? { ...v, teamMin: 1, teamMax: 1 } : v));

export type EventInput = z.infer<typeof eventSchema>;

export const stageNameSchema = z.object({ name: text(20) });

const tieBreak = z
	.string()
	.regex(/^(module:\d{1,9}|time|own|previous)$/, { error: () => m.err_choice() })
	.transform((v): TieBreak => (v.startsWith('module:') ? { kind: 'module', moduleId: Number(v.slice(7)) } : { kind: v as 'time' | 'own' | 'previous' }));

export const stageSchema = z
	.object({
		name: text(20),
		schemeId: z
			.string()
			.optional()
			.transform((v) => (v ? Number(v) : null))
			.refine((v) => v === null || (Number.isSafeInteger(v) && v > 0), { error: () => m.err_choice() }),
		carryMode: choice(CARRY_MODES),
		carryPct: decimalText('0', '100'),
		ownPct: decimalText('0', '100'),
		advanceKind: choice(['all', 'top', 'threshold'] as const),
		advanceCount: optionalWholeNumber(1, 100000),
		advanceMin: z
			.string()
			.trim()
			.optional()
			.transform((v) => v ?? ''),
		// unused tie-break selects come as ''
		'tieBreaks[]': z
			.array(z.string())
			.max(5)
			.optional()
			.transform((v) => (v ?? []).filter((x) => x !== ''))
			.pipe(z.array(tieBreak))
	})
	.superRefine((v, ctx) => {
		if (v.advanceKind === 'top' && v.advanceCount === null)
			ctx.addIssue({ code: 'custom', path: ['advanceCount'], message: m.err_required() });
		if (v.advanceKind === 'threshold' && !parseDecimal(v.advanceMin))
			ctx.addIssue({ code: 'custom', path: ['advanceMin'], message: m.err_decimal() });
	})
	.transform(({ 'tieBreaks[]': tieBreaks, ...v }) => ({
		...v,
		advanceMin: v.advanceKind === 'threshold' ? canonical(parseDecimal(v.advanceMin)!) : null,
		advanceCount: v.advanceKind === 'top' ? v.advanceCount : null,
		tieBreaks
	}));

export type StageInput = z.infer<typeof stageSchema>;

export const judgeSchema = z.object({
	identifier: text(64),
	chief: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === '1' || v === 'true')
});

export const schemeRulesSchema = z
	.object({
		name: text(60),
		method: choice(PANEL_METHODS),
		trim: optionalWholeNumber(0, 5).transform((v) => v ?? 0),
		combine: choice(TRIM_COMBINES),
		factor: decimalText('0', '100', { exclusiveMin: true }),
		decimals: wholeNumber(0, 4),
		roundAt: choice(ROUND_LEVELS),
		judgementSpread: wholeNumber(0, 3)
	})
	.superRefine((v, ctx) => {
		if (v.method === 'trimmed' && v.trim < 1) ctx.addIssue({ code: 'custom', path: ['trim'], message: m.err_whole_between({ min: 1, max: 5 }) });
	})
	.transform((v) => (v.method === 'trimmed' ? v : { ...v, trim: 0 }));

export type SchemeRulesInput = z.infer<typeof schemeRulesSchema>;

export const moduleSchema = z.object({ name: text(40), weight: decimalText('0', '100', { exclusiveMin: true }) });
export const criterionSchema = z.object({ name: text(60) });

export const aspectSchema = z
	.object({
		kind: choice(ASPECT_KINDS),
		name: text(80),
		description: optionalText(500),
		max: decimalText('0', '1000', { exclusiveMin: true }),
		step: z
			.string()
			.trim()
			.optional()
			.transform((v) => v ?? ''),
		difficulty: z
			.string()
			.trim()
			.optional()
			.transform((v) => v ?? ''),
		d0: optionalText(200),
		d1: optionalText(200),
		d2: optionalText(200),
		d3: optionalText(200)
	})
	.superRefine((v, ctx) => {
		if (v.kind !== 'judgement') {
			const step = parseDecimal(v.step);
			const max = parseDecimal(v.max);
			if (!step || step.s <= 0 || step.n === 0n) ctx.addIssue({ code: 'custom', path: ['step'], message: m.err_decimal_above({ min: '0', max: v.max }) });
			else if (max && max.div(step).d !== 1n) ctx.addIssue({ code: 'custom', path: ['step'], message: m.err_step_divides() });
		}
		if (v.kind === 'element' && v.difficulty !== '') {
			const d = parseDecimal(v.difficulty);
			if (!d || d.s <= 0 || d.n === 0n || d.compare(100) > 0) ctx.addIssue({ code: 'custom', path: ['difficulty'], message: m.err_decimal_above({ min: '0', max: '100' }) });
		}
		const blank = [v.d0, v.d1, v.d2, v.d3].findIndex((d) => d === '');
		if (v.kind === 'judgement' && blank >= 0) ctx.addIssue({ code: 'custom', path: [`d${blank}`], message: m.err_descriptors() });
	})
	.transform((v) => ({
		kind: v.kind,
		name: v.name,
		description: v.description,
		max: v.max,
		step: v.kind === 'judgement' ? '1' : canonical(parseDecimal(v.step)!),
		difficulty: v.kind === 'element' && v.difficulty !== '' ? canonical(parseDecimal(v.difficulty)!) : null,
		descriptors: v.kind === 'judgement' ? [v.d0, v.d1, v.d2, v.d3] : null
	}));

export type AspectInput = z.infer<typeof aspectSchema>;

export const reasonSchema = z.object({ reason: text(500) });
