import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { freshDb, insertUnit, insertWorker, insertAccount, actorOf } from '../unit/helpers';
import type { DB } from '$lib/server/db';
import {
	competitions,
	entries,
	entryMembers,
	events,
	honours,
	modelProfiles,
	resultRows,
	resultVersions,
	stages,
	studios
} from '$lib/server/db/schema';
import { indexProposal } from '$lib/server/proposals/search';
import { siteSearch } from '$lib/server/search';
import { rng } from '$lib/server/demo/seed';
import type { Unit } from '$lib/server/db/schema';

/**
 * The site search on the large dataset of issue #7: 200 competitions, 20,000 entries,
 * 100,000 proposals, 2,000 studios, 3,000 model-worker profiles. Built with bulk
 * inserts (no services), then timed per query for an officer, a worker and a visitor.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛郝顾龚邵万钱戴严孔向常汤康易乔文';
const GIVEN = ['建国', '志强', '海涛', '国强', '俊杰', '立新', '明', '伟', '磊', '军', '秀英', '丽娟', '静', '敏', '燕', '雪梅', '桂芳', '晓燕', '慧', '佳怡'];
const WORDS = ['余热', '回收', '焊接', '工艺', '改进', '节能', '降耗', '数控', '车床', '刀具', '寿命', '管理', '安全', '防护', '装置', '自动化', '检测', '夹具', '优化', '流程', '设备', '维修', '润滑', '系统', '冷却', '循环', '供水', '管网', '漏损', '电力', '线路', '巡检', '机器人', '变电站', '运维', '质量', '提升', '成本', '控制', '班组'];
const TRADES = ['焊工', '钳工', '电工', '数控车工', '数控铣工', '车辆检修工', '水处理工', '变电站运维工', '汽车装调工', '化学检验员'];

function timed<T>(fn: () => T): [T, number] {
	const t = performance.now();
	const r = fn();
	return [r, performance.now() - t];
}

async function build(): Promise<{ db: DB; officer: number; worker: number }> {
	const db = freshDb();
	const r = rng(7);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
	const phrase = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join('');
	const name = () => pick([...SURNAMES]) + pick(GIVEN);
	const now = new Date('2026-06-01T00:00:00Z');
	const fed = insertUnit(db, null, 'federation', 'FED', '江城市总工会');
	const enterprises: Unit[] = [];
	for (let d = 0; d < 10; d++) {
		const district = insertUnit(db, fed, 'district', `D${d}`, `第${d}区总工会`);
		for (let e = 0; e < 20; e++) enterprises.push(insertUnit(db, district, 'enterprise', `E${d}-${e}`, `${phrase(1)}${d}-${e}公司工会`));
	}
	const c = db.$client;
	c.exec('BEGIN');
	const insW = c.prepare('INSERT INTO workers (unit_id, employer_id, name, employee_no, trade, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	for (let i = 0; i < 60_000; i++) {
		const e = enterprises[i % enterprises.length];
		insW.run(e.id, e.id, name(), `N${i}`, pick(TRADES), `139${String(i).padStart(8, '0')}`, +now, +now);
	}
	c.exec('COMMIT');
	const workerIds = (c.prepare('SELECT id FROM workers ORDER BY id').pluck().all() as number[]);
	const officerWorker = insertWorker(db, enterprises[0], enterprises[0], 'OFF', '区干部');
	const officer = insertAccount(db, officerWorker, 'x', [{ role: 'officer', unitId: enterprises[0].parentId! }]);
	// 5,000 proposers with accounts
	c.exec('BEGIN');
	const insU = c.prepare('INSERT INTO users (worker_id, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?)');
	const userOf = new Map<number, number>();
	for (let i = 0; i < 5_000; i++) userOf.set(workerIds[i], Number(insU.run(workerIds[i], 'x', +now, +now).lastInsertRowid));
	c.exec('COMMIT');
	const worker = userOf.get(workerIds[0])!;
	c.exec('BEGIN');
	const insP = c.prepare(
		"INSERT INTO proposals (serial, kind, category, title, problem, solution, created_by, unit_id, employer_id, handling_unit_id, status, state_since, submitted_at, created_at, updated_at) VALUES (?, 'rationalisation', 'energy', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	);
	const insA = c.prepare('INSERT INTO proposal_authors (proposal_id, worker_id, position, share) VALUES (?, ?, 0, 100)');
	for (let i = 0; i < 100_000; i++) {
		const wi = i % 5_000;
		const e = enterprises[wi % enterprises.length];
		const title = `${phrase(3)}的${phrase(1)}`;
		const problem = `${phrase(20)}，${phrase(15)}。`;
		const solution = `${phrase(20)}。`;
		const status = i % 10 === 0 ? 'draft' : pick(['submitted', 'accepted', 'adopted', 'rejected', 'implemented']);
		const id = Number(insP.run(status === 'draft' ? null : `P-${i}`, title, problem, solution, userOf.get(workerIds[wi])!, e.id, e.id, e.id, status, +now, +now, +now, +now).lastInsertRowid);
		insA.run(id, workerIds[wi]);
		if (status !== 'draft') indexProposal(db, { id, title, problem, solution });
	}
	c.exec('COMMIT');
	// 200 competitions × 5 events × 2 stages; 20,000 entries, final results for the first stages
	c.exec('BEGIN');
	let entryNo = 0;
	for (let k = 0; k < 200; k++) {
		const comp = db.insert(competitions).values({ unitId: enterprises[k % 200].parentId!, title: `第${k}届${phrase(2)}职工技能大赛`, type: 'skills', status: k % 10 === 0 ? 'draft' : 'published', startsOn: '2026-01-01', endsOn: '2026-02-01', registrationOpens: '2025-12-01', registrationCloses: '2025-12-20', rules: phrase(30), createdAt: now, updatedAt: now }).returning().get();
		for (let ev = 0; ev < 5; ev++) {
			const event = db.insert(events).values({ competitionId: comp.id, name: pick(TRADES), createdAt: now }).returning().get();
			const s1 = db.insert(stages).values({ eventId: event.id, position: 1, name: '初赛', status: 'locked' }).returning().get();
			db.insert(stages).values({ eventId: event.id, position: 2, name: '决赛', status: ev % 2 ? 'locked' : 'pending' }).run();
			const version = db.insert(resultVersions).values({ stageId: s1.id, version: 1, status: ev % 3 ? 'final' : 'notice', showNames: ev % 2 === 0, publishedAt: now, createdAt: now }).returning().get();
			const rows = [];
			for (let n = 0; n < 20; n++) {
				const w = workerIds[5_000 + (entryNo % 50_000)];
				const entry = db.insert(entries).values({ eventId: event.id, workerId: w, employerId: enterprises[0].id, status: 'approved', code: `A${n}`, createdAt: now }).returning({ id: entries.id }).get();
				db.insert(entryMembers).values({ entryId: entry.id, eventId: event.id, workerId: w, captain: true }).run();
				rows.push({ versionId: version.id, entryId: entry.id, rank: n + 1, total: String(100 - n), own: String(100 - n), modules: {}, criteria: {} });
				entryNo++;
			}
			db.insert(resultRows).values(rows).run();
		}
	}
	// 2,000 studios, 3,000 published profiles with a 劳模 honour
	for (let i = 0; i < 2_000; i++) {
		db.insert(studios).values({ name: `${name()}${phrase(1)}创新工作室`, type: 'model', level: 'enterprise', unitId: enterprises[i % 200].id, leaderWorkerId: workerIds[10_000 + i], field: phrase(2), summary: phrase(20), foundedOn: '2020-01-01', status: i % 7 === 0 ? 'revoked' : 'designated', designatedOn: '2021-01-01', createdBy: officer, createdAt: now, updatedAt: now }).run();
	}
	for (let i = 0; i < 3_000; i++) {
		const w = workerIds[20_000 + i];
		db.insert(modelProfiles).values({ workerId: w, story: phrase(40), consentAt: now, approvedAt: i % 5 ? now : null, updatedAt: now }).run();
		db.insert(honours).values({ workerId: w, title: pick(['省劳动模范', '市劳动模范', '全国五一劳动奖章']), kind: pick(['provincial_model', 'city_model', 'national_may1'] as const), body: '省人民政府', citation: phrase(6), conferredOn: '2020' }).run();
	}
	c.exec('COMMIT');
	c.exec('ANALYZE');
	return { db, officer, worker };
}

describe('site search on the large dataset', () => {
	it('answers well under a second', async () => {
		const [{ db, officer, worker }, ms] = await (async () => {
			const t = performance.now();
			const built = await build();
			return [built, performance.now() - t] as const;
		})();
		console.log(`built in ${(ms / 1000).toFixed(1)} s:`, db.get<{ p: number; e: number }>(sql`SELECT (SELECT count(*) FROM proposals) AS p, (SELECT count(*) FROM entries) AS e`));
		const actors = { visitor: null, worker: actorOf(db, worker), officer: actorOf(db, officer) };
		const queries = ['余热', '焊', '焊工', '数控车床', '王伟', '张', '劳动模范', '余热 回收 节能', '工作室', 'zzz', '%', '设备维修润滑系统'];
		const worst: number[] = [];
		for (const q of queries) {
			for (const [who, actor] of Object.entries(actors)) {
				siteSearch(db, actor, { q }); // warm
				const [r, t] = timed(() => siteSearch(db, actor, { q }));
				const [, t1] = timed(() => siteSearch(db, actor, { q, kind: 'proposals' }));
				worst.push(t, t1);
				console.log(`${q.padEnd(10)} ${who.padEnd(8)} ${t.toFixed(1).padStart(7)} ms  one kind ${t1.toFixed(1).padStart(7)} ms  ${r.groups.map((g) => `${g.kind}:${g.total}`).join(' ')}`);
			}
		}
		expect(Math.max(...worst)).toBeLessThan(500);
	});
});
