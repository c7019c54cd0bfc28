/**
 * A province-sized dataset for benchmarks and drills (`npm run gen -- --scale large`).
 *
 * It starts from the demo data (so the demo accounts and journeys work on it too) and
 * adds, deterministically from a seed: a union tree, workers and accounts, competitions
 * with entries and judges' marks, proposals in every workflow state, and studios with
 * their achievements. The competitions' structure (schemes, events, panels, stages,
 * sign-off, publication) goes through the same services officers use, so it is valid by
 * construction; the bulk rows (workers, entries, sheets and marks, proposals, studios)
 * are inserted with prepared statements in large transactions, and the derived rows
 * (stored standings, the search index, serial counters, audit rows for every sheet)
 * are written the way the services write them.
 */
import { eq } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { DB } from '../db';
import { units, users, workers } from '../db/schema';
import { loadActor, type Actor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import { auditChain } from '../audit';
import { addAspect, addCriterion, addModule, createScheme, schemeTree } from '../competitions/schemes';
import { appointJudge, createCompetition, createEvent, getEventForOfficer, moveCompetition, updateStage } from '../competitions';
import { daysFromToday } from '../competitions/context';
import { lockStage, startStage } from '../judging/stages';
import { recomputeStage } from '../judging/standings';
import { updateAwardRules } from '../results/settings';
import { finaliseResults, publishResults } from '../results/versions';
import { indexText } from '$lib/domain/search';
import { PROPOSAL_CATEGORIES, PROPOSAL_KINDS, type ProposalStatus } from '$lib/domain/proposals';
import { DEFAULT_LEADER_HONOURS, type HonourKind, type StudioType } from '$lib/domain/studios';
import { DEMO_PASSWORD, rng, seedDemoIfEmpty } from './seed';
import { GENERATOR_VERSION } from './generator-version';

export interface Scale {
	units: number;
	workers: number;
	/** accounts for ordinary workers (proposal writers, reviewers) beyond officers and judges */
	accounts: number;
	competitions: number;
	/** the one big event whose leaderboard the benchmark reads */
	bigEntries: number;
	/** a second event, scoring with no sheets yet, for the submission benchmark */
	openEntries: number;
	openJudges: number;
	/** entries spread over the other competitions */
	otherEntries: number;
	proposals: number;
	studios: number;
}

export const SCALES = {
	small: { units: 120, workers: 6_000, accounts: 1_500, competitions: 12, bigEntries: 1_000, openEntries: 300, openJudges: 6, otherEntries: 600, proposals: 3_000, studios: 60 },
	large: { units: 2_000, workers: 200_000, accounts: 30_000, competitions: 200, bigEntries: 20_000, openEntries: 16_000, openJudges: 10, otherEntries: 13_000, proposals: 100_000, studios: 2_000 }
} satisfies Record<string, Scale>;
export type ScaleName = keyof typeof SCALES;

/** What the benchmark needs to find again: the events it reads and writes, and who may sign in. */
export interface ScaleManifest {
	/** GENERATOR_VERSION of the generator that built it */
	generator: number;
	scale: ScaleName;
	seed: number;
	password: string;
	counts: Record<string, number>;
	/** the 20,000-entry event (its first stage is scoring: most sheets in, the rest open) */
	big: { competitionId: number; eventId: number; stageId: number; judges: string[] };
	/** a 100-entry event, fully marked and published, to compare a small board with */
	hundred: { competitionId: number; eventId: number; stageId: number };
	/** an event scoring with no sheets yet: judges' employee numbers and the entry ids they mark */
	open: { eventId: number; stageId: number; judges: string[]; entryIds: number[] };
	/** an officer over many proposals, and a word that many proposal titles contain */
	officer: string;
	searchWord: string;
}

const CITIES = '南州 北川 东江 西岭 青山 临海 云湖 白河 金沙 长宁 安平 宁远 清源 丰泽 永昌 华阳 龙泉 新桥 石门 凤城 明川 嘉陵 江口 桃源 兴安 海门 平湖 瑞金 通川 丹霞'.split(' ');
const INDUSTRIES: [string, string[]][] = [
	['供电公司', ['电力线路工', '变电站运维工', '继电保护工', '电工']],
	['钢铁集团', ['焊工', '钳工', '炼钢工', '天车工']],
	['汽车制造公司', ['汽车装调工', '焊工', '涂装工', '数控车工']],
	['医药集团', ['药物制剂工', '化学检验员', '设备维修工']],
	['地铁运营公司', ['城市轨道交通列车司机', '车辆检修工', '信号工']],
	['水务集团', ['水处理工', '供水管道工', '化学检验员']],
	['机床厂', ['数控车工', '数控铣工', '钳工', '磨工']],
	['石化公司', ['化工总控工', '仪表维修工', '管工']],
	['燃气集团', ['燃气输配工', '管工', '电工']],
	['建工集团', ['砌筑工', '钢筋工', '混凝土工', '焊工']],
	['港务集团', ['港口装卸工', '起重装卸机械操作工', '电工']],
	['电子科技公司', ['电子装接工', '仪表维修工', '电工']]
];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛郝顾龚邵万钱戴严孔向常汤康易乔文'];
const GIVEN = '建国 志强 海涛 国强 俊杰 立新 明 伟 磊 军 勇 杰 涛 斌 浩 鹏 超 刚 宏伟 晓东 永红 德胜 文博 振华 秀英 丽娟 静 敏 燕 艳 娟 霞 玲 婷 雪梅 桂芳 晓燕 慧 佳怡 梦琪 丽华 春梅 海燕'.split(' ');
const SKILLS = ['none', 'junior', 'intermediate', 'senior', 'technician', 'senior_technician'] as const;
const NUMERALS = '一二三四五六七八九十';

/** The things proposals are about: a benchmark searches for 变压器, which about one title in twelve has. */
const OBJECTS = ['变压器油色谱在线监测装置', '输电线路巡检流程', '连铸机结晶器冷却水系统', '焊装夹具定位销', '药品包装线贴标机', '地铁车门故障诊断方法', '水厂加药计量泵', '数控机床刀具寿命管理', '催化装置余热回收', '燃气管网泄漏巡查', '塔吊安全监控系统', '集装箱堆场调度', '电子元件贴片工艺', '配电房巡检记录表', '备品备件库存管理'];
const VERBS = ['关于改进', '关于优化', '革新', '改造', '提高', '降低能耗的'];
const GAINS = ['减少停机时间', '降低材料损耗', '提高一次合格率', '缩短作业时间', '消除安全隐患', '节约用电'];

const DAY = 86_400_000;
/** The timeline's action for each step, as the workflow service names them. */
const STEP_ACTION: Partial<Record<ProposalStatus, string>> = { review: 'assign', adopted: 'adopt', implementing: 'start', trial: 'trial', assessment: 'assess', confirmed: 'confirm', rewarded: 'reward', reserve: 'reserve', rejected: 'reject' };

export async function generate(db: DB, scaleName: ScaleName, seed = 2026, log: (line: string) => void = () => {}): Promise<ScaleManifest> {
	const scale: Scale = SCALES[scaleName];
	const random = rng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
	const sqlite: Database.Database = db.$client;
	const t0 = performance.now();
	const step = (what: string) => log(`${what.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);

	await seedDemoIfEmpty(db);
	step('demo data');
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const admin = actorByEmployeeNo(db, 'ZGH001');
	const federation = db.select().from(units).where(eq(units.type, 'federation')).get()!;
	const now = Date.now();
	const nextId = (table: string) => (sqlite.prepare(`SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).get() as { n: number }).n;
	const bulk = (fn: () => void) => sqlite.transaction(fn)();

	/* ---------------------------------------------------------------- units */
	type U = { id: number; path: string; type: string; name: string; code: string; trades: string[]; employerId: number };
	const tops: U[] = [];
	const enterprises: U[] = [];
	const leaves: U[] = []; // teams and workshops, where workers sit
	let unitId = nextId('units');
	const unitStart = unitId;
	const existingUnits = (sqlite.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
	const insertUnit = sqlite.prepare('INSERT INTO units (id, parent_id, type, code, name, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	const addUnit = (parent: { id: number; path: string }, type: string, code: string, name: string): U => {
		const id = unitId++;
		const path = `${parent.path}${id}/`;
		insertUnit.run(id, parent.id, type, code, name, path, now, now);
		return { id, path, type, name, code, trades: [], employerId: 0 };
	};
	const topCount = Math.min(CITIES.length, Math.max(2, Math.round(scale.units / 100)));
	// the judges' home: an assessment centre whose people never enter a contest, so no judge is recused
	let referees!: U;
	bulk(() => {
		for (let i = 0; i < topCount; i++) tops.push(addUnit(federation, i % 4 === 3 ? 'industry' : 'district', `G${String(i + 1).padStart(2, '0')}`, `${CITIES[i]}市总工会`));
		referees = addUnit(federation, 'enterprise', 'GJD', '省职业技能鉴定指导中心工会');
		referees.employerId = referees.id;
		referees.trades = ['技能鉴定考评员'];
		leaves.push(referees);
		let n = 0;
		while (existingUnits + (unitId - unitStart) < scale.units) {
			const top = tops[n % tops.length];
			const [industry, trades] = INDUSTRIES[Math.floor(n / tops.length) % INDUSTRIES.length];
			const round = Math.floor(n / (tops.length * INDUSTRIES.length));
			const code = `${top.code}-E${String(n + 1).padStart(4, '0')}`;
			const e = addUnit(top, 'enterprise', code, `${top.name.slice(0, -4)}${industry}${round ? `第${round + 1}分公司` : ''}工会`);
			e.employerId = e.id;
			e.trades = trades;
			enterprises.push(e);
			for (let w = 0; w < 2 && existingUnits + (unitId - unitStart) < scale.units; w++) {
				const shop = addUnit(e, 'workshop', `${code}-W${w + 1}`, `第${NUMERALS[w]}车间`);
				Object.assign(shop, { employerId: e.id, trades });
				leaves.push(shop);
				for (let t = 0; t < 2 && existingUnits + (unitId - unitStart) < scale.units; t++) {
					const team = addUnit(shop, 'team', `${code}-W${w + 1}-T${t + 1}`, `${NUMERALS[t]}班`);
					Object.assign(team, { employerId: e.id, trades });
					leaves.push(team);
				}
			}
			n++;
		}
	});
	step(`units: ${existingUnits + unitId - unitStart}`);

	/* -------------------------------------------------------------- workers */
	type W = { id: number; unit: U; name: string; employeeNo: string; trade: string };
	const people: W[] = [];
	const existingWorkers = (sqlite.prepare('SELECT count(*) AS n FROM workers').get() as { n: number }).n;
	let workerId = nextId('workers');
	const insertWorker = sqlite.prepare('INSERT INTO workers (id, unit_id, employer_id, name, employee_no, gender, trade, skill_level, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
	bulk(() => {
		const want = scale.workers - existingWorkers;
		for (let i = 0; i < want; i++) {
			// the assessment centre gets enough people for every panel; the rest spread over the teams
			const unit = i < 400 ? referees : leaves[1 + (i % (leaves.length - 1))];
			const male = random() < 0.62;
			const name = pick(SURNAMES) + pick(GIVEN);
			const employeeNo = `G${String(i + 1).padStart(6, '0')}`;
			const trade = pick(unit.trades);
			const id = workerId++;
			insertWorker.run(id, unit.id, unit.employerId, name, employeeNo, male ? 'male' : 'female', trade, pick(SKILLS), `17${String(i + 1).padStart(9, '0')}`, now, now);
			people.push({ id, unit, name, employeeNo, trade });
		}
	});
	step(`workers: ${existingWorkers + people.length}`);

	/* ------------------------------------------------------------- accounts */
	let userId = nextId('users');
	const insertUser = sqlite.prepare("INSERT INTO users (id, worker_id, password_hash, status, created_at, password_changed_at) VALUES (?, ?, ?, 'active', ?, ?)");
	const insertRole = sqlite.prepare('INSERT INTO user_roles (user_id, role, unit_id) VALUES (?, ?, ?)');
	const accountOf = new Map<number, number>(); // worker id → user id
	const account = (w: W, role: string, unit = 0) => {
		let id = accountOf.get(w.id);
		if (!id) {
			id = userId++;
			insertUser.run(id, w.id, passwordHash, now, now);
			insertRole.run(id, 'worker', 0);
			accountOf.set(w.id, id);
		}
		if (role !== 'worker') insertRole.run(id, role, unit);
		return id;
	};
	const byEmployer = new Map<number, W[]>();
	for (const w of people) {
		const list = byEmployer.get(w.unit.employerId) ?? [];
		list.push(w);
		byEmployer.set(w.unit.employerId, list);
	}
	const refereePool = byEmployer.get(referees.id)!;
	const officers = new Map<number, number>(); // unit id → officer's user id
	let officerNo = '';
	bulk(() => {
		// an officer for every city union (the first of its first enterprise's people) and every enterprise
		for (const top of tops) {
			const first = enterprises.find((e) => e.path.startsWith(top.path));
			const w = first ? byEmployer.get(first.id)?.at(-1) : undefined;
			if (!w) continue;
			officers.set(top.id, account(w, 'officer', top.id));
			if (!officerNo) officerNo = w.employeeNo;
		}
		for (const e of enterprises) {
			const w = byEmployer.get(e.id)?.[0];
			if (w) officers.set(e.id, account(w, 'officer', e.id));
		}
		for (const w of refereePool) account(w, 'judge');
		// ordinary accounts: every k-th worker, so each enterprise has writers and reviewers
		const every = Math.max(1, Math.floor(people.length / scale.accounts));
		for (let i = 0; i < people.length; i += every) if (people[i].unit !== referees) account(people[i], 'worker');
	});
	step(`accounts: ${accountOf.size}`);

	/* --------------------------------------------------------- competitions */
	const audit = auditChain(db);
	const insertEntry = sqlite.prepare("INSERT INTO entries (id, event_id, worker_id, employer_id, status, code, registered_by, created_at, decided_at, decided_by) VALUES (?, ?, ?, ?, 'approved', ?, ?, ?, ?, ?)");
	const insertMember = sqlite.prepare('INSERT INTO entry_members (entry_id, event_id, worker_id, captain) VALUES (?, ?, ?, 1)');
	const insertSheet = sqlite.prepare("INSERT INTO sheets (id, stage_id, entry_id, judge_id, status, version, updated_at, submitted_at) VALUES (?, ?, ?, ?, 'submitted', 1, ?, ?)");
	const insertMark = sqlite.prepare('INSERT INTO marks (sheet_id, aspect_id, value) VALUES (?, ?, ?)');
	const upsertStanding = sqlite.prepare(
		// an upsert, not INSERT OR REPLACE: a replaced row would fire no delete trigger, and the stage's tally would count it twice
		`INSERT INTO standings (stage_id, entry_id, complete, total, own, previous, modules, flags, sort_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (stage_id, entry_id) DO UPDATE SET complete = excluded.complete, total = excluded.total, own = excluded.own, previous = excluded.previous,
		 modules = excluded.modules, flags = excluded.flags, sort_key = excluded.sort_key, updated_at = excluded.updated_at`
	);
	let entryId = nextId('entries');
	let sheetId = nextId('sheets');
	let judgeCursor = 0;
	const nextJudges = (n: number) => {
		const out: W[] = [];
		for (let i = 0; i < n; i++) out.push(refereePool[judgeCursor++ % refereePool.length]);
		return out;
	};
	// entrants: anyone outside the assessment centre, each at most once per event
	const entrants = people.filter((w) => w.unit !== referees);
	let entrantCursor = 0;

	interface Made {
		competitionId: number;
		eventId: number;
		stageId: number;
		entryIds: number[];
		judges: W[];
		chief: Actor;
		officer: Actor;
		organiserPath: string;
	}
	/** A competition with one event and one stage, judges appointed and entries drawn, its stage scoring. */
	const makeContest = (i: number, title: string, organiser: U | typeof federation, size: number, panel: number, aspects: number): Made => {
		const officer = organiser.id === federation.id ? admin : loadActor(db, officers.get(organiser.id)!)!;
		const type = (['skills', 'themed', 'project', 'ankang', 'wuxiao'] as const)[i % 5];
		const c = createCompetition(db, officer, {
			unitId: organiser.id,
			title,
			type,
			startsOn: daysFromToday(-2),
			endsOn: daysFromToday(20),
			registrationOpens: daysFromToday(-40),
			registrationCloses: daysFromToday(-3),
			rules: '理论知识占 30%，操作技能占 70%。'
		});
		const scheme = createScheme(db, officer, c.id, { name: `${title}评分标准`, method: panel >= 5 ? 'trimmed' : 'mean', trim: panel >= 5 ? 1 : 0, combine: 'mean', factor: '1', decimals: 2, roundAt: 'module', judgementSpread: 3 });
		const theory = addModule(db, officer, scheme.id, { name: '理论知识', weight: '30' });
		const practice = addModule(db, officer, scheme.id, { name: '操作技能', weight: '70' });
		const exam = addCriterion(db, officer, scheme.id, theory.id, { name: '理论考试' });
		const work = addCriterion(db, officer, scheme.id, practice.id, { name: '实操作业' });
		addAspect(db, officer, scheme.id, exam.id, { kind: 'measurement', name: '理论考试成绩', description: '', max: '100', step: '0.5', difficulty: null, descriptors: null });
		for (let a = 1; a < aspects; a++)
			addAspect(db, officer, scheme.id, work.id, { kind: 'judgement', name: `操作要点 ${a}`, description: '', max: '10', step: '1', difficulty: null, descriptors: ['不符合要求', '基本符合', '符合', '优秀'] });
		const ev = createEvent(db, officer, c.id, { name: pick(INDUSTRIES)[1][0], kind: 'individual', trade: '', teamMin: 1, teamMax: 1, quotaPerUnit: null, codePrefix: 'A', firstStage: '决赛' });
		const [stage] = getEventForOfficer(db, officer, ev.id).stages;
		updateStage(db, officer, stage.id, { name: '决赛', schemeId: scheme.id, carryMode: 'none', carryPct: '0', ownPct: '100', advanceKind: 'all', advanceCount: null, advanceMin: null, tieBreaks: [{ kind: 'module', moduleId: practice.id }] });
		updateAwardRules(db, officer, ev.id, { rule: { kind: 'rank', tiers: [{ name: '一等奖', count: 1 }, { name: '二等奖', count: 2 }, { name: '三等奖', count: 3 }] }, excellenceMin: null, excellenceName: '优秀奖' });
		const judges = nextJudges(panel + 1);
		for (const j of judges.slice(0, panel)) appointJudge(db, officer, ev.id, { identifier: j.employeeNo, chief: false });
		appointJudge(db, officer, ev.id, { identifier: judges[panel].employeeNo, chief: true });
		moveCompetition(db, officer, c.id, 'registration');
		const entryIds: number[] = [];
		bulk(() => {
			const digits = String(size).length;
			for (let k = 0; k < size; k++) {
				const w = entrants[entrantCursor++ % entrants.length];
				const id = entryId++;
				insertEntry.run(id, ev.id, w.id, w.unit.employerId, `A${String(k + 1).padStart(digits, '0')}`, officer.userId, now, now, officer.userId);
				insertMember.run(id, ev.id, w.id);
				entryIds.push(id);
			}
			sqlite.prepare('UPDATE events SET draw_seed = ?, drawn_at = ?, drawn_by = ? WHERE id = ?').run(`gen-${seed}-${ev.id}`, now, officer.userId, ev.id);
		});
		moveCompetition(db, officer, c.id, 'in_progress');
		const chief = loadActor(db, accountOf.get(judges[panel].id)!)!;
		startStage(db, chief, stage.id);
		return { competitionId: c.id, eventId: ev.id, stageId: stage.id, entryIds, judges: judges.slice(0, panel), chief, officer, organiserPath: organiser.path };
	};

	/** Submitted sheets for these entries from these judges, with an audit row each, then the stage's stored standings. */
	const mark = (made: Made, entryIds: number[], judges: W[]) => {
		const stage = { id: made.stageId };
		const aspects = schemeTree(db, (sqlite.prepare('SELECT scheme_id AS s FROM stages WHERE id = ?').get(stage.id) as { s: number }).s).flatMap((mod) =>
			mod.criteria.flatMap((c) => c.aspects)
		);
		bulk(() => {
			for (const e of entryIds) {
				const ability = 0.45 + random() * 0.5;
				// a measurement is read off an instrument or an exam: every judge records the same value
				const measured = String(Math.round((55 + ability * 45) * 2) / 2);
				for (const j of judges) {
					const id = sheetId++;
					const judgeUser = accountOf.get(j.id)!;
					insertSheet.run(id, stage.id, e, judgeUser, now, now);
					const values: Record<number, string> = {};
					for (const a of aspects) {
						const noise = (random() - 0.5) * 0.2;
						values[a.id] = a.kind === 'measurement' ? measured : String(Math.max(0, Math.min(3, Math.round((ability + noise) * 3.3))));
						insertMark.run(id, a.id, values[a.id]);
					}
					audit.write({ userId: judgeUser, name: j.name }, { action: 'sheet.submit', entityType: 'sheet', entityId: id, unitPath: made.organiserPath, after: { stageId: stage.id, entryId: e, status: 'submitted', marks: values } });
				}
			}
			for (const r of recomputeStage(db, stage.id))
				upsertStanding.run(r.stageId, r.entryId, r.complete ? 1 : 0, r.total, r.own, r.previous ?? null, JSON.stringify(r.modules), JSON.stringify(r.flags), r.sortKey ?? null, now);
		});
	};
	/** Signs the stage off, publishes the results for notice and makes them final. */
	const finish = (made: Made) => {
		lockStage(db, made.chief, made.stageId);
		const notice = publishResults(db, made.officer, made.stageId, { noticeStartsAt: new Date(now - 12 * DAY), noticeEndsAt: new Date(now - 7 * DAY), showNames: true });
		finaliseResults(db, made.officer, notice.versionId);
		moveCompetition(db, made.officer, made.competitionId, 'scoring_closed');
		moveCompetition(db, made.officer, made.competitionId, 'published');
	};

	const year = new Date(now).getFullYear();
	// the big event: five judges, four in five entries fully marked, the rest awaiting sheets
	const big = makeContest(0, `${year} 年全省职工职业技能大赛（万人赛）`, federation, scale.bigEntries, 5, 9);
	mark(big, big.entryIds.slice(0, Math.floor(scale.bigEntries * 0.8)), big.judges);
	step(`big event: ${scale.bigEntries} entries`);
	const hundred = makeContest(1, `${year} 年全省焊工技能比武`, federation, 100, 5, 8);
	mark(hundred, hundred.entryIds, hundred.judges);
	finish(hundred);
	const open = makeContest(2, `${year} 年全省安全知识竞赛`, federation, scale.openEntries, scale.openJudges, 4);
	step('hundred-entry and open events');
	const others = scale.competitions - 3 - (sqlite.prepare('SELECT count(*) AS n FROM competitions WHERE id < ?').get(big.competitionId) as { n: number }).n;
	for (let i = 0; i < others; i++) {
		const top = tops[i % tops.length];
		const size = Math.max(4, Math.round((scale.otherEntries / others) * (0.5 + random())));
		const made = makeContest(i + 3, `${year} 年${top.name.slice(0, -4)}第${i + 1}届职工技能竞赛`, top, size, 3, 6);
		mark(made, made.entryIds, made.judges);
		if (i % 3 !== 2) finish(made);
	}
	step(`competitions: ${scale.competitions}`);

	/* ------------------------------------------------------------ proposals */
	const writers = people.filter((w) => accountOf.has(w.id) && w.unit !== referees);
	const writersByEmployer = new Map<number, W[]>();
	for (const w of writers) {
		const list = writersByEmployer.get(w.unit.employerId) ?? [];
		list.push(w);
		writersByEmployer.set(w.unit.employerId, list);
	}
	const STATES: [ProposalStatus, number][] = [
		['draft', 6],
		['submitted', 8],
		['review', 10],
		['reserve', 5],
		['adopted', 6],
		['implementing', 8],
		['trial', 6],
		['assessment', 4],
		['confirmed', 3],
		['rewarded', 18],
		['rejected', 12],
		['answered', 9],
		['merged', 5]
	];
	const weightTotal = STATES.reduce((s, [, w]) => s + w, 0);
	const stateOf = () => {
		let r = random() * weightTotal;
		for (const [s, w] of STATES) if ((r -= w) < 0) return s;
		return 'submitted';
	};
	const PATH: ProposalStatus[] = ['submitted', 'review', 'adopted', 'implementing', 'trial', 'assessment', 'confirmed', 'rewarded'];
	const insertProposal = sqlite.prepare(
		`INSERT INTO proposals (id, serial, kind, category, title, problem, solution, expected_benefit, created_by, unit_id, employer_id, handling_unit_id, status, state_since, due_at,
		 submitted_at, answered_at, merged_into_id, decision_note, mean_score, trial_from, benefit_fen, reward_grade, reward_fen, supports, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertAuthor = sqlite.prepare('INSERT INTO proposal_authors (proposal_id, worker_id, position, share) VALUES (?, ?, ?, ?)');
	const insertEvent = sqlite.prepare('INSERT INTO proposal_events (proposal_id, at, actor_user_id, actor_name, action, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	const insertReview = sqlite.prepare(
		"INSERT INTO proposal_reviews (proposal_id, reviewer_id, assigned_by, assigned_at, marks, score, recommendation, note, submitted_at) VALUES (?, ?, ?, ?, ?, ?, 'adopt', '', ?)"
	);
	const insertBenefit = sqlite.prepare(
		"INSERT INTO proposal_benefits (proposal_id, lines, annual_fen, period_from, period_to, note, assessed_by, assessed_at, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?)"
	);
	const insertReward = sqlite.prepare("INSERT INTO proposal_rewards (proposal_id, grade_key, grade_name, grade_fen, amount_fen, reason, granted_by, granted_at) VALUES (?, 'third', '三等奖', ?, ?, NULL, ?, ?)");
	const insertShare = sqlite.prepare('INSERT INTO proposal_reward_shares (reward_id, worker_id, share, amount_fen) VALUES (?, ?, ?, ?)');
	const insertSearch = sqlite.prepare('INSERT INTO proposal_search (rowid, title, body) VALUES (?, ?, ?)');
	const serials = new Map<string, number>(); // "unitId:year" → last
	const codeOf = new Map(enterprises.map((e) => [e.id, e.code]));
	let proposalId = nextId('proposals');
	const firstProposal = proposalId;
	const lastByEmployer = new Map<number, number>();
	bulk(() => {
		const employers = [...writersByEmployer.keys()];
		for (let i = 0; i < scale.proposals; i++) {
			const employer = employers[i % employers.length];
			const team = writersByEmployer.get(employer)!;
			const author = team[Math.floor(random() * team.length)];
			const createdBy = accountOf.get(author.id)!;
			const handler = officers.get(employer) ?? admin.userId;
			let status = stateOf();
			const merged = status === 'merged' ? lastByEmployer.get(employer) : undefined;
			if (status === 'merged' && merged === undefined) status = 'submitted';
			const id = proposalId++;
			const object = pick(OBJECTS);
			const title = `${pick(VERBS)}${object}${random() < 0.5 ? '的建议' : `，${pick(GAINS)}`}`;
			const problem = `${object}在日常运行中存在效率不高、故障较多的问题，影响${pick(GAINS).slice(2)}。`;
			const solution = `建议对${object}进行${pick(['技术改造', '流程优化', '工装革新', '参数调整'])}，预计可以${pick(GAINS)}。`;
			const created = now - int(5, 700) * DAY;
			const submitted = status === 'draft' ? null : created + DAY;
			const steps = status === 'draft' ? 0 : PATH.includes(status) ? PATH.indexOf(status) + 1 : status === 'reserve' || status === 'rejected' ? 2 : 1;
			const since = submitted === null ? created : Math.min(now - DAY, submitted + steps * 20 * DAY);
			const serialKey = `${employer}:${new Date(submitted ?? created).getFullYear()}`;
			let serial: string | null = null;
			if (submitted !== null) {
				const n = (serials.get(serialKey) ?? 0) + 1;
				serials.set(serialKey, n);
				serial = `${codeOf.get(employer) ?? referees.code}-${new Date(submitted).getFullYear()}-${String(n).padStart(4, '0')}`;
			}
			const open = !['draft', 'rewarded', 'rejected', 'answered', 'merged'].includes(status);
			const benefit = PATH.indexOf(status) >= PATH.indexOf('assessment') ? int(1, 400) * 100_000 : null;
			const reward = status === 'rewarded' ? 200_000 : 0;
			insertProposal.run(
				id, serial, pick(PROPOSAL_KINDS), pick(PROPOSAL_CATEGORIES), title, problem, solution, '', createdBy, author.unit.id, employer, employer, status,
				since, open ? since + 30 * DAY : null, submitted, ['rejected', 'answered'].includes(status) || steps > 2 ? since : null,
				merged ?? null, ['rejected', 'answered', 'merged'].includes(status) ? '经研究，答复如下。' : null,
				steps >= 3 ? '82.5' : null, PATH.indexOf(status) >= PATH.indexOf('trial') ? since - 40 * DAY : null, benefit, status === 'rewarded' ? 'third' : null, reward, 0, created, since
			);
			const coauthor = random() < 0.3 ? team[Math.floor(random() * team.length)] : undefined;
			const authors = coauthor && coauthor.id !== author.id ? [author, coauthor] : [author];
			authors.forEach((a, k) => insertAuthor.run(id, a.id, k, authors.length === 1 ? 100 : k === 0 ? 60 : 40));
			// as the app does: a proposal is indexed when it is submitted
			if (status !== 'draft') insertSearch.run(id, indexText(title), indexText(`${problem}\n${solution}`));
			if (submitted !== null) {
				insertEvent.run(id, submitted, createdBy, author.name, 'submit', 'draft', 'submitted', null);
				const final = status === 'reserve' || status === 'rejected' || status === 'answered' || status === 'merged' ? status : null;
				const path = final ? (final === 'answered' || final === 'merged' ? [] : ['review', final]) : PATH.slice(1, steps);
				let at = submitted;
				let from: ProposalStatus = 'submitted';
				for (const to of path as ProposalStatus[]) {
					at += 20 * DAY;
					insertEvent.run(id, Math.min(at, since), handler, '工会干部', STEP_ACTION[to], from, to, null);
					from = to;
				}
				if (final === 'answered' || final === 'merged') insertEvent.run(id, since, handler, '工会干部', final === 'merged' ? 'merge' : 'answer', 'submitted', final, '经研究，答复如下。');
				if (steps >= 3 || status === 'review') {
					const reviewer = team[(team.indexOf(author) + 1) % team.length];
					const rid = accountOf.get(reviewer.id)!;
					if (rid !== createdBy) insertReview.run(id, rid, handler, submitted + DAY, steps >= 3 ? JSON.stringify({ novelty: 25, feasibility: 20, benefit: 20, spread: 17.5 }) : null, steps >= 3 ? '82.5' : null, steps >= 3 ? submitted + 10 * DAY : null);
				}
				if (benefit !== null) {
					const confirmed = status === 'confirmed' || status === 'rewarded';
					const finance = officers.get(employer) ?? admin.userId;
					insertBenefit.run(id, JSON.stringify([{ label: '节约材料费', kind: 'saving', quantity: benefit / 100, unit: '元', unitPriceFen: 100 }]), benefit, since - 365 * DAY, since, handler, since - 5 * DAY, confirmed ? finance : null, confirmed ? since - 2 * DAY : null);
				}
				if (status === 'rewarded') {
					const r = insertReward.run(id, reward, reward, handler, since);
					authors.forEach((a, k) => insertShare.run(r.lastInsertRowid, a.id, authors.length === 1 ? 100 : k === 0 ? 60 : 40, authors.length === 1 ? reward : k === 0 ? reward * 0.6 : reward * 0.4));
				}
			}
			if (status !== 'draft' && status !== 'merged') lastByEmployer.set(employer, id);
		}
		const setSerial = sqlite.prepare('INSERT INTO proposal_serials (unit_id, year, last) VALUES (?, ?, ?) ON CONFLICT (unit_id, year) DO UPDATE SET last = max(last, excluded.last)');
		for (const [key, last] of serials) {
			const [unit, y] = key.split(':').map(Number);
			setSerial.run(unit, y, last);
		}
	});
	step(`proposals: ${proposalId - firstProposal}`);

	/* -------------------------------------------------------------- studios */
	const insertHonour = sqlite.prepare("INSERT INTO honours (worker_id, title, kind, unit_id, body, citation, conferred_on, recorded_by) VALUES (?, ?, ?, NULL, ?, '', ?, ?)");
	const insertStudio = sqlite.prepare(
		`INSERT INTO studios (id, name, type, level, unit_id, leader_worker_id, field, summary, founded_on, funding_fen, status, designated_on, certificate_no, designated_by, next_reassess_on, created_by, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertStudioMember = sqlite.prepare('INSERT INTO studio_members (studio_id, worker_id, role, joined_on) VALUES (?, ?, ?, ?)');
	const insertStudioEvent = sqlite.prepare('INSERT INTO studio_events (studio_id, at, actor_user_id, actor_name, action, from_status, to_status, level, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)');
	const insertAchievement = sqlite.prepare(
		"INSERT INTO studio_achievements (studio_id, kind, title, \"on\", number, patent_type, count, benefit_fen, proposal_id, note, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?, ?)"
	);
	const insertProfile = sqlite.prepare("INSERT OR IGNORE INTO model_profiles (worker_id, story, consent_at, approved_by, approved_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
	let studioId = nextId('studios');
	const firstStudio = studioId;
	const TITLES: Record<HonourKind, string> = {
		national_model: '全国劳动模范',
		provincial_model: '省劳动模范',
		city_model: '市劳动模范',
		national_may1: '全国五一劳动奖章',
		provincial_may1: '省五一劳动奖章',
		great_craftsman: '大国工匠',
		provincial_craftsman: '省级工匠',
		city_craftsman: '市级工匠',
		technical_expert: '技术能手',
		chief_worker: '首席职工',
		contest: '技术能手',
		other: '先进个人'
	};
	const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
	bulk(() => {
		for (let i = 0; i < scale.studios; i++) {
			const e = enterprises[i % enterprises.length];
			const staff = byEmployer.get(e.id) ?? [];
			if (staff.length < 10) continue;
			const type = (['model', 'craftsman', 'worker'] as StudioType[])[i % 3];
			const leader = staff[(Math.floor(i / enterprises.length) * 7 + 3) % staff.length];
			const honour = DEFAULT_LEADER_HONOURS[type][i % DEFAULT_LEADER_HONOURS[type].length];
			insertHonour.run(leader.id, TITLES[honour], honour, honour.startsWith('national') || honour === 'great_craftsman' ? '中华全国总工会' : '省总工会', `${year - 1 - (i % 8)}-04-28`, admin.userId);
			if (i % 4 === 0) insertProfile.run(leader.id, `${leader.name}扎根一线，带领团队攻克多项技术难题。`, now, admin.userId, now, now);
			const level = i % 10 === 0 ? 'province' : i % 4 === 0 ? 'city' : 'enterprise';
			const status = i % 25 === 0 ? 'applied' : i % 40 === 1 ? 'revoked' : i % 30 === 2 ? 'warned' : 'designated';
			const designated = status === 'applied' ? null : day(-int(100, 1400));
			const id = studioId++;
			insertStudio.run(
				id, `${leader.name}${['劳模', '工匠', '职工'][i % 3]}创新工作室`, type, level, e.id, leader.id, leader.trade, `${leader.name}领衔，围绕${leader.trade}开展技术攻关和带徒传技。`,
				day(-int(400, 2000)), int(0, 50) * 1_000_000, status, designated, designated ? `GS-${year}-${String(i + 1).padStart(5, '0')}` : null,
				designated ? (level === 'enterprise' ? e.name : '省总工会') : null, designated ? day(int(-30, 1000)) : null, officers.get(e.id) ?? admin.userId, now, now
			);
			insertStudioMember.run(id, leader.id, '领衔人', day(-900));
			for (let k = 1; k <= 5; k++) {
				const m = staff[(staff.indexOf(leader) + k * 3) % staff.length];
				if (m.id !== leader.id) insertStudioMember.run(id, m.id, '成员', day(-800 + k));
			}
			insertStudioEvent.run(id, now - 900 * DAY, admin.userId, '工会干部', 'register', null, 'applied', level);
			if (designated) insertStudioEvent.run(id, now - 800 * DAY, admin.userId, '工会干部', 'designate', 'applied', status === 'designated' ? 'designated' : status, level);
			for (let k = 0; k < 8; k++) {
				const kind = (['patent', 'technique', 'problem', 'award', 'apprentice', 'training', 'benefit', 'patent'] as const)[k];
				insertAchievement.run(
					id, kind, kind === 'patent' ? `一种${pick(OBJECTS)}` : `${pick(OBJECTS)}${['攻关', '操作法', '技术难题', '成果奖', '带徒', '培训', '增效', '改进'][k]}`, day(-int(10, 700)),
					kind === 'patent' ? `ZL${year - 1}1${String(i * 10 + k).padStart(7, '0')}.X` : null, kind === 'patent' ? pick(['invention', 'utility', 'design']) : null,
					kind === 'apprentice' || kind === 'training' ? int(2, 20) : null, kind === 'benefit' ? int(1, 200) * 1_000_000 : null, admin.userId, now
				);
			}
		}
	});
	step(`studios: ${studioId - firstStudio}`);

	audit.write({ userId: admin.userId, name: admin.name }, { action: 'dataset.generate', entityType: 'dataset', entityId: scaleName, after: { seed, scale } });
	const counts: Record<string, number> = {};
	for (const table of ['units', 'workers', 'users', 'competitions', 'events', 'entries', 'sheets', 'marks', 'standings', 'proposals', 'proposal_events', 'studios', 'studio_achievements', 'audit_log'])
		counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
	step('counted');
	return {
		generator: GENERATOR_VERSION,
		scale: scaleName,
		seed,
		password: DEMO_PASSWORD,
		counts,
		big: { competitionId: big.competitionId, eventId: big.eventId, stageId: big.stageId, judges: big.judges.map((j) => j.employeeNo) },
		hundred: { competitionId: hundred.competitionId, eventId: hundred.eventId, stageId: hundred.stageId },
		open: { eventId: open.eventId, stageId: open.stageId, judges: open.judges.map((j) => j.employeeNo), entryIds: open.entryIds },
		officer: officerNo,
		searchWord: '变压器'
	};
}

function actorByEmployeeNo(db: DB, employeeNo: string): Actor {
	const row = db.select({ id: users.id }).from(users).innerJoin(workers, eq(workers.id, users.workerId)).where(eq(workers.employeeNo, employeeNo)).get();
	if (!row) throw new Error(`no account ${employeeNo}`);
	return loadActor(db, row.id)!;
}
