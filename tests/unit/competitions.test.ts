import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db';
import { competitions, entries, entryMembers, eventJudges, schemeAspects, schemes, stages } from '$lib/server/db/schema';
import { ForbiddenError, NotSignedInError, RuleError } from '$lib/server/errors';
import {
	addStage,
	appointJudge,
	createCompetition,
	createEvent,
	deleteEvent,
	deleteStage,
	getEventForOfficer,
	listCompetitions,
	moveCompetition,
	panelOf,
	removeJudge,
	updateCompetition,
	updateEvent,
	updateStage
} from '$lib/server/competitions';
import {
	addAspect,
	addCriterion,
	addModule,
	createScheme,
	deletePart,
	newSchemeVersion,
	renamePart,
	schemeDef,
	schemeTree,
	updateAspect,
	updateSchemeRules
} from '$lib/server/competitions/schemes';
import { candidatesFor, decideEntry, drawLots, openToWorker, registerFor, registerSelf, withdrawEntry } from '$lib/server/competitions/entries';
import {
	aspectSchema,
	competitionSchema,
	eventSchema,
	schemeRulesSchema,
	stageSchema,
	type AspectInput,
	type CompetitionInput,
	type EventInput,
	type StageInput
} from '$lib/server/competitions/forms';
import { daysFromToday, today } from '$lib/server/competitions/context';
import { saveSheet } from '$lib/server/judging/sheets';
import { actorOf, auditSince, countRows, fixtureHash, insertAccount, insertWorker, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';
import { makeContest, marksOf, RULES } from './contest-fixture';

/* ---------------------------------------------------------------- helpers */

/** A competition whose registration is open today. */
const competitionInput = (unitId: number, over: Partial<CompetitionInput> = {}): CompetitionInput => ({
	unitId,
	title: '东区职工职业技能大赛',
	type: 'skills',
	startsOn: daysFromToday(-1),
	endsOn: daysFromToday(30),
	registrationOpens: daysFromToday(-1),
	registrationCloses: daysFromToday(10),
	rules: '',
	...over
});

const eventInput = (over: Partial<EventInput & { firstStage: string }> = {}): EventInput & { firstStage: string } => ({
	name: '数控车工',
	kind: 'individual',
	trade: '',
	teamMin: 1,
	teamMax: 1,
	quotaPerUnit: null,
	codePrefix: 'A',
	firstStage: '初赛',
	...over
});

const teamEvent = (over: Partial<EventInput> = {}) => eventInput({ name: '电力运维团体赛', kind: 'team', teamMin: 2, teamMax: 3, codePrefix: 'T', ...over });

const stageInput = (over: Partial<StageInput> = {}): StageInput => ({
	name: '初赛',
	schemeId: null,
	carryMode: 'none',
	carryPct: '0',
	ownPct: '100',
	advanceKind: 'all',
	advanceCount: null,
	advanceMin: null,
	tieBreaks: [],
	...over
});

const measurement = (name: string): AspectInput => ({ kind: 'measurement', name, description: '', max: '10', step: '0.5', difficulty: null, descriptors: null });

/** DA's competition with one event (by default individual, any trade), open for registration. */
async function openCompetition(event: Partial<EventInput & { firstStage: string }> = {}) {
	const f = await makeFixture();
	const competition = createCompetition(f.db, f.actors.officerDA, competitionInput(f.u.DA.id));
	const ev = createEvent(f.db, f.actors.officerDA, competition.id, eventInput(event));
	moveCompetition(f.db, f.actors.officerDA, competition.id, 'registration');
	return { ...f, competition, event: ev };
}

/** Moves the registration window (dates are YYYY-MM-DD text) without going through a service. */
function setWindow(db: DB, competitionId: number, opens: string, closes: string) {
	db.update(competitions).set({ registrationOpens: opens, registrationCloses: closes }).where(eq(competitions.id, competitionId)).run();
}

const entryRow = (db: DB, id: number) => db.select().from(entries).where(eq(entries.id, id)).get()!;
const membersOfEntry = (db: DB, id: number) => db.select().from(entryMembers).where(eq(entryMembers.entryId, id)).all();
const competitionRow = (db: DB, id: number) => db.select().from(competitions).where(eq(competitions.id, id)).get()!;
const stagesOf = (db: DB, eventId: number) =>
	db.select().from(stages).where(eq(stages.eventId, eventId)).all().sort((a, b) => a.position - b.position);

/** A worker of `unit` with an account, to be appointed as a judge. */
async function judgeAccount(f: Fixture, no: string, name: string, phone: string) {
	const w = insertWorker(f.db, f.u.FED, f.u.FED, no, name, { phone });
	const userId = insertAccount(f.db, w, await fixtureHash());
	return { worker: w, userId, actor: actorOf(f.db, userId) };
}

/** Field → first message, as parseForm reports it. */
function fieldErrors(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	const out: Record<string, string> = {};
	for (const issue of r.error?.issues ?? []) out[String(issue.path[0] ?? '_')] ??= issue.message;
	return out;
}

/* ----------------------------------------------------------- competitions */

describe('createCompetition', () => {
	it('an officer of the organising district creates a draft, audited once', async () => {
		const { db, u, actors } = await makeFixture();
		const mark = lastAuditId(db);
		const c = createCompetition(db, actors.officerDA, competitionInput(u.DA.id, { title: '东区第五届职工职业技能大赛', rules: '按国家职业技能标准命题。' }));
		expect(c).toMatchObject({ unitId: u.DA.id, title: '东区第五届职工职业技能大赛', type: 'skills', status: 'draft', publishedAt: null, rules: '按国家职业技能标准命题。' });
		expect(countRows(db, 'competitions')).toBe(1);
		const audit = auditSince(db, mark);
		expect(audit.map((a) => a.action)).toEqual(['competition.create']);
		expect(audit[0].entityId).toBe(String(c.id));
		expect(audit[0].unitPath).toBe(u.DA.path);
		expect(JSON.parse(audit[0].after!).title).toBe('东区第五届职工职业技能大赛');
	});

	it('an officer may organise for a unit below their own', async () => {
		const { db, u, actors } = await makeFixture();
		expect(createCompetition(db, actors.officerDA, competitionInput(u.EA1.id)).unitId).toBe(u.EA1.id);
	});

	it('refuses an officer below the organiser, a worker and nobody, storing nothing', async () => {
		const { db, u, actors } = await makeFixture();
		const mark = lastAuditId(db);
		await thrown(ForbiddenError, () => createCompetition(db, actors.officerEA1, competitionInput(u.DA.id)));
		await thrown(ForbiddenError, () => createCompetition(db, actors.officerDB, competitionInput(u.DA.id)));
		await thrown(ForbiddenError, () => createCompetition(db, actors.workerA, competitionInput(u.EA1.id)));
		await thrown(NotSignedInError, () => createCompetition(db, null, competitionInput(u.DA.id)));
		expect(countRows(db, 'competitions')).toBe(0);
		expect(auditSince(db, mark)).toEqual([]);
	});
});

describe('listCompetitions', () => {
	it('shows each officer the competitions of their subtree; an admin sees all', async () => {
		const { db, u, actors } = await makeFixture();
		const da = createCompetition(db, actors.officerDA, competitionInput(u.DA.id, { title: '东区大赛' }));
		const db_ = createCompetition(db, actors.officerDB, competitionInput(u.DB.id, { title: '西区大赛' }));
		const ea1 = createCompetition(db, actors.officerEA1, competitionInput(u.EA1.id, { title: '机械厂岗位练兵' }));
		const titles = (actor: Fixture['actors'][keyof Fixture['actors']]) => listCompetitions(db, actor).map((c) => c.title).sort();
		expect(titles(actors.officerDB)).toEqual(['西区大赛']);
		expect(titles(actors.officerDA)).toEqual(['机械厂岗位练兵', '东区大赛'].sort());
		expect(titles(actors.officerEA1)).toEqual(['机械厂岗位练兵']);
		expect(titles(actors.admin)).toEqual(['东区大赛', '西区大赛', '机械厂岗位练兵'].sort());
		const row = listCompetitions(db, actors.admin).find((c) => c.id === da.id)!;
		expect(row).toMatchObject({ organiser: '东区总工会', status: 'draft', events: 0, entries: 0 });
		expect([db_.id, ea1.id]).not.toContain(da.id);
	});

	it('refuses a worker and nobody', async () => {
		const { db, actors } = await makeFixture();
		await thrown(ForbiddenError, () => listCompetitions(db, actors.workerA));
		await thrown(NotSignedInError, () => listCompetitions(db, null));
	});
});

describe('updateCompetition', () => {
	it('edits a draft and audits before and after', async () => {
		const { db, u, actors } = await makeFixture();
		const c = createCompetition(db, actors.officerDA, competitionInput(u.DA.id));
		const mark = lastAuditId(db);
		const after = updateCompetition(db, actors.officerDA, c.id, competitionInput(u.EA1.id, { title: '新标题' }));
		expect(after).toMatchObject({ title: '新标题', unitId: u.EA1.id, status: 'draft' });
		const audit = auditSince(db, mark);
		expect(audit.map((a) => a.action)).toEqual(['competition.update']);
		expect(JSON.parse(audit[0].before!).title).toBe('东区职工职业技能大赛');
		expect(JSON.parse(audit[0].after!).title).toBe('新标题');
	});

	it('keeps the organiser once registration is open and refuses outsiders', async () => {
		const { db, u, actors, competition } = await openCompetition();
		const e = await thrown(RuleError, () => updateCompetition(db, actors.officerDA, competition.id, competitionInput(u.EA1.id)));
		expect(e.errors).toEqual({ unitId: '开放报名后不能更换主办单位' });
		await thrown(ForbiddenError, () => updateCompetition(db, actors.officerEA1, competition.id, competitionInput(u.DA.id, { title: 'x' })));
		await thrown(ForbiddenError, () => updateCompetition(db, actors.officerDB, competition.id, competitionInput(u.DA.id, { title: 'x' })));
		expect(competitionRow(db, competition.id).title).toBe('东区职工职业技能大赛');
		// still editable in registration
		expect(updateCompetition(db, actors.officerDA, competition.id, competitionInput(u.DA.id, { title: '改名' })).title).toBe('改名');
	});

	it('is frozen once the competition is in progress', async () => {
		const { db, u, actors, competition } = await openCompetition();
		moveCompetition(db, actors.officerDA, competition.id, 'in_progress');
		const mark = lastAuditId(db);
		const e = await thrown(RuleError, () => updateCompetition(db, actors.officerDA, competition.id, competitionInput(u.DA.id, { title: '改名' })));
		expect(e.errors).toEqual({ title: '竞赛已开始，不能再修改这一项' });
		expect(competitionRow(db, competition.id).title).toBe('东区职工职业技能大赛');
		expect(auditSince(db, mark)).toEqual([]);
	});
});

describe('moveCompetition', () => {
	it('needs an event with a stage before registration opens', async () => {
		const { db, u, actors } = await makeFixture();
		const c = createCompetition(db, actors.officerDA, competitionInput(u.DA.id));
		const mark = lastAuditId(db);
		const e = await thrown(RuleError, () => moveCompetition(db, actors.officerDA, c.id, 'registration'));
		expect(e.errors).toEqual({ to: '请先添加比赛项目，并为每个项目设置赛段' });
		expect(competitionRow(db, c.id).status).toBe('draft');
		expect(auditSince(db, mark)).toEqual([]);
	});

	it('follows the state machine, audits every move and stamps publication', async () => {
		const { db, u, actors } = await makeFixture();
		const c = createCompetition(db, actors.officerDA, competitionInput(u.DA.id));
		createEvent(db, actors.officerDA, c.id, eventInput());
		const mark = lastAuditId(db);
		const illegal = async (to: Parameters<typeof moveCompetition>[3]) => {
			const e = await thrown(RuleError, () => moveCompetition(db, actors.officerDA, c.id, to));
			expect(e.errors).toEqual({ to: '竞赛不能从当前状态转到这个状态' });
		};
		await illegal('in_progress');
		await illegal('published');
		await illegal('draft');
		moveCompetition(db, actors.officerDA, c.id, 'registration');
		moveCompetition(db, actors.officerDA, c.id, 'draft');
		moveCompetition(db, actors.officerDA, c.id, 'registration');
		await illegal('scoring_closed');
		moveCompetition(db, actors.officerDA, c.id, 'in_progress');
		await illegal('registration');
		await illegal('draft');
		await illegal('published');
		moveCompetition(db, actors.officerDA, c.id, 'scoring_closed');
		moveCompetition(db, actors.officerDA, c.id, 'in_progress');
		moveCompetition(db, actors.officerDA, c.id, 'scoring_closed');
		expect(competitionRow(db, c.id).publishedAt).toBeNull();
		const before = Date.now();
		moveCompetition(db, actors.officerDA, c.id, 'published');
		const row = competitionRow(db, c.id);
		expect(row.status).toBe('published');
		expect(row.publishedAt).toBeInstanceOf(Date);
		expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
		for (const to of ['draft', 'registration', 'in_progress', 'scoring_closed', 'published'] as const) await illegal(to);
		const audit = auditSince(db, mark);
		expect(audit.every((a) => a.action === 'competition.status')).toBe(true);
		expect(audit.map((a) => [JSON.parse(a.before!).status, JSON.parse(a.after!).status])).toEqual([
			['draft', 'registration'],
			['registration', 'draft'],
			['draft', 'registration'],
			['registration', 'in_progress'],
			['in_progress', 'scoring_closed'],
			['scoring_closed', 'in_progress'],
			['in_progress', 'scoring_closed'],
			['scoring_closed', 'published']
		]);
	});

	it('refuses to close scoring while a stage is scoring', async () => {
		const c = await makeContest();
		const mark = lastAuditId(c.db);
		const e = await thrown(RuleError, () => moveCompetition(c.db, c.officer, c.competition.id, 'scoring_closed'));
		expect(e.errors).toEqual({ to: '还有赛段在评分中：请裁判长先确认锁定' });
		expect(competitionRow(c.db, c.competition.id).status).toBe('in_progress');
		expect(auditSince(c.db, mark)).toEqual([]);
	});

	it('only an officer over the organiser moves it', async () => {
		const { db, actors, competition } = await openCompetition();
		await thrown(ForbiddenError, () => moveCompetition(db, actors.officerEA1, competition.id, 'in_progress'));
		await thrown(ForbiddenError, () => moveCompetition(db, actors.workerA, competition.id, 'in_progress'));
		await thrown(NotSignedInError, () => moveCompetition(db, null, competition.id, 'in_progress'));
		expect(competitionRow(db, competition.id).status).toBe('registration');
	});
});

/* ------------------------------------------------------------------ forms */

describe('form schemas', () => {
	const competitionForm = (over: Record<string, string> = {}) => ({
		unitId: '2',
		title: ' 东区大赛 ',
		type: 'skills',
		startsOn: '2026-05-01',
		endsOn: '2026-05-31',
		registrationOpens: '2026-04-01',
		registrationCloses: '2026-04-20',
		rules: '',
		...over
	});

	describe('competitionSchema', () => {
		it('parses a form into typed input', () => {
			const r = competitionSchema.safeParse(competitionForm());
			expect(r.success).toBe(true);
			expect(r.data).toEqual({
				unitId: 2,
				title: '东区大赛',
				type: 'skills',
				startsOn: '2026-05-01',
				endsOn: '2026-05-31',
				registrationOpens: '2026-04-01',
				registrationCloses: '2026-04-20',
				rules: ''
			});
		});

		it('puts date order errors on the later field', () => {
			expect(fieldErrors(competitionSchema.safeParse(competitionForm({ endsOn: '2026-04-30' })))).toEqual({
				endsOn: '结束日期不能早于开始日期'
			});
			expect(fieldErrors(competitionSchema.safeParse(competitionForm({ registrationCloses: '2026-03-31' })))).toEqual({
				registrationCloses: '报名截止不能早于报名开始'
			});
			expect(fieldErrors(competitionSchema.safeParse(competitionForm({ registrationCloses: '2026-06-01' })))).toEqual({
				registrationCloses: '报名须在竞赛结束前截止'
			});
			// the same day is fine
			expect(competitionSchema.safeParse(competitionForm({ endsOn: '2026-05-01', registrationCloses: '2026-05-01' })).success).toBe(true);
		});

		it('refuses impossible and badly written dates and unknown types', () => {
			expect(fieldErrors(competitionSchema.safeParse(competitionForm({ startsOn: '2026-02-30' }))).startsOn).toBe('请输入日期（年-月-日）');
			expect(fieldErrors(competitionSchema.safeParse(competitionForm({ endsOn: '2026/05/31' }))).endsOn).toBe('请输入日期（年-月-日）');
			expect(fieldErrors(competitionSchema.safeParse(competitionForm({ registrationOpens: '' }))).registrationOpens).toBe('此项必填');
			expect(fieldErrors(competitionSchema.safeParse(competitionForm({ type: 'olympics' }))).type).toBe('请从列表中选择');
			expect(competitionSchema.safeParse(competitionForm({ startsOn: '2028-02-29', endsOn: '2028-03-01', registrationCloses: '2028-02-01' })).success).toBe(true);
		});
	});

	describe('eventSchema', () => {
		const eventForm = (over: Record<string, string> = {}) => ({ name: '数控车工', kind: 'individual', trade: '', teamMin: '', teamMax: '', quotaPerUnit: '', codePrefix: '', ...over });

		it('forces an individual event to one person and upper-cases the prefix', () => {
			const r = eventSchema.safeParse(eventForm({ teamMin: '3', teamMax: '5', codePrefix: ' ab ', quotaPerUnit: '2' }));
			expect(r.data).toEqual({ name: '数控车工', kind: 'individual', trade: '', teamMin: 1, teamMax: 1, quotaPerUnit: 2, codePrefix: 'AB' });
			expect(eventSchema.safeParse(eventForm()).data).toMatchObject({ quotaPerUnit: null, codePrefix: '' });
		});

		it('needs a team of at least two, no smaller than its minimum', () => {
			expect(fieldErrors(eventSchema.safeParse(eventForm({ kind: 'team', teamMin: '1', teamMax: '1' })))).toEqual({
				teamMax: '团体项目最多人数须至少为 2，且不小于最少人数'
			});
			expect(fieldErrors(eventSchema.safeParse(eventForm({ kind: 'team', teamMin: '4', teamMax: '3' })))).toEqual({
				teamMax: '团体项目最多人数须至少为 2，且不小于最少人数'
			});
			expect(eventSchema.safeParse(eventForm({ kind: 'team', teamMin: '3', teamMax: '5' })).data).toMatchObject({ kind: 'team', teamMin: 3, teamMax: 5 });
		});

		it('refuses a prefix that is not up to three letters and a bad quota', () => {
			expect(fieldErrors(eventSchema.safeParse(eventForm({ codePrefix: 'abcd' })))).toEqual({ codePrefix: '编号前缀为 0–3 个英文字母' });
			expect(fieldErrors(eventSchema.safeParse(eventForm({ codePrefix: 'A1' })))).toEqual({ codePrefix: '编号前缀为 0–3 个英文字母' });
			expect(fieldErrors(eventSchema.safeParse(eventForm({ quotaPerUnit: '0' })))).toEqual({ quotaPerUnit: '请输入 1 到 10000 之间的整数' });
		});
	});

	describe('stageSchema', () => {
		const stageForm = (over: Record<string, unknown> = {}) => ({
			name: '决赛',
			schemeId: '7',
			carryMode: 'weighted',
			carryPct: '30',
			ownPct: '70.50',
			advanceKind: 'all',
			advanceCount: '',
			advanceMin: '',
			...over
		});

		it('parses tie-breaks and canonical percentages', () => {
			const r = stageSchema.safeParse(stageForm({ 'tieBreaks[]': ['module:12', 'time', 'previous'] }));
			expect(r.data).toEqual({
				name: '决赛',
				schemeId: 7,
				carryMode: 'weighted',
				carryPct: '30',
				ownPct: '70.5',
				advanceKind: 'all',
				advanceCount: null,
				advanceMin: null,
				tieBreaks: [{ kind: 'module', moduleId: 12 }, { kind: 'time' }, { kind: 'previous' }]
			});
			expect(stageSchema.safeParse(stageForm({ schemeId: '' })).data).toMatchObject({ schemeId: null, tieBreaks: [] });
			expect(fieldErrors(stageSchema.safeParse(stageForm({ 'tieBreaks[]': ['module:x'] })))).toEqual({ 'tieBreaks[]': '请从列表中选择' });
			expect(fieldErrors(stageSchema.safeParse(stageForm({ carryPct: '100.5' })))).toEqual({ carryPct: '请输入 0 到 100 之间的数，最多四位小数' });
		});

		it('"top" needs a count, "threshold" a number, and only the chosen one is kept', () => {
			expect(fieldErrors(stageSchema.safeParse(stageForm({ advanceKind: 'top' })))).toEqual({ advanceCount: '此项必填' });
			expect(stageSchema.safeParse(stageForm({ advanceKind: 'top', advanceCount: '8', advanceMin: '60' })).data).toMatchObject({
				advanceKind: 'top',
				advanceCount: 8,
				advanceMin: null
			});
			expect(fieldErrors(stageSchema.safeParse(stageForm({ advanceKind: 'threshold' })))).toEqual({ advanceMin: '请输入数字，最多四位小数' });
			expect(stageSchema.safeParse(stageForm({ advanceKind: 'threshold', advanceMin: '60.50', advanceCount: '8' })).data).toMatchObject({
				advanceCount: null,
				advanceMin: '60.5'
			});
		});
	});

	describe('aspectSchema', () => {
		const aspectForm = (over: Record<string, string> = {}) => ({
			kind: 'measurement',
			name: '尺寸精度',
			description: '',
			max: '10',
			step: '0.5',
			difficulty: '',
			d0: '',
			d1: '',
			d2: '',
			d3: '',
			...over
		});

		it('needs a step that divides the maximum', () => {
			expect(aspectSchema.safeParse(aspectForm()).data).toEqual({
				kind: 'measurement',
				name: '尺寸精度',
				description: '',
				max: '10',
				step: '0.5',
				difficulty: null,
				descriptors: null
			});
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ step: '0.3' })))).toEqual({ step: '满分须是步长的整数倍' });
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ step: '4' })))).toEqual({ step: '满分须是步长的整数倍' });
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ step: '0' })))).toEqual({ step: '请输入大于 0、不超过 10 的数，最多四位小数' });
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ step: '' })))).toEqual({ step: '请输入大于 0、不超过 10 的数，最多四位小数' });
		});

		it('a judgement needs all four descriptors and ignores the step', () => {
			const four = { kind: 'judgement', max: '4', step: '', d0: '明显缺陷', d1: '基本合格', d2: '良好', d3: '优秀' };
			expect(aspectSchema.safeParse(aspectForm(four)).data).toMatchObject({
				kind: 'judgement',
				step: '1',
				difficulty: null,
				descriptors: ['明显缺陷', '基本合格', '良好', '优秀']
			});
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ ...four, d1: ' ', d3: '' })))).toEqual({ d1: '请写明 0、1、2、3 分各自的评分说明' });
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ ...four, d0: '' })))).toEqual({ d0: '请写明 0、1、2、3 分各自的评分说明' });
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ ...four, d3: '' })))).toEqual({ d3: '请写明 0、1、2、3 分各自的评分说明' });
		});

		it('an element may carry a difficulty; other kinds drop it', () => {
			expect(aspectSchema.safeParse(aspectForm({ kind: 'element', difficulty: '' })).data).toMatchObject({ kind: 'element', difficulty: null });
			expect(aspectSchema.safeParse(aspectForm({ kind: 'element', difficulty: '1.20' })).data).toMatchObject({ difficulty: '1.2' });
			expect(fieldErrors(aspectSchema.safeParse(aspectForm({ kind: 'element', difficulty: '0' })))).toEqual({
				difficulty: '请输入大于 0、不超过 100 的数，最多四位小数'
			});
			expect(aspectSchema.safeParse(aspectForm({ kind: 'measurement', difficulty: '1.2' })).data).toMatchObject({ difficulty: null });
		});
	});

	describe('schemeRulesSchema', () => {
		const rulesForm = (over: Record<string, string> = {}) => ({
			name: '评分标准',
			method: 'mean',
			trim: '',
			combine: 'mean',
			factor: '1',
			decimals: '2',
			roundAt: 'total',
			judgementSpread: '1',
			...over
		});

		it('a trimmed mean drops at least one mark from each end; other methods trim nothing', () => {
			expect(fieldErrors(schemeRulesSchema.safeParse(rulesForm({ method: 'trimmed' })))).toEqual({ trim: '请输入 1 到 5 之间的整数' });
			expect(fieldErrors(schemeRulesSchema.safeParse(rulesForm({ method: 'trimmed', trim: '0' })))).toEqual({ trim: '请输入 1 到 5 之间的整数' });
			expect(schemeRulesSchema.safeParse(rulesForm({ method: 'trimmed', trim: '1', combine: 'sum' })).data).toMatchObject({ method: 'trimmed', trim: 1, combine: 'sum' });
			expect(schemeRulesSchema.safeParse(rulesForm({ method: 'median', trim: '2' })).data).toMatchObject({ method: 'median', trim: 0 });
			expect(schemeRulesSchema.safeParse(rulesForm()).data).toEqual({ ...RULES, name: '评分标准' });
		});

		it('refuses a zero factor and too many decimals', () => {
			expect(fieldErrors(schemeRulesSchema.safeParse(rulesForm({ factor: '0', decimals: '5' })))).toEqual({
				factor: '请输入大于 0、不超过 100 的数，最多四位小数',
				decimals: '请输入 0 到 4 之间的整数'
			});
		});
	});
});

