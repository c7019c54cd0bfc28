import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actorOf, countRows, insertAccount, insertWorker, lastAuditId, makeFixture, type Fixture } from './helpers';
import { makeContest, scoreStage1, type Contest } from './contest-fixture';
import type { DB } from '$lib/server/db';
import { competitions, proposals, workers } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/auth/actor';
import { siteSearch, type SearchGroup } from '$lib/server/search';
import { loadProposal, mayOn, relationOf } from '$lib/server/proposals/context';
import { relationsOf } from '$lib/server/search/proposals';
import { saveDraft } from '$lib/server/proposals/drafts';
import { takeStep } from '$lib/server/proposals/workflow';
import { assignReviewers } from '$lib/server/proposals/reviews';
import type { DraftInput } from '$lib/server/proposals/forms';
import { createCompetition, deleteStage } from '$lib/server/competitions';
import { daysFromToday } from '$lib/server/competitions/context';
import { lockStage } from '$lib/server/judging/stages';
import { publishResults, updateNotice } from '$lib/server/results/versions';
import { publicStageResults } from '$lib/server/results/public';
import { recordHonour } from '$lib/server/studios/honours';
import { registerStudio, type StudioInput } from '$lib/server/studios/registry';
import { takeStudioStep } from '$lib/server/studios/designation';
import { approveProfile, modelGallery, saveOwnProfile } from '$lib/server/studios/profiles';
import { studioShowcase } from '$lib/server/studios/public';
import { excerpt, highlightTerms, markParts, normaliseQuery, searchTerms } from '$lib/domain/site-search';
import type { SearchKind } from '$lib/domain/site-search';

const NOW = new Date('2026-11-20T04:00:00Z');
const HOUR = 3_600_000;

const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
	kind: 'rationalisation',
	category: 'energy',
	title: '空压机余热回收用于车间供暖',
	problem: '空压机运行时大量热量直接排放，冬季车间供暖另耗蒸汽。',
	solution: '加装板式换热器，将热量接入车间暖气管网。',
	expectedBenefit: '',
	ownShare: 100,
	coauthors: [],
	removeFiles: [],
	submit: true,
	...over
});

/** Opens a competition to the public (moving it by the service needs events with stages). */
const openUp = (db: DB, id: number) => db.update(competitions).set({ status: 'registration' }).where(eq(competitions.id, id)).run();

const group = <K extends SearchKind>(r: ReturnType<typeof siteSearch>, kind: K) => r.groups.find((g) => g.kind === kind) as SearchGroup<K> | undefined;
const ids = (db: DB, actor: Actor | null, q: string, kind: SearchKind) => group(siteSearch(db, actor, { q, kind }), kind)?.hits.map((h) => h.id) ?? null;

