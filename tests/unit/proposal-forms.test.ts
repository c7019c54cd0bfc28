import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actorOf, auditSince, countRows, freshDb, insertAccount, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';
import { parseForm } from '$lib/server/validation';
import {
	assessSchema,
	assignSchema,
	draftSchema,
	idList,
	mergeSchema,
	queueFilterOf,
	reviewSchema,
	rewardSchema,
	settingsSchema,
	trialSchema,
	yuanToFen
} from '$lib/server/proposals/forms';
import { queueSheet } from '$lib/server/proposals/exports';
import { proposalQueue, proposalQueueAll } from '$lib/server/proposals/queries';
import { markRead, myNotifications, notificationOf, notify, NOTIFICATIONS_PAGE, unreadCount, type NotificationInput } from '$lib/server/notifications';
import { auditActionLabel, formatYuan, notificationText } from '$lib/labels';
import { defaultPeriod, proposalStats, proposalYears, publicProposalSummary } from '$lib/server/proposals/stats';
import { saveDraft } from '$lib/server/proposals/drafts';
import { cleanFileName, fileHeaders, sniffType } from '$lib/server/files';
import { today } from '$lib/server/competitions/context';
import { NotSignedInError, RuleError } from '$lib/server/errors';
import { notifications, proposals } from '$lib/server/db/schema';
import type { DraftInput } from '$lib/server/proposals/forms';

/** A FormData as the browser sends it: repeated keys for `name[]` fields. */
function form(entries: [string, string][] | Record<string, string | string[]>): FormData {
	const fd = new FormData();
	const list = Array.isArray(entries) ? entries : Object.entries(entries).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
	for (const [k, v] of list) fd.append(k, v);
	return fd;
}

/** Parses and expects success; returns the data. */
function ok<T>(r: { ok: true; data: T } | { ok: false; errors: Record<string, string> }): T {
	if (!r.ok) throw new Error(`expected the form to pass, got ${JSON.stringify(r.errors)}`);
	return r.data;
}

/** Parses and expects failure; returns the per-field messages. */
function errs(r: { ok: true } | { ok: false; errors: Record<string, string> }): Record<string, string> {
	if (r.ok) throw new Error('expected the form to be refused');
	return r.errors;
}

const ERR_CHOICE = '请从列表中选择';
const ERR_REQUIRED = '此项必填';
const ERR_QUANTITY = '数量须为不超过三位小数的非负数';
const ERR_MONEY = '金额须为不超过两位小数的非负数（元）';
const ERR_LINE_TOO_LARGE = '金额过大（单行超过 1000 亿元），请检查数量和单价';
const ERR_BENEFIT_LINES = '请填写 1–12 行效益计算';
const ERR_DATE = '请输入日期（年-月-日）';

/* ------------------------------------------------------------------ yuanToFen */

describe('yuanToFen', () => {
	it('turns yuan as typed into exact integer fen', () => {
		expect(yuanToFen('0')).toBe(0);
		expect(yuanToFen('12')).toBe(1200);
		expect(yuanToFen('12.3')).toBe(1230);
		expect(yuanToFen('12.34')).toBe(1234);
		expect(yuanToFen('0.05')).toBe(5);
		expect(yuanToFen('0.1')).toBe(10);
		expect(yuanToFen('1,234.50')).toBe(123_450);
		expect(yuanToFen('  5 ')).toBe(500);
		// the largest accepted amount, 11 digits, still an exact integer
		expect(yuanToFen('99999999999.99')).toBe(9_999_999_999_999);
		expect(Number.isSafeInteger(yuanToFen('99999999999.99'))).toBe(true);
		// 0.29 × 100 is 28.999… in floating point: the digits are taken as typed
		expect(yuanToFen('0.29')).toBe(29);
		expect(yuanToFen('1.15')).toBe(115);
	});

	it('refuses anything that is not a non-negative amount with at most two decimals', () => {
		for (const bad of ['12.345', '-1', 'abc', '', '   ', '1e5', '123456789012', '.5', '5.', '12.3.4', '+5', '¥5', '5 元', '0x10', 'Infinity', 'NaN']) {
			expect(yuanToFen(bad), JSON.stringify(bad)).toBeNull();
		}
	});
});

/* ------------------------------------------------------------------ draftSchema */

const validDraft = { kind: 'rationalisation', category: 'energy', title: '空压机余热回收', problem: '热量直接排放', solution: '加装换热器' };