/* --------------------------------------------------------- events, stages */

describe('events', () => {
	it('createEvent creates the first stage with it, in one audit row', async () => {
		const { db, u, actors } = await makeFixture();
		const c = createCompetition(db, actors.officerDA, competitionInput(u.DA.id));
		const mark = lastAuditId(db);
		const ev = createEvent(db, actors.officerDA, c.id, eventInput({ firstStage: '预赛' }));
		expect(ev).toMatchObject({ competitionId: c.id, name: '数控车工', kind: 'individual', codePrefix: 'A', drawnAt: null });
		expect(stagesOf(db, ev.id).map((s) => [s.position, s.name, s.status])).toEqual([[1, '预赛', 'pending']]);
		const audit = auditSince(db, mark);
		expect(audit.map((a) => a.action)).toEqual(['event.create']);
		expect(JSON.parse(audit[0].after!).stages).toHaveLength(1);
	});

	it('createEvent is refused once the competition is in progress, and for an officer below the organiser', async () => {
		const { db, actors, competition } = await openCompetition();
		await thrown(ForbiddenError, () => createEvent(db, actors.officerEA1, competition.id, eventInput({ name: '钳工' })));
		moveCompetition(db, actors.officerDA, competition.id, 'in_progress');
		const e = await thrown(RuleError, () => createEvent(db, actors.officerDA, competition.id, eventInput({ name: '钳工' })));
		expect(e.errors).toEqual({ name: '竞赛已开始，不能再修改这一项' });
		expect(countRows(db, 'events')).toBe(1);
		expect(countRows(db, 'stages')).toBe(1);
	});

	it('updateEvent cannot change individual/team once there are entries', async () => {
		const { db, actors, event } = await openCompetition();
		const { firstStage: _f, ...fields } = eventInput();
		// without entries the kind may change
		expect(updateEvent(db, actors.officerDA, event.id, { ...fields, kind: 'team', teamMin: 2, teamMax: 3 }).kind).toBe('team');
		updateEvent(db, actors.officerDA, event.id, fields);
		registerSelf(db, actors.workerA, event.id);
		const mark = lastAuditId(db);
		const e = await thrown(RuleError, () => updateEvent(db, actors.officerDA, event.id, { ...fields, kind: 'team', teamMin: 2, teamMax: 3 }));
		expect(e.errors).toEqual({ kind: '已有报名，不能更改个人/团体类型' });
		expect(auditSince(db, mark)).toEqual([]);
		// other fields still may
		const after = updateEvent(db, actors.officerDA, event.id, { ...fields, quotaPerUnit: 5 });
		expect(after).toMatchObject({ kind: 'individual', quotaPerUnit: 5 });
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['event.update']);
	});

	it('deleteEvent is refused with entries; otherwise removes the event, its stages and its panel', async () => {
		const f = await openCompetition();
		const { db, actors, event, competition } = f;
		const other = createEvent(db, actors.officerDA, competition.id, eventInput({ name: '钳工', codePrefix: 'B' }));
		addStage(db, actors.officerDA, other.id, '决赛');
		const judge = await judgeAccount(f, 'J001', '裁判甲', '13900000001');
		appointJudge(db, actors.officerDA, other.id, { identifier: judge.worker.phone!, chief: false });
		registerSelf(db, actors.workerA, event.id);
		const mark = lastAuditId(db);
		const e = await thrown(RuleError, () => deleteEvent(db, actors.officerDA, event.id));
		expect(e.errors).toEqual({ _: '已有报名的项目不能删除' });
		expect(countRows(db, 'events')).toBe(2);
		expect(auditSince(db, mark)).toEqual([]);
		await thrown(ForbiddenError, () => deleteEvent(db, actors.officerEA1, other.id));
		expect(deleteEvent(db, actors.officerDA, other.id)).toEqual({ competitionId: competition.id });
		expect(countRows(db, 'events')).toBe(1);
		expect(countRows(db, 'stages')).toBe(1);
		expect(countRows(db, 'event_judges')).toBe(0);
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['event.delete']);
	});
});

