import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id, isDay, optionalText, text, yuanToFen } from '../validation';
import { today } from '../competitions/context';
import { ACHIEVEMENT_KINDS, HONOUR_KINDS, PATENT_TYPES, STUDIO_ACTIONS, STUDIO_LEVELS, STUDIO_STATUSES, STUDIO_TYPES, UNIT_HONOUR_KINDS, type HonourKind, type Indicator } from '$lib/domain/studios';

const day = (required = true) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => v ?? '')
		.refine((v) => (required ? isDay(v) : v === '' || isDay(v)), { error: () => m.err_date() });

const money = z
	.string()
	.trim()
	.max(20)
	.optional()
	.transform((v) => (v ? yuanToFen(v) : 0))
	.refine((v) => v !== null, { error: () => m.err_money() })
	.transform((v) => v as number);

/** Employee numbers typed one per line, or separated by commas or spaces. */
const numbers = z
	.string()
	.max(2000)
	.optional()
	.transform((v) => [...new Set((v ?? '').split(/[\s,，、;；]+/).filter(Boolean))].slice(0, 60));

export const studioSchema = z.object({
	name: text(60),
	type: z.enum(STUDIO_TYPES, { error: () => m.err_choice() }),
	level: z.enum(STUDIO_LEVELS, { error: () => m.err_choice() }),
	unitId: id,
	leaderNo: text(32),
	members: numbers,
	field: text(60),
	summary: optionalText(1000),
	foundedOn: day(),
	funding: money
});

export const studioEditSchema = studioSchema.omit({ type: true, level: true, unitId: true });

export const studioStepSchema = z.object({
	step: z.enum(STUDIO_ACTIONS, { error: () => m.err_choice() }),
	note: optionalText(1000),
	level: z
		.enum(['', ...STUDIO_LEVELS], { error: () => m.err_choice() })
		.optional()
		.transform((v) => v || undefined),
	certificateNo: optionalText(40),
	designatedOn: day(false),
	designatedBy: optionalText(100)
});

export const achievementSchema = z.object({
	kind: z.enum(ACHIEVEMENT_KINDS, { error: () => m.err_choice() }),
	title: text(100),
	on: day(),
	number: optionalText(40),
	patentType: z
		.enum(['', ...PATENT_TYPES], { error: () => m.err_choice() })
		.optional()
		.transform((v) => v || null),
	count: z
		.string()
		.trim()
		.max(6)
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isInteger(v) && v >= 0 && v <= 10000), { error: () => m.err_whole_between({ min: 0, max: 10000 }) }),
	benefit: money,
	proposalSerial: optionalText(40),
	note: optionalText(500)
});

export const reasonSchema = z.object({ reason: text(500) });

export const reviewersSchema = z.object({ reviewers: numbers, purpose: z.enum(['application', 'assessment']) });

/** Marks `mark_<key>` for the review lines, and a note. */
export const marksSchema = z.object({ purpose: z.enum(['application', 'assessment']), note: optionalText(500) }).catchall(z.string().max(10));

export const incidentsSchema = z.object({}).catchall(z.string().max(10));

export const honourSchema = z.object({
	kind: z.enum(HONOUR_KINDS, { error: () => m.err_choice() }),
	title: text(60),
	conferredOn: z
		.string()
		.trim()
		.refine((v) => /^\d{4}$/.test(v) || isDay(v), { error: () => m.err_year_or_day() }),
	body: text(60),
	citation: optionalText(500)
});

export const unitHonourSchema = z.object({
	kind: z.enum(UNIT_HONOUR_KINDS, { error: () => m.err_choice() }),
	title: text(60),
	year: z.coerce.number({ error: () => m.err_year_or_day() }).int().min(1950, { error: () => m.err_year_or_day() }).max(2100, { error: () => m.err_year_or_day() }),
	body: text(60),
	citation: optionalText(500)
});

export const profileSchema = z.object({
	story: optionalText(3000),
	consent: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === '1'),
	removePhoto: z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === '1')
});

const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | '' => ((allowed as readonly string[]).includes(v ?? '') ? (v as T) : '');