describe('draftSchema via parseForm', () => {
	it('reads a plain draft: trimmed texts, own share 100 when absent, no co-proposers, save by default', () => {
		const d = ok(parseForm(draftSchema, form({ ...validDraft, title: '  空压机余热回收  ' })));
		expect(d).toEqual({
			kind: 'rationalisation',
			category: 'energy',
			title: '空压机余热回收',
			problem: '热量直接排放',
			solution: '加装换热器',
			expectedBenefit: '',
			ownShare: 100,
			coauthors: [],
			removeFiles: [],
			submit: false
		} satisfies DraftInput);
	});

	it('refuses a kind or category outside the lists, or missing, with the choice message', () => {
		const e = errs(parseForm(draftSchema, form({ ...validDraft, kind: 'patent', category: 'misc' })));
		expect(e.kind).toBe(ERR_CHOICE);
		expect(e.category).toBe(ERR_CHOICE);
		const { kind: _k, category: _c, ...rest } = validDraft;
		const missing = errs(parseForm(draftSchema, form(rest)));
		expect(missing).toEqual({ kind: ERR_CHOICE, category: ERR_CHOICE });
		// a value from the other list is not accepted either
		expect(errs(parseForm(draftSchema, form({ ...validDraft, kind: 'energy' }))).kind).toBe(ERR_CHOICE);
		for (const kind of ['invention', 'creation', 'innovation', 'design', 'suggestion']) expect(ok(parseForm(draftSchema, form({ ...validDraft, kind }))).kind).toBe(kind);
	});

	it('requires a title of at most 60 characters; problem and solution have their own limits', () => {
		expect(errs(parseForm(draftSchema, form({ ...validDraft, title: '' }))).title).toBe(ERR_REQUIRED);
		expect(errs(parseForm(draftSchema, form({ ...validDraft, title: '    ' }))).title).toBe(ERR_REQUIRED);
		const { title: _t, ...noTitle } = validDraft;
		expect(errs(parseForm(draftSchema, form(noTitle))).title).toBe(ERR_REQUIRED);
		expect(errs(parseForm(draftSchema, form({ ...validDraft, title: '题'.repeat(61) }))).title).toBe('不能超过 60 个字符');
		expect(ok(parseForm(draftSchema, form({ ...validDraft, title: '题'.repeat(60) }))).title).toBe('题'.repeat(60));
		expect(errs(parseForm(draftSchema, form({ ...validDraft, problem: 'x'.repeat(2001) }))).problem).toBe('不能超过 2000 个字符');
		expect(errs(parseForm(draftSchema, form({ ...validDraft, solution: 'x'.repeat(4001) }))).solution).toBe('不能超过 4000 个字符');
		expect(errs(parseForm(draftSchema, form({ ...validDraft, expectedBenefit: 'x'.repeat(501) }))).expectedBenefit).toBe('不能超过 500 个字符');
	});

	it('zips co-proposer rows from coNo[] and coShare[], dropping blank rows, keeping a half-filled one for the service', () => {
		const d = ok(
			parseForm(
				draftSchema,
				form({
					...validDraft,
					ownShare: ' 50 ',
					'coNo[]': ['1003', '', ' 2001 ', '', '3001'],
					'coShare[]': ['30', '', '020', '15', '']
				})
			)
		);
		expect(d.ownShare).toBe(50);
		expect(d.coauthors).toEqual([
			{ employeeNo: '1003', share: 30 },
			{ employeeNo: '2001', share: 20 },
			{ employeeNo: '', share: 15 }, // a share without a number: the service asks for the number
			{ employeeNo: '3001', share: NaN } // a number without a share: the service reports the share
		]);
	});

	it('reads a share that is not a whole percent 0–999 as NaN, so the share check reports it', () => {
		const shares = (v: string) => ok(parseForm(draftSchema, form({ ...validDraft, 'coNo[]': ['1003'], 'coShare[]': [v] }))).coauthors[0].share;
		for (const bad of ['abc', '12.5', '-5', '1000', '1e2', '']) expect(shares(bad), JSON.stringify(bad)).toBeNaN();
		expect(shares('100')).toBe(100);
		expect(shares('0')).toBe(0);
		expect(shares(' 7 ')).toBe(7);
		expect(ok(parseForm(draftSchema, form({ ...validDraft, ownShare: 'sixty' }))).ownShare).toBeNaN();
		expect(ok(parseForm(draftSchema, form({ ...validDraft, ownShare: '' }))).ownShare).toBeNaN();
	});

	it('keeps only positive whole ids in removeFile[]', () => {
		const d = ok(parseForm(draftSchema, form({ ...validDraft, 'removeFile[]': ['3', '0', '-2', 'x', '1.5', '', '7', '9007199254740993'] })));
		expect(d.removeFiles).toEqual([3, 7]);
	});

	it("submits only with intent 'submit'; 'save' and no intent save; anything else is refused", () => {
		expect(ok(parseForm(draftSchema, form({ ...validDraft, intent: 'submit' }))).submit).toBe(true);
		expect(ok(parseForm(draftSchema, form({ ...validDraft, intent: 'save' }))).submit).toBe(false);
		expect(ok(parseForm(draftSchema, form(validDraft))).submit).toBe(false);
		expect(Object.keys(errs(parseForm(draftSchema, form({ ...validDraft, intent: 'publish' }))))).toEqual(['intent']);
	});

	it('sends back what was typed in single fields, never the array rows', () => {
		const r = parseForm(draftSchema, form({ ...validDraft, title: '', 'coNo[]': ['1003'], 'coShare[]': ['40'] }));
		expect(r.ok).toBe(false);
		expect(r.values).toEqual({ ...validDraft, title: '' });
	});
});

/* ------------------------------------------------------------------ assessSchema */

const lines = (rows: { label?: string; kind?: string; qty?: string; unit?: string; price?: string }[], extra: Record<string, string> = {}) =>
	form({
		...extra,
		'label[]': rows.map((r) => r.label ?? ''),
		'lineKind[]': rows.map((r) => r.kind ?? 'saving'),
		'qty[]': rows.map((r) => r.qty ?? ''),
		'unit[]': rows.map((r) => r.unit ?? ''),
		'price[]': rows.map((r) => r.price ?? '')
	});

describe('assessSchema via parseForm', () => {
	it('reads the lines, skipping blank ones; cost stays cost, anything else is a saving', () => {
		const d = ok(
			parseForm(
				assessSchema,
				lines(
					[
						{ label: ' 节约蒸汽 ', kind: 'saving', qty: '1,000.5', unit: ' 吨 ', price: '250' },
						{ label: '', kind: 'cost', qty: '  ', unit: '套', price: '' },
						{ label: '换热器及安装', kind: 'cost', qty: '1', unit: '套', price: '30,000.00' },
						{ label: '节电', kind: 'bogus', qty: '0.125', unit: '一二三四五六七八九十十一', price: '0.58' }
					],
					{ note: ' 按峰谷平均价 ' }
				)
			)
		);
		expect(d).toEqual({
			lines: [
				{ label: '节约蒸汽', kind: 'saving', quantity: 1000.5, unit: '吨', unitPriceFen: 25_000 },
				{ label: '换热器及安装', kind: 'cost', quantity: 1, unit: '套', unitPriceFen: 3_000_000 },
				{ label: '节电', kind: 'saving', quantity: 0.125, unit: '一二三四五六七八九十', unitPriceFen: 58 }
			],
			note: '按峰谷平均价'
		});
	});

	it('a line with a label but a bad quantity is named by its index, with the quantity message', () => {
		for (const qty of ['', 'abc', '-1', '1.2345', '1e3', '1000000001']) {
			const e = errs(parseForm(assessSchema, lines([{ label: '', qty: '', price: '' }, { label: '节电', qty, price: '1' }])));
			expect(e, JSON.stringify(qty)).toEqual({ line1: ERR_QUANTITY, lines: ERR_BENEFIT_LINES });
		}
		// the largest quantity is accepted
		expect(ok(parseForm(assessSchema, lines([{ label: '节电', qty: '1000000000', price: '0.01' }]))).lines[0].quantity).toBe(1e9);
	});

	it('a bad or too dear unit price is refused with the money message', () => {
		for (const price of ['', '12.345', '-1', 'abc', '10000000000', '100000000.01']) {
			const e = errs(parseForm(assessSchema, lines([{ label: '节电', qty: '1', price }])));
			expect(e.line0, JSON.stringify(price)).toBe(ERR_MONEY);
		}
		// 1 亿元 a unit is the most a unit may cost
		expect(ok(parseForm(assessSchema, lines([{ label: '设备', qty: '1', price: '100000000' }]))).lines[0].unitPriceFen).toBe(1e10);
	});

	it('a line over 1000 亿元 is refused as too large; exactly 1000 亿元 passes', () => {
		// 1,000,000,000 × 1 亿元 per unit
		const e = errs(parseForm(assessSchema, lines([{ label: '节电', qty: '1000000000', price: '100000000' }])));
		expect(e.line0).toBe(ERR_LINE_TOO_LARGE);
		// 1000 × 1 亿元 = 1000 亿元 (1e13 fen) is the limit itself
		expect(ok(parseForm(assessSchema, lines([{ label: '设备', qty: '1000', price: '100000000' }]))).lines).toHaveLength(1);
		expect(errs(parseForm(assessSchema, lines([{ label: '设备', qty: '1000.001', price: '100000000' }]))).line0).toBe(ERR_LINE_TOO_LARGE);
		// the brief's example: price 10,000,000,000 元 is already beyond the unit-price limit, so the money message speaks first
		expect(errs(parseForm(assessSchema, lines([{ label: '节电', qty: '1000000000', price: '10000000000' }]))).line0).toBe(ERR_MONEY);
	});

	it('a line without a label, or with one over 60 characters, is refused', () => {
		expect(errs(parseForm(assessSchema, lines([{ label: '', qty: '1', price: '1' }]))).line0).toBe(ERR_REQUIRED);
		expect(errs(parseForm(assessSchema, lines([{ label: '  ', qty: '', price: '5' }]))).line0).toBe(ERR_REQUIRED);
		expect(errs(parseForm(assessSchema, lines([{ label: '项'.repeat(61), qty: '1', price: '1' }]))).line0).toBe('不能超过 60 个字符');
	});

	it('no lines at all, or more than twelve, is a lines error', () => {
		expect(errs(parseForm(assessSchema, form({ note: 'x' })))).toEqual({ lines: ERR_BENEFIT_LINES });
		expect(errs(parseForm(assessSchema, lines([{}, {}, { unit: '吨' }])))).toEqual({ lines: ERR_BENEFIT_LINES });
		const thirteen = Array.from({ length: 13 }, (_, i) => ({ label: `第${i + 1}项`, qty: '1', price: '1' }));
		expect(errs(parseForm(assessSchema, lines(thirteen)))).toEqual({ lines: ERR_BENEFIT_LINES });
		expect(ok(parseForm(assessSchema, lines(thirteen.slice(0, 12)))).lines).toHaveLength(12);
	});
});