describe('stages', () => {
	it('addStage appends at the next position', async () => {
		const { db, actors, event } = await openCompetition();
		const mark = lastAuditId(db);
		expect(addStage(db, actors.officerDA, event.id, '复赛').position).toBe(2);
		expect(addStage(db, actors.officerDA, event.id, '决赛').position).toBe(3);
		expect(stagesOf(db, event.id).map((s) => [s.position, s.name])).toEqual([
			[1, '初赛'],
			[2, '复赛'],
			[3, '决赛']
		]);
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['stage.create', 'stage.create']);
		await thrown(ForbiddenError, () => addStage(db, actors.officerEA1, event.id, '加赛'));
	});

	it('updateStage: no carry into the first stage, only this competition’s schemes', async () => {
		const f = await openCompetition();
		const { db, u, actors, event, competition } = f;
		const [s1] = stagesOf(db, event.id);
		const s2 = addStage(db, actors.officerDA, event.id, '决赛');
		const own = createScheme(db, actors.officerDA, competition.id, RULES);
		const elsewhere = createCompetition(db, actors.officerDB, competitionInput(u.DB.id, { title: '西区大赛' }));
		const foreign = createScheme(db, actors.officerDB, elsewhere.id, RULES);
		const mark = lastAuditId(db);

		let e = await thrown(RuleError, () => updateStage(db, actors.officerDA, s1.id, stageInput({ carryMode: 'full' })));
		expect(e.errors).toEqual({ carryMode: '第一个赛段没有上一赛段的成绩可带入' });
		e = await thrown(RuleError, () => updateStage(db, actors.officerDA, s1.id, stageInput({ tieBreaks: [{ kind: 'previous' }] })));
		expect(e.errors).toEqual({ tieBreaks: '第一个赛段没有上一赛段的成绩可带入' });
		e = await thrown(RuleError, () => updateStage(db, actors.officerDA, s1.id, stageInput({ schemeId: foreign.id })));
		expect(e.errors).toEqual({ schemeId: '请从列表中选择' });
		e = await thrown(RuleError, () => updateStage(db, actors.officerDA, s1.id, stageInput({ schemeId: 999999 })));
		expect(e.errors).toEqual({ schemeId: '请从列表中选择' });
		await thrown(ForbiddenError, () => updateStage(db, actors.officerEA1, s1.id, stageInput()));
		expect(auditSince(db, mark)).toEqual([]);
		expect(stagesOf(db, event.id)[0]).toMatchObject({ schemeId: null, carryMode: 'none' });

		const after = updateStage(db, actors.officerDA, s2.id, stageInput({ name: '决赛', schemeId: own.id, carryMode: 'weighted', carryPct: '30', ownPct: '70', tieBreaks: [{ kind: 'previous' }, { kind: 'time' }] }));
		expect(after).toMatchObject({ schemeId: own.id, carryMode: 'weighted', carryPct: '30', ownPct: '70', tieBreaks: [{ kind: 'previous' }, { kind: 'time' }] });
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['stage.update']);
	});

	it('updateStage is refused once the stage has started', async () => {
		const c = await makeContest();
		const mark = lastAuditId(c.db);
		const e = await thrown(RuleError, () => updateStage(c.db, c.officer, c.stages.s1.id, stageInput({ name: '改名', schemeId: c.scheme.id })));
		expect(e.errors).toEqual({ name: '赛段已开始评分，设置已锁定' });
		expect(auditSince(c.db, mark)).toEqual([]);
		expect(c.db.select().from(stages).where(eq(stages.id, c.stages.s1.id)).get()!.name).toBe('初赛');
	});

	it('deleteStage removes only the last pending stage, never the first', async () => {
		const { db, actors, event } = await openCompetition();
		const [s1] = stagesOf(db, event.id);
		const s2 = addStage(db, actors.officerDA, event.id, '复赛');
		const s3 = addStage(db, actors.officerDA, event.id, '决赛');
		const mark = lastAuditId(db);
		for (const s of [s1, s2]) {
			const e = await thrown(RuleError, () => deleteStage(db, actors.officerDA, s.id));
			expect(e.errors).toEqual({ _: '只能删除尚未开始的最后一个赛段，且至少保留一个赛段' });
		}
		// a last stage that is no longer pending stays
		db.update(stages).set({ status: 'scoring' }).where(eq(stages.id, s3.id)).run();
		await thrown(RuleError, () => deleteStage(db, actors.officerDA, s3.id));
		db.update(stages).set({ status: 'pending' }).where(eq(stages.id, s3.id)).run();
		expect(auditSince(db, mark)).toEqual([]);
		expect(deleteStage(db, actors.officerDA, s3.id)).toEqual({ eventId: event.id });
		expect(deleteStage(db, actors.officerDA, s2.id)).toEqual({ eventId: event.id });
		await thrown(RuleError, () => deleteStage(db, actors.officerDA, s1.id));
		expect(stagesOf(db, event.id).map((s) => s.id)).toEqual([s1.id]);
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['stage.delete', 'stage.delete']);
	});
});

