import { and, asc, eq, inArray, like, notLike } from 'drizzle-orm';
import type { DB } from '../db';
import { competitions, units, userRoles, users, workers } from '../db/schema';
import { loadActor, type Actor } from '../auth/actor';
import { appointJudge, addStage, createCompetition, createEvent, getEventForOfficer, moveCompetition, updateStage } from '../competitions';
import { addAspect, addCriterion, addModule, createScheme, schemeTree } from '../competitions/schemes';
import { drawLots, registerFor } from '../competitions/entries';
import { lockStage, startStage } from '../judging/stages';
import { updateAwardRules } from '../results/settings';
import { finaliseResults, publishResults } from '../results/versions';
import { saveSheet, judgeStage } from '../judging/sheets';
import { daysFromToday } from '../competitions/context';
import { DEMO_PASSWORD, rng, type DemoAccount } from './seed';
import { hashPassword } from '../auth/password';

/** Up to `n` workers taken from each enterprise in turn, so entries (and medals) spread across units. */
function eachEmployerInTurn<W extends { employerId: number }>(pool: W[], n: number): W[] {
	const lists = [...new Set(pool.map((w) => w.employerId))].map((e) => pool.filter((w) => w.employerId === e));
	const out: W[] = [];
	for (let i = 0; out.length < n && i < pool.length; i++) for (const list of lists) if (list[i] && out.length < n) out.push(list[i]);
	return out;
}

