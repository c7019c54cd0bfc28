import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditSince, countRows, insertAccount, insertWorker, lastAuditId, makeFixture, actorOf, thrown, type Fixture } from './helpers';
import { ForbiddenError, NotSignedInError, RuleError } from '$lib/server/errors';
import { proposals, proposalRewardShares, notifications } from '$lib/server/db/schema';
import { saveDraft, supportProposal, deleteDraft } from '$lib/server/proposals/drafts';
import { takeStep } from '$lib/server/proposals/workflow';
import { assignReviewers, submitReview, unassignReviewer } from '$lib/server/proposals/reviews';
import { myProposals, proposalDetail, proposalFile, proposalQueue, similarProposals, draftForEdit } from '$lib/server/proposals/queries';
import { proposalStats, publicProposalSummary } from '$lib/server/proposals/stats';
import { updateProposalSettings } from '$lib/server/proposals/settings';
import { proposalSettingsOf } from '$lib/server/proposals/context';
import { unreadCount } from '$lib/server/notifications';
import type { DraftInput } from '$lib/server/proposals/forms';
import type { Actor } from '$lib/server/auth/actor';
import { CLOSED_STATUSES, DEFAULT_REWARD_TABLE, PROPOSAL_STATUSES } from '$lib/domain/proposals';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
	kind: 'rationalisation',
	category: 'energy',
	title: '空压机余热回收用于车间供暖',
	problem: '空压机运行时大量热量直接排放，冬季车间供暖另耗蒸汽。',
	solution: '加装板式换热器，将余热接入车间暖气管网。',
	expectedBenefit: '每年节约蒸汽约 800 吨',
	ownShare: 100,
	coauthors: [],
	removeFiles: [],
	submit: true,
	...over
});

let f: Fixture;
let coauthor: Actor;
let reviewer: Actor;
let reviewer2: Actor;
let finance: Actor;
let colleague: Actor;

beforeEach(async () => {
	f = await makeFixture();
	const hash = 'x';
	// 赵六 (1003) works with workerA in EA1; a reviewer and finance sit in EA1 too.
	coauthor = actorOf(f.db, insertAccount(f.db, f.w.ta1c, hash));
	colleague = actorOf(f.db, insertAccount(f.db, f.w.ta1b, hash));
	reviewer = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.WA1, f.u.EA1, 'R001', '评审甲'), hash));
	reviewer2 = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.WA1, f.u.EA1, 'R002', '评审乙'), hash));
	finance = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.EA1, f.u.EA1, 'F001', '财务丙'), hash, [{ role: 'finance', unitId: f.u.EA1.id }]));
});

function submitWithCoauthor() {
	return saveDraft(f.db, f.actors.workerA, null, draft({ ownShare: 60, coauthors: [{ employeeNo: '1003', share: 40 }] }), [{ name: 'photo.png', bytes: PNG }]).id;
}

function throughReview(id: number) {
	assignReviewers(f.db, f.actors.officerEA1, { proposalIds: [id], employeeNos: ['R001', 'R002'], userIds: [] });
	submitReview(f.db, reviewer, id, { marks: { novelty: 27, feasibility: 23, benefit: 22, spread: 18 }, recommendation: 'adopt', note: '可行，建议推广' });
	submitReview(f.db, reviewer2, id, { marks: { novelty: 24, feasibility: 20, benefit: 20, spread: 16 }, recommendation: 'adopt', note: '' });
}

function toConfirmed(id: number, quantity = 800, priceFen = 25_000) {
	throughReview(id);
	takeStep(f.db, f.actors.officerEA1, id, { action: 'adopt', note: '采纳' });
	takeStep(f.db, f.actors.officerEA1, id, { action: 'start' });
	takeStep(f.db, f.actors.officerEA1, id, { action: 'trial', trialFrom: '2026-01-05' });
	takeStep(f.db, f.actors.officerEA1, id, {
		action: 'assess',
		lines: [
			{ label: '节约蒸汽', kind: 'saving', quantity, unit: '吨', unitPriceFen: priceFen },
			{ label: '换热器及安装', kind: 'cost', quantity: 1, unit: '套', unitPriceFen: 3_000_000 }
		]
	});
	takeStep(f.db, finance, id, { action: 'confirm' });
}