/* ----------------------------------------------------------------- judges */

describe('judges', () => {
	it('appoints by phone, with seats in order', async () => {
		const f = await openCompetition();
		const { db, actors, event } = f;
		const a = await judgeAccount(f, 'J001', '裁判甲', '13900000001');
		const b = await judgeAccount(f, 'J002', '裁判乙', '13900000002');
		const mark = lastAuditId(db);
		expect(appointJudge(db, actors.officerDA, event.id, { identifier: ' 13900000001 ', chief: false })).toEqual({ userId: a.userId, name: '裁判甲' });
		expect(appointJudge(db, actors.officerDA, event.id, { identifier: '13900000002', chief: true })).toEqual({ userId: b.userId, name: '裁判乙' });
		expect(panelOf(db, event.id).map((p) => [p.seat, p.name, p.chief, p.unit])).toEqual([
			[1, '裁判甲', false, '江城市总工会'],
			[2, '裁判乙', true, '江城市总工会']
		]);
		const audit = auditSince(db, mark);
		expect(audit.map((x) => x.action)).toEqual(['judge.appoint', 'judge.appoint']);
		expect(JSON.parse(audit[1].after!)).toEqual({ userId: b.userId, name: '裁判乙', chief: true });
	});

	it('the same person twice is refused; a new chief demotes the old one, keeping seats', async () => {
		const f = await openCompetition();
		const { db, actors, event } = f;
		const a = await judgeAccount(f, 'J001', '裁判甲', '13900000001');
		const b = await judgeAccount(f, 'J002', '裁判乙', '13900000002');
		appointJudge(db, actors.officerDA, event.id, { identifier: '13900000001', chief: true });
		appointJudge(db, actors.officerDA, event.id, { identifier: '13900000002', chief: false });
		const mark = lastAuditId(db);
		for (const [identifier, chief] of [['13900000001', true], ['13900000002', false]] as const) {
			const e = await thrown(RuleError, () => appointJudge(db, actors.officerDA, event.id, { identifier, chief }));
			expect(e.errors).toEqual({ identifier: '此人已是本项目的裁判' });
		}
		expect(countRows(db, 'event_judges')).toBe(2);
		expect(auditSince(db, mark)).toEqual([]);
		// b becomes chief: a is demoted, nobody moves seat
		appointJudge(db, actors.officerDA, event.id, { identifier: '13900000002', chief: true });
		expect(panelOf(db, event.id).map((p) => [p.userId, p.seat, p.chief])).toEqual([
			[a.userId, 1, false],
			[b.userId, 2, true]
		]);
		// a third person appointed chief demotes b
		const c = await judgeAccount(f, 'J003', '裁判丙', '13900000003');
		appointJudge(db, actors.officerDA, event.id, { identifier: '13900000003', chief: true });
		expect(panelOf(db, event.id).map((p) => [p.userId, p.seat, p.chief])).toEqual([
			[a.userId, 1, false],
			[b.userId, 2, false],
			[c.userId, 3, true]
		]);
		expect(db.select().from(eventJudges).where(eq(eventJudges.chief, true)).all()).toHaveLength(1);
		expect(auditSince(db, mark).map((x) => x.action)).toEqual(['judge.appoint', 'judge.appoint']);
	});

	it('refuses an unknown identifier, a worker without an account and an ambiguous employee number', async () => {
		const { db, actors, event, w } = await openCompetition();
		const mark = lastAuditId(db);
		let e = await thrown(RuleError, () => appointJudge(db, actors.officerDA, event.id, { identifier: '13999999999', chief: false }));
		expect(e.errors).toEqual({ identifier: '找不到这个账号：请输入已开通账号的手机号或工号' });
		e = await thrown(RuleError, () => appointJudge(db, actors.officerDA, event.id, { identifier: w.ta1c.phone!, chief: false }));
		expect(e.errors).toEqual({ identifier: '找不到这个账号：请输入已开通账号的手机号或工号' });
		// workerA and workerB share the employee number 1001 in different enterprises
		e = await thrown(RuleError, () => appointJudge(db, actors.officerDA, event.id, { identifier: '1001', chief: false }));
		expect(Object.keys(e.errors)).toEqual(['identifier']);
		expect(e.errors.identifier).toContain('多个企业');
		await thrown(ForbiddenError, () => appointJudge(db, actors.officerEA1, event.id, { identifier: '13800000005', chief: false }));
		expect(countRows(db, 'event_judges')).toBe(0);
		expect(auditSince(db, mark)).toEqual([]);
	});

	it('the panel is fixed once scoring starts: no judge is removed, added or made chief', async () => {
		const c = await makeContest();
		saveSheet(c.db, c.judges.eb1, c.stages.s1.id, c.entryOf(c.w.workerA.id), { version: null, marks: marksOf(c, '', '2', '', ''), submit: false });
		const mark = lastAuditId(c.db);
		for (const userId of [c.judgeIds.eb1, c.judgeIds.fed]) {
			const e = await thrown(RuleError, () => removeJudge(c.db, c.officer, c.event.id, userId));
			expect(e.errors).toEqual({ _: '评分已开始，裁判组不能再变更' });
		}
		const add = await thrown(RuleError, () => appointJudge(c.db, c.officer, c.event.id, { identifier: c.w.officerDB.phone!, chief: false }));
		expect(add.errors).toEqual({ identifier: '评分已开始，裁判组不能再变更' });
		const promote = await thrown(RuleError, () => appointJudge(c.db, c.officer, c.event.id, { identifier: '13900000003', chief: true }));
		expect(promote.errors).toEqual({ identifier: '评分已开始，裁判组不能再变更' });
		await thrown(ForbiddenError, () => removeJudge(c.db, c.actors.officerEA1, c.event.id, c.judgeIds.fed));
		expect(countRows(c.db, 'event_judges')).toBe(4);
		expect(auditSince(c.db, mark)).toEqual([]);
	});

	it('before scoring starts a judge can be removed', async () => {
		const c = await makeContest({ start: false });
		const mark = lastAuditId(c.db);
		removeJudge(c.db, c.officer, c.event.id, c.judgeIds.fed);
		expect(panelOf(c.db, c.event.id).map((p) => p.userId)).not.toContain(c.judgeIds.fed);
		expect(countRows(c.db, 'event_judges')).toBe(3);
		expect(auditSince(c.db, mark).map((a) => a.action)).toEqual(['judge.remove']);
	});
});

