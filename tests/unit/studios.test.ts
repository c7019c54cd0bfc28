import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actorOf, auditSince, countRows, insertAccount, insertWorker, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';
import { ForbiddenError, RuleError } from '$lib/server/errors';
import { studios } from '$lib/server/db/schema';
import { recordHonour, revokeHonour } from '$lib/server/studios/honours';
import { registerStudio, updateStudio, type StudioInput } from '$lib/server/studios/registry';
import { studioStepsFor, takeStudioStep } from '$lib/server/studios/designation';
import { logAchievement, removeAchievement } from '$lib/server/studios/achievements';
import { assessmentOf, assignStudioReviewers, markStudio, recordIncidents, setSheet, studioLeaderboard } from '$lib/server/studios/assessment';
import { studioDetail, studioPublic, studioRegistry, studioReviewsFor, studioShowcase } from '$lib/server/studios/public';
import { approveProfile, modelGallery, modelProfile, profilesToApprove, saveOwnProfile } from '$lib/server/studios/profiles';
import { DEFAULT_INDICATORS } from '$lib/domain/studios';
import type { Actor } from '$lib/server/auth/actor';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const YEAR = 2026;
const NOW = new Date('2026-11-20T04:00:00Z');

let f: Fixture;
let reviewer: Actor;
let leaderActor: Actor;

const input = (over: Partial<StudioInput> = {}): StudioInput => ({
	name: '张三数控创新工作室',
	type: 'model',
	level: 'enterprise',
	unitId: f.u.EA1.id,
	leaderNo: '1001',
	memberNos: ['1002', '1003'],
	field: '数控加工',
	summary: '攻关精密零件加工难题',
	foundedOn: '2021-05-01',
	fundingFen: 5_000_000,
	...over
});

const honour = (workerId: number, kind: Parameters<typeof recordHonour>[3]['kind'] = 'provincial_model') =>
	recordHonour(f.db, f.actors.officerEA1, workerId, { kind, title: kind === 'provincial_model' ? '省劳动模范' : '技术能手', conferredOn: '2020', body: '省人民政府', citation: '' });

beforeEach(async () => {
	f = await makeFixture();
	reviewer = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.WA1, f.u.EA1, 'R001', '评审甲'), 'x'));
	leaderActor = f.actors.workerA;
});

function designated(level: 'enterprise' | 'city' = 'enterprise', by: Actor = f.actors.officerEA1) {
	honour(f.w.workerA.id);
	const { id } = registerStudio(f.db, f.actors.officerEA1, input(), [{ name: '申报书.png', bytes: PNG }], NOW);
	takeStudioStep(f.db, by, id, { action: 'designate', level, certificateNo: `CZ-${level}-001`, designatedOn: '2026-06-01' }, NOW);
	return id;
}

describe('registering a studio', () => {
	it('refuses a leader without a qualifying honour, and stores nothing', async () => {
		const e = await thrown(RuleError, () => registerStudio(f.db, f.actors.officerEA1, input()));
		expect(e.errors.leaderNo).toBe('张三 没有领办此类工作室所需的荣誉（须为：全国劳动模范、省劳动模范、市劳动模范、全国五一劳动奖章、省五一劳动奖章）');
		// a 技术能手 leads a worker studio, not a model-worker studio
		honour(f.w.workerA.id, 'technical_expert');
		await thrown(RuleError, () => registerStudio(f.db, f.actors.officerEA1, input()));
		expect(countRows(f.db, 'studios')).toBe(0);
		expect(registerStudio(f.db, f.actors.officerEA1, input({ type: 'worker' })).id).toBeGreaterThan(0);
	});

	it('refuses duplicate members, the leader as a member, unknown numbers and a leader already leading', async () => {
		honour(f.w.workerA.id);
		const dup = await thrown(RuleError, () => registerStudio(f.db, f.actors.officerEA1, input({ memberNos: ['1002', '1002'] })));
		expect(dup.errors.members).toBe('成员重复：王五');
		const self = await thrown(RuleError, () => registerStudio(f.db, f.actors.officerEA1, input({ memberNos: ['1001'] })));
		expect(self.errors.members).toBe('成员重复：张三');
		const unknown = await thrown(RuleError, () => registerStudio(f.db, f.actors.officerEA1, input({ memberNos: ['2001'] })));
		expect(unknown.errors.members).toBe('没有工号为 2001 的职工');
		registerStudio(f.db, f.actors.officerEA1, input());
		const busy = await thrown(RuleError, () => registerStudio(f.db, f.actors.officerEA1, input({ name: '第二个' })));
		expect(busy.errors.leaderNo).toBe('张三 已领办「张三数控创新工作室」');
		await thrown(ForbiddenError, () => registerStudio(f.db, f.actors.officerDB, input()));
		expect(countRows(f.db, 'studios')).toBe(1);
	});

	it('refuses materials that are not images or PDFs', async () => {
		honour(f.w.workerA.id);
		const e = await thrown(RuleError, () => registerStudio(f.db, f.actors.officerEA1, input(), [{ name: 'a.pdf', bytes: new TextEncoder().encode('MZ....') }]));
		expect(e.errors.files).toBe('「a.pdf」不是图片（JPG/PNG/WebP）或 PDF 文件');
	});
});