/**
 * Demo competitions, made through the same services officers and judges use:
 * a skills contest in progress (electricians, two stages, a five-judge panel with
 * a chief judge, most first-stage sheets in, and a second event marked and locked, ready
 * for 公示), a safety contest open for entries, and a finished contest whose final
 * results, awards and certificates are published.
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
	/** 理论 30% + 操作 70%: the electrical trades' scheme, filled in through the scheme services. */
	const fillScheme = (schemeId: number) => {
		const theory = addModule(db, officer, schemeId, { name: '理论知识', weight: '30' });
		const practical = addModule(db, officer, schemeId, { name: '操作技能', weight: '70' });
		const exam = addCriterion(db, officer, schemeId, theory.id, { name: '理论考试' });
		const wiring = addCriterion(db, officer, schemeId, practical.id, { name: '电气控制线路安装' });
		const safety = addCriterion(db, officer, schemeId, practical.id, { name: '安全文明生产' });
		addAspect(db, officer, schemeId, exam.id, { kind: 'measurement', name: '理论考试成绩（百分制）', description: '机考成绩，由裁判组核对后录入', max: '100', step: '0.5', difficulty: null, descriptors: null });
		addAspect(db, officer, schemeId, wiring.id, {
			kind: 'judgement',
			name: '布线工艺',
			description: '横平竖直、走线合理、线束绑扎',
			max: '20',
			step: '1',
			difficulty: null,
			descriptors: ['杂乱，明显不符合工艺要求', '基本符合要求，多处瑕疵', '符合要求，个别瑕疵', '工艺精良，堪称示范']
		});
		addAspect(db, officer, schemeId, wiring.id, { kind: 'element', name: '功能调试', description: '通电试车，按功能逐项评分', max: '10', step: '0.5', difficulty: '4', descriptors: null });
		addAspect(db, officer, schemeId, wiring.id, { kind: 'element', name: '故障排查', description: '限时排除设置的两处故障', max: '10', step: '0.5', difficulty: '4', descriptors: null });
		addAspect(db, officer, schemeId, safety.id, { kind: 'deduction', name: '违规操作扣分', description: '未验电、带电作业、工具乱放等，每次扣 1 分', max: '10', step: '1', difficulty: null, descriptors: null });
		return { theory, practical };
	};
	const { theory, practical } = fillScheme(scheme.id);

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
	/* 1b. A second event of the same contest, to be marked and signed off: its results are ready for 公示 */
	const lines = createEvent(db, officer, contest.id, { name: '电力线路工', kind: 'individual', trade: '电力线路工', teamMin: 1, teamMax: 1, quotaPerUnit: null, codePrefix: 'L', firstStage: '决赛' });
	const [linesStage] = getEventForOfficer(db, officer, lines.id).stages;
	const linesScheme = createScheme(db, officer, contest.id, { name: '电力线路工评分标准', method: 'mean', trim: 0, combine: 'mean', factor: '1', decimals: 2, roundAt: 'module', judgementSpread: 1 });
	fillScheme(linesScheme.id);
	updateStage(db, officer, linesStage.id, { name: '决赛', schemeId: linesScheme.id, carryMode: 'none', carryPct: '0', ownPct: '100', advanceKind: 'all', advanceCount: null, advanceMin: null, tieBreaks: [] });
	updateAwardRules(db, officer, lines.id, {
		rule: { kind: 'rank', tiers: [{ name: '一等奖', count: 1, honour: '东湖区技术能手' }, { name: '二等奖', count: 2 }, { name: '三等奖', count: 3 }] },
		excellenceMin: '110',
		excellenceName: '优秀奖'
	});
	const linesPanel = [demoJudge, outsiders[0], outsiders[1]];
	for (const w of linesPanel) appointJudge(db, officer, lines.id, { identifier: w.phone!, chief: false });
	appointJudge(db, officer, lines.id, { identifier: chiefWorker.phone!, chief: true });
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
	const electricians = eachEmployerInTurn(pool, 12);
	registerFor(db, officer, event.id, { workerIds: electricians.map((w) => w.id), captainId: null, teamName: '' });
	const linemen = db
		.select({ id: workers.id })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(workers.trade, '电力线路工'), like(units.path, `${dh.path}%`)))
		.orderBy(asc(workers.id))
		.all();
	registerFor(db, officer, lines.id, { workerIds: linemen.map((w) => w.id), captainId: null, teamName: '' });
	moveCompetition(db, officer, contest.id, 'in_progress');
	drawLots(db, officer, event.id);
	drawLots(db, officer, lines.id);
	const chief = loadActor(db, accountOf(chiefWorker))!;
	startStage(db, chief, first.id);
	startStage(db, chief, linesStage.id);

	// every judge but the demo judge has marked most entries; the demo judge has work waiting
	const panel: Actor[] = outsiders.slice(0, 4).map((w) => loadActor(db, accountOf(w))!);
	const markAll = (stageId: number, schemeId: number, judges: Actor[], leaveOut: (judgeIndex: number) => number, everyoneMeasures = false) => {
		const aspects = schemeTree(db, schemeId).flatMap((mod) => mod.criteria.flatMap((c) => c.aspects));
		const ability = new Map<number, number>();
		for (const [i, judge] of judges.entries()) {
			const list = judgeStage(db, judge, stageId).entries.filter((e) => !e.conflict);
			for (const e of list.slice(0, list.length - leaveOut(i))) {
				if (!ability.has(e.entryId)) ability.set(e.entryId, 0.55 + random() * 0.4);
				const a = ability.get(e.entryId)!;
				const marks: Record<number, string> = {};
				for (const asp of aspects) {
					const noise = (random() - 0.5) * 0.15;
					if (asp.kind === 'measurement') marks[asp.id] = i === 0 || everyoneMeasures ? clampStep(60 + a * 40, 100, 0.5) : '';
					else if (asp.kind === 'judgement') marks[asp.id] = clampStep((a + noise) * 3.2, 3, 1);
					else if (asp.kind === 'element') marks[asp.id] = clampStep((a + noise) * 10.5, 10, 0.5);
					else marks[asp.id] = clampStep((1 - a) * 4 + noise * 4, 10, 1);
				}
				saveSheet(db, judge, stageId, e.entryId, { version: null, marks, submit: true });
			}
		}
	};
	const clampStep = (x: number, max: number, step: number) => String(Math.min(max, Math.max(0, Math.round(x / step) * step)));
	markAll(first.id, scheme.id, panel, (i) => (i === 3 ? 3 : 0));
	// the linemen's final is marked in full (every judge records the agreed theory mark) and signed off
	markAll(linesStage.id, linesScheme.id, linesPanel.map((w) => loadActor(db, accountOf(w))!), () => 0, true);
	lockStage(db, chief, linesStage.id);

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

	/* 3. A finished contest: results published for notice, made final, awards and certificates issued */
	const weld = createCompetition(db, officer, {
		unitId: dh.id,
		title: '2026 年东湖区焊工技能比武',
		type: 'skills',
		startsOn: daysFromToday(2),
		endsOn: daysFromToday(3),
		registrationOpens: daysFromToday(-1),
		registrationCloses: daysFromToday(1),
		rules: '理论知识占 30%，操作技能占 70%。一等奖 1 名（授予“东湖区焊接能手”称号），二等奖 2 名，三等奖 3 名。'
	});
	const weldScheme = createScheme(db, officer, weld.id, { name: '焊工评分标准', method: 'mean', trim: 0, combine: 'mean', factor: '1', decimals: 2, roundAt: 'module', judgementSpread: 1 });
	const wTheory = addModule(db, officer, weldScheme.id, { name: '理论知识', weight: '30' });
	const wPractice = addModule(db, officer, weldScheme.id, { name: '操作技能', weight: '70' });
	const wExam = addCriterion(db, officer, weldScheme.id, wTheory.id, { name: '理论考试' });
	const wSeam = addCriterion(db, officer, weldScheme.id, wPractice.id, { name: '板对接焊' });
	const wSafety = addCriterion(db, officer, weldScheme.id, wPractice.id, { name: '安全文明生产' });
	addAspect(db, officer, weldScheme.id, wExam.id, { kind: 'measurement', name: '理论考试成绩（百分制）', description: '', max: '100', step: '0.5', difficulty: null, descriptors: null });
	addAspect(db, officer, weldScheme.id, wSeam.id, { kind: 'judgement', name: '焊缝外观成形', description: '余高、宽度差、咬边', max: '20', step: '1', difficulty: null, descriptors: ['成形差，超标缺陷', '基本合格', '良好', '优良'] });
	addAspect(db, officer, weldScheme.id, wSeam.id, { kind: 'element', name: '射线探伤', description: '按 NB/T 47013 评级折算', max: '10', step: '0.5', difficulty: '4', descriptors: null });
	addAspect(db, officer, weldScheme.id, wSafety.id, { kind: 'deduction', name: '违规操作扣分', description: '', max: '10', step: '1', difficulty: null, descriptors: null });
	const welding = createEvent(db, officer, weld.id, { name: '焊工', kind: 'individual', trade: '焊工', teamMin: 1, teamMax: 1, quotaPerUnit: null, codePrefix: 'H', firstStage: '决赛' });
	const [weldStage] = getEventForOfficer(db, officer, welding.id).stages;
	updateStage(db, officer, weldStage.id, { name: '决赛', schemeId: weldScheme.id, carryMode: 'none', carryPct: '0', ownPct: '100', advanceKind: 'all', advanceCount: null, advanceMin: null, tieBreaks: [{ kind: 'module', moduleId: wPractice.id }] });
	updateAwardRules(db, officer, welding.id, {
		rule: { kind: 'rank', tiers: [{ name: '一等奖', count: 1, honour: '东湖区焊接能手' }, { name: '二等奖', count: 2 }, { name: '三等奖', count: 3 }] },
		excellenceMin: '105',
		excellenceName: '优秀奖'
	});
	const weldPanel = outsiders.slice(0, 3);
	for (const w of weldPanel) appointJudge(db, officer, welding.id, { identifier: w.phone!, chief: false });
	appointJudge(db, officer, welding.id, { identifier: chiefWorker.phone!, chief: true });
	moveCompetition(db, officer, weld.id, 'registration');
	// welders from every enterprise in turn, so the medal table has several units
	const weldPool = db
		.select({ id: workers.id, employerId: workers.employerId })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(workers.trade, '焊工'), like(units.path, `${dh.path}%`)))
		.orderBy(asc(workers.id))
		.all();
	const welders = eachEmployerInTurn(weldPool, 10);
	registerFor(db, officer, welding.id, { workerIds: welders.map((w) => w.id), captainId: null, teamName: '' });
	db.update(competitions).set({ registrationCloses: daysFromToday(-1) }).where(eq(competitions.id, weld.id)).run();
	moveCompetition(db, officer, weld.id, 'in_progress');
	drawLots(db, officer, welding.id);
	startStage(db, chief, weldStage.id);
	markAll(weldStage.id, weldScheme.id, weldPanel.map((w) => loadActor(db, accountOf(w))!), () => 0, true);
	lockStage(db, chief, weldStage.id);
	const day = 24 * 3_600_000;
	const notice = publishResults(db, officer, weldStage.id, { noticeStartsAt: new Date(Date.now() - 12 * day), noticeEndsAt: new Date(Date.now() - 7 * day), showNames: false });
	finaliseResults(db, officer, notice.versionId);
	moveCompetition(db, officer, weld.id, 'scoring_closed');
	moveCompetition(db, officer, weld.id, 'published');
	// the contest took place six weeks ago
	db.update(competitions)
		.set({ startsOn: daysFromToday(-45), endsOn: daysFromToday(-44), registrationOpens: daysFromToday(-70), registrationCloses: daysFromToday(-50) })
		.where(eq(competitions.id, weld.id))
		.run();

	const describe = (w: { name: string; phone: string | null; employeeNo: string; unitId: number }, role: DemoAccount['role']): DemoAccount => ({
		role,
		name: w.name,
		phone: w.phone!,
		employeeNo: w.employeeNo,
		password: DEMO_PASSWORD,
		unitName: db.select().from(units).where(eq(units.id, w.unitId)).get()!.name
	});
	return [describe(chiefWorker, 'chief'), describe(outsiders[0], 'judge2')];
}