/* ---------------------------------------------------------------- schemes */

describe('schemes', () => {
	async function draftScheme() {
		const f = await openCompetition();
		const { db, actors, competition } = f;
		const scheme = createScheme(db, actors.officerDA, competition.id, { ...RULES, name: '钳工评分标准' });
		return { ...f, scheme };
	}

	const codes = (db: DB, schemeId: number) =>
		schemeTree(db, schemeId).flatMap((mod) => mod.criteria.flatMap((c) => c.aspects.map((a) => `${a.code} ${a.name}`)));

	it('gives aspects codes like A1.1 and B1.2, renumbered after a deletion', async () => {
		const { db, actors, scheme } = await draftScheme();
		const o = actors.officerDA;
		const mark = lastAuditId(db);
		const modA = addModule(db, o, scheme.id, { name: '理论', weight: '30' });
		const modB = addModule(db, o, scheme.id, { name: '实操', weight: '70' });
		expect([modA.position, modB.position]).toEqual([1, 2]);
		const a1 = addCriterion(db, o, scheme.id, modA.id, { name: '笔试' });
		const b1 = addCriterion(db, o, scheme.id, modB.id, { name: '加工' });
		const b2 = addCriterion(db, o, scheme.id, modB.id, { name: '装配' });
		const x = addAspect(db, o, scheme.id, a1.id, measurement('选择题'));
		addAspect(db, o, scheme.id, a1.id, measurement('判断题'));
		addAspect(db, o, scheme.id, b1.id, measurement('尺寸'));
		addAspect(db, o, scheme.id, b1.id, measurement('粗糙度'));
		addAspect(db, o, scheme.id, b2.id, measurement('配合'));
		expect(codes(db, scheme.id)).toEqual(['A1.1 选择题', 'A1.2 判断题', 'B1.1 尺寸', 'B1.2 粗糙度', 'B2.1 配合']);
		expect(schemeTree(db, scheme.id).map((m) => m.letter)).toEqual(['A', 'B']);

		deletePart(db, o, scheme.id, 'aspect', x.id);
		expect(codes(db, scheme.id)).toEqual(['A1.1 判断题', 'B1.1 尺寸', 'B1.2 粗糙度', 'B2.1 配合']);
		deletePart(db, o, scheme.id, 'criterion', b1.id);
		expect(codes(db, scheme.id)).toEqual(['A1.1 判断题', 'B1.1 配合']);
		deletePart(db, o, scheme.id, 'module', modA.id);
		expect(codes(db, scheme.id)).toEqual(['A1.1 配合']);
		expect(schemeTree(db, scheme.id).map((m) => [m.name, m.position])).toEqual([['实操', 1]]);
		expect(countRows(db, 'scheme_aspects')).toBe(1);
		expect(countRows(db, 'scheme_criteria')).toBe(1);

		expect(auditSince(db, mark).map((a) => a.action)).toEqual([
			'scheme.module.add',
			'scheme.module.add',
			'scheme.criterion.add',
			'scheme.criterion.add',
			'scheme.criterion.add',
			'scheme.aspect.add',
			'scheme.aspect.add',
			'scheme.aspect.add',
			'scheme.aspect.add',
			'scheme.aspect.add',
			'scheme.aspect.delete',
			'scheme.criterion.delete',
			'scheme.module.delete'
		]);
	});

	it('refuses parts of another scheme and an officer below the organiser', async () => {
		const { db, actors, scheme, competition } = await draftScheme();
		const other = createScheme(db, actors.officerDA, competition.id, RULES);
		const mod = addModule(db, actors.officerDA, other.id, { name: '理论', weight: '100' });
		const crit = addCriterion(db, actors.officerDA, other.id, mod.id, { name: '笔试' });
		const before = countRows(db, 'scheme_criteria');
		await expect(async () => addCriterion(db, actors.officerDA, scheme.id, mod.id, { name: 'x' })).rejects.toThrow(/module/);
		await expect(async () => addAspect(db, actors.officerDA, scheme.id, crit.id, measurement('x'))).rejects.toThrow(/criterion/);
		await thrown(ForbiddenError, () => addModule(db, actors.officerEA1, scheme.id, { name: 'x', weight: '10' }));
		expect(countRows(db, 'scheme_criteria')).toBe(before);
		expect(countRows(db, 'scheme_aspects')).toBe(0);
	});

	it('a locked scheme refuses rule and structure edits, storing nothing', async () => {
		const c = await makeContest();
		const { db, officer, scheme } = c;
		expect(db.select().from(schemes).where(eq(schemes.id, scheme.id)).get()!.lockedAt).toBeInstanceOf(Date);
		const mark = lastAuditId(db);
		const counts = () => ['schemes', 'scheme_modules', 'scheme_criteria', 'scheme_aspects'].map((t) => countRows(db, t));
		const before = counts();
		const [pc] = schemeTree(db, scheme.id)[1].criteria;
		const attempts = [
			() => updateSchemeRules(db, officer, scheme.id, { ...RULES, decimals: 3 }),
			() => addModule(db, officer, scheme.id, { name: '附加', weight: '10' }),
			() => addCriterion(db, officer, scheme.id, c.modules.practical.id, { name: '附加' }),
			() => addAspect(db, officer, scheme.id, pc.id, measurement('附加')),
			() => updateAspect(db, officer, scheme.id, c.aspects.part.id, { ...measurement('改'), kind: 'element', difficulty: '1.5' }),
			() => renamePart(db, officer, scheme.id, 'module', c.modules.theory.id, { name: '改', weight: '40' }),
			() => deletePart(db, officer, scheme.id, 'aspect', c.aspects.safety.id),
			() => deletePart(db, officer, scheme.id, 'module', c.modules.theory.id)
		];
		for (const attempt of attempts) {
			const e = await thrown(RuleError, attempt);
			expect(e.errors).toEqual({ _: '评分标准已在评分中使用，已锁定：如需修改请另存新版本' });
		}
		expect(counts()).toEqual(before);
		expect(db.select().from(schemes).where(eq(schemes.id, scheme.id)).get()!.decimals).toBe(2);
		expect(auditSince(db, mark)).toEqual([]);
	});

	it('updateSchemeRules edits an unlocked scheme with one audit row', async () => {
		const { db, actors, scheme } = await draftScheme();
		const mark = lastAuditId(db);
		const after = updateSchemeRules(db, actors.officerDA, scheme.id, { ...RULES, name: '新名称', method: 'trimmed', trim: 1, combine: 'sum' });
		expect(after).toMatchObject({ name: '新名称', method: 'trimmed', trim: 1, combine: 'sum', version: 1, familyId: scheme.id, lockedAt: null });
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['scheme.update']);
	});

	it('newSchemeVersion copies the whole tree as an unlocked next version of the family', async () => {
		const c = await makeContest();
		const { db, officer, scheme } = c;
		const mark = lastAuditId(db);
		const v2 = newSchemeVersion(db, officer, scheme.id);
		expect(v2.id).not.toBe(scheme.id);
		expect(v2).toMatchObject({ competitionId: c.competition.id, familyId: scheme.id, version: 2, lockedAt: null, name: RULES.name, method: 'mean', decimals: 2 });
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['scheme.version']);
		const shape = (id: number) =>
			schemeTree(db, id).map((mod) => ({
				letter: mod.letter,
				name: mod.name,
				weight: mod.weight,
				criteria: mod.criteria.map((cr) => ({
					name: cr.name,
					position: cr.position,
					aspects: cr.aspects.map(({ id: _i, schemeId: _s, criterionId: _c, ...a }) => a)
				}))
			}));
		expect(shape(v2.id)).toEqual(shape(scheme.id));
		expect(shape(v2.id).flatMap((m) => m.criteria.flatMap((cr) => cr.aspects.map((a) => a.code)))).toEqual(['A1.1', 'B1.1', 'B1.2', 'B1.3']);
		expect(db.select().from(schemeAspects).where(eq(schemeAspects.schemeId, v2.id)).all()).toHaveLength(4);
		// the copy can be edited; the original stays locked and unchanged
		addModule(db, officer, v2.id, { name: '安全规范', weight: '10' });
		expect(schemeTree(db, v2.id)).toHaveLength(3);
		expect(schemeTree(db, scheme.id)).toHaveLength(2);
		// a copy of a copy is version 3 of the same family
		expect(newSchemeVersion(db, officer, v2.id)).toMatchObject({ familyId: scheme.id, version: 3, lockedAt: null });
		expect(newSchemeVersion(db, officer, scheme.id).version).toBe(4);
		await thrown(ForbiddenError, () => newSchemeVersion(db, c.actors.officerEA1, scheme.id));
	});

	it('schemeDef gives the scoring maths rules and modules in order', async () => {
		const c = await makeContest({ start: false });
		const scheme = c.db.select().from(schemes).where(eq(schemes.id, c.scheme.id)).get()!;
		const { name: _n, ...rules } = RULES;
		expect(schemeDef(scheme, schemeTree(c.db, scheme.id))).toEqual({
			rules,
			modules: [
				{ id: c.modules.theory.id, weight: '30', aspects: [{ id: c.aspects.theory.id, kind: 'measurement', max: '100', step: '0.5', difficulty: null }] },
				{
					id: c.modules.practical.id,
					weight: '70',
					aspects: [
						{ id: c.aspects.finish.id, kind: 'judgement', max: '4', step: '1', difficulty: null },
						{ id: c.aspects.part.id, kind: 'element', max: '10', step: '0.5', difficulty: '1.2' },
						{ id: c.aspects.safety.id, kind: 'deduction', max: '5', step: '0.5', difficulty: null }
					]
				}
			]
		});
	});
});

