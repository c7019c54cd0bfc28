import { and, asc, eq, inArray, like, notLike } from 'drizzle-orm';
import type { DB } from '../db';
import { units, userRoles, users, workers } from '../db/schema';
import { loadActor, type Actor } from '../auth/actor';
import { appointJudge, addStage, createCompetition, createEvent, getEventForOfficer, moveCompetition, updateStage } from '../competitions';
import { addAspect, addCriterion, addModule, createScheme, schemeTree } from '../competitions/schemes';
import { drawLots, registerFor } from '../competitions/entries';
import { startStage } from '../judging/stages';
import { saveSheet, judgeStage } from '../judging/sheets';
import { daysFromToday } from '../competitions/context';
import { DEMO_PASSWORD, rng, type DemoAccount } from './seed';
import { hashPassword } from '../auth/password';

/**
 * Demo competitions, made through the same services officers and judges use:
 * a skills contest in progress (electricians, two stages, a five-judge panel with
 * a chief judge, most first-stage sheets in) and a safety contest open for entries.
 */
export async function seedDemoContests(db: DB, officerEmployeeNo: string, demoJudgeEmployeeNo: string): Promise<DemoAccount[]> {
	const random = rng(8061);
	const officerRow = db
		.select({ userId: users.id })
		.from(users)
		.innerJoin(workers, eq(workers.id, users.workerId))
		.where(eq(workers.employeeNo, officerEmployeeNo))
		.get()!;
	const officer = loadActor(db, officerRow.userId)!;
	const dh = db.select().from(units).where(eq(units.code, 'DH')).get()!;
	const passwordHash = await hashPassword(DEMO_PASSWORD);

	// judges from outside the district's enterprises, plus the demo judge, and a chief judge
	const outsiders = db
		.select({ id: workers.id, name: workers.name, phone: workers.phone, employeeNo: workers.employeeNo, unitId: workers.unitId })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(inArray(workers.skillLevel, ['technician', 'senior_technician']), notLike(units.path, `${dh.path}%`)))
		.orderBy(asc(workers.id))
		.limit(5)
		.all();
	const accountOf = (w: { id: number }) => {
		const existing = db.select().from(users).where(eq(users.workerId, w.id)).get();
		if (existing) return existing.id;
		const now = new Date();
		const u = db.insert(users).values({ workerId: w.id, passwordHash, createdAt: now, passwordChangedAt: now }).returning().get();
		db.insert(userRoles).values({ userId: u.id, role: 'worker', unitId: 0 }).run();
		return u.id;
	};
	const demoJudge = db.select().from(workers).where(eq(workers.employeeNo, demoJudgeEmployeeNo)).get()!;
	const chiefWorker = outsiders[4];
	for (const w of [...outsiders, demoJudge]) accountOf(w);

	/* 1. A skills contest in progress */
	const contest = createCompetition(db, officer, {
		unitId: dh.id,
		title: '东湖区第六届职工职业技能大赛',
		type: 'skills',
		startsOn: daysFromToday(-3),
		endsOn: daysFromToday(25),
		registrationOpens: daysFromToday(-40),
		registrationCloses: daysFromToday(-6),
		rules: '参赛对象：东湖区所属企业在岗职工。\n比赛分初赛、决赛两个赛段：初赛成绩前 6 名进入决赛，决赛成绩按 40% 带入总成绩。\n理论知识占 30%，操作技能占 70%；操作技能评分去掉一个最高分和一个最低分后取平均。'
	});
	const scheme = createScheme(db, officer, contest.id, {
		name: '电工操作技能评分标准',
		method: 'trimmed',
		trim: 1,
		combine: 'mean',
		factor: '1',
		decimals: 2,
		roundAt: 'module',
		judgementSpread: 1
	});
	const theory = addModule(db, officer, scheme.id, { name: '理论知识', weight: '30' });
	const practical = addModule(db, officer, scheme.id, { name: '操作技能', weight: '70' });
	const exam = addCriterion(db, officer, scheme.id, theory.id, { name: '理论考试' });
	const wiring = addCriterion(db, officer, scheme.id, practical.id, { name: '电气控制线路安装' });
	const safety = addCriterion(db, officer, scheme.id, practical.id, { name: '安全文明生产' });
	addAspect(db, officer, scheme.id, exam.id, { kind: 'measurement', name: '理论考试成绩（百分制）', description: '机考成绩，由裁判组核对后录入', max: '100', step: '0.5', difficulty: null, descriptors: null });
	addAspect(db, officer, scheme.id, wiring.id, {
		kind: 'judgement',
		name: '布线工艺',
		description: '横平竖直、走线合理、线束绑扎',
		max: '20',
		step: '1',
		difficulty: null,
		descriptors: ['杂乱，明显不符合工艺要求', '基本符合要求，多处瑕疵', '符合要求，个别瑕疵', '工艺精良，堪称示范']
	});
	addAspect(db, officer, scheme.id, wiring.id, { kind: 'element', name: '功能调试', description: '通电试车，按功能逐项评分', max: '10', step: '0.5', difficulty: '4', descriptors: null });
	addAspect(db, officer, scheme.id, wiring.id, { kind: 'element', name: '故障排查', description: '限时排除设置的两处故障', max: '10', step: '0.5', difficulty: '4', descriptors: null });
	addAspect(db, officer, scheme.id, safety.id, { kind: 'deduction', name: '违规操作扣分', description: '未验电、带电作业、工具乱放等，每次扣 1 分', max: '10', step: '1', difficulty: null, descriptors: null });

	const event = createEvent(db, officer, contest.id, { name: '电工', kind: 'individual', trade: '电工', teamMin: 1, teamMax: 1, quotaPerUnit: null, codePrefix: 'D', firstStage: '初赛' });
	const [first] = getEventForOfficer(db, officer, event.id).stages;
	const final = addStage(db, officer, event.id, '决赛');
	updateStage(db, officer, first.id, {
		name: '初赛',
		schemeId: scheme.id,
		carryMode: 'none',
		carryPct: '0',
		ownPct: '100',
		advanceKind: 'top',
		advanceCount: 6,
		advanceMin: null,
		tieBreaks: [{ kind: 'module', moduleId: practical.id }, { kind: 'module', moduleId: theory.id }]
	});
	updateStage(db, officer, final.id, {
		name: '决赛',
		schemeId: scheme.id,
		carryMode: 'weighted',
		carryPct: '40',
		ownPct: '60',
		advanceKind: 'all',
		advanceCount: null,
		advanceMin: null,
		tieBreaks: [{ kind: 'own' }, { kind: 'previous' }]
	});
	for (const w of [demoJudge, ...outsiders.slice(0, 4)]) appointJudge(db, officer, event.id, { identifier: w.phone!, chief: false });
	appointJudge(db, officer, event.id, { identifier: chiefWorker.phone!, chief: true });
	moveCompetition(db, officer, contest.id, 'registration');
	// electricians from the district's enterprises, taken in turn so the panel's recusals vary
	const judgeWorkerIds = new Set([demoJudge.id, ...outsiders.map((w) => w.id)]);
	const pool = db
		.select({ id: workers.id, employerId: workers.employerId })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(workers.trade, '电工'), like(units.path, `${dh.path}%`)))
		.orderBy(asc(workers.id))
		.all()
		.filter((w) => !judgeWorkerIds.has(w.id));
	const byEmployer = [...new Set(pool.map((w) => w.employerId))].map((e) => pool.filter((w) => w.employerId === e));
	const electricians: { id: number }[] = [];
	for (let i = 0; electricians.length < 12 && i < pool.length; i++) for (const list of byEmployer) if (list[i] && electricians.length < 12) electricians.push(list[i]);
	registerFor(db, officer, event.id, { workerIds: electricians.map((w) => w.id), captainId: null, teamName: '' });
	moveCompetition(db, officer, contest.id, 'in_progress');
	drawLots(db, officer, event.id);
	const chief = loadActor(db, accountOf(chiefWorker))!;
	startStage(db, chief, first.id);

	// every judge but the demo judge has marked most entries; the demo judge has work waiting
	const ability = new Map<number, number>();
	const panel: Actor[] = outsiders.slice(0, 4).map((w) => loadActor(db, accountOf(w))!);
	const aspects = schemeTree(db, scheme.id).flatMap((mod) => mod.criteria.flatMap((c) => c.aspects));
	const clampStep = (x: number, max: number, step: number) => String(Math.min(max, Math.max(0, Math.round(x / step) * step)));
	for (const [i, judge] of panel.entries()) {
		const list = judgeStage(db, judge, first.id).entries.filter((e) => !e.conflict);
		for (const e of list.slice(0, list.length - (i === 3 ? 3 : 0))) {
			if (!ability.has(e.entryId)) ability.set(e.entryId, 0.55 + random() * 0.4);
			const a = ability.get(e.entryId)!;
			const marks: Record<number, string> = {};
			for (const asp of aspects) {
				const noise = (random() - 0.5) * 0.15;
				if (asp.kind === 'measurement') marks[asp.id] = i === 0 ? clampStep(60 + a * 40, 100, 0.5) : '';
				else if (asp.kind === 'judgement') marks[asp.id] = clampStep((a + noise) * 3.2, 3, 1);
				else if (asp.kind === 'element') marks[asp.id] = clampStep((a + noise) * 10.5, 10, 0.5);
				else marks[asp.id] = clampStep((1 - a) * 4 + noise * 4, 10, 1);
			}
			saveSheet(db, judge, first.id, e.entryId, { version: null, marks, submit: true });
		}
	}

	/* 2. A safety contest open for entries */
	const ankang = createCompetition(db, officer, {
		unitId: dh.id,
		title: '2026 年东湖区“安康杯”安全知识竞赛',
		type: 'ankang',
		startsOn: daysFromToday(20),
		endsOn: daysFromToday(21),
		registrationOpens: daysFromToday(-5),
		registrationCloses: daysFromToday(15),
		rules: '面向东湖区所属企业全体职工，每家企业限报 5 人。笔试 60 分钟，满分 100 分。'
	});
	const quiz = createScheme(db, officer, ankang.id, { name: '安全知识笔试', method: 'mean', trim: 0, combine: 'mean', factor: '1', decimals: 1, roundAt: 'total', judgementSpread: 1 });
	const paper = addModule(db, officer, quiz.id, { name: '笔试', weight: '100' });
	const paperC = addCriterion(db, officer, quiz.id, paper.id, { name: '试卷' });
	addAspect(db, officer, quiz.id, paperC.id, { kind: 'measurement', name: '笔试成绩', description: '', max: '100', step: '0.5', difficulty: null, descriptors: null });
	const quizEvent = createEvent(db, officer, ankang.id, { name: '安全知识笔试', kind: 'individual', trade: '', teamMin: 1, teamMax: 1, quotaPerUnit: 5, codePrefix: 'AK', firstStage: '决赛' });
	const [quizStage] = getEventForOfficer(db, officer, quizEvent.id).stages;
	updateStage(db, officer, quizStage.id, { name: '决赛', schemeId: quiz.id, carryMode: 'none', carryPct: '0', ownPct: '100', advanceKind: 'all', advanceCount: null, advanceMin: null, tieBreaks: [] });
	moveCompetition(db, officer, ankang.id, 'registration');

	const describe = (w: { name: string; phone: string | null; employeeNo: string; unitId: number }, role: DemoAccount['role']): DemoAccount => ({
		role,
		name: w.name,
		phone: w.phone!,
		employeeNo: w.employeeNo,
		password: DEMO_PASSWORD,
		unitName: db.select().from(units).where(eq(units.id, w.unitId)).get()!.name
	});
	return [describe(chiefWorker, 'chief')];
}