describe('submission', () => {
	it('numbers a submitted proposal unit code-year-sequence, keeps authors, shares and a sniffed attachment', () => {
		const id = submitWithCoauthor();
		const p = f.db.select().from(proposals).where(eq(proposals.id, id)).get()!;
		const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
		expect(p.serial).toBe(`EA1-${year}-0001`);
		expect(p.status).toBe('submitted');
		expect(p.handlingUnitId).toBe(f.u.EA1.id);
		expect(p.dueAt!.getTime() - p.stateSince.getTime()).toBe(7 * 86_400_000);
		const second = saveDraft(f.db, f.actors.workerA, null, draft({ title: '第二条' })).id;
		expect(f.db.select().from(proposals).where(eq(proposals.id, second)).get()!.serial).toBe(`EA1-${year}-0002`);
		const d = proposalDetail(f.db, coauthor, id);
		expect(d.authors.map((a) => [a.name, a.share])).toEqual([
			['张三', 60],
			['赵六', 40]
		]);
		expect(d.files).toEqual([{ id: expect.any(Number), name: 'photo.png', type: 'image/png', size: PNG.length }]);
		expect(unreadCount(f.db, coauthor)).toBe(1);
	});

	it('refuses shares not totalling 100 %, an unknown or repeated co-proposer, and stores nothing', async () => {
		const before = countRows(f.db, 'proposals');
		const e1 = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, draft({ ownShare: 60, coauthors: [{ employeeNo: '1003', share: 30 }] })));
		expect(e1.errors.shares).toBe('贡献比例合计须为 100%，现为 90%');
		const e2 = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, draft({ ownShare: 50, coauthors: [{ employeeNo: '3001', share: 50 }] })));
		expect(e2.errors.co0).toBe('本单位没有工号为 3001 的职工');
		const e3 = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, draft({ ownShare: 50, coauthors: [{ employeeNo: '1001', share: 50 }] })));
		expect(e3.errors.co0).toBe('同一人不能重复列为建议人');
		const e4 = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, draft({ ownShare: 0 })));
		expect(e4.errors.shares).toBe('每人贡献比例须为 1–100 的整数');
		expect(countRows(f.db, 'proposals')).toBe(before);
	});

	it('checks attachments by content and size, not by name', async () => {
		const script = new TextEncoder().encode('<script>alert(1)</script>');
		const e = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, draft(), [{ name: 'photo.jpg', bytes: script }]));
		expect(e.errors.files).toBe('「photo.jpg」不是图片（JPG/PNG/WebP）或 PDF 文件');
		const big = new Uint8Array(8 * 1024 * 1024 + 1);
		big.set(PNG);
		const e2 = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, null, draft(), [{ name: 'big.png', bytes: big }]));
		expect(e2.errors.files).toBe('「big.png」超过 8 MB');
		expect(countRows(f.db, 'proposals')).toBe(0);
		expect(countRows(f.db, 'proposal_files')).toBe(0);
	});

	it('keeps a draft private to its writer until submitted, then editing stops', async () => {
		const id = saveDraft(f.db, f.actors.workerA, null, draft({ submit: false, problem: '' })).id;
		expect(draftForEdit(f.db, f.actors.workerA, id).p.title).toBe('空压机余热回收用于车间供暖');
		await thrown(ForbiddenError, () => proposalDetail(f.db, colleague, id));
		await thrown(ForbiddenError, () => proposalDetail(f.db, f.actors.officerEA1, id));
		await thrown(ForbiddenError, () => draftForEdit(f.db, f.actors.workerB, id));
		const e = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, id, draft({ problem: '' })));
		expect(e.errors.problem).toBe('此项必填');
		saveDraft(f.db, f.actors.workerA, id, draft());
		expect(f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.status).toBe('submitted');
		const e2 = await thrown(RuleError, () => saveDraft(f.db, f.actors.workerA, id, draft({ title: '改标题' })));
		expect(e2.errors._).toBe('建议已提交，不能再修改');
		await thrown(RuleError, () => deleteDraft(f.db, f.actors.workerA, id));
	});

	it('suggests similar proposals of the same enterprise by a two-character word, never drafts or other enterprises', () => {
		const id = saveDraft(f.db, f.actors.workerA, null, draft()).id;
		saveDraft(f.db, f.actors.workerA, null, draft({ title: '余热回收草稿', submit: false }));
		saveDraft(f.db, f.actors.workerB, null, draft({ title: '水厂余热回收' }));
		const found = similarProposals(f.db, colleague, '余热利用');
		expect(found.map((p) => p.id)).toEqual([id]);
		expect(similarProposals(f.db, colleague, '光伏发电')).toEqual([]);
	});
});