/* ---------------------------------------------------------------- entries */

describe('registerSelf', () => {
	it('a worker inside the organiser’s subtree enters an open individual event, pending approval', async () => {
		const { db, actors, event, w, u, userIds } = await openCompetition();
		const mark = lastAuditId(db);
		const entry = registerSelf(db, actors.workerA, event.id);
		expect(entry).toMatchObject({ eventId: event.id, workerId: w.workerA.id, employerId: u.EA1.id, status: 'pending', code: null, registeredBy: userIds.workerA, decidedAt: null, decidedBy: null, teamName: null });
		expect(membersOfEntry(db, entry.id).map((m) => [m.workerId, m.captain])).toEqual([[w.workerA.id, true]]);
		const audit = auditSince(db, mark);
		expect(audit.map((a) => a.action)).toEqual(['entry.register']);
		expect(JSON.parse(audit[0].after!).members).toEqual([{ id: w.workerA.id, name: '张三', captain: true }]);
	});

	it('refuses a worker outside the organiser’s subtree', async () => {
		const { db, actors, event } = await openCompetition();
		const e = await thrown(RuleError, () => registerSelf(db, actors.workerB, event.id));
		expect(e.errors).toEqual({ _: '本竞赛只面向主办单位及其下级组织的职工' });
		expect(countRows(db, 'entries')).toBe(0);
	});

	it('refuses a worker of another trade', async () => {
		const { db, actors, event } = await openCompetition({ trade: '电工' });
		const e = await thrown(RuleError, () => registerSelf(db, actors.workerA, event.id));
		expect(e.errors).toEqual({ _: '本项目限定工种，与职工的工种不符' });
		expect(countRows(db, 'entries')).toBe(0);
	});

	it('accepts the right trade', async () => {
		const { db, actors, event } = await openCompetition({ trade: '数控车工' });
		expect(registerSelf(db, actors.workerA, event.id).status).toBe('pending');
	});

	it('refuses once the enterprise’s quota is full', async () => {
		const { db, actors, event, w } = await openCompetition({ quotaPerUnit: 1 });
		registerFor(db, actors.officerDA, event.id, { workerIds: [w.ta1b.id], captainId: null, teamName: '' });
		const e = await thrown(RuleError, () => registerSelf(db, actors.workerA, event.id));
		expect(e.errors).toEqual({ _: '所在企业的报名名额已满' });
		expect(countRows(db, 'entries')).toBe(1);
	});

	it('refuses a second entry', async () => {
		const { db, actors, event } = await openCompetition();
		registerSelf(db, actors.workerA, event.id);
		const mark = lastAuditId(db);
		const e = await thrown(RuleError, () => registerSelf(db, actors.workerA, event.id));
		expect(e.errors).toEqual({ _: '已报名本项目' });
		expect(countRows(db, 'entries')).toBe(1);
		expect(auditSince(db, mark)).toEqual([]);
	});

	it('refuses before the window opens, after it closes, and while the competition is a draft', async () => {
		const { db, actors, event, competition } = await openCompetition();
		const closed = { _: '报名未开放或已截止' };
		setWindow(db, competition.id, daysFromToday(1), daysFromToday(10));
		expect((await thrown(RuleError, () => registerSelf(db, actors.workerA, event.id))).errors).toEqual(closed);
		setWindow(db, competition.id, daysFromToday(-10), daysFromToday(-1));
		expect((await thrown(RuleError, () => registerSelf(db, actors.workerA, event.id))).errors).toEqual(closed);
		// the window includes both of its days
		setWindow(db, competition.id, today(), today());
		moveCompetition(db, actors.officerDA, competition.id, 'draft');
		expect((await thrown(RuleError, () => registerSelf(db, actors.workerA, event.id))).errors).toEqual(closed);
		expect(countRows(db, 'entries')).toBe(0);
		moveCompetition(db, actors.officerDA, competition.id, 'registration');
		expect(registerSelf(db, actors.workerA, event.id).status).toBe('pending');
	});

	it('lists every problem at once', async () => {
		const { db, actors, event, competition } = await openCompetition({ trade: '电工' });
		setWindow(db, competition.id, daysFromToday(-10), daysFromToday(-1));
		const e = await thrown(RuleError, () => registerSelf(db, actors.workerB, event.id));
		expect(e.errors).toEqual({ _: '报名未开放或已截止 本竞赛只面向主办单位及其下级组织的职工 本项目限定工种，与职工的工种不符' });
	});

	it('a team event is entered by an officer only; nobody signed in is refused', async () => {
		const { db, actors, event } = await openCompetition(teamEvent());
		const e = await thrown(RuleError, () => registerSelf(db, actors.workerA, event.id));
		expect(e.errors).toEqual({ _: '团体项目由工会干部统一报名' });
		await thrown(NotSignedInError, () => registerSelf(db, null, event.id));
		expect(countRows(db, 'entries')).toBe(0);
	});
});