export function registryFilterOf(url: URL) {
	const p = url.searchParams;
	return {
		status: pick(p.get('status'), STUDIO_STATUSES),
		level: pick(p.get('level'), STUDIO_LEVELS),
		type: pick(p.get('type'), STUDIO_TYPES),
		q: (p.get('q') ?? '').trim().slice(0, 40),
		dueWithin: p.get('due') === '1' ? 90 : undefined
	};
}

export function showcaseFilterOf(url: URL) {
	const p = url.searchParams;
	const unit = Number(p.get('unit'));
	return {
		level: pick(p.get('level'), STUDIO_LEVELS),
		type: pick(p.get('type'), STUDIO_TYPES),
		unitId: Number.isSafeInteger(unit) && unit > 0 ? unit : undefined,
		q: (p.get('q') ?? '').trim().slice(0, 40)
	};
}

export function galleryFilterOf(url: URL) {
	const p = url.searchParams;
	const unit = Number(p.get('unit'));
	return {
		q: (p.get('q') ?? '').trim().slice(0, 40),
		honour: pick(p.get('honour'), HONOUR_KINDS),
		unitId: Number.isSafeInteger(unit) && unit > 0 ? unit : undefined
	};
}

/** The year asked for (2000–2100), else this one. */
export function yearOf(url: URL, now = new Date()): number {
	const y = Number(url.searchParams.get('year'));
	return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(today(now).slice(0, 4));
}

/** Leader honours as ticked: `leader_<type>[]` of honour kinds. */
export const leaderHonoursSchema = z
	.object(Object.fromEntries(STUDIO_TYPES.map((t) => [`leader_${t}[]`, z.array(z.enum(HONOUR_KINDS, { error: () => m.err_choice() })).max(20).optional().transform((v) => v ?? [])])))
	.transform((d) => Object.fromEntries(STUDIO_TYPES.map((t) => [t, (d as Record<string, HonourKind[]>)[`leader_${t}[]`]])) as Record<(typeof STUDIO_TYPES)[number], HonourKind[]>);

/**
 * An indicator sheet as typed: rows of `iName[]`, `iKind[]` (count, review,
 * deduction), `iAch[]` (achievement kind for counted lines), `iPer[]`, `iMax[]`,
 * and `iKey[]`: a line keeps its key, so reviewers' marks stay with it.
 */
const keyOf = (given: string | undefined, taken: Indicator[]) => {
	const clean = (given ?? '').trim();
	if (/^[a-z][a-z0-9_]{0,19}$/.test(clean) && !taken.some((l) => l.key === clean)) return clean;
	let n = taken.length + 1;
	while (taken.some((l) => l.key === `i${n}`)) n++;
	return `i${n}`;
};

export const sheetSchema = z
	.object({ 'iKey[]': z.array(z.string().max(20)).max(40).optional(), 'iName[]': z.array(z.string().max(40)).max(40).optional(), 'iKind[]': z.array(z.string().max(20)).max(40).optional(), 'iAch[]': z.array(z.string().max(20)).max(40).optional(), 'iPer[]': z.array(z.string().max(10)).max(40).optional(), 'iMax[]': z.array(z.string().max(10)).max(40).optional() })
	.transform((d, ctx) => {
		const lines: Indicator[] = [];
		(d['iName[]'] ?? []).forEach((raw, i) => {
			const name = raw.trim();
			const per = (d['iPer[]']?.[i] ?? '').trim();
			const max = (d['iMax[]']?.[i] ?? '').trim();
			if (!name && !per && !max) return;
			const kind = (['count', 'review', 'deduction'] as const).find((k) => k === d['iKind[]']?.[i]) ?? 'count';
			const achievement = ACHIEVEMENT_KINDS.find((k) => k === d['iAch[]']?.[i]);
			const num = (v: string) => (/^\d{1,4}(\.\d{1,2})?$/.test(v) ? Number(v) : NaN);
			if (!name) ctx.addIssue({ code: 'custom', path: [`i${i}`], message: m.err_required() });
			else if (Number.isNaN(num(max)) || (kind !== 'review' && Number.isNaN(num(per)))) ctx.addIssue({ code: 'custom', path: [`i${i}`], message: m.err_sheet_numbers() });
			else lines.push({ key: keyOf(d['iKey[]']?.[i], lines), name, kind, ...(kind === 'count' ? { achievement } : {}), per: kind === 'review' ? 1 : num(per), max: num(max) });
		});
		return lines;
	});
