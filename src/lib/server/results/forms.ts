import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { optionalText, text } from '../validation';
import { canonical, parseDecimal } from '$lib/domain/scoring/exact';
import { AWARD_RULE_KINDS, MAX_TIERS, type AwardRule } from '$lib/domain/awards';

// award tiers are typed as rows t0…t5 (name, count / percent / minimum score, honour)
const tierFields: Record<string, z.ZodType> = {};
for (let i = 0; i < MAX_TIERS; i++) {
	tierFields[`t${i}name`] = optionalText(20);
	tierFields[`t${i}value`] = optionalText(12);
	tierFields[`t${i}honour`] = optionalText(20);
}

export const awardRulesSchema = z
	.object({
		kind: z.enum(AWARD_RULE_KINDS, { error: () => m.err_choice() }),
		excellenceMin: optionalText(12),
		excellenceName: optionalText(20),
		...tierFields
	})
	.transform((raw, ctx) => {
		const v = raw as Record<string, string> & { kind: (typeof AWARD_RULE_KINDS)[number] };
		const tiers: { name: string; value: string; honour: string }[] = [];
		for (let i = 0; i < MAX_TIERS; i++) {
			const name = v[`t${i}name`],
				value = v[`t${i}value`],
				honour = v[`t${i}honour`];
			if (!name && !value && !honour) continue;
			if (!name) ctx.addIssue({ code: 'custom', path: [`t${i}name`], message: m.err_required() });
			const ok =
				v.kind === 'threshold'
					? parseDecimal(value) !== null
					: /^\d{1,6}$/.test(value) && Number(value) >= 1 && (v.kind === 'rank' ? Number(value) <= 100000 : Number(value) <= 100);
			if (v.kind !== 'none' && !ok)
				ctx.addIssue({
					code: 'custom',
					path: [`t${i}value`],
					message: v.kind === 'threshold' ? m.err_decimal() : v.kind === 'share' ? m.err_whole_between({ min: 1, max: 100 }) : m.err_whole_between({ min: 1, max: 100000 })
				});
			tiers.push({ name, value, honour });
		}
		if (v.kind !== 'none' && tiers.length === 0) ctx.addIssue({ code: 'custom', path: ['t0name'], message: m.err_award_tiers() });
		if (v.kind === 'share' && tiers.reduce((s, t) => s + (Number(t.value) || 0), 0) > 100)
			ctx.addIssue({ code: 'custom', path: ['t0value'], message: m.err_award_share_total() });
		if (v.kind === 'threshold') {
			const mins = tiers.map((t) => parseDecimal(t.value));
			if (mins.every(Boolean) && mins.some((x, i) => i > 0 && x!.compare(mins[i - 1]!) >= 0))
				ctx.addIssue({ code: 'custom', path: ['t1value'], message: m.err_award_threshold_order() });
		}
		const min = v.excellenceMin ? parseDecimal(v.excellenceMin) : null;
		if (v.excellenceMin && (!min || min.compare(0) <= 0 || min.compare(1000) > 0))
			ctx.addIssue({ code: 'custom', path: ['excellenceMin'], message: m.err_decimal_between({ min: '0', max: '1000' }) });
		const honour = (t: { honour: string }) => (t.honour ? { honour: t.honour } : {});
		const rule: AwardRule | null =
			v.kind === 'none'
				? null
				: v.kind === 'rank'
					? { kind: 'rank', tiers: tiers.map((t) => ({ name: t.name, count: Number(t.value), ...honour(t) })) }
					: v.kind === 'share'
						? { kind: 'share', tiers: tiers.map((t) => ({ name: t.name, percent: Number(t.value), ...honour(t) })) }
						: { kind: 'threshold', tiers: tiers.map((t) => ({ name: t.name, min: parseDecimal(t.value) ? canonical(parseDecimal(t.value)!) : t.value, ...honour(t) })) };
		return { rule, excellenceMin: min ? canonical(min) : null, excellenceName: v.excellenceName || '优秀奖' };
	});

export type AwardRulesInput = z.infer<typeof awardRulesSchema>;

/** A 公示 time typed in a datetime-local field, read in the federation's time zone (UTC+8). */
const beijingTime = z
	.string({ error: () => m.err_required() })
	.trim()
	.min(1, { error: () => m.err_required() })
	.refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}:00+08:00`)), { error: () => m.err_datetime() })
	.transform((v) => new Date(`${v}:00+08:00`));

export const publishSchema = z.object({
	noticeStartsAt: beijingTime,
	noticeEndsAt: beijingTime,
	showNames: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

/** A Date as a datetime-local value in Beijing time. */
export function toBeijingInput(d: Date): string {
	return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

export const appealSchema = z.object({ entryId: z.coerce.number().int().positive({ error: () => m.err_choice() }), reason: text(2000) });

export const rulingSchema = z.object({
	decision: z.enum(['upheld', 'dismissed'], { error: () => m.err_choice() }),
	ruling: text(2000),
	'sheetIds[]': z
		.array(z.string())
		.optional()
		.transform((v) => (v ?? []).map(Number))
		.refine((v) => v.every((n) => Number.isSafeInteger(n) && n > 0), { error: () => m.err_choice() })
});

export const reasonSchema = z.object({ reason: text(500) });

const points = z
	.string({ error: () => m.err_required() })
	.trim()
	.refine((v) => /^\d{1,4}$/.test(v), { error: () => m.err_whole_between({ min: 0, max: 9999 }) })
	.transform(Number);

/** The federation's points per award: tiers p0…p5 and excellence. */
export const pointsSchema = z
	.object({ p0: points, p1: points, p2: points, p3: points, p4: points, p5: points, excellence: points })
	.transform((v) => ({ tiers: [v.p0, v.p1, v.p2, v.p3, v.p4, v.p5], excellence: v.excellence }));