/* ------------------------------------------------------------------ settingsSchema */

describe('settingsSchema via parseForm', () => {
	it('an empty form reads as nothing set', () => {
		expect(ok(parseForm(settingsSchema, form({})))).toEqual({ deadlines: {}, rewardTable: [], scorecard: [] });
	});

	it('reads due_<status> days for open states only, skipping blanks', () => {
		const d = ok(parseForm(settingsSchema, form({ due_submitted: '3', due_review: '', due_trial: ' 180 ', due_confirmed: '730', due_assessment: '1', due_draft: '5', due_rewarded: '9' })));
		expect(d.deadlines).toEqual({ submitted: 3, trial: 180, confirmed: 730, assessment: 1 });
	});

	it("refuses '0', '731', 'x' and fractions with the field's key", () => {
		const e = errs(parseForm(settingsSchema, form({ due_submitted: '0', due_review: '731', due_reserve: 'x', due_adopted: '1.5', due_implementing: '-3', due_trial: '7' })));
		const msg = '请输入 1 到 730 之间的整数';
		expect(e).toEqual({ due_submitted: msg, due_review: msg, due_reserve: msg, due_adopted: msg, due_implementing: msg });
	});

	it('reads reward rows into grades with fen amounts, null thresholds when blank, keys g1-<name>…', () => {
		const d = ok(
			parseForm(
				settingsSchema,
				form({
					'gName[]': [' 特等奖 ', '一等奖', '', '三等奖', '鼓励奖'],
					'gAmount[]': ['20,000', '5000.50', '', '500', '0'],
					'gBenefit[]': ['1000000', '', '', '20000.5', ''],
					'gScore[]': ['', '90.5', '', '60', '0']
				})
			)
		);
		expect(d.rewardTable).toEqual([
			{ key: 'g1-特等奖', name: '特等奖', amountFen: 2_000_000, minBenefitFen: 100_000_000, minScore: null },
			{ key: 'g2-一等奖', name: '一等奖', amountFen: 500_050, minBenefitFen: null, minScore: 90.5 },
			{ key: 'g3-三等奖', name: '三等奖', amountFen: 50_000, minBenefitFen: 2_000_050, minScore: 60 },
			{ key: 'g4-鼓励奖', name: '鼓励奖', amountFen: 0, minBenefitFen: null, minScore: 0 }
		]);
	});

	it('refuses a bad reward row under the key of its position', () => {
		const row = (over: Partial<Record<'name' | 'amount' | 'benefit' | 'score', string>>) =>
			errs(
				parseForm(
					settingsSchema,
					form({
						'gName[]': ['一等奖', over.name ?? '二等奖'],
						'gAmount[]': ['100', over.amount ?? '50'],
						'gBenefit[]': ['', over.benefit ?? ''],
						'gScore[]': ['', over.score ?? '']
					})
				)
			);
		const scoreMsg = '请输入 0 到 100 之间的数，最多一位小数';
		expect(row({ score: '101' })).toEqual({ g1: scoreMsg });
		expect(row({ score: '7.55' })).toEqual({ g1: scoreMsg });
		expect(row({ score: '-1' })).toEqual({ g1: scoreMsg });
		expect(row({ score: 'abc' })).toEqual({ g1: scoreMsg });
		expect(row({ amount: '' })).toEqual({ g1: ERR_MONEY });
		expect(row({ amount: '1.234' })).toEqual({ g1: ERR_MONEY });
		expect(row({ benefit: 'abc' })).toEqual({ g1: ERR_MONEY });
		expect(row({ name: '' })).toEqual({ g1: ERR_REQUIRED });
		expect(row({ name: '奖'.repeat(21) })).toEqual({ g1: '不能超过 20 个字符' });
		expect(ok(parseForm(settingsSchema, form({ 'gName[]': ['满分奖'], 'gAmount[]': ['1'], 'gScore[]': ['100.0'] }))).rewardTable[0].minScore).toBe(100);
	});

	it('reads scorecard rows into c1… with a whole maximum of 1–100', () => {
		const d = ok(parseForm(settingsSchema, form({ 'cName[]': [' 创新性 ', '', '可行性'], 'cMax[]': ['30', '', '100'] })));
		expect(d.scorecard).toEqual([
			{ key: 'c1', name: '创新性', max: 30 },
			{ key: 'c2', name: '可行性', max: 100 }
		]);
		const msg = '请输入 1 到 100 之间的整数';
		const e = errs(parseForm(settingsSchema, form({ 'cName[]': ['a', 'b', 'c', 'd', '', 'f'], 'cMax[]': ['0', '101', '7.5', '', '10', '1'] })));
		expect(e).toEqual({ c0: msg, c1: msg, c2: msg, c3: msg, c4: ERR_REQUIRED });
	});
});

