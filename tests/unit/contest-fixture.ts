import { saveSheet } from '$lib/server/judging/sheets';
import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db';
import { competitions, entries } from '$lib/server/db/schema';
import { addStage, appointJudge, createCompetition, createEvent, getEventForOfficer, moveCompetition, updateStage } from '$lib/server/competitions';
import { addAspect, addCriterion, addModule, createScheme } from '$lib/server/competitions/schemes';
import { drawLots, registerFor } from '$lib/server/competitions/entries';
import { startStage } from '$lib/server/judging/stages';
import { daysFromToday } from '$lib/server/competitions/context';
import type { SchemeRulesInput } from '$lib/server/competitions/forms';
import { actorOf, insertAccount, insertWorker, makeFixture, fixtureHash } from './helpers';

export const RULES: SchemeRulesInput = {
	name: '数控车工实操评分标准',
	method: 'mean',
	trim: 0,
	combine: 'mean',
	factor: '1',
	decimals: 2,
	roundAt: 'total',
	judgementSpread: 1
};

/**
 * A competition organised by 东区总工会 (DA) with one individual event "数控车工" in
 * two stages, a scheme with theory (30 %, one agreed measurement out of 100) and
 * practical (70 %: a judgement aspect worth 4, a scored element 0–10 step 0.5 with
 * difficulty 1.2, a deduction up to 5), and a panel:
 *   judges.ea2  — works in 东区电力公司 (EA2): kept from EA2's entries automatically
 *   judges.eb1  — works in 西区水务 (EB1): no conflicts here
 *   judges.fed  — works at the federation: no automatic conflicts
 *   judges.chief — chief judge (西区总工会)
 * Entrants (approved, lots drawn): workerA, ta1b, ta1c (EA1) and ta2a, ta2b (EA2).
 */
export async function makeContest(opts: { rules?: Partial<SchemeRulesInput>; start?: boolean; db?: DB } = {}) {
	const f = await makeFixture(opts.db);
	const { db, u, actors } = f;
	const hash = await fixtureHash();
	const judgeWorkers = {
		ea2: insertWorker(db, u.TA2, u.EA2, 'J001', '裁判甲', { phone: '13900000001' }),
		eb1: insertWorker(db, u.TB1, u.EB1, 'J002', '裁判乙', { phone: '13900000002' }),
		fed: insertWorker(db, u.FED, u.FED, 'J003', '裁判丙', { phone: '13900000003' }),
		chief: insertWorker(db, u.DB, u.DB, 'J004', '裁判长丁', { phone: '13900000004' })
	};
	const judgeIds = {
		ea2: insertAccount(db, judgeWorkers.ea2, hash),
		eb1: insertAccount(db, judgeWorkers.eb1, hash),
		fed: insertAccount(db, judgeWorkers.fed, hash),
		chief: insertAccount(db, judgeWorkers.chief, hash)
	};
	const officer = actors.officerDA;
	const competition = createCompetition(db, officer, {
		unitId: u.DA.id,
		title: '东区第五届职工职业技能大赛',
		type: 'skills',
		startsOn: daysFromToday(-1),
		endsOn: daysFromToday(30),
		registrationOpens: daysFromToday(-1),
		registrationCloses: daysFromToday(10),
		rules: '按国家职业技能标准命题。'
	});
	const event = createEvent(db, officer, competition.id, {
		name: '数控车工',
		kind: 'individual',
		trade: '',
		teamMin: 1,
		teamMax: 1,
		quotaPerUnit: null,
		codePrefix: 'A',
		firstStage: '初赛'
	});
	const scheme = createScheme(db, officer, competition.id, { ...RULES, ...opts.rules });
	const theory = addModule(db, officer, scheme.id, { name: '理论知识', weight: '30' });
	const practical = addModule(db, officer, scheme.id, { name: '操作技能', weight: '70' });
	const tc = addCriterion(db, officer, scheme.id, theory.id, { name: '理论考试' });
	const pc = addCriterion(db, officer, scheme.id, practical.id, { name: '零件加工' });
	const aspects = {
		theory: addAspect(db, officer, scheme.id, tc.id, { kind: 'measurement', name: '理论考试成绩', description: '', max: '100', step: '0.5', difficulty: null, descriptors: null }),
		finish: addAspect(db, officer, scheme.id, pc.id, {
			kind: 'judgement',
			name: '表面质量',
			description: '',
			max: '4',
			step: '1',
			difficulty: null,
			descriptors: ['明显缺陷', '基本合格', '良好', '优秀']
		}),
		part: addAspect(db, officer, scheme.id, pc.id, { kind: 'element', name: '零件完成度', description: '', max: '10', step: '0.5', difficulty: '1.2', descriptors: null }),
		safety: addAspect(db, officer, scheme.id, pc.id, { kind: 'deduction', name: '安全文明生产扣分', description: '', max: '5', step: '0.5', difficulty: null, descriptors: null })
	};
	const final = addStage(db, officer, event.id, '决赛');
	const [s1] = getEventForOfficer(db, officer, event.id).stages;
	updateStage(db, officer, s1.id, {
		name: '初赛',
		schemeId: scheme.id,
		carryMode: 'none',
		carryPct: '0',
		ownPct: '100',
		advanceKind: 'top',
		advanceCount: 3,
		advanceMin: null,
		tieBreaks: [{ kind: 'module', moduleId: practical.id }]
	});
	for (const k of ['ea2', 'eb1', 'fed'] as const) appointJudge(db, officer, event.id, { identifier: judgeWorkers[k].phone!, chief: false });
	appointJudge(db, officer, event.id, { identifier: judgeWorkers.chief.phone!, chief: true });
	moveCompetition(db, officer, competition.id, 'registration');
	const entrants = [f.w.workerA, f.w.ta1b, f.w.ta1c, f.w.ta2a, f.w.ta2b];
	const made = registerFor(db, officer, event.id, { workerIds: entrants.map((w) => w.id), captainId: null, teamName: '' });
	// registration closes, the competition starts, lots are drawn
	db.update(competitions).set({ registrationCloses: daysFromToday(-1), registrationOpens: daysFromToday(-1) }).where(eq(competitions.id, competition.id)).run();
	moveCompetition(db, officer, competition.id, 'in_progress');
	const draw = drawLots(db, officer, event.id);
	if (opts.start !== false) startStage(db, actorOf(db, judgeIds.chief), s1.id);
	const entryOf = (workerId: number) => made.find((e) => e.workerId === workerId)!.id;
	const codeOf = (entryId: number) => db.select({ code: entries.code }).from(entries).where(eq(entries.id, entryId)).get()!.code!;
	const judges = {
		ea2: actorOf(db, judgeIds.ea2),
		eb1: actorOf(db, judgeIds.eb1),
		fed: actorOf(db, judgeIds.fed),
		chief: actorOf(db, judgeIds.chief)
	};
	return { ...f, officer, competition, event, scheme, modules: { theory, practical }, aspects, stages: { s1, final }, judges, judgeIds, entrants, entryOf, codeOf, draw };
}