describe('designation', () => {
	it('designates within the union’s authority only; above it is refused and nothing changes', async () => {
		honour(f.w.workerA.id);
		const { id } = registerStudio(f.db, f.actors.officerEA1, input({ level: 'city' }), [], NOW);
		const above = await thrown(RuleError, () => takeStudioStep(f.db, f.actors.officerEA1, id, { action: 'designate', level: 'city', certificateNo: 'X1' }, NOW));
		expect(above.errors.level).toBe('本级工会无权命名市级工作室');
		// a district union's authority is the enterprise level too
		await thrown(RuleError, () => takeStudioStep(f.db, f.actors.officerDA, id, { action: 'designate', level: 'city', certificateNo: 'X1' }, NOW));
		expect(f.db.select().from(studios).where(eq(studios.id, id)).get()!.status).toBe('applied');
		takeStudioStep(f.db, f.actors.admin, id, { action: 'designate', level: 'city', certificateNo: 'JCZGH-2026-001', designatedOn: '2026-06-01' }, NOW);
		const s = f.db.select().from(studios).where(eq(studios.id, id)).get()!;
		expect([s.status, s.level, s.certificateNo, s.designatedOn, s.nextReassessOn]).toEqual(['designated', 'city', 'JCZGH-2026-001', '2026-06-01', '2029-06-01']);
		// a provincial designation is recorded by the federation with who made it
		const noBody = await thrown(RuleError, () => takeStudioStep(f.db, f.actors.admin, id, { action: 'upgrade', level: 'province', certificateNo: 'SZGH-2026-9' }, NOW));
		expect(noBody.errors.designatedBy).toBe('省级、全国级命名须填写命名机关和文号');
		takeStudioStep(f.db, f.actors.admin, id, { action: 'upgrade', level: 'province', certificateNo: 'SZGH-2026-9', designatedBy: '省总工会 省工发〔2026〕9 号' }, NOW);
		expect(f.db.select().from(studios).where(eq(studios.id, id)).get()!.level).toBe('province');
		const lower = await thrown(RuleError, () => takeStudioStep(f.db, f.actors.admin, id, { action: 'upgrade', level: 'city', certificateNo: 'Y' }, NOW));
		expect(lower.errors.level).toBe('升级须高于现有级别');
	});

	it('offers each officer only the steps within their authority', () => {
		const id = designated('city', f.actors.admin);
		expect(studioStepsFor(f.db, f.actors.officerEA1, id)).toEqual([]);
		expect(studioStepsFor(f.db, f.actors.officerDA, id)).toEqual([]);
		expect(studioStepsFor(f.db, f.actors.admin, id)).toEqual(['keep', 'upgrade', 'warn', 'revoke']);
		// an enterprise union reassesses its own enterprise-level studios, but cannot upgrade them
		takeStudioStep(f.db, f.actors.admin, id, { action: 'revoke', note: '测试' }, NOW);
		const other = registerStudio(f.db, f.actors.officerEA1, input({ name: '第二个' }), [], NOW).id;
		takeStudioStep(f.db, f.actors.officerEA1, other, { action: 'designate', level: 'enterprise', certificateNo: 'E-2' }, NOW);
		expect(studioStepsFor(f.db, f.actors.officerEA1, other)).toEqual(['keep', 'warn', 'revoke']);
	});

	it('revocation needs a reason, leaves the showcase and keeps the history', async () => {
		const id = designated();
		expect(studioShowcase(f.db).map((s) => s.id)).toEqual([id]);
		const e = await thrown(RuleError, () => takeStudioStep(f.db, f.actors.officerEA1, id, { action: 'revoke', note: ' ' }, NOW));
		expect(e.errors.note).toBe('请填写原因');
		takeStudioStep(f.db, f.actors.officerEA1, id, { action: 'warn', note: '全年无新成果' }, NOW);
		expect(studioShowcase(f.db).map((s) => s.id)).toEqual([id]);
		const before = lastAuditId(f.db);
		takeStudioStep(f.db, f.actors.officerEA1, id, { action: 'revoke', note: '复评不合格，整改期满仍无成果' }, NOW);
		expect(auditSince(f.db, before).map((a) => a.action)).toEqual(['studio.revoke']);
		expect(studioShowcase(f.db)).toEqual([]);
		expect(studioPublic(f.db, id)).toBeNull();
		const d = studioDetail(f.db, f.actors.officerEA1, id, YEAR);
		expect(d.history.map((h) => h.action)).toEqual(['apply', 'designate', 'warn', 'revoke']);
		expect(d.history.at(-1)!.note).toBe('复评不合格，整改期满仍无成果');
		await thrown(RuleError, () => takeStudioStep(f.db, f.actors.officerEA1, id, { action: 'keep' }, NOW));
	});
});