/* ------------------------------------------------------------------ the smaller forms */

describe('review, assign, merge, trial and reward forms', () => {
	it('review: a recommendation from the list, marks passed through as typed', () => {
		const d = ok(parseForm(reviewSchema, form({ recommendation: 'adopt', note: ' 可行 ', mark_novelty: '27', mark_spread: '' })));
		expect(d).toEqual({ recommendation: 'adopt', note: '可行', mark_novelty: '27', mark_spread: '' });
		expect(errs(parseForm(reviewSchema, form({ recommendation: 'maybe' })))).toEqual({ recommendation: ERR_CHOICE });
		expect(errs(parseForm(reviewSchema, form({})))).toEqual({ recommendation: ERR_CHOICE });
		expect(Object.keys(errs(parseForm(reviewSchema, form({ recommendation: 'reject', mark_novelty: '1'.repeat(21) }))))).toEqual(['mark_novelty']);
	});

	it('assign: ticked proposals and reviewers as lists, typed numbers as text; idList keeps positive whole ids', () => {
		const d = ok(parseForm(assignSchema, form({ 'proposal[]': ['4', 'x', '2'], reviewers: ' R001, R002 ', 'reviewer[]': ['9'] })));
		expect(d).toEqual({ 'proposal[]': ['4', 'x', '2'], reviewers: 'R001, R002', 'reviewer[]': ['9'] });
		expect(idList(d['proposal[]'])).toEqual([4, 2]);
		expect(idList(['0', '-1', '2.5', '', 'abc', '9007199254740993', '12'])).toEqual([12]);
		expect(ok(parseForm(assignSchema, form({})))).toEqual({ 'proposal[]': [], reviewers: '', 'reviewer[]': [] });
	});

	it('merge needs a serial of at most 40 characters; trial a YYYY-MM-DD date; reward a grade', () => {
		expect(errs(parseForm(mergeSchema, form({ into: ' ' })))).toEqual({ into: ERR_REQUIRED });
		expect(errs(parseForm(mergeSchema, form({ into: 'E'.repeat(41) })))).toEqual({ into: '不能超过 40 个字符' });
		expect(ok(parseForm(mergeSchema, form({ into: ' EA1-2026-0001 ', note: '重复' })))).toEqual({ into: 'EA1-2026-0001', note: '重复' });
		expect(errs(parseForm(trialSchema, form({})))).toEqual({ trialFrom: ERR_DATE });
		for (const bad of ['2026/01/05', '2026-1-5', '', '05-01-2026']) expect(errs(parseForm(trialSchema, form({ trialFrom: bad }))), bad).toEqual({ trialFrom: ERR_DATE });
		expect(ok(parseForm(trialSchema, form({ trialFrom: '2026-01-05' })))).toEqual({ trialFrom: '2026-01-05', note: '' });
		expect(errs(parseForm(rewardSchema, form({ grade: '' })))).toEqual({ grade: ERR_REQUIRED });
		expect(ok(parseForm(rewardSchema, form({ grade: 'g1-特等奖' })))).toEqual({ grade: 'g1-特等奖', note: '' });
	});
});

/* ------------------------------------------------------------------ queueFilterOf */

const Q = (qs: string) => queueFilterOf(new URL(`http://localhost/proposals/queue${qs}`));

describe('queueFilterOf', () => {
	it('an empty address applies nothing', () => {
		expect(Q('')).toEqual({ status: '', kind: '', category: '', unitId: undefined, overdue: false, from: '', to: '', q: '', sort: undefined, page: 1 });
	});

	it('ignores unknown status, kind, category and sort; accepts known ones and open; never draft', () => {
		expect(Q('?status=bogus&kind=patent&category=misc&sort=random')).toMatchObject({ status: '', kind: '', category: '', sort: undefined });
		expect(Q('?status=open').status).toBe('open');
		expect(Q('?status=review').status).toBe('review');
		expect(Q('?status=merged').status).toBe('merged');
		expect(Q('?status=draft').status).toBe('');
		expect(Q('?status=OPEN').status).toBe('');
		expect(Q('?kind=invention&category=safety&sort=due')).toMatchObject({ kind: 'invention', category: 'safety', sort: 'due' });
		expect(Q('?overdue=1').overdue).toBe(true);
		expect(Q('?overdue=true').overdue).toBe(false);
	});

	it('keeps YYYY-MM-DD dates and ignores other shapes', () => {
		expect(Q('?from=2026-01-05&to=2026-02-28')).toMatchObject({ from: '2026-01-05', to: '2026-02-28' });
		expect(Q('?from=2026-1-5&to=20260105')).toMatchObject({ from: '', to: '' });
		expect(Q('?from=2026/01/05&to=2026-01-05T00:00')).toMatchObject({ from: '', to: '' });
	});

	it('a well-shaped but impossible date (month 13) is ignored rather than applied', () => {
		expect(Q('?from=2026-13-45&to=2026-00-10')).toMatchObject({ from: '', to: '' });
	});

	it('page falls back to 1 for anything but a whole number 1–100000', () => {
		for (const p of ['0', '-3', 'x', '1e9', '2.5', '', '100001', 'Infinity']) expect(Q(`?page=${p}`).page, p).toBe(1);
		expect(Q('').page).toBe(1);
		expect(Q('?page=3').page).toBe(3);
		expect(Q('?page=100000').page).toBe(100_000);
	});

	it('trims the search words and cuts them to 60 characters', () => {
		expect(Q(`?q=${encodeURIComponent('  余热回收  ')}`).q).toBe('余热回收');
		expect(Q(`?q=${'a'.repeat(100)}`).q).toBe('a'.repeat(60));
		expect(Q(`?q=${encodeURIComponent(' ' + '热'.repeat(70))}`).q).toBe('热'.repeat(60));
	});

	it('takes a unit only as a positive safe integer', () => {
		expect(Q('?unit=5').unitId).toBe(5);
		for (const u of ['0', '-1', 'x', '1.5', '9007199254740993', '']) expect(Q(`?unit=${u}`).unitId, u).toBeUndefined();
	});
});

/* ------------------------------------------------------------------ queueSheet */