describe('support (附议)', () => {
	it('lets a colleague support once, never an author or another enterprise', async () => {
		const id = submitWithCoauthor();
		supportProposal(f.db, colleague, id);
		expect(f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.supports).toBe(1);
		const twice = await thrown(RuleError, () => supportProposal(f.db, colleague, id));
		expect(twice.errors._).toBe('您已附议过该建议');
		const own = await thrown(RuleError, () => supportProposal(f.db, coauthor, id));
		expect(own.errors._).toBe('不能附议自己的建议');
		await thrown(ForbiddenError, () => supportProposal(f.db, f.actors.workerB, id));
		await thrown(NotSignedInError, () => supportProposal(f.db, null, id));
		expect(f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.supports).toBe(1);
	});
});

describe('the workflow', () => {
	it('runs from submission to a reward split between both proposers, with a timeline, audit and notifications', () => {
		const id = submitWithCoauthor();
		const audit = lastAuditId(f.db);
		toConfirmed(id);
		// (800 t × 250.00 元) − 30,000.00 元 = 170,000.00 元 a year
		const d = proposalDetail(f.db, f.actors.officerEA1, id);
		expect(d.status).toBe('confirmed');
		expect(d.benefit!.annualFen).toBe(17_000_000);
		expect(d.meanScore).toBe(85);
		expect(d.suggestedGrade).toBe('second');
		expect(d.steps).toEqual(['reward']);
		takeStep(f.db, f.actors.officerEA1, id, { action: 'reward', grade: 'second' });
		const paid = proposalDetail(f.db, coauthor, id);
		expect(paid.rewards).toHaveLength(1);
		expect(paid.rewards[0].amountFen).toBe(500_000);
		expect(paid.rewards[0].shares.map((s) => s.amountFen)).toEqual([300_000, 200_000]);
		expect(paid.timeline.map((e) => e.action)).toEqual(['submit', 'assign', 'adopt', 'start', 'trial', 'assess', 'confirm', 'reward']);
		// the proposers never see the reviewers' names, marks or notes
		expect(paid.reviews).toEqual([]);
		expect(JSON.stringify(paid.timeline)).not.toContain('评审甲');
		const officerView = proposalDetail(f.db, f.actors.officerEA1, id);
		expect(officerView.reviews.map((r) => r.note)).toEqual(['可行，建议推广', null]);
		const actions = auditSince(f.db, audit).map((a) => a.action);
		expect(actions).toEqual([
			'proposal.assign',
			'proposal.review',
			'proposal.review',
			'proposal.adopt',
			'proposal.start',
			'proposal.trial',
			'proposal.assess',
			'proposal.confirm',
			'proposal.reward'
		]);
		const coauthorNotes = f.db.select().from(notifications).where(eq(notifications.userId, coauthor.userId)).all();
		expect(coauthorNotes.map((n) => n.kind)).toEqual([
			'proposal_step', // named as co-proposer
			'proposal_step', // assign
			'proposal_step', // adopt
			'proposal_step', // start
			'proposal_step', // trial
			'proposal_step', // assess
			'proposal_step', // confirm
			'proposal_step', // reward
			'proposal_reward'
		]);
		expect(coauthorNotes.at(-1)!.params).toMatchObject({ grade: '二等奖', amountFen: 200_000 });
	});

	it('a re-grade pays only the difference; the same or a lower grade is refused; rewarding twice is refused', async () => {
		const id = submitWithCoauthor();
		toConfirmed(id, 2400, 25_000); // 600,000 − 30,000 = 570,000 元 → first grade by benefit
		takeStep(f.db, f.actors.officerEA1, id, { action: 'reward', grade: 'third' });
		const twice = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'reward', grade: 'third' }));
		expect(twice.errors._).toBe('建议当前状态不能进行此操作');
		const same = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'regrade', grade: 'third', note: '复核' }));
		expect(same.errors.grade).toBe('重新定级须高于已发奖励等级，同一奖励不重复发放');
		const noReason = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'regrade', grade: 'first' }));
		expect(noReason.errors.note).toBe('请填写原因（答复）');
		const tooHigh = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'regrade', grade: 'special', note: '复核' }));
		expect(tooHigh.errors.grade).toBe('经确认的效益或评审得分达不到该奖励等级');
		takeStep(f.db, f.actors.officerEA1, id, { action: 'regrade', grade: 'first', note: '效益复核后提级' });
		const d = proposalDetail(f.db, f.actors.workerA, id);
		expect(d.rewards.map((r) => r.amountFen)).toEqual([200_000, 800_000]);
		expect(d.rewards[1].shares.map((s) => s.amountFen)).toEqual([480_000, 320_000]);
		const total = f.db.select().from(proposalRewardShares).all().reduce((a, s) => a + s.amountFen, 0);
		expect(total).toBe(DEFAULT_REWARD_TABLE[1].amountFen);
		const lower = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'regrade', grade: 'second', note: 'x' }));
		expect(lower.errors.grade).toBe('重新定级须高于已发奖励等级，同一奖励不重复发放');
	});

	it('requires a written reason to reject, reserve or answer, and refuses steps from the wrong state or role', async () => {
		const id = submitWithCoauthor();
		const before = lastAuditId(f.db);
		const answer = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'answer', note: '  ' }));
		expect(answer.errors.note).toBe('请填写原因（答复）');
		const early = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'adopt' }));
		expect(early.errors._).toBe('建议当前状态不能进行此操作');
		throughReview(id);
		const reject = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'reject' }));
		expect(reject.errors.note).toBe('请填写原因（答复）');
		await thrown(ForbiddenError, () => takeStep(f.db, f.actors.workerA, id, { action: 'adopt' }));
		await thrown(ForbiddenError, () => takeStep(f.db, f.actors.officerDB, id, { action: 'adopt' }));
		await thrown(ForbiddenError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'confirm' }));
		expect(f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.status).toBe('review');
		expect(auditSince(f.db, before).map((a) => a.action)).toEqual(['proposal.assign', 'proposal.review', 'proposal.review']);
		takeStep(f.db, f.actors.officerEA1, id, { action: 'reject', note: '已有同类改造在实施' });
		const d = proposalDetail(f.db, f.actors.workerA, id);
		expect(d.status).toBe('rejected');
		expect(d.decisionNote).toBe('已有同类改造在实施');
	});

	it('answers an opinion and closes it; an adopted decision waits for every reviewer', async () => {
		const id = submitWithCoauthor();
		takeStep(f.db, f.actors.officerEA1, id, { action: 'answer', note: '已转食堂改进菜品' });
		expect(proposalDetail(f.db, f.actors.workerA, id).status).toBe('answered');
		const id2 = saveDraft(f.db, f.actors.workerA, null, draft({ title: '第二条' })).id;
		assignReviewers(f.db, f.actors.officerEA1, { proposalIds: [id2], employeeNos: ['R001', 'R002'], userIds: [] });
		submitReview(f.db, reviewer, id2, { marks: { novelty: 20, feasibility: 20, benefit: 20, spread: 10 }, recommendation: 'adopt', note: '' });
		const e = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id2, { action: 'adopt' }));
		expect(e.errors._).toBe('还有 1 位评审人未提交评分');
		unassignReviewer(f.db, f.actors.officerEA1, id2, reviewer2.userId);
		takeStep(f.db, f.actors.officerEA1, id2, { action: 'adopt' });
		expect(proposalDetail(f.db, f.actors.workerA, id2).status).toBe('adopted');
	});

	it('reviewers: only assigned ones score, marks are checked, an author cannot review', async () => {
		const id = submitWithCoauthor();
		const self = await thrown(RuleError, () => assignReviewers(f.db, f.actors.officerEA1, { proposalIds: [id], employeeNos: ['1003'], userIds: [] }));
		expect(self.errors.proposals).toBe(`赵六 是 ${proposalDetail(f.db, f.actors.workerA, id).serial} 的建议人，不能评审`);
		const unknown = await thrown(RuleError, () => assignReviewers(f.db, f.actors.officerEA1, { proposalIds: [id], employeeNos: ['R001', '9999'], userIds: [] }));
		expect(unknown.errors.reviewers).toBe('找不到可指派的评审人：9999');
		assignReviewers(f.db, f.actors.officerEA1, { proposalIds: [id], employeeNos: ['R001'], userIds: [] });
		await thrown(ForbiddenError, () => submitReview(f.db, reviewer2, id, { marks: { novelty: 1, feasibility: 1, benefit: 1, spread: 1 }, recommendation: 'adopt', note: '' }));
		const bad = await thrown(RuleError, () => submitReview(f.db, reviewer, id, { marks: { novelty: 31, feasibility: 1, benefit: -1, spread: 1.5 }, recommendation: 'adopt', note: '' }));
		expect(Object.keys(bad.errors)).toEqual(['mark_novelty', 'mark_benefit', 'mark_spread']);
		expect(bad.errors.mark_novelty).toBe('请输入 0 到 30 之间的整数');
	});

	it('forwards to the parent union, whose officers then handle it; the enterprise officer still reads it', async () => {
		const id = submitWithCoauthor();
		const e = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'forward' }));
		expect(e.errors.note).toBe('请填写原因（答复）');
		takeStep(f.db, f.actors.officerEA1, id, { action: 'forward', note: '涉及区属多家企业，超出本单位权限' });
		expect(f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.handlingUnitId).toBe(f.u.DA.id);
		await thrown(ForbiddenError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'accept' }));
		expect(proposalDetail(f.db, f.actors.officerEA1, id).full).toBe(true);
		takeStep(f.db, f.actors.officerDA, id, { action: 'accept' });
		expect(proposalQueue(f.db, f.actors.officerEA1, {}).rows.map((r) => r.id)).toEqual([]);
		expect(proposalQueue(f.db, f.actors.officerDA, {}).rows.map((r) => r.id)).toEqual([id]);
	});

	it('merges a duplicate into an earlier proposal: both histories kept, the merged authors follow the earlier one', async () => {
		const first = saveDraft(f.db, f.actors.workerA, null, draft()).id;
		const dup = saveDraft(f.db, colleague, null, draft({ title: '余热回收供暖' })).id;
		const serialOf = (id: number) => f.db.select().from(proposals).where(eq(proposals.id, id)).get()!.serial!;
		const later = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, first, { action: 'merge', into: serialOf(dup), note: '重复' }));
		expect(later.errors.into).toBe('只能并入更早提交的建议');
		takeStep(f.db, f.actors.officerEA1, dup, { action: 'merge', into: serialOf(first), note: '与先提交的建议内容相同' });
		const d = proposalDetail(f.db, colleague, dup);
		expect(d.status).toBe('merged');
		expect(d.mergedInto!.id).toBe(first);
		const target = proposalDetail(f.db, colleague, first);
		expect(target.full).toBe(true); // an author of a merged proposal reads the earlier one in full
		expect(target.merged.map((m) => m.id)).toEqual([dup]);
		expect(target.timeline.at(-1)!.data).toMatchObject({ from: serialOf(dup), authors: ['王五'] });
		takeStep(f.db, f.actors.officerEA1, first, { action: 'accept' });
		expect(f.db.select().from(notifications).where(eq(notifications.userId, colleague.userId)).all().at(-1)!.params).toMatchObject({ action: 'accept' });
	});

	it('finance returns an assessment with a reason; only finance over the unit confirms', async () => {
		const id = submitWithCoauthor();
		throughReview(id);
		takeStep(f.db, f.actors.officerEA1, id, { action: 'adopt' });
		takeStep(f.db, f.actors.officerEA1, id, { action: 'start' });
		const future = await thrown(RuleError, () => takeStep(f.db, f.actors.officerEA1, id, { action: 'trial', trialFrom: '2999-01-01' }));
		expect(future.errors.trialFrom).toBe('试用开始日期须为今天或以前');
		takeStep(f.db, f.actors.officerEA1, id, { action: 'trial', trialFrom: '2026-03-01' });
		takeStep(f.db, f.actors.officerEA1, id, { action: 'assess', lines: [{ label: '节电', kind: 'saving', quantity: 12000.5, unit: 'kWh', unitPriceFen: 65 }] });
		expect(unreadCount(f.db, finance)).toBe(1);
		await thrown(ForbiddenError, () => takeStep(f.db, f.actors.officerDB, id, { action: 'confirm' }));
		await thrown(RuleError, () => takeStep(f.db, finance, id, { action: 'return' }));
		takeStep(f.db, finance, id, { action: 'return', note: '电价应按峰谷平均价计算' });
		expect(proposalDetail(f.db, f.actors.workerA, id).status).toBe('trial');
		takeStep(f.db, f.actors.officerEA1, id, { action: 'assess', lines: [{ label: '节电', kind: 'saving', quantity: 12000.5, unit: 'kWh', unitPriceFen: 58 }] });
		takeStep(f.db, finance, id, { action: 'confirm' });
		const d = proposalDetail(f.db, f.actors.workerA, id);
		expect(d.benefit!.annualFen).toBe(696_029); // 12000.5 × 0.58 元 = 6,960.29 元
		expect(d.benefit!.periodFrom.toISOString()).toBe('2026-02-28T16:00:00.000Z');
		expect(d.benefit!.periodTo.toISOString()).toBe('2027-02-28T16:00:00.000Z');
	});
});