describe('proposals: the full-text index within what the actor may view', () => {
	let f: Fixture;
	let colleague: Actor;
	let otherEnterprise: Actor;
	let p: { title: number; body: number; draft: number; west: number; heat: number };

	beforeEach(async () => {
		f = await makeFixture();
		colleague = actorOf(f.db, insertAccount(f.db, f.w.ta1b, 'x'));
		// 孙七 works in 东区电力公司 (EA2): same district, another enterprise
		otherEnterprise = actorOf(f.db, insertAccount(f.db, f.w.ta2a, 'x'));
		p = {
			// "余热" in the title, and in the text of the next one only
			title: saveDraft(f.db, f.actors.workerA, null, draft()).id,
			body: saveDraft(f.db, f.actors.workerA, null, draft({ title: '数控车床冷却液循环改造', problem: '冷却液温度高，可利用余热预热清洗水。' })).id,
			draft: saveDraft(f.db, f.actors.workerA, null, draft({ title: '余热发电草稿', submit: false })).id,
			west: saveDraft(f.db, f.actors.workerB, null, draft({ title: '水厂余热利用' })).id,
			heat: saveDraft(f.db, f.actors.workerA, null, draft({ title: '热处理炉节能', problem: '车间炉温控制不稳。', solution: '更换烧嘴。', ownShare: 60, coauthors: [{ employeeNo: '1003', share: 40 }] })).id
		};
	});

	it('a two-character word finds a proposal by its title, and one by its text after it', () => {
		const r = group(siteSearch(f.db, f.actors.workerA, { q: '余热' }), 'proposals')!;
		expect(r.hits.map((h) => [h.id, h.inTitle])).toEqual([
			[p.title, true],
			// the writer's own draft (not in the index until submitted) after the submitted one
			[p.draft, true],
			[p.body, false]
		]);
		const hit = r.hits[0];
		expect(hit).toMatchObject({ kind: 'proposals', title: '空压机余热回收用于车间供暖', status: 'submitted', link: `/proposals/${p.title}` });
		expect(hit.serial).toMatch(/^EA1-\d{4}-0001$/);
		expect(r.hits[2].snippet).toBe('冷却液温度高，可利用余热预热清洗水。 加装板式换热器，将热量接入车间暖气管网。');
		expect([r.total, r.more]).toEqual([3, false]);
		// the middle of a word: "压机" of "空压机"
		expect(ids(f.db, f.actors.workerA, '压机', 'proposals')).toEqual([p.title, p.draft]);
		// every word must occur
		expect(ids(f.db, f.actors.workerA, '余热 冷却液', 'proposals')).toEqual([p.body]);
	});

	it('only the author, colleagues of the enterprise, officers over the unit and admins find a submitted proposal', () => {
		const q = '余热';
		expect(ids(f.db, colleague, q, 'proposals')).toEqual([p.title, p.body]);
		expect(ids(f.db, f.actors.officerEA1, q, 'proposals')).toEqual([p.title, p.body]);
		expect(ids(f.db, f.actors.officerDA, q, 'proposals')).toEqual([p.title, p.body]);
		expect(ids(f.db, otherEnterprise, q, 'proposals')).toEqual([]);
		expect(ids(f.db, f.actors.workerB, q, 'proposals')).toEqual([p.west]);
		expect(ids(f.db, f.actors.officerDB, q, 'proposals')).toEqual([p.west]);
		expect(ids(f.db, f.actors.admin, q, 'proposals')).toEqual([p.west, p.title, p.body]);
	});

	it('anonymous visitors search no proposals at all', () => {
		const r = siteSearch(f.db, null, { q: '余热' });
		expect(group(r, 'proposals')).toBeUndefined();
		expect(r.proposalsNeedSignIn).toBe(true);
		expect(JSON.stringify(r)).not.toContain('余热回收');
		expect(siteSearch(f.db, f.actors.workerA, { q: '余热' }).proposalsNeedSignIn).toBe(false);
	});

	it('a draft is found by its writer only, even by an admin or the officer over its unit it is not', () => {
		expect(ids(f.db, f.actors.workerA, '发电', 'proposals')).toEqual([p.draft]);
		for (const a of [colleague, f.actors.officerEA1, f.actors.officerDA, f.actors.admin, f.actors.workerB]) expect(ids(f.db, a, '发电', 'proposals')).toEqual([]);
	});

	it('the SQL visibility is the policy: for every actor and proposal it agrees with mayOn(proposal.view)', () => {
		// a reviewer from another enterprise, after it went up to the district
		const reviewer = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.WA2, f.u.EA2, 'R009', '评审丁'), 'x'));
		takeStep(f.db, f.actors.officerEA1, p.body, { action: 'forward', note: '涉及多家企业' });
		takeStep(f.db, f.actors.officerDA, p.body, { action: 'accept' });
		assignReviewers(f.db, f.actors.officerDA, { proposalIds: [p.body], employeeNos: ['R009'], userIds: [] });
		// finance over the district, working outside EA1
		const finance = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.DA, f.u.DA, 'F009', '财务戊'), 'x', [{ role: 'finance', unitId: f.u.DA.id }]));
		// an author of a proposal merged into one of another enterprise
		f.db.update(proposals).set({ mergedIntoId: p.heat, status: 'merged' }).where(eq(proposals.id, p.west)).run();
		// an officer over the proposer's team only, working elsewhere
		const teamOfficer = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.DB, f.u.DB, 'X009', '班组干部'), 'x', [{ role: 'officer', unitId: f.u.TA1.id }]));
		// a co-author who has since moved to another enterprise
		f.db.update(workers).set({ unitId: f.u.TB1.id, employerId: f.u.EB1.id }).where(eq(workers.id, f.w.ta1c.id)).run();
		const movedCoauthor = actorOf(f.db, insertAccount(f.db, f.w.ta1c, 'x'));
		// handled by a union that is not above the proposer (the rule allows it; forwarding never does it)
		f.db.update(proposals).set({ handlingUnitId: f.u.EB1.id }).where(eq(proposals.id, p.title)).run();
		const actors: (Actor | null)[] = [null, colleague, otherEnterprise, reviewer, finance, teamOfficer, movedCoauthor, ...Object.values(f.actors)];
		const all = f.db.select({ id: proposals.id }).from(proposals).all().map((r) => r.id);
		expect(all).toHaveLength(5);
		for (const actor of actors) {
			// "车间" is in every proposal's text
			const found = new Set(ids(f.db, actor, '车间', 'proposals') ?? []);
			const may = new Set(all.filter((id) => mayOn(f.db, actor, loadProposal(f.db, id), 'proposal.view')));
			expect([actor?.name ?? 'anonymous', [...found].sort()]).toEqual([actor?.name ?? 'anonymous', [...may].sort()]);
			// the batched relation of the second guard is relationOf's
			if (actor) {
				const contexts = all.map((id) => loadProposal(f.db, id));
				const batched = relationsOf(f.db, actor, contexts);
				for (const ctx of contexts) expect([actor.name, ctx.p.id, batched.get(ctx.p.id)]).toEqual([actor.name, ctx.p.id, relationOf(f.db, actor, ctx)]);
			}
		}
		// every branch of the rule was exercised
		const rel = (a: Actor, id: number) => relationOf(f.db, a, loadProposal(f.db, id));
		expect([rel(reviewer, p.body).reviewer, rel(finance, p.body).finance, rel(f.actors.workerB, p.heat).mergedAuthor, rel(colleague, p.title).colleague]).toEqual([true, true, true, true]);
		expect(ids(f.db, reviewer, '冷却液', 'proposals')).toEqual([p.body]);
		expect(ids(f.db, finance, '冷却液', 'proposals')).toEqual([p.body]);
		expect(ids(f.db, f.actors.workerB, '节能', 'proposals')).toEqual([p.heat]);
		expect(ids(f.db, otherEnterprise, '冷却液', 'proposals')).toEqual([]);
		expect(ids(f.db, teamOfficer, '车间', 'proposals')).toEqual([p.title, p.heat, p.body]);
		// a co-author still, and now a colleague of 西区水务's proposers
		expect(ids(f.db, movedCoauthor, '车间', 'proposals')!.sort()).toEqual([p.west, p.heat].sort());
		expect(ids(f.db, f.actors.officerDB, '车间', 'proposals')).toEqual([p.title, p.west]);
	});

	it('counts all matches and says when there are more than listed', () => {
		for (let i = 0; i < 12; i++) saveDraft(f.db, f.actors.workerA, null, draft({ title: `余热利用方案${i}` }));
		const all = group(siteSearch(f.db, f.actors.workerA, { q: '余热' }), 'proposals')!;
		expect([all.total, all.hits.length, all.more]).toEqual([15, 10, true]);
		const one = group(siteSearch(f.db, f.actors.workerA, { q: '余热', kind: 'proposals' }), 'proposals')!;
		expect([one.total, one.hits.length, one.more]).toEqual([15, 15, false]);
		expect(one.hits.at(-1)!.id).toBe(p.body);
		const three = group(siteSearch(f.db, f.actors.workerA, { q: '余热', kind: 'proposals', limit: 3 }), 'proposals')!;
		expect([three.total, three.hits.length, three.more]).toEqual([15, 3, true]);
		// titles first, newest first, then the text: the newest twelve titled, then the oldest titled, then the text
		const newest = group(siteSearch(f.db, f.actors.workerA, { q: '余热', kind: 'proposals', limit: 14 }), 'proposals')!;
		expect(newest.hits.map((h) => h.id)).toEqual([...one.hits.slice(0, 12).map((h) => h.id), p.title, p.draft]);
		expect(newest.hits.slice(0, 12).map((h) => h.id)).toEqual([...newest.hits.slice(0, 12).map((h) => h.id)].sort((a, b) => b - a));
	});

	it('reading writes no audit row', () => {
		const before = lastAuditId(f.db);
		siteSearch(f.db, f.actors.admin, { q: '余热' });
		expect(lastAuditId(f.db)).toBe(before);
	});
});