describe('registerFor', () => {
	it('an officer of the organiser enters workers approved at once, one entry each', async () => {
		const { db, actors, event, w, userIds } = await openCompetition();
		const mark = lastAuditId(db);
		const made = registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id, w.ta2a.id, w.workerA.id], captainId: null, teamName: '' });
		expect(made.map((e) => [e.workerId, e.status, e.decidedBy])).toEqual([
			[w.workerA.id, 'approved', userIds.officerDA],
			[w.ta2a.id, 'approved', userIds.officerDA]
		]);
		expect(made.every((e) => e.decidedAt instanceof Date)).toBe(true);
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['entry.register', 'entry.register']);
	});

	it('an officer of a unit below the organiser enters their own workers, pending approval', async () => {
		const { db, actors, event, w } = await openCompetition();
		const [entry] = registerFor(db, actors.officerEA1, event.id, { workerIds: [w.workerA.id], captainId: null, teamName: '' });
		expect(entry).toMatchObject({ status: 'pending', decidedAt: null, decidedBy: null });
	});

	it('refuses workers outside the officer’s subtree, storing nothing', async () => {
		const { db, actors, event, w } = await openCompetition();
		const mark = lastAuditId(db);
		await thrown(ForbiddenError, () => registerFor(db, actors.officerEA1, event.id, { workerIds: [w.workerA.id, w.ta2a.id], captainId: null, teamName: '' }));
		await thrown(ForbiddenError, () => registerFor(db, actors.officerDB, event.id, { workerIds: [w.workerA.id], captainId: null, teamName: '' }));
		await thrown(ForbiddenError, () => registerFor(db, actors.workerA, event.id, { workerIds: [w.workerA.id], captainId: null, teamName: '' }));
		// DB's officer may enter DB's worker, but not into DA's competition
		const e = await thrown(RuleError, () => registerFor(db, actors.officerDB, event.id, { workerIds: [w.workerB.id], captainId: null, teamName: '' }));
		expect(e.errors).toEqual({ workerIds: '李四：本竞赛只面向主办单位及其下级组织的职工' });
		const none = await thrown(RuleError, () => registerFor(db, actors.officerDA, event.id, { workerIds: [], captainId: null, teamName: '' }));
		expect(none.errors).toEqual({ workerIds: '请至少选择一名职工' });
		expect(countRows(db, 'entries')).toBe(0);
		expect(countRows(db, 'entry_members')).toBe(0);
		expect(auditSince(db, mark)).toEqual([]);
	});

	it('refuses the whole batch when one worker is not eligible, naming them', async () => {
		const { db, actors, event, w } = await openCompetition({ trade: '数控车工' });
		const e = await thrown(RuleError, () => registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id, w.ta1b.id], captainId: null, teamName: '' }));
		expect(e.errors).toEqual({ workerIds: '王五：本项目限定工种，与职工的工种不符' });
		expect(countRows(db, 'entries')).toBe(0);
	});

	it('the organiser may still enter late, until the draw; an officer below may not', async () => {
		const { db, actors, event, competition, w } = await openCompetition();
		setWindow(db, competition.id, daysFromToday(-10), daysFromToday(-1));
		const e = await thrown(RuleError, () => registerFor(db, actors.officerEA1, event.id, { workerIds: [w.ta1b.id], captainId: null, teamName: '' }));
		expect(e.errors).toEqual({ workerIds: '王五：报名未开放或已截止' });
		expect(registerFor(db, actors.officerDA, event.id, { workerIds: [w.ta1b.id], captainId: null, teamName: '' })[0].status).toBe('approved');
		drawLots(db, actors.officerDA, event.id);
		const after = await thrown(RuleError, () => registerFor(db, actors.officerDA, event.id, { workerIds: [w.ta1c.id], captainId: null, teamName: '' }));
		expect(after.errors).toEqual({ workerIds: '已抽签，报名不能再变更' });
		expect(countRows(db, 'entries')).toBe(1);
	});

	// workers earlier in a batch count against their enterprise's quota
	it('the quota holds within one batch of an individual event', async () => {
		const { db, actors, event, w } = await openCompetition({ quotaPerUnit: 1 });
		const e = await thrown(RuleError, () => registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id, w.ta1b.id], captainId: null, teamName: '' }));
		expect(Object.keys(e.errors)).toEqual(['workerIds']);
		expect(countRows(db, 'entries')).toBe(0);
	});

	describe('teams', () => {
		it('enforce member count, a team name and a captain among the members', async () => {
			const { db, actors, event, w } = await openCompetition(teamEvent());
			const mark = lastAuditId(db);
			const team = (workerIds: number[], captainId: number | null, teamName = '数控一队') => () =>
				registerFor(db, actors.officerDA, event.id, { workerIds, captainId, teamName });
			expect((await thrown(RuleError, team([w.workerA.id], w.workerA.id))).errors).toEqual({ workerIds: '团体人数须在 2 到 3 人之间' });
			expect((await thrown(RuleError, team([w.workerA.id, w.ta1b.id, w.ta1c.id, w.ta2a.id], w.workerA.id))).errors).toEqual({
				workerIds: '团体人数须在 2 到 3 人之间'
			});
			expect((await thrown(RuleError, team([w.workerA.id, w.ta1b.id], w.ta2a.id))).errors).toEqual({ captainId: '请从队员中选出队长' });
			expect((await thrown(RuleError, team([w.workerA.id, w.ta1b.id], null))).errors).toEqual({ captainId: '请从队员中选出队长' });
			expect((await thrown(RuleError, team([w.workerA.id, w.ta1b.id], w.workerA.id, '  '))).errors).toEqual({ teamName: '此项必填' });
			expect(countRows(db, 'entries')).toBe(0);
			expect(auditSince(db, mark)).toEqual([]);

			const [entry] = team([w.workerA.id, w.ta1b.id, w.ta1c.id], w.ta1b.id, ' 数控一队 ')();
			expect(entry).toMatchObject({ workerId: w.ta1b.id, teamName: '数控一队', status: 'approved' });
			expect(membersOfEntry(db, entry.id).map((m) => [m.workerId, m.captain]).sort()).toEqual(
				[
					[w.workerA.id, false],
					[w.ta1b.id, true],
					[w.ta1c.id, false]
				].sort()
			);
			expect(countRows(db, 'entries')).toBe(1);
			expect(auditSince(db, mark).map((a) => a.action)).toEqual(['entry.register']);
			// a member cannot be in a second team
			const again = await thrown(RuleError, team([w.workerA.id, w.ta2a.id], w.ta2a.id, '混编队'));
			expect(again.errors).toEqual({ workerIds: '张三：已报名本项目' });
		});

		it('the quota counts a team once, against the captain’s enterprise', async () => {
			const { db, u, actors, event, w } = await openCompetition(teamEvent({ quotaPerUnit: 1 }));
			// three members of EA1 are one entry against EA1's quota of 1
			const [first] = registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id, w.ta1b.id, w.ta1c.id], captainId: w.workerA.id, teamName: '机械一队' });
			expect(first.employerId).toBe(u.EA1.id);
			// a second team captained from EA1 is over the quota
			const x1 = insertWorker(db, u.TA1, u.EA1, '1004', '钱十');
			const x2 = insertWorker(db, u.TA1, u.EA1, '1005', '郑十一');
			const e = await thrown(RuleError, () =>
				registerFor(db, actors.officerDA, event.id, { workerIds: [x1.id, x2.id], captainId: x1.id, teamName: '机械二队' })
			);
			expect(e.errors).toEqual({ workerIds: '钱十：所在企业的报名名额已满' });
			// captained from EA2 it counts against EA2, even with an EA1 member
			const [mixed] = registerFor(db, actors.officerDA, event.id, { workerIds: [x1.id, w.ta2a.id], captainId: w.ta2a.id, teamName: '联合队' });
			expect(mixed.employerId).toBe(u.EA2.id);
			expect(countRows(db, 'entries')).toBe(2);
			expect(countRows(db, 'entry_members')).toBe(5);
		});
	});
});

describe('decideEntry', () => {
	it('rejecting needs a reason and frees the worker to be entered again', async () => {
		const { db, actors, event, w, userIds } = await openCompetition();
		const entry = registerSelf(db, actors.workerA, event.id);
		const mark = lastAuditId(db);
		const e = await thrown(RuleError, () => decideEntry(db, actors.officerDA, entry.id, { approve: false, note: '  ' }));
		expect(e.errors).toEqual({ note: '驳回时必须填写理由' });
		await thrown(ForbiddenError, () => decideEntry(db, actors.officerEA1, entry.id, { approve: false, note: '不符合条件' }));
		expect(entryRow(db, entry.id).status).toBe('pending');
		expect(auditSince(db, mark)).toEqual([]);

		const after = decideEntry(db, actors.officerDA, entry.id, { approve: false, note: ' 工龄不足 ' });
		expect(after).toMatchObject({ status: 'rejected', note: '工龄不足', decidedBy: userIds.officerDA });
		expect(membersOfEntry(db, entry.id)).toEqual([]);
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['entry.reject']);
		const again = registerSelf(db, actors.workerA, event.id);
		expect(again.status).toBe('pending');
		expect(membersOfEntry(db, again.id).map((m) => m.workerId)).toEqual([w.workerA.id]);
	});

	it('approving records who decided, audited as entry.approve', async () => {
		const { db, actors, event, userIds } = await openCompetition();
		const entry = registerSelf(db, actors.workerA, event.id);
		const mark = lastAuditId(db);
		expect(decideEntry(db, actors.officerDA, entry.id, { approve: true, note: '' })).toMatchObject({ status: 'approved', note: null, decidedBy: userIds.officerDA });
		expect(auditSince(db, mark).map((a) => a.action)).toEqual(['entry.approve']);
	});

	it('nothing changes after the draw', async () => {
		const c = await makeContest({ start: false });
		const id = c.entryOf(c.w.workerA.id);
		const e = await thrown(RuleError, () => decideEntry(c.db, c.officer, id, { approve: false, note: '资格复核' }));
		expect(e.errors).toEqual({ _: '已抽签，报名不能再变更' });
		expect(entryRow(c.db, id).status).toBe('approved');
	});

	// a rejected entry has released its members, so it stays rejected
	it('a rejected entry cannot be approved afterwards', async () => {
		const { db, actors, event } = await openCompetition();
		const entry = registerSelf(db, actors.workerA, event.id);
		decideEntry(db, actors.officerDA, entry.id, { approve: false, note: '工龄不足' });
		registerSelf(db, actors.workerA, event.id);
		const e = await thrown(RuleError, () => decideEntry(db, actors.officerDA, entry.id, { approve: true, note: '' }));
		expect(e.errors).toEqual({ _: '该申请已处理过' });
		expect(entryRow(db, entry.id).status).toBe('rejected');
	});
});

