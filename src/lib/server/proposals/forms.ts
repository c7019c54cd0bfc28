import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id, isDay, optionalText, text, yuanToFen } from '../validation';
export { isDay, yuanToFen };
import { QUEUE_SORTS } from './queries';
import { PROPOSAL_CATEGORIES, PROPOSAL_KINDS, PROPOSAL_STATUSES, MAX_BENEFIT_LINES, MAX_QUANTITY, MAX_UNIT_PRICE_FEN, DEADLINE_STATUSES, lineTooLarge, type BenefitLine, type RewardGrade, type ScoreCriterion } from '$lib/domain/proposals';

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

/** Whole percent 0–100 as typed; anything else (an empty box too) reads as NaN, which the share check names. */
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

export const mergeSchema = z.object({ into: text(40), note: optionalText(NOTE_MAX) });
export const trialSchema = z.object({
	trialFrom: z.string({ error: () => m.err_date() }).refine(isDay, { error: () => m.err_date() }),
	note: optionalText(NOTE_MAX)
});
export const rewardSchema = z.object({ grade: text(40), note: optionalText(NOTE_MAX) });

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


export const idList = (values: string[]) => values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);

export { id };

/** The queue's filter from the address: anything unknown is simply not applied. */
export function queueFilterOf(url: URL) {
	const p = url.searchParams;
	const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | '' => ((allowed as readonly string[]).includes(v ?? '') ? (v as T) : '');
	const page = Number(p.get('page'));
	return {
		status: pick(p.get('status'), ['open', ...PROPOSAL_STATUSES.filter((s) => s !== 'draft')] as const),
		kind: pick(p.get('kind'), PROPOSAL_KINDS),
		category: pick(p.get('category'), PROPOSAL_CATEGORIES),
		unitId: Number(p.get('unit')) > 0 && Number.isSafeInteger(Number(p.get('unit'))) ? Number(p.get('unit')) : undefined,
		overdue: p.get('overdue') === '1',
		from: isDay(p.get('from')) ? p.get('from')! : '',
		to: isDay(p.get('to')) ? p.get('to')! : '',
		q: (p.get('q') ?? '').trim().slice(0, 60),
		sort: pick(p.get('sort'), QUEUE_SORTS) || undefined,
		page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1
	};
}

/**
 * The settings form: `due_<status>` days per state; reward grades as rows of
 * `gName[]`, `gAmount[]` (yuan), `gBenefit[]` (yuan, blank = none), `gScore[]`
 * (blank = none); scorecard rows `cName[]`, `cMax[]`. Blank rows are skipped.
 */
export const settingsSchema = z
	.object({
		'gName[]': list,
		'gAmount[]': list,
		'gBenefit[]': list,
		'gScore[]': list,
		'cName[]': list,
		'cMax[]': list
	})
	.catchall(z.string().max(20))
	.transform((d, ctx) => {
		const deadlines: Record<string, number> = {};
		for (const s of DEADLINE_STATUSES) {
			const raw = String((d as Record<string, unknown>)[`due_${s}`] ?? '').trim();
			if (!raw) continue;
			if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 730) ctx.addIssue({ code: 'custom', path: [`due_${s}`], message: m.err_whole_between({ min: 1, max: 730 }) });
			else deadlines[s] = Number(raw);
		}
		const rewardTable: RewardGrade[] = [];
		d['gName[]'].forEach((raw, i) => {
			const name = raw.trim();
			const amount = (d['gAmount[]'][i] ?? '').trim();
			const benefit = (d['gBenefit[]'][i] ?? '').trim();
			const score = (d['gScore[]'][i] ?? '').trim();
			if (!name && !amount && !benefit && !score) return;
			const amountFen = yuanToFen(amount);
			const minBenefitFen = benefit ? yuanToFen(benefit) : null;
			const minScore = score ? (/^\d{1,3}(\.\d)?$/.test(score) && Number(score) <= 100 ? Number(score) : NaN) : null;
			if (!name || name.length > 20) ctx.addIssue({ code: 'custom', path: [`g${i}`], message: name ? m.err_too_long({ max: 20 }) : m.err_required() });
			else if (amountFen === null || (benefit && minBenefitFen === null)) ctx.addIssue({ code: 'custom', path: [`g${i}`], message: m.err_money() });
			else if (Number.isNaN(minScore)) ctx.addIssue({ code: 'custom', path: [`g${i}`], message: m.err_score_threshold() });
			else rewardTable.push({ key: `g${rewardTable.length + 1}-${name}`, name, amountFen, minBenefitFen, minScore });
		});
		const scorecard: ScoreCriterion[] = [];
		d['cName[]'].forEach((raw, i) => {
			const name = raw.trim();
			const max = (d['cMax[]'][i] ?? '').trim();
			if (!name && !max) return;
			if (!name || name.length > 20) ctx.addIssue({ code: 'custom', path: [`c${i}`], message: name ? m.err_too_long({ max: 20 }) : m.err_required() });
			else if (!/^\d{1,3}$/.test(max) || Number(max) < 1 || Number(max) > 100) ctx.addIssue({ code: 'custom', path: [`c${i}`], message: m.err_whole_between({ min: 1, max: 100 }) });
			else scorecard.push({ key: `c${scorecard.length + 1}`, name, max: Number(max) });
		});
		return { deadlines, rewardTable, scorecard };
	});