describe('competitions and published results', () => {
	let c: Contest;

	beforeEach(async () => {
		c = await makeContest();
	});

	function lockedAndPublished(showNames: boolean) {
		deleteStage(c.db, c.officer, c.stages.final.id);
		scoreStage1(c);
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		const now = Date.now();
		return publishResults(c.db, c.officer, c.stages.s1.id, { noticeStartsAt: new Date(now - HOUR), noticeEndsAt: new Date(now + 2 * HOUR), showNames });
	}

	it('finds a competition past its draft by part of its title or its organiser, never a draft', () => {
		const input = { unitId: c.u.DA.id, type: 'skills' as const, startsOn: daysFromToday(5), endsOn: daysFromToday(30), registrationOpens: daysFromToday(1), registrationCloses: daysFromToday(4), rules: '' };
		const drafted = createCompetition(c.db, c.officer, { ...input, title: '东区焊接技能比武' });
		expect(ids(c.db, null, '技能', 'competitions')).toEqual([c.competition.id]);
		expect(ids(c.db, c.actors.admin, '焊接', 'competitions')).toEqual([]);
		openUp(c.db, drafted.id);
		const r = group(siteSearch(c.db, null, { q: '技能' }), 'competitions')!;
		// the later one first
		expect(r.hits.map((h) => [h.title, h.organiser, h.link])).toEqual([
			['东区焊接技能比武', '东区总工会', `/results/competitions/${drafted.id}`],
			['东区第五届职工职业技能大赛', '东区总工会', `/results/competitions/${c.competition.id}`]
		]);
		// by the organiser's name, after every title match; by the rules, with the text around it
		expect(group(siteSearch(c.db, null, { q: '东区总工会' }), 'competitions')!.hits.map((h) => h.inTitle)).toEqual([false, false]);
		expect(group(siteSearch(c.db, null, { q: '国家职业' }), 'competitions')!.hits.map((h) => [h.id, h.snippet])).toEqual([[c.competition.id, '按国家职业技能标准命题。']]);
	});

	it('titles rank before other fields', () => {
		const input = { unitId: c.u.DA.id, type: 'themed' as const, startsOn: daysFromToday(50), endsOn: daysFromToday(60), registrationOpens: daysFromToday(40), registrationCloses: daysFromToday(45), title: '安全生产月活动' };
		const byRules = createCompetition(c.db, c.officer, { ...input, rules: '开展职业技能培训。' });
		openUp(c.db, byRules.id);
		// it starts later, yet the title match comes first
		expect(ids(c.db, null, '职业技能', 'competitions')).toEqual([c.competition.id, byRules.id]);
	});

	it('finds published results by the event name, and by an entrant’s name only where the results page shows names', () => {
		expect(ids(c.db, null, '数控车工', 'results')).toEqual([]);
		const { versionId } = lockedAndPublished(false);
		const byEvent = group(siteSearch(c.db, null, { q: '车工' }), 'results')!;
		expect(byEvent.hits).toEqual([
			{
				kind: 'results',
				id: c.stages.s1.id,
				title: '数控车工',
				link: `/results/stages/${c.stages.s1.id}`,
				snippet: null,
				inTitle: true,
				competition: '东区第五届职工职业技能大赛',
				stage: '初赛',
				versionStatus: 'notice',
				entrants: [],
				entrantsMatched: 0
			}
		]);
		// under notice, names hidden: no name finds it
		expect(publicStageResults(c.db, c.stages.s1.id).namesShown).toBe(false);
		expect(ids(c.db, null, '张三', 'results')).toEqual([]);
		const v = publicStageResults(c.db, c.stages.s1.id).version;
		updateNotice(c.db, c.officer, versionId, { noticeStartsAt: v.noticeStartsAt!, noticeEndsAt: v.noticeEndsAt!, showNames: true });
		expect(publicStageResults(c.db, c.stages.s1.id).namesShown).toBe(true);
		const byName = group(siteSearch(c.db, null, { q: '张三' }), 'results')!;
		expect(byName.hits.map((h) => [h.id, h.inTitle, h.entrants, h.entrantsMatched])).toEqual([[c.stages.s1.id, false, [{ name: '张三', rank: 1, award: null }], 1]]);
		// a name and the event together; a name of someone not in it finds nothing
		expect(ids(c.db, null, '车工 张三', 'results')).toEqual([c.stages.s1.id]);
		expect(ids(c.db, null, '李四', 'results')).toEqual([]);
	});

	it('keeps names hidden while a later stage is still to be judged, as the results page does', () => {
		scoreStage1(c);
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		const now = Date.now();
		publishResults(c.db, c.officer, c.stages.s1.id, { noticeStartsAt: new Date(now - 3 * HOUR), noticeEndsAt: new Date(now - HOUR), showNames: true });
		expect(publicStageResults(c.db, c.stages.s1.id).namesShown).toBe(false);
		expect(ids(c.db, null, '车工', 'results')).toEqual([c.stages.s1.id]);
		for (const name of ['张三', '王五', '赵六', '孙七', '周八']) expect(ids(c.db, null, name, 'results')).toEqual([]);
	});

	it('a draft competition’s results are never found', () => {
		lockedAndPublished(true);
		c.db.$client.prepare("update competitions set status = 'draft'").run();
		expect(ids(c.db, c.actors.admin, '车工', 'results')).toEqual([]);
		expect(ids(c.db, c.actors.admin, '张三', 'results')).toEqual([]);
	});
});