export type Contest = Awaited<ReturnType<typeof makeContest>>;

/** Marks in the order theory, finish, part, safety; theory may be left blank. */
export function marksOf(c: Contest, theory: string, finish: string, part: string, safety: string): Record<number, string> {
	return { [c.aspects.theory.id]: theory, [c.aspects.finish.id]: finish, [c.aspects.part.id]: part, [c.aspects.safety.id]: safety };
}

/** Submits a sheet for every judge who may mark the entry. */
export function scoreAll(c: Contest, entryId: number, byJudge: Partial<Record<'ea2' | 'eb1' | 'fed', Record<number, string>>>) {
	for (const [k, m] of Object.entries(byJudge)) saveSheet(c.db, c.judges[k as 'ea2'], c.stages.s1.id, entryId, { version: null, marks: m!, submit: true });
}

/** First-stage marks used by several tests (see the hand computation in 'standings, lock and advancement'). */
export function scoreStage1(c: Contest, ta1cPartByEa2 = '10') {
	scoreAll(c, c.entryOf(c.w.workerA.id), { ea2: marksOf(c, '', '2', '8', '0'), eb1: marksOf(c, '90', '3', '8.5', '0'), fed: marksOf(c, '', '2', '9', '1') });
	scoreAll(c, c.entryOf(c.w.ta1b.id), { ea2: marksOf(c, '', '3', '10', '0'), eb1: marksOf(c, '80', '3', '10', '0'), fed: marksOf(c, '', '3', '10', '0') });
	scoreAll(c, c.entryOf(c.w.ta1c.id), { ea2: marksOf(c, '', '3', ta1cPartByEa2, '0'), eb1: marksOf(c, '80', '3', '10', '0'), fed: marksOf(c, '80', '3', '10', '0') });
	scoreAll(c, c.entryOf(c.w.ta2a.id), { eb1: marksOf(c, '100', '1', '5', '0'), fed: marksOf(c, '', '1', '5', '0') });
	scoreAll(c, c.entryOf(c.w.ta2b.id), { eb1: marksOf(c, '60', '3', '10', '0'), fed: marksOf(c, '', '3', '10', '0') });
}

/** The final as the judging tests set it up: 40 % of the first stage's total carried, everyone ranked, ties by what was carried. */
export function setUpFinal(c: Contest) {
	updateStage(c.db, c.officer, c.stages.final.id, {
		name: '决赛',
		schemeId: c.scheme.id,
		carryMode: 'weighted',
		carryPct: '40',
		ownPct: '60',
		advanceKind: 'all',
		advanceCount: null,
		advanceMin: null,
		tieBreaks: [{ kind: 'previous' }]
	});
}

export type { DB };