describe('achievements and the yearly assessment', () => {
	it('logs achievements, scores them on the sheet with reviewers’ marks and deductions, and ranks studios', async () => {
		const id = designated();
		await thrown(RuleError, () => logAchievement(f.db, f.actors.officerEA1, id, { kind: 'patent', title: '一种夹具', on: '2026-03-02' }, NOW));
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'patent', title: '一种快换夹具', on: '2026-03-02', number: 'ZL202610001234.5', patentType: 'utility' }, NOW);
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'technique', title: '张三薄壁件车削法', on: '2026-04-10' }, NOW);
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'apprentice', title: '带徒', on: '2026-05-01', count: 4 }, NOW);
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'benefit', title: '年节约刀具费', on: '2026-09-01', benefitFen: 12_500_000 }, NOW);
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'patent', title: '去年的专利', on: '2025-12-31', number: 'ZL2025', patentType: 'invention' }, NOW);
		const proposal = await thrown(RuleError, () => logAchievement(f.db, f.actors.officerEA1, id, { kind: 'proposal', title: '建议', on: '2026-05-01', proposalSerial: 'EA1-2026-0001' }, NOW));
		expect(proposal.errors.proposalSerial).toBe('找不到已采纳的该编号建议，或不属于本工作室所在单位');
		await thrown(ForbiddenError, () => markStudio(f.db, reviewer, id, YEAR, 'assessment', { operation: 16 }, ''));
		assignStudioReviewers(f.db, f.actors.officerEA1, id, YEAR, 'assessment', ['R001', 'E001'], NOW);
		const bad = await thrown(RuleError, () => markStudio(f.db, reviewer, id, YEAR, 'assessment', { operation: 21 }, ''));
		expect(bad.errors.mark_operation).toBe('请输入 0 到 20 之间的数，最多一位小数');
		markStudio(f.db, reviewer, id, YEAR, 'assessment', { operation: 16 }, '运行规范', NOW);
		markStudio(f.db, f.actors.officerEA1, id, YEAR, 'assessment', { operation: 17.5 }, '', NOW);
		recordIncidents(f.db, f.actors.officerEA1, id, YEAR, { safety: 1 }, NOW);
		const a = assessmentOf(f.db, id, YEAR);
		// patent 5, technique 5, apprentices 4, benefit 12 (万元) × 0.2 = 2.4, review mean 16.8, safety −10
		expect(a.lines.map((l) => [l.key, l.points])).toEqual([
			['patent', 5],
			['technique', 5],
			['problem', 0],
			['proposal', 0],
			['apprentice', 4],
			['training', 0],
			['benefit', 2.4],
			['operation', 16.8],
			['safety', -10]
		]);
		expect(a.total).toBe(23.2);
		expect(a.complete).toBe(true);
		// a second studio of the same level and type with less to show ranks below
		const other = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.TA1, f.u.EA1, '1004', '钱七'), 'x'));
		honour(other.workerId);
		const second = registerStudio(f.db, f.actors.officerEA1, input({ name: '钱七创新工作室', leaderNo: '1004', memberNos: [] })).id;
		takeStudioStep(f.db, f.actors.officerEA1, second, { action: 'designate', level: 'enterprise', certificateNo: 'CZ-2', designatedOn: '2026-06-01' }, NOW);
		logAchievement(f.db, f.actors.officerEA1, second, { kind: 'problem', title: '攻克难题', on: '2026-02-01' }, NOW);
		const board = studioLeaderboard(f.db, YEAR);
		expect(board.rows.map((r) => [r.name, r.rank, r.total, r.complete])).toEqual([
			['张三数控创新工作室', 1, 23.2, true],
			['钱七创新工作室', 2, 4, false]
		]);
		removeAchievement(f.db, f.actors.officerEA1, id, studioDetail(f.db, f.actors.officerEA1, id, YEAR).achievements[0].id, '重复登记', NOW);
		expect(assessmentOf(f.db, id, YEAR).total).toBe(20.8);
	});

	it('a year’s sheet set by the admin applies from that year on', async () => {
		const sheet = DEFAULT_INDICATORS.map((i) => (i.key === 'patent' ? { ...i, per: 10, max: 30 } : i));
		await thrown(ForbiddenError, () => setSheet(f.db, f.actors.officerDA, YEAR, sheet));
		const broken = await thrown(RuleError, () => setSheet(f.db, f.actors.admin, YEAR, [...sheet, sheet[0]]));
		expect(broken.errors.indicators).toBe('指标名称不能重复');
		setSheet(f.db, f.actors.admin, YEAR, sheet);
		const id = designated();
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'patent', title: 'A', on: '2026-03-02', number: 'ZL1', patentType: 'utility' }, NOW);
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'patent', title: 'B', on: '2025-03-02', number: 'ZL2', patentType: 'utility' }, NOW);
		expect(assessmentOf(f.db, id, YEAR).lines[0].points).toBe(10);
		expect(assessmentOf(f.db, id, 2025).lines[0].points).toBe(5);
	});
});