describe('studios and model workers', () => {
	let f: Fixture;

	const studio = (over: Partial<StudioInput> = {}): StudioInput => ({
		name: '张三数控创新工作室',
		type: 'model',
		level: 'enterprise',
		unitId: f.u.EA1.id,
		leaderNo: '1001',
		memberNos: ['1002'],
		field: '数控加工',
		summary: '攻关精密零件加工难题',
		foundedOn: '2021-05-01',
		fundingFen: 0,
		...over
	});

	beforeEach(async () => {
		f = await makeFixture();
		recordHonour(f.db, f.actors.officerEA1, f.w.workerA.id, { kind: 'provincial_model', title: '省劳动模范', conferredOn: '2020', body: '省人民政府', citation: '攻克高精度曲轴加工难关' });
	});

	it('finds a studio in the showcase by name, field or leader; never one applied for or revoked', () => {
		const id = registerStudio(f.db, f.actors.officerEA1, studio(), [], NOW).id;
		expect(ids(f.db, null, '数控', 'studios')).toEqual([]);
		takeStudioStep(f.db, f.actors.officerEA1, id, { action: 'designate', level: 'enterprise', certificateNo: 'CZ-1', designatedOn: '2026-06-01' }, NOW);
		const r = group(siteSearch(f.db, null, { q: '数控' }), 'studios')!;
		expect(r.hits).toEqual([
			{ kind: 'studios', id, title: '张三数控创新工作室', link: `/studios/${id}`, snippet: null, inTitle: true, type: 'model', level: 'enterprise', unit: '东区机械厂工会', leader: '张三', field: '数控加工' }
		]);
		expect(group(siteSearch(f.db, null, { q: '精密零件' }), 'studios')!.hits.map((h) => [h.inTitle, h.snippet])).toEqual([[false, '攻关精密零件加工难题']]);
		expect(ids(f.db, null, '工作室 张三', 'studios')).toEqual([id]);
		takeStudioStep(f.db, f.actors.admin, id, { action: 'revoke', note: '考核不合格' }, NOW);
		expect(studioShowcase(f.db)).toEqual([]);
		expect(ids(f.db, f.actors.admin, '数控', 'studios')).toEqual([]);
		expect(ids(f.db, f.actors.admin, '张三', 'studios')).toEqual([]);
	});

	it('finds a model worker only once published, by name, honour or citation, and never shows a phone or employee number', () => {
		expect(ids(f.db, null, '张三', 'model_workers')).toEqual([]);
		saveOwnProfile(f.db, f.actors.workerA, { story: '三十年扎根车间', consent: true, photo: null, removePhoto: false });
		// consented, not yet approved
		expect(ids(f.db, f.actors.admin, '张三', 'model_workers')).toEqual([]);
		approveProfile(f.db, f.actors.officerEA1, f.w.workerA.id, true);
		expect(modelGallery(f.db).map((g) => g.workerId)).toEqual([f.w.workerA.id]);
		const r = group(siteSearch(f.db, null, { q: '张三' }), 'model_workers')!;
		expect(r.hits).toEqual([
			{ kind: 'model_workers', id: f.w.workerA.id, title: '张三', link: `/model-workers/${f.w.workerA.id}`, snippet: null, inTitle: true, unit: '数控一班', trade: '数控车工', honours: ['省劳动模范'] }
		]);
		expect(group(siteSearch(f.db, null, { q: '曲轴' }), 'model_workers')!.hits.map((h) => [h.id, h.inTitle, h.snippet])).toEqual([[f.w.workerA.id, false, '省劳动模范：攻克高精度曲轴加工难关']]);
		// an honour the hit lists already: no snippet repeats it
		expect(group(siteSearch(f.db, null, { q: '省劳动模范' }), 'model_workers')!.hits.map((h) => [h.id, h.snippet])).toEqual([[f.w.workerA.id, null]]);
		// by phone or employee number: nothing, and nowhere in any answer
		expect(ids(f.db, null, '13800000005', 'model_workers')).toEqual([]);
		expect(ids(f.db, null, '1001', 'model_workers')).toEqual([]);
		const people = f.db.select({ phone: workers.phone, no: workers.employeeNo }).from(workers).all();
		for (const q of ['张三', '劳动模范', '曲轴', '数控', '1001']) {
			const text = JSON.stringify(siteSearch(f.db, f.actors.admin, { q }).groups);
			for (const w of people) {
				if (w.phone) expect(text).not.toContain(w.phone);
				expect(text).not.toContain(`"${w.no}"`);
			}
		}
		// consent withdrawn: gone
		saveOwnProfile(f.db, f.actors.workerA, { story: '三十年扎根车间', consent: false, photo: null, removePhoto: false });
		expect(ids(f.db, null, '张三', 'model_workers')).toEqual([]);
	});
});