describe('withdrawEntry', () => {
	it('only the worker themself withdraws, releasing the place', async () => {
		const { db, actors, event } = await openCompetition();
		const entry = registerSelf(db, actors.workerA, event.id);
		const mark = lastAuditId(db);
		await thrown(ForbiddenError, () => withdrawEntry(db, actors.workerB, entry.id));
		await thrown(ForbiddenError, () => withdrawEntry(db, actors.officerDA, entry.id));
		await thrown(NotSignedInError, () => withdrawEntry(db, null, entry.id));
		expect(entryRow(db, entry.id).status).toBe('pending');
		expect(auditSince(db, mark)).toEqual([]);

		withdrawEntry(db, actors.workerA, entry.id);
		expect(entryRow(db, entry.id).status).toBe('withdrawn');
		expect(membersOfEntry(db, entry.id)).toEqual([]);
		const audit = auditSince(db, mark);
		expect(audit.map((a) => a.action)).toEqual(['entry.withdraw']);
		expect(JSON.parse(audit[0].after!)).toEqual({ status: 'withdrawn' });
		const e = await thrown(RuleError, () => withdrawEntry(db, actors.workerA, entry.id));
		expect(e.errors).toEqual({ _: '该申请已处理过' });
		expect(registerSelf(db, actors.workerA, event.id).status).toBe('pending');
	});

	it('the worker may withdraw an entry an officer made for them', async () => {
		const { db, actors, event, w } = await openCompetition();
		const [entry] = registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id], captainId: null, teamName: '' });
		withdrawEntry(db, actors.workerA, entry.id);
		expect(entryRow(db, entry.id).status).toBe('withdrawn');
	});

	it('only while registration is open', async () => {
		const { db, actors, event, competition } = await openCompetition();
		const entry = registerSelf(db, actors.workerA, event.id);
		setWindow(db, competition.id, daysFromToday(-10), daysFromToday(-1));
		const mark = lastAuditId(db);
		const e = await thrown(RuleError, () => withdrawEntry(db, actors.workerA, entry.id));
		expect(e.errors).toEqual({ _: '报名未开放或已截止' });
		expect(entryRow(db, entry.id).status).toBe('pending');
		expect(membersOfEntry(db, entry.id)).toHaveLength(1);
		expect(auditSince(db, mark)).toEqual([]);
	});
});

describe('candidatesFor', () => {
	it('lists the officer’s workers inside the organiser’s subtree who have not entered', async () => {
		const { db, actors, event } = await openCompetition();
		const names = (actor: Fixture['actors']['officerDA'], q = '') => candidatesFor(db, actor, event.id, q).map((c) => c.name);
		expect(names(actors.officerDA)).toEqual(['东区干部', '机械厂干部', '张三', '王五', '赵六', '周八', '孙七']);
		expect(names(actors.admin)).toEqual(['东区干部', '机械厂干部', '张三', '王五', '赵六', '周八', '孙七']);
		expect(names(actors.officerEA1)).toEqual(['机械厂干部', '张三', '王五', '赵六']);
		expect(names(actors.officerDB)).toEqual([]);
		expect(names(actors.officerDA, '赵')).toEqual(['赵六']);
		expect(names(actors.officerDA, '100')).toEqual(['张三', '王五', '赵六', '周八']);
		registerSelf(db, actors.workerA, event.id);
		expect(names(actors.officerDA)).not.toContain('张三');
		expect(names(actors.officerDA)).toHaveLength(6);
		await thrown(ForbiddenError, () => candidatesFor(db, actors.workerA, event.id, ''));
	});

	it('respects the event’s trade', async () => {
		const { db, actors, event } = await openCompetition({ trade: '数控车工' });
		expect(candidatesFor(db, actors.officerDA, event.id, '').map((c) => [c.name, c.trade])).toEqual([['张三', '数控车工']]);
	});
});

describe('drawLots', () => {
	it('refused while registration is open, while entries are pending, and with no entries', async () => {
		const { db, actors, event, competition, w } = await openCompetition({ codePrefix: 'B' });
		registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id], captainId: null, teamName: '' });
		registerSelf(db, actors.officerEA1, event.id);
		registerFor(db, actors.officerEA1, event.id, { workerIds: [w.ta1b.id], captainId: null, teamName: '' });
		const mark = lastAuditId(db);
		let e = await thrown(RuleError, () => drawLots(db, actors.officerDA, event.id));
		expect(e.errors).toEqual({ _: '报名截止并进入比赛阶段后才能抽签' });
		setWindow(db, competition.id, daysFromToday(-10), daysFromToday(-1));
		e = await thrown(RuleError, () => drawLots(db, actors.officerDA, event.id));
		expect(e.errors).toEqual({ _: '还有 2 个报名待审核' });
		expect(db.select().from(entries).all().every((r) => r.code === null)).toBe(true);
		expect(auditSince(db, mark)).toEqual([]);
		await thrown(ForbiddenError, () => drawLots(db, actors.officerEA1, event.id));

		const empty = createEvent(db, actors.officerDA, competition.id, eventInput({ name: '钳工' }));
		e = await thrown(RuleError, () => drawLots(db, actors.officerDA, empty.id));
		expect(e.errors).toEqual({ _: '没有已审核通过的报名' });
	});

	it('refused in a draft', async () => {
		const { db, actors, competition, event, w } = await openCompetition();
		registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id], captainId: null, teamName: '' });
		moveCompetition(db, actors.officerDA, competition.id, 'draft');
		const e = await thrown(RuleError, () => drawLots(db, actors.officerDA, event.id));
		expect(e.errors).toEqual({ _: '报名截止并进入比赛阶段后才能抽签' });
	});

	it('gives approved entries the codes B01… once registration has closed; rejected ones get none', async () => {
		const { db, actors, event, competition, w, userIds } = await openCompetition({ codePrefix: 'B' });
		const made = registerFor(db, actors.officerDA, event.id, { workerIds: [w.workerA.id, w.ta1b.id, w.ta2a.id], captainId: null, teamName: '' });
		const pending = registerSelf(db, actors.officerEA1, event.id);
		decideEntry(db, actors.officerDA, pending.id, { approve: false, note: '非一线职工' });
		setWindow(db, competition.id, daysFromToday(-10), daysFromToday(-1));
		const mark = lastAuditId(db);
		const draw = drawLots(db, actors.officerDA, event.id);
		expect(draw.seed).toMatch(/^[0-9a-f]{32}$/);
		expect(draw.codes.map((c) => c.code)).toEqual(['B01', 'B02', 'B03']);
		expect(draw.codes.map((c) => c.entryId).sort((a, b) => a - b)).toEqual(made.map((e) => e.id).sort((a, b) => a - b));
		for (const c of draw.codes) expect(entryRow(db, c.entryId).code).toBe(c.code);
		expect(entryRow(db, pending.id).code).toBeNull();
		const ev = getEventForOfficer(db, actors.officerDA, event.id).event;
		expect(ev).toMatchObject({ drawSeed: draw.seed, drawnBy: userIds.officerDA });
		expect(ev.drawnAt).toBeInstanceOf(Date);
		const audit = auditSince(db, mark);
		expect(audit.map((a) => a.action)).toEqual(['event.draw']);
		expect(JSON.parse(audit[0].after!)).toEqual({ seed: draw.seed, entries: made.map((e) => e.id), codes: draw.codes });
	});
});

describe('openToWorker', () => {
	it('lists an open competition to a worker inside the organiser’s subtree, with per-event problems', async () => {
		const { db, u, actors, competition, event } = await openCompetition();
		const trade = createEvent(db, actors.officerDA, competition.id, eventInput({ name: '电工', trade: '电工', codePrefix: 'E' }));
		const team = createEvent(db, actors.officerDA, competition.id, teamEvent());
		createCompetition(db, actors.officerDA, competitionInput(u.DA.id, { title: '仍是草稿' }));
		const entry = registerSelf(db, actors.workerA, event.id);
		const seen = openToWorker(db, actors.workerA);
		expect(seen.map((c) => [c.id, c.title, c.organiser, c.open])).toEqual([[competition.id, '东区职工职业技能大赛', '东区总工会', true]]);
		expect(seen[0].events.map((e) => [e.id, e.entry?.id ?? null, e.problems])).toEqual([
			[event.id, entry.id, []],
			[trade.id, null, ['本项目限定工种，与职工的工种不符']],
			[team.id, null, []]
		]);
		expect(seen[0].events[0].entry!.status).toBe('pending');
	});

	it('shows nothing to a worker outside the organiser’s subtree', async () => {
		const { db, actors } = await openCompetition();
		expect(openToWorker(db, actors.workerB)).toEqual([]);
		await thrown(NotSignedInError, () => openToWorker(db, null));
	});

	it('shows the closed window and a rejected entry with the problems that remain', async () => {
		const { db, actors, competition, event } = await openCompetition();
		const entry = registerSelf(db, actors.workerA, event.id);
		decideEntry(db, actors.officerDA, entry.id, { approve: false, note: '工龄不足' });
		setWindow(db, competition.id, daysFromToday(-10), daysFromToday(-1));
		const [c] = openToWorker(db, actors.workerA);
		expect(c.open).toBe(false);
		expect(c.events[0].entry).toMatchObject({ id: entry.id, status: 'rejected', note: '工龄不足' });
		expect(c.events[0].problems).toEqual(['报名未开放或已截止']);
	});
});