describe('public pages and profiles', () => {
	it('the studio page shows the leader, members and achievements but no private data', () => {
		const id = designated();
		logAchievement(f.db, f.actors.officerEA1, id, { kind: 'patent', title: '一种快换夹具', on: '2026-03-02', number: 'ZL202610001234.5', patentType: 'utility' }, NOW);
		const page = studioPublic(f.db, id)!;
		expect(page.leader).toBe('张三');
		expect(page.members.map((x) => x.name)).toEqual(['王五', '赵六']);
		expect(page.achievements.map((a) => a.title)).toEqual(['一种快换夹具']);
		const text = JSON.stringify(page);
		for (const secret of ['13800000005', '13800000007', '1001', '1002', '1003']) expect(text).not.toContain(`"${secret}"`);
		expect(text).not.toContain('13800000005');
	});

	it('a model worker appears in the gallery only with consent and approval, and leaves when consent is withdrawn', async () => {
		honour(f.w.workerA.id);
		expect(modelGallery(f.db)).toEqual([]);
		const notPhoto = await thrown(RuleError, () => saveOwnProfile(f.db, leaderActor, { story: '三十年扎根车间', consent: true, photo: { name: 'me.jpg', bytes: new TextEncoder().encode('<svg onload=alert(1)>') }, removePhoto: false }));
		expect(notPhoto.errors.photo).toBe('「me.jpg」不是照片（JPG/PNG/WebP）');
		saveOwnProfile(f.db, leaderActor, { story: '三十年扎根车间', consent: false, photo: { name: 'me.png', bytes: PNG }, removePhoto: false });
		const noConsent = await thrown(RuleError, () => approveProfile(f.db, f.actors.officerEA1, f.w.workerA.id, true));
		expect(noConsent.errors._).toBe('职工本人尚未同意公开，不能批准');
		saveOwnProfile(f.db, leaderActor, { story: '三十年扎根车间', consent: true, photo: null, removePhoto: false });
		expect(modelGallery(f.db)).toEqual([]);
		await thrown(ForbiddenError, () => approveProfile(f.db, f.actors.officerDB, f.w.workerA.id, true));
		approveProfile(f.db, f.actors.officerEA1, f.w.workerA.id, true);
		const gallery = modelGallery(f.db);
		expect(gallery.map((g) => [g.name, g.unit, g.hasPhoto, g.honours])).toEqual([['张三', '数控一班', true, ['省劳动模范']]]);
		const profile = modelProfile(f.db, f.w.workerA.id)!;
		expect(JSON.stringify(profile)).not.toContain('13800000005');
		expect(JSON.stringify(profile)).not.toContain('"1001"');
		// editing the story waits for approval again; withdrawing consent removes it
		saveOwnProfile(f.db, leaderActor, { story: '新的故事', consent: true, photo: null, removePhoto: false });
		expect(modelGallery(f.db)).toEqual([]);
		approveProfile(f.db, f.actors.officerEA1, f.w.workerA.id, true);
		saveOwnProfile(f.db, leaderActor, { story: '新的故事', consent: false, photo: null, removePhoto: false });
		expect(modelGallery(f.db)).toEqual([]);
		// a revoked honour takes the worker out too
		saveOwnProfile(f.db, leaderActor, { story: '新的故事', consent: true, photo: null, removePhoto: false });
		approveProfile(f.db, f.actors.officerEA1, f.w.workerA.id, true);
		expect(modelGallery(f.db)).toHaveLength(1);
		const h = f.db.$client.prepare('select id from honours where worker_id = ?').pluck().get(f.w.workerA.id) as number;
		revokeHonour(f.db, f.actors.officerEA1, h, '核查撤销');
		expect(modelGallery(f.db)).toEqual([]);
	});

	it('a reviewer finds their studios on their own page; an officer the profiles awaiting approval', () => {
		const id = designated();
		assignStudioReviewers(f.db, f.actors.officerEA1, id, YEAR, 'assessment', ['R001'], NOW);
		expect(studioReviewsFor(f.db, reviewer)).toEqual([{ id, name: '张三数控创新工作室', year: YEAR, purpose: 'assessment', marked: false }]);
		markStudio(f.db, reviewer, id, YEAR, 'assessment', { operation: 15 }, '', NOW);
		expect(studioReviewsFor(f.db, reviewer).map((r) => r.marked)).toEqual([true]);
		expect(studioReviewsFor(f.db, leaderActor)).toEqual([]);
		saveOwnProfile(f.db, leaderActor, { story: '故事', consent: true, photo: null, removePhoto: false });
		expect(profilesToApprove(f.db, f.actors.officerEA1).map((p) => p.name)).toEqual(['张三']);
		expect(profilesToApprove(f.db, f.actors.officerDB)).toEqual([]);
		approveProfile(f.db, f.actors.officerEA1, f.w.workerA.id, true);
		expect(profilesToApprove(f.db, f.actors.officerEA1)).toEqual([]);
	});

	it('the registry is the officer’s area only', () => {
		const id = designated();
		expect(studioRegistry(f.db, f.actors.officerDA).map((s) => s.id)).toEqual([id]);
		expect(studioRegistry(f.db, f.actors.officerDB)).toEqual([]);
		updateStudio(f.db, f.actors.officerEA1, id, { ...input(), name: '张三数控工作室', memberNos: ['1003'] }, NOW);
		expect(studioDetail(f.db, f.actors.officerEA1, id, YEAR).members.map((x) => x.name)).toEqual(['赵六']);
	});
});