describe('queries', () => {
	let f: Fixture;

	beforeEach(async () => {
		f = await makeFixture();
		const input = { unitId: f.u.DA.id, type: 'themed' as const, startsOn: daysFromToday(5), endsOn: daysFromToday(30), registrationOpens: daysFromToday(1), registrationCloses: daysFromToday(4), rules: '' };
		for (const title of ['节能降耗 10% 劳动竞赛', 'QC_小组成果发布赛', '安康杯安全知识竞赛']) {
			openUp(f.db, createCompetition(f.db, f.actors.officerDA, { ...input, title }).id);
		}
		saveDraft(f.db, f.actors.workerA, null, draft({ title: '余热回收降耗 10%' }));
	});

	const titles = (q: string) => group(siteSearch(f.db, f.actors.admin, { q }), 'competitions')?.hits.map((h) => h.title) ?? [];

	it('an empty or blank query reads nothing from the database', () => {
		const untouchable = new Proxy({}, { get: () => { throw new Error('the database was read'); } }) as DB;
		for (const q of ['', '   ', '\u3000\t\n']) expect(siteSearch(untouchable, f.actors.admin, { q })).toEqual({ q: '', kind: 'all', marks: [], groups: [], total: 0, proposalsNeedSignIn: false });
		expect(siteSearch(untouchable, null, { q: ' ', kind: 'proposals' }).groups).toEqual([]);
	});

	it('% and _ are matched as themselves, never as wildcards', () => {
		expect(titles('%')).toEqual(['节能降耗 10% 劳动竞赛']);
		expect(titles('10%')).toEqual(['节能降耗 10% 劳动竞赛']);
		expect(titles('_')).toEqual(['QC_小组成果发布赛']);
		expect(titles('qc_')).toEqual(['QC_小组成果发布赛']);
		expect(titles('%%')).toEqual([]);
		expect(titles('竞_')).toEqual([]);
	});

	it('hostile input never throws nor changes anything', () => {
		const hostile = ['"', '""', '*', 'OR', 'AND', 'NOT', 'NEAR(a b)', 'title:余热', '余热*', '(余热', '%', '_', "'; DROP TABLE proposals; --", 'x'.repeat(500), '余'.repeat(500), '🔧', '余热🔧', 'e\u0301', '\u0301', '\uD800', '\0', '<script>alert(1)</script>', '{title}:x', '^余热', '-余热', '余热 OR 1=1'];
		const before = countRows(f.db, 'proposals');
		for (const q of hostile) {
			for (const actor of [null, f.actors.admin, f.actors.workerA]) {
				for (const kind of ['all', 'proposals', 'competitions', 'bogus'] as const) {
					const r = siteSearch(f.db, actor, { q, kind: kind as SearchKind });
					expect([...r.q].length).toBeLessThanOrEqual(100);
					expect(r.kind).toBe(kind === 'bogus' ? 'all' : kind);
				}
			}
		}
		expect(countRows(f.db, 'proposals')).toBe(before);
		// query syntax is not obeyed: the words are searched as typed
		expect(ids(f.db, f.actors.workerA, 'OR', 'proposals')).toEqual([]);
		expect(ids(f.db, f.actors.workerA, '余热 OR 安康', 'proposals')).toEqual([]);
		expect(ids(f.db, f.actors.workerA, '"余热"', 'proposals')).toHaveLength(1);
		expect(titles('安康杯 OR 节能')).toEqual([]);
	});

	it('reads the query NFKC-normalised, trimmed and capped', () => {
		expect(normaliseQuery('  ＱＣ＿小组  ')).toBe('QC_小组');
		expect(titles('ＱＣ＿')).toEqual(['QC_小组成果发布赛']);
		expect(normaliseQuery('e\u0301')).toBe('é');
		expect([...normaliseQuery('余'.repeat(500))]).toHaveLength(100);
		expect(normaliseQuery('🔧'.repeat(150))).toBe('🔧'.repeat(100));
		expect(searchTerms(' 安康  杯 安康 ')).toEqual(['安康', '杯']);
		expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
		expect(siteSearch(f.db, null, { q: `安康${' '.repeat(200)}杯` }).q).toBe('安康');
	});
});