type QueueRow = ReturnType<typeof proposalQueueAll>[number];
const queueRow = (over: Partial<QueueRow> = {}): QueueRow => ({
	id: 1,
	serial: 'EA1-2026-0001',
	title: '空压机余热回收',
	kind: 'invention',
	category: 'energy',
	status: 'confirmed',
	submittedAt: new Date('2026-03-01T16:30:00Z'), // 2 March in Beijing
	dueAt: new Date('2026-03-31T15:59:00Z'),
	supports: 3,
	meanScore: '85.5',
	benefitFen: 17_000_050,
	rewardFen: 500_000,
	unit: '数控一班',
	handlingUnit: '东区机械厂工会',
	proposer: '张三',
	overdue: true,
	reviewers: 2,
	reviewed: 2,
	...over
});

describe('queueSheet', () => {
	it('has the Chinese header', () => {
		expect(queueSheet([]).header).toEqual([
			'编号',
			'标题',
			'类型',
			'类别',
			'建议人',
			'建议人单位',
			'办理单位',
			'状态',
			'提交日期',
			'办理期限',
			'已超期',
			'附议',
			'得分',
			'年度经济效益（元）',
			'奖励发放（元）'
		]);
		expect(queueSheet([]).rows).toEqual([]);
	});

	it('one row per queue row: labels, Beijing dates, money in yuan, null where missing', () => {
		const sheet = queueSheet([queueRow(), queueRow({ id: 2, serial: 'EA1-2026-0002', status: 'submitted', kind: 'rationalisation', category: 'other', dueAt: null, meanScore: null, benefitFen: null, rewardFen: 0, overdue: false, supports: 0 })]);
		expect(sheet.rows).toEqual([
			['EA1-2026-0001', '空压机余热回收', '小发明', '节能降耗', '张三', '数控一班', '东区机械厂工会', '效益已确认', '2026-03-02', '2026-03-31', '已超期', 3, 85.5, 170_000.5, 5000],
			['EA1-2026-0002', '空压机余热回收', '合理化建议', '其他', '张三', '数控一班', '东区机械厂工会', '待受理', '2026-03-02', null, null, 0, null, null, null]
		]);
		for (const row of sheet.rows) expect(row).toHaveLength(sheet.header.length);
	});

	it('from a real queue: an overdue submitted proposal', async () => {
		const f = await makeFixture();
		const now = new Date('2026-03-01T02:00:00Z');
		const id = saveDraft(f.db, f.actors.workerA, null, { ...draftInput(), title: '数控机床换刀改进' }, [], now).id;
		const later = new Date(now.getTime() + 8 * 86_400_000);
		const sheet = queueSheet(proposalQueueAll(f.db, f.actors.officerEA1, {}, later));
		const serial = f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.serial;
		expect(sheet.rows).toEqual([[serial, '数控机床换刀改进', '合理化建议', '节能降耗', '张三', '数控一班', '东区机械厂工会', '待受理', '2026-03-01', '2026-03-08', '已超期', 0, null, null, null]]);
		expect(queueSheet(proposalQueueAll(f.db, f.actors.officerEA1, {}, now)).rows[0][10]).toBeNull();
	});
});

const draftInput = (over: Partial<DraftInput> = {}): DraftInput => ({
	kind: 'rationalisation',
	category: 'energy',
	title: '空压机余热回收用于车间供暖',
	problem: '空压机运行时大量热量直接排放。',
	solution: '加装板式换热器。',
	expectedBenefit: '',
	ownShare: 100,
	coauthors: [],
	removeFiles: [],
	submit: true,
	...over
});

/* ------------------------------------------------------------------ notifications */

