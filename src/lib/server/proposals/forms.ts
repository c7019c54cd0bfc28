import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id, optionalText, text } from '../validation';
import { PROPOSAL_CATEGORIES, PROPOSAL_KINDS, MAX_BENEFIT_LINES, MAX_QUANTITY, MAX_UNIT_PRICE_FEN, lineTooLarge, type BenefitLine } from '$lib/domain/proposals';

export const TITLE_MAX = 60;
export const PROBLEM_MAX = 2000;
export const SOLUTION_MAX = 4000;
export const BENEFIT_TEXT_MAX = 500;
export const NOTE_MAX = 1000;
export const MAX_COAUTHORS = 9;

const list = z
	.array(z.string().max(200))
	.max(50)
	.optional()
	.transform((v) => v ?? []);

/** Whole percent 0–100 as typed; an empty box reads as 0 (the share check then speaks). */
const percent = (v: string) => {
	const t = v.trim();
	return /^\d{1,3}$/.test(t) ? Number(t) : NaN;
};

export const draftSchema = z
	.object({
		kind: z.enum(PROPOSAL_KINDS, { error: () => m.err_choice() }),
		category: z.enum(PROPOSAL_CATEGORIES, { error: () => m.err_choice() }),
		title: text(TITLE_MAX),
		problem: optionalText(PROBLEM_MAX),
		solution: optionalText(SOLUTION_MAX),
		expectedBenefit: optionalText(BENEFIT_TEXT_MAX),
		ownShare: z.string().max(10).optional().transform((v) => percent(v ?? '100')),
		'coNo[]': list,
		'coShare[]': list,
		'removeFile[]': list,
		intent: z.enum(['save', 'submit']).optional().transform((v) => v ?? 'save')
	})
	.transform((d) => ({
		kind: d.kind,
		category: d.category,
		title: d.title,
		problem: d.problem,
		solution: d.solution,
		expectedBenefit: d.expectedBenefit,
		ownShare: d.ownShare,
		coauthors: d['coNo[]']
			.map((no, i) => ({ employeeNo: no.trim(), share: percent(d['coShare[]'][i] ?? '') }))
			.filter((c) => c.employeeNo !== '' || !Number.isNaN(c.share)),
		removeFiles: d['removeFile[]'].map(Number).filter((n) => Number.isSafeInteger(n) && n > 0),
		submit: d.intent === 'submit'
	}));

export type DraftInput = z.infer<typeof draftSchema>;

export const noteSchema = z.object({ note: optionalText(NOTE_MAX) });

export const forwardSchema = noteSchema;
export const mergeSchema = z.object({ into: text(40), note: optionalText(NOTE_MAX) });
export const trialSchema = z.object({
	trialFrom: z.string({ error: () => m.err_date() }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.err_date() }),
	note: optionalText(NOTE_MAX)
});
export const rewardSchema = z.object({ grade: text(40), note: optionalText(NOTE_MAX) });

/** Money as typed in yuan, up to two decimals, into fen. */
export const yuanToFen = (v: string): number | null => {
	const t = v.trim().replace(/,/g, '');
	if (!/^\d{1,11}(\.\d{1,2})?$/.test(t)) return null;
	const [a, b = ''] = t.split('.');
	return Number(a) * 100 + Number((b + '00').slice(0, 2));
};

/** A quantity up to three decimals. */
const quantityOf = (v: string): number | null => {
	const t = v.trim().replace(/,/g, '');
	if (!/^\d{1,10}(\.\d{1,3})?$/.test(t)) return null;
	const n = Number(t);
	return n <= MAX_QUANTITY ? n : null;
};

/**
 * The benefit calculation's lines as typed: `label[]`, `lineKind[]`, `qty[]`, `unit[]`,
 * `price[]` (yuan). Blank lines are skipped; a bad number names its line.
 */
export const assessSchema = z
	.object({
		'label[]': list,
		'lineKind[]': list,
		'qty[]': list,
		'unit[]': list,
		'price[]': list,
		note: optionalText(NOTE_MAX)
	})
	.transform((d, ctx) => {
		const lines: BenefitLine[] = [];
		d['label[]'].forEach((raw, i) => {
			const label = raw.trim();
			const qty = (d['qty[]'][i] ?? '').trim();
			const price = (d['price[]'][i] ?? '').trim();
			if (!label && !qty && !price) return;
			const quantity = quantityOf(qty);
			const unitPriceFen = yuanToFen(price);
			if (!label || label.length > 60) ctx.addIssue({ code: 'custom', path: [`line${i}`], message: label ? m.err_too_long({ max: 60 }) : m.err_required() });
			else if (quantity === null) ctx.addIssue({ code: 'custom', path: [`line${i}`], message: m.err_quantity() });
			else if (unitPriceFen === null || unitPriceFen > MAX_UNIT_PRICE_FEN) ctx.addIssue({ code: 'custom', path: [`line${i}`], message: m.err_money() });
			else if (lineTooLarge({ quantity, unitPriceFen })) ctx.addIssue({ code: 'custom', path: [`line${i}`], message: m.err_line_too_large() });
			else lines.push({ label, kind: d['lineKind[]'][i] === 'cost' ? 'cost' : 'saving', quantity, unit: (d['unit[]'][i] ?? '').trim().slice(0, 10), unitPriceFen });
		});
		if (lines.length === 0) ctx.addIssue({ code: 'custom', path: ['lines'], message: m.err_benefit_lines() });
		if (lines.length > MAX_BENEFIT_LINES) ctx.addIssue({ code: 'custom', path: ['lines'], message: m.err_benefit_lines() });
		return { lines, note: d.note };
	});

export const reviewSchema = z
	.object({
		recommendation: z.enum(['adopt', 'reject', 'reserve'], { error: () => m.err_choice() }),
		note: optionalText(NOTE_MAX)
	})
	.catchall(z.string().max(20));

export const assignSchema = z.object({
	'proposal[]': list,
	reviewers: optionalText(400),
	'reviewer[]': list
});

export const supportSchema = z.object({});

export const idList = (values: string[]) => values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);

export { id };