describe('who sees what', () => {
	it('a colleague reads the proposal but not its files, timeline or reward; another enterprise nothing', async () => {
		const id = submitWithCoauthor();
		const view = proposalDetail(f.db, colleague, id);
		expect(view.full).toBe(false);
		expect(view.title).toBe('空压机余热回收用于车间供暖');
		expect(view.files).toEqual([]);
		expect(view.timeline).toEqual([]);
		expect(view.authors.every((a) => a.employeeNo === null)).toBe(true);
		expect(view.canSupport).toBe(true);
		const fileId = proposalDetail(f.db, f.actors.workerA, id).files[0].id;
		await thrown(ForbiddenError, () => proposalFile(f.db, colleague, id, fileId));
		expect(proposalFile(f.db, coauthor, id, fileId).type).toBe('image/png');
		await thrown(ForbiddenError, () => proposalDetail(f.db, f.actors.workerB, id));
		await thrown(ForbiddenError, () => proposalDetail(f.db, f.actors.officerDB, id));
		expect(proposalDetail(f.db, f.actors.officerDA, id).full).toBe(true);
	});

	it('the queue filters by status, kind, overdue and a two-character word, and pages', () => {
		const a = submitWithCoauthor();
		const b = saveDraft(f.db, f.actors.workerA, null, draft({ title: '数控机床换刀改进', kind: 'innovation', category: 'quality', problem: '换刀时间长', solution: '改进刀库' })).id;
		const q = (filter: Parameters<typeof proposalQueue>[2]) => proposalQueue(f.db, f.actors.officerEA1, filter).rows.map((r) => r.id);
		expect(q({})).toEqual([b, a]);
		expect(q({ kind: 'innovation' })).toEqual([b]);
		expect(q({ q: '刀库' })).toEqual([b]);
		expect(q({ q: '余热' })).toEqual([a]);
		expect(q({ status: 'review' })).toEqual([]);
		expect(q({ overdue: true })).toEqual([]);
		expect(proposalQueue(f.db, f.actors.officerEA1, { overdue: true }, new Date(Date.now() + 8 * 86_400_000)).rows.map((r) => r.id)).toEqual([b, a]);
		expect(q({ sort: 'submitted_asc' })).toEqual([a, b]);
		expect(proposalQueue(f.db, f.actors.officerDB, {}).rows).toEqual([]);
		expect(myProposals(f.db, coauthor).map((r) => r.id)).toEqual([a]);
	});

	it('"open" and "overdue" are every state but the closed ones (and drafts), named one by one', () => {
		const a = submitWithCoauthor();
		const q = (filter: Parameters<typeof proposalQueue>[2]) => proposalQueue(f.db, f.actors.officerEA1, filter).rows.map((r) => r.id);
		const past = new Date(Date.now() - 86_400_000);
		for (const status of PROPOSAL_STATUSES) {
			f.db.update(proposals).set({ status, dueAt: past }).where(eq(proposals.id, a)).run();
			const open = !CLOSED_STATUSES.includes(status);
			expect({ status, open: q({ status: 'open' }) }).toEqual({ status, open: open ? [a] : [] });
			expect({ status, overdue: q({ overdue: true }) }).toEqual({ status, overdue: open ? [a] : [] });
			expect(proposalQueue(f.db, f.actors.officerEA1, { status: 'open' }).total).toBe(open ? 1 : 0);
		}
	});
});