describe('notifications', () => {
	let f: Fixture;
	const note = (serial: string): NotificationInput => ({ kind: 'proposal_step', params: { serial, title: '标题', action: 'adopt' }, link: '/proposals/1' });
	beforeEach(async () => {
		f = await makeFixture();
	});

	it('notify writes one row per distinct account and nothing for an empty list', () => {
		const { workerA, workerB } = f.userIds;
		const at = new Date('2026-03-01T00:00:00Z');
		notify(f.db, [workerA, workerB, workerA, workerA], note('S1'), at);
		const rows = f.db.select().from(notifications).all();
		expect(rows.map((r) => r.userId).sort()).toEqual([workerA, workerB].sort());
		expect(rows[0]).toMatchObject({ kind: 'proposal_step', params: { serial: 'S1', title: '标题', action: 'adopt' }, link: '/proposals/1', createdAt: at, readAt: null });
		notify(f.db, [], note('S2'));
		notify(f.db, new Set<number>(), note('S3'));
		expect(countRows(f.db, 'notifications')).toBe(2);
	});

	it('lists the reader’s own, newest first (ties by id), and pages by NOTIFICATIONS_PAGE with `more`', () => {
		const { workerA, workerB } = f.userIds;
		const base = Date.parse('2026-03-01T00:00:00Z');
		notify(f.db, [workerA], note('old'), new Date(base));
		notify(f.db, [workerA], note('newest'), new Date(base + 2000));
		notify(f.db, [workerA], note('tie-1'), new Date(base + 1000));
		notify(f.db, [workerA], note('tie-2'), new Date(base + 1000));
		notify(f.db, [workerB], note('not mine'), new Date(base + 5000));
		const first = myNotifications(f.db, f.actors.workerA);
		expect(first.rows.map((r) => r.params.serial)).toEqual(['newest', 'tie-2', 'tie-1', 'old']);
		expect(first.more).toBe(false);

		expect(NOTIFICATIONS_PAGE).toBe(50);
		for (let i = 0; i < NOTIFICATIONS_PAGE - 4; i++) notify(f.db, [workerA], note(`n${i}`), new Date(base - 10_000 - i * 1000));
		const exactly = myNotifications(f.db, f.actors.workerA);
		expect(exactly.rows).toHaveLength(NOTIFICATIONS_PAGE);
		expect(exactly.more).toBe(false);
		expect(myNotifications(f.db, f.actors.workerA, 2)).toEqual({ rows: [], more: false });

		notify(f.db, [workerA], note('oldest'), new Date(base - 1e9));
		const paged = myNotifications(f.db, f.actors.workerA);
		expect(paged.rows).toHaveLength(NOTIFICATIONS_PAGE);
		expect(paged.more).toBe(true);
		expect(paged.rows[0].params.serial).toBe('newest');
		const second = myNotifications(f.db, f.actors.workerA, 2);
		expect(second.rows.map((r) => r.params.serial)).toEqual(['oldest']);
		expect(second.more).toBe(false);
		expect(myNotifications(f.db, f.actors.workerB).rows.map((r) => r.params.serial)).toEqual(['not mine']);
	});

	it('counts unread; marking someone else’s id changes nothing and writes no audit', () => {
		const { workerA, workerB } = f.userIds;
		notify(f.db, [workerA], note('a1'));
		notify(f.db, [workerA], note('a2'));
		notify(f.db, [workerB], note('b1'));
		expect(unreadCount(f.db, f.actors.workerA)).toBe(2);
		expect(unreadCount(f.db, f.actors.workerB)).toBe(1);
		expect(unreadCount(f.db, null)).toBe(0);
		const bId = myNotifications(f.db, f.actors.workerB).rows[0].id;
		const before = lastAuditId(f.db);
		markRead(f.db, f.actors.workerA, [bId]);
		expect(unreadCount(f.db, f.actors.workerB)).toBe(1);
		expect(f.db.select().from(notifications).where(eq(notifications.id, bId)).get()!.readAt).toBeNull();
		expect(auditSince(f.db, before)).toEqual([]);
	});

	it('marks given ids of one’s own read, with one audit row', () => {
		const { workerA } = f.userIds;
		notify(f.db, [workerA], note('a1'));
		notify(f.db, [workerA], note('a2'));
		const [a2, a1] = myNotifications(f.db, f.actors.workerA).rows;
		const before = lastAuditId(f.db);
		const at = new Date('2026-04-01T08:00:00Z');
		markRead(f.db, f.actors.workerA, [a1.id], at);
		expect(notificationOf(f.db, f.actors.workerA, a1.id)!.readAt).toEqual(at);
		expect(notificationOf(f.db, f.actors.workerA, a2.id)!.readAt).toBeNull();
		expect(unreadCount(f.db, f.actors.workerA)).toBe(1);
		const audit = auditSince(f.db, before);
		expect(audit.map((a) => [a.action, a.entityType, a.entityId, a.actorUserId])).toEqual([['notification.read', 'user', String(workerA), workerA]]);
		expect(JSON.parse(audit[0].after!)).toEqual({ read: 1 });
		// marking the same one again changes nothing and writes nothing
		markRead(f.db, f.actors.workerA, [a1.id]);
		markRead(f.db, f.actors.workerA, []);
		expect(auditSince(f.db, before)).toHaveLength(1);
	});

	it("markRead('all') marks only the reader's, with ONE audit row; none when nothing changed", () => {
		const { workerA, workerB } = f.userIds;
		for (let i = 0; i < 3; i++) notify(f.db, [workerA, workerB], note(`x${i}`));
		const before = lastAuditId(f.db);
		markRead(f.db, f.actors.workerA, 'all');
		expect(unreadCount(f.db, f.actors.workerA)).toBe(0);
		expect(unreadCount(f.db, f.actors.workerB)).toBe(3);
		const audit = auditSince(f.db, before);
		expect(audit.map((a) => a.action)).toEqual(['notification.read']);
		expect(JSON.parse(audit[0].after!)).toEqual({ read: 3 });
		markRead(f.db, f.actors.workerA, 'all');
		expect(auditSince(f.db, before)).toHaveLength(1);
	});

	it("notificationOf returns null for another user's notification or an unknown id", () => {
		const { workerA, workerB } = f.userIds;
		notify(f.db, [workerB], note('b1'));
		notify(f.db, [workerA], note('a1'));
		const bId = myNotifications(f.db, f.actors.workerB).rows[0].id;
		const aId = myNotifications(f.db, f.actors.workerA).rows[0].id;
		expect(notificationOf(f.db, f.actors.workerA, bId)).toBeNull();
		expect(notificationOf(f.db, f.actors.workerA, 9999)).toBeNull();
		expect(notificationOf(f.db, f.actors.workerA, aId)).toMatchObject({ id: aId, userId: workerA });
	});

	it('refuses an anonymous reader', async () => {
		await thrown(NotSignedInError, () => myNotifications(f.db, null));
		await thrown(NotSignedInError, () => markRead(f.db, null, 'all'));
		await thrown(NotSignedInError, () => markRead(f.db, null, [1]));
		await thrown(NotSignedInError, () => notificationOf(f.db, null, 1));
	});
});

/* ------------------------------------------------------------------ labels */

describe('notificationText, formatYuan and audit labels', () => {
	it('renders each notification kind in Chinese', () => {
		expect(notificationText('proposal_step', { serial: 'EA1-2026-0001', title: '余热回收', action: 'reward', status: 'rewarded' })).toBe('建议 EA1-2026-0001「余热回收」：发放奖励');
		expect(notificationText('proposal_step', { serial: 'EA1-2026-0001', title: '余热回收', action: 'submit' })).toBe('建议 EA1-2026-0001「余热回收」：提交');
		expect(notificationText('proposal_review', { serial: 'EA1-2026-0002', title: '换刀' })).toBe('请评审建议 EA1-2026-0002「换刀」');
		expect(notificationText('proposal_reward', { serial: 'EA1-2026-0001', grade: '二等奖', amountFen: 200_000 })).toBe('建议 EA1-2026-0001 获二等奖，您分得 ¥2,000.00');
		expect(notificationText('proposal_reward', { serial: 'S', grade: '鼓励奖', amountFen: 1_234_567 })).toBe('建议 S 获鼓励奖，您分得 ¥12,345.67');
		expect(notificationText('proposal_support', { serial: 'EA1-2026-0001', name: '王五' })).toBe('王五 附议了您的建议 EA1-2026-0001');
		expect(notificationText('something_else', { serial: 'x' })).toBe('something_else');
	});

	it('formatYuan: ¥ with thousands separators and two decimals; — for nothing', () => {
		expect(formatYuan(0)).toBe('¥0.00');
		expect(formatYuan(5)).toBe('¥0.05');
		expect(formatYuan(1_234_567)).toBe('¥12,345.67');
		expect(formatYuan(-150)).toBe('¥-1.50');
		expect(formatYuan(null)).toBe('—');
		expect(formatYuan(undefined)).toBe('—');
	});

	it('labels proposal audit actions', () => {
		expect(auditActionLabel('proposal.adopt')).toBe('合理化建议：采纳');
		expect(auditActionLabel('proposal.reward')).toBe('合理化建议：发放奖励');
		expect(auditActionLabel('proposal.review')).toBe('合理化建议：提交评分');
		expect(auditActionLabel('proposal.draft.create')).toBe('新建建议草稿');
		expect(auditActionLabel('proposal.draft.delete')).toBe('删除建议草稿');
		expect(auditActionLabel('proposal.settings')).toBe('修改合理化建议设置');
		expect(auditActionLabel('notification.read')).toBe('阅读通知');
		expect(auditActionLabel('proposal.teleport')).toBe('合理化建议：teleport');
		expect(auditActionLabel('mystery.action')).toBe('mystery.action');
	});
});

/* ------------------------------------------------------------------ files */