describe('marking the matched parts', () => {
	it('splits a text into plain and marked parts, case-insensitively and across full-width forms', () => {
		expect(markParts('空压机余热回收', ['余热'])).toEqual([
			{ text: '空压机', mark: false },
			{ text: '余热', mark: true },
			{ text: '回收', mark: false }
		]);
		expect(markParts('ＱＣ小组与qc活动', ['qc'])).toEqual([
			{ text: 'ＱＣ', mark: true },
			{ text: '小组与', mark: false },
			{ text: 'qc', mark: true },
			{ text: '活动', mark: false }
		]);
		expect(markParts('<b>余热</b>', ['余热']).map((p) => p.text).join('')).toBe('<b>余热</b>');
		expect(markParts('cafe\u0301 café', ['é']).filter((p) => p.mark).map((p) => p.text)).toEqual(['e\u0301', 'é']);
		expect(markParts('余热🔧', ['🔧'])).toEqual([
			{ text: '余热', mark: false },
			{ text: '🔧', mark: true }
		]);
		expect(markParts('无', [])).toEqual([{ text: '无', mark: false }]);
		expect(markParts('', ['x'])).toEqual([]);
	});

	it('marks the words and the runs inside them', () => {
		expect(highlightTerms('空压机,余热')).toEqual(['空压机,余热', '空压机', '余热']);
	});

	it('cuts an excerpt around the first match', () => {
		const long = `${'甲'.repeat(100)}余热${'乙'.repeat(100)}`;
		const e = excerpt(long, ['余热'], 20)!;
		expect(e).toBe(`…${'甲'.repeat(6)}余热${'乙'.repeat(12)}…`);
		expect(excerpt('短文本余热', ['余热'])).toBe('短文本余热');
		expect(excerpt('没有', ['余热'])).toBeNull();
		expect(excerpt('a\n\nb 余热', ['余热'])).toBe('a b 余热');
	});
});