describe('statistics', () => {
	it('counts per unit: submitted, per 100 workers, adoption and implementation, benefit, rewards, median days', () => {
		const id = submitWithCoauthor();
		toConfirmed(id);
		takeStep(f.db, f.actors.officerEA1, id, { action: 'reward', grade: 'second' });
		const other = saveDraft(f.db, f.actors.workerA, null, draft({ title: '另一条' })).id;
		takeStep(f.db, f.actors.officerEA1, other, { action: 'answer', note: '意见已转交' });
		saveDraft(f.db, f.actors.workerB, null, draft({ title: '水厂建议' }));
		const s = proposalStats(f.db, f.actors.officerDA, {});
		expect(s.root.name).toBe('东区总工会');
		const ea1 = s.rows.find((r) => r.name === '东区机械厂工会')!;
		expect(ea1).toMatchObject({ submitted: 2, adopted: 1, adoptedRate: 50, implemented: 1, implementedRate: 100, benefitFen: 17_000_000, rewardsFen: 500_000 });
		expect(ea1.workers).toBe(7);
		expect(ea1.per100).toBe(28.6);
		expect(ea1.medianDays).toBe(0);
		expect(s.total.submitted).toBe(2);
		const pub = publicProposalSummary(f.db, Number(s.period.from.slice(0, 4)));
		expect(pub.total.submitted).toBe(3);
		expect(JSON.stringify(pub)).not.toContain('空压机');
	});

	it('the admin sets the reward table; a broken table is refused', async () => {
		const table = [...DEFAULT_REWARD_TABLE].reverse();
		const e = await thrown(RuleError, () => updateProposalSettings(f.db, f.actors.admin, { deadlines: {}, rewardTable: table, scorecard: proposalSettingsOf(f.db).scorecard }));
		expect(e.errors.rewardTable).toBe('奖励等级须按金额从高到低排列');
		await thrown(ForbiddenError, () => updateProposalSettings(f.db, f.actors.officerDA, { deadlines: {}, rewardTable: DEFAULT_REWARD_TABLE, scorecard: [] }));
		updateProposalSettings(f.db, f.actors.admin, { deadlines: { submitted: 3 }, rewardTable: DEFAULT_REWARD_TABLE.slice(1), scorecard: proposalSettingsOf(f.db).scorecard });
		expect(proposalSettingsOf(f.db).deadlines).toEqual({ submitted: 3 });
		const id = saveDraft(f.db, f.actors.workerA, null, draft()).id;
		const p = f.db.select().from(proposals).where(eq(proposals.id, id)).get()!;
		expect(p.dueAt!.getTime() - p.stateSince.getTime()).toBe(3 * 86_400_000);
	});
});