const bytes = (...v: (number | string)[]) => new Uint8Array(v.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('files', () => {
	it('sniffType tells the type by magic numbers', () => {
		expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'))).toBe('image/jpeg');
		expect(sniffType(bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
		expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png');
		expect(sniffType(bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
		expect(sniffType(bytes('GIF89a', 1, 0))).toBe('image/gif');
		expect(sniffType(bytes('GIF87a'))).toBe('image/gif');
		expect(sniffType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
	});

	it('sniffType: null for text, empty and truncated headers', () => {
		expect(sniffType(new TextEncoder().encode('<script>alert(1)</script>'))).toBeNull();
		expect(sniffType(new TextEncoder().encode('hello, world'))).toBeNull();
		expect(sniffType(new Uint8Array())).toBeNull();
		expect(sniffType(bytes(0x89, 0x50, 0x4e))).toBeNull(); // 3 bytes of PNG
		expect(sniffType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull(); // 7 bytes of PNG
		expect(sniffType(bytes(0xff, 0xd8))).toBeNull();
		expect(sniffType(bytes('RIFF', 0, 0, 0, 0, 'WEB'))).toBeNull();
		expect(sniffType(bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toBeNull();
		expect(sniffType(bytes('GIF87'))).toBeNull();
		expect(sniffType(bytes('GIF88a'))).toBeNull();
		expect(sniffType(bytes('%PDF'))).toBeNull();
		expect(sniffType(bytes(' %PDF-1.4'))).toBeNull();
	});

	it('cleanFileName strips paths, control characters and quotes, caps at 120, falls back to file', () => {
		expect(cleanFileName('C:\\Users\\张三\\现场照片.jpg')).toBe('现场照片.jpg');
		expect(cleanFileName('../../etc/passwd')).toBe('passwd');
		expect(cleanFileName('a/b\\c.pdf')).toBe('c.pdf');
		expect(cleanFileName('re"port\u0000\u001f\u007f.pdf')).toBe('report.pdf');
		expect(cleanFileName('line\r\nbreak.png')).toBe('linebreak.png');
		expect(cleanFileName('  spaced.png  ')).toBe('spaced.png');
		expect(cleanFileName('x'.repeat(200))).toBe('x'.repeat(120));
		expect(cleanFileName('图'.repeat(130))).toHaveLength(120);
		expect(cleanFileName('')).toBe('file');
		expect(cleanFileName('dir/')).toBe('file');
		expect(cleanFileName('"\u0001"')).toBe('file');
		expect(cleanFileName('   ')).toBe('file');
	});

	it('cleanFileName cuts a surrogate pair at 120 code units, leaving a name fileHeaders cannot encode', () => {
		const name = cleanFileName('a'.repeat(119) + '😀.png');
		expect(() => encodeURIComponent(name)).not.toThrow(); // throws URIError on a lone surrogate
		expect(() => fileHeaders({ name, type: 'image/png', size: 1 }, true)).not.toThrow();
	});

	it('fileHeaders: inline only for images and PDF when asked, always nosniff, filename* encoded', () => {
		expect(fileHeaders({ name: '现场 照片.png', type: 'image/png', size: 1234 }, true)).toEqual({
			'Content-Type': 'image/png',
			'Content-Length': '1234',
			'Content-Disposition': "inline; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.png",
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, max-age=300'
		});
		expect(fileHeaders({ name: 'a.pdf', type: 'application/pdf', size: 5 }, true)['Content-Disposition']).toBe("inline; filename*=UTF-8''a.pdf");
		expect(fileHeaders({ name: 'a.png', type: 'image/png', size: 5 }, false)['Content-Disposition']).toBe("attachment; filename*=UTF-8''a.png");
		for (const type of ['text/html', 'application/zip', 'application/octet-stream', 'image']) {
			const h = fileHeaders({ name: 'x', type, size: 0 }, true);
			expect(h['Content-Disposition'], type).toBe("attachment; filename*=UTF-8''x");
			expect(h['X-Content-Type-Options']).toBe('nosniff');
			expect(h['Content-Type']).toBe(type);
		}
		expect(fileHeaders({ name: 'a;b=c,d%.pdf', type: 'application/pdf', size: 1 }, false)['Content-Disposition']).toBe("attachment; filename*=UTF-8''a%3Bb%3Dc%2Cd%25.pdf");
	});

	it("filename* leaves ' ( ) * unescaped, which RFC 8187 does not allow in an ext-value", () => {
		const h = fileHeaders({ name: "it's (1)*.pdf", type: 'application/pdf', size: 1 }, false);
		expect(h['Content-Disposition']).toBe("attachment; filename*=UTF-8''it%27s%20%281%29%2A.pdf");
	});
});

/* ------------------------------------------------------------------ stats */

describe('statistics periods and months', () => {
	it('defaultPeriod is the whole Beijing year', () => {
		expect(defaultPeriod(new Date('2026-06-15T00:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-12-31' });
		// 16:00 UTC on 31 December is already New Year in Beijing
		expect(defaultPeriod(new Date('2025-12-31T16:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-12-31' });
		expect(defaultPeriod(new Date('2025-12-31T15:59:59Z'))).toEqual({ from: '2025-01-01', to: '2025-12-31' });
	});

	it('proposalYears on an empty database is just the current year; drafts do not count', async () => {
		const db = freshDb();
		expect(proposalYears(db, new Date('2026-06-15T00:00:00Z'))).toEqual([2026]);
		expect(proposalYears(db)).toEqual([Number(today().slice(0, 4))]);
		const f = await makeFixture(db);
		saveDraft(f.db, f.actors.workerA, null, draftInput({ submit: false }), [], new Date('2023-05-01T00:00:00Z'));
		expect(proposalYears(db, new Date('2026-06-15T00:00:00Z'))).toEqual([2026]);
	});

	describe('with proposals in a past year', () => {
		let f: Fixture;
		const submitAt = (iso: string, over: Partial<DraftInput> = {}) => saveDraft(f.db, f.actors.workerA, null, draftInput(over), [], new Date(iso)).id;
		const year2025 = { from: '2025-01-01', to: '2025-12-31' };
		const zeroMonths = (y: number, n = 12) => Array.from({ length: n }, (_, i) => ({ month: `${y}-${String(i + 1).padStart(2, '0')}`, submitted: 0, adopted: 0 }));

		beforeEach(async () => {
			f = await makeFixture();
		});

		it('the monthly series has every month of the period, zeros where quiet', () => {
			submitAt('2025-02-10T02:00:00Z');
			submitAt('2025-05-03T02:00:00Z');
			submitAt('2025-05-20T02:00:00Z', { kind: 'invention' });
			saveDraft(f.db, f.actors.workerA, null, draftInput({ submit: false }), [], new Date('2025-07-01T00:00:00Z'));
			const s = proposalStats(f.db, f.actors.admin, { period: year2025 });
			const expected = zeroMonths(2025);
			expected[1].submitted = 1;
			expected[4].submitted = 2;
			expect(s.months).toEqual(expected);
			expect(s.total.submitted).toBe(3);
			expect(s.byKind.filter((k) => k.n > 0)).toEqual([
				{ kind: 'rationalisation', n: 2 },
				{ kind: 'invention', n: 1 }
			]);
			expect(s.period).toEqual(year2025);
			// the public summary is the same series for the federation
			expect(publicProposalSummary(f.db, 2025).months).toEqual(expected);
			expect(proposalYears(f.db, new Date('2026-06-15T00:00:00Z'))).toEqual([2026, 2025]);
		});

		it('a past year with nothing submitted still lists its twelve months as zero', () => {
			expect(proposalStats(f.db, f.actors.admin, { period: { from: '2024-01-01', to: '2024-12-31' } }).months).toEqual(zeroMonths(2024));
		});

		it('a shorter period lists only its months; one in the future lists none', () => {
			submitAt('2025-05-03T02:00:00Z');
			const s = proposalStats(f.db, f.actors.admin, { period: { from: '2025-03-15', to: '2025-06-10' } });
			expect(s.months).toEqual([
				{ month: '2025-03', submitted: 0, adopted: 0 },
				{ month: '2025-04', submitted: 0, adopted: 0 },
				{ month: '2025-05', submitted: 1, adopted: 0 },
				{ month: '2025-06', submitted: 0, adopted: 0 }
			]);
			expect(proposalStats(f.db, f.actors.admin, { period: { from: '2099-01-01', to: '2099-12-31' } }).months).toEqual([]);
		});

		it('counts by the Beijing calendar at the edges of months and of the year', () => {
			submitAt('2024-12-31T16:30:00Z'); // 2025-01-01 00:30 Beijing
			submitAt('2025-01-31T16:30:00Z'); // 2025-02-01 00:30 Beijing
			submitAt('2025-01-31T15:59:59Z'); // 2025-01-31 23:59:59 Beijing
			submitAt('2025-12-31T15:59:59Z'); // 2025-12-31 23:59:59 Beijing
			submitAt('2025-12-31T16:00:00Z'); // 2026-01-01 00:00 Beijing: not 2025
			const s = proposalStats(f.db, f.actors.admin, { period: year2025 });
			const expected = zeroMonths(2025);
			expected[0].submitted = 2;
			expected[1].submitted = 1;
			expected[11].submitted = 1;
			expect(s.months).toEqual(expected);
			expect(s.total.submitted).toBe(4);
			const serials = f.db.select({ serial: proposals.serial }).from(proposals).orderBy(proposals.id).all().map((p) => p.serial);
			expect(serials).toEqual(['EA1-2025-0001', 'EA1-2025-0002', 'EA1-2025-0003', 'EA1-2025-0004', 'EA1-2026-0001']);
			expect(proposalYears(f.db, new Date('2026-06-15T00:00:00Z'))).toEqual([2026, 2025]);
			expect(publicProposalSummary(f.db, 2026).total.submitted).toBe(1);
		});

		it('the current year runs to the current month only', () => {
			const s = proposalStats(f.db, f.actors.admin, {});
			const now = today();
			const months = s.months.map((m) => m.month);
			expect(s.period).toEqual({ from: `${now.slice(0, 4)}-01-01`, to: `${now.slice(0, 4)}-12-31` });
			expect(months[0]).toBe(`${now.slice(0, 4)}-01`);
			expect(months.at(-1)).toBe(now.slice(0, 7));
			expect(months).toHaveLength(Number(now.slice(5, 7)));
		});

		it('with an explicit `now`, the series of the default period stops at the month of `now`', () => {
			submitAt('2025-02-10T02:00:00Z');
			const s = proposalStats(f.db, f.actors.admin, {}, new Date('2025-06-15T00:00:00Z'));
			expect(s.period).toEqual(year2025);
			expect(s.months.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
		});
	});
});

/* ------------------------------------------------------------------ form → service */

describe('a parsed draft form reaches the service', () => {
	it('a co-proposer share that is not a number is reported by saveDraft as a range problem, nothing stored', async () => {
		const f = await makeFixture();
		actorOf(f.db, insertAccount(f.db, f.w.ta1c, 'x'));
		const d = ok(parseForm(draftSchema, form({ ...validDraft, ownShare: '60', 'coNo[]': ['1003'], 'coShare[]': ['四十'], intent: 'submit' })));
		const e = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, d));
		expect(e.errors).toEqual({ shares: '每人贡献比例须为 1–100 的整数' });
		const blankOwn = ok(parseForm(draftSchema, form({ ...validDraft, ownShare: '' })));
		expect((await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, blankOwn))).errors).toEqual({ shares: '每人贡献比例须为 1–100 的整数' });
		const noNumber = ok(parseForm(draftSchema, form({ ...validDraft, ownShare: '60', 'coNo[]': [''], 'coShare[]': ['40'] })));
		expect((await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, noNumber))).errors).toEqual({ co0: ERR_REQUIRED, shares: '贡献比例合计须为 100%，现为 60%' });
		expect(countRows(f.db, 'proposals')).toBe(0);
		const good = ok(parseForm(draftSchema, form({ ...validDraft, ownShare: '60', 'coNo[]': ['1003', ''], 'coShare[]': ['40', ''], intent: 'submit' })));
		const id = saveDraft(f.db, f.actors.workerA, null, good).id;
		expect(f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.status).toBe('submitted');
	});

	it('a queue filter from the address drives the queue', async () => {
		const f = await makeFixture();
		const now = new Date('2026-03-01T02:00:00Z');
		const a = saveDraft(f.db, f.actors.workerA, null, draftInput(), [], now).id;
		const b = saveDraft(f.db, f.actors.workerA, null, draftInput({ title: '数控机床换刀改进', kind: 'innovation', category: 'quality', problem: '换刀时间长', solution: '改进刀库' }), [], now).id;
		const ids = (qs: string) => proposalQueue(f.db, f.actors.officerEA1, Q(qs), now).rows.map((r) => r.id);
		expect(ids('?status=bogus&kind=nope&sort=weird').sort()).toEqual([a, b].sort());
		expect(ids('?kind=innovation')).toEqual([b]);
		expect(ids('?status=open&sort=submitted_asc')).toEqual([a, b]);
		expect(ids('?status=review')).toEqual([]);
		expect(ids('?from=2026-03-01&to=2026-03-01').sort()).toEqual([a, b].sort());
		expect(ids('?from=2026-03-02')).toEqual([]);
		expect(ids(`?q=${encodeURIComponent('刀库')}`)).toEqual([b]);
	});
});
