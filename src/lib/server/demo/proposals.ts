import { and, asc, eq, like } from 'drizzle-orm';
import type { DB } from '../db';
import { proposals, units, userRoles, users, workers } from '../db/schema';
import { loadActor, type Actor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import { saveDraft, supportProposal } from '../proposals/drafts';
import { takeStep, type StepInput } from '../proposals/workflow';
import { assignReviewers, submitReview } from '../proposals/reviews';
import type { DraftInput } from '../proposals/forms';
import { DEMO_PASSWORD, rng, type DemoAccount } from './seed';
import { today } from '../competitions/context';

const DAY = 86_400_000;

interface Idea {
	title: string;
	kind: DraftInput['kind'];
	category: DraftInput['category'];
	problem: string;
	solution: string;
	benefit: string;
}

const IDEAS: Idea[] = [
	{ title: '配电线路巡检无人机航线优化', kind: 'rationalisation', category: 'technology', problem: '无人机巡检航线由人工逐基杆塔规划，重复飞行多，单条线路巡检耗时约 6 小时。', solution: '按杆塔坐标自动生成航线并合并相邻线路，电池更换点设在交叉跨越处。', benefit: '每年减少巡检工时约 1200 小时' },
	{ title: '空压机余热回收用于车间供暖', kind: 'rationalisation', category: 'energy', problem: '空压机运行时大量热量直接排放，冬季车间供暖另耗蒸汽。', solution: '加装板式换热器，将余热接入车间暖气管网。', benefit: '每年节约蒸汽约 800 吨' },
	{ title: '变压器油色谱在线监测告警阈值调整', kind: 'innovation', category: 'safety', problem: '现行告警阈值偏低，每月误报 20 余次，值班人员疲于复核。', solution: '按设备运行年限分档设置阈值，并增加 48 小时趋势判断。', benefit: '误报减少八成，缺陷发现提前' },
	{ title: '焊接烟尘收集罩改进', kind: 'design', category: 'environment', problem: '固定式收集罩离焊点远，烟尘逸散明显。', solution: '改为万向软管随焊枪移动的小型收集罩。', benefit: '作业点烟尘浓度下降' },
	{ title: '仓库物料二维码管理', kind: 'suggestion', category: 'management', problem: '备品备件靠纸质台账，盘点一次要两天。', solution: '给每个货位和物料贴二维码，手机扫码出入库。', benefit: '盘点时间缩短到半天' },
	{ title: '食堂延长晚班供餐时间', kind: 'suggestion', category: 'service', problem: '夜班交接在 20:30，食堂 20:00 停止供餐。', solution: '晚餐窗口延长到 21:00。', benefit: '' },
	{ title: '数控车床换刀程序优化', kind: 'innovation', category: 'quality', problem: '换刀时主轴完全停转再启动，单件加工多耗时 40 秒。', solution: '调整换刀宏程序，主轴降速不停转完成换刀。', benefit: '单件工时缩短约 8%' },
	{ title: '班组安全交底改用短视频', kind: 'suggestion', category: 'safety', problem: '班前会口头交底内容多，新员工记不住。', solution: '把典型作业的安全要点拍成 2 分钟短视频，班前会播放。', benefit: '' },
	{ title: '电缆沟盖板防滑改造', kind: 'creation', category: 'safety', problem: '雨天电缆沟盖板湿滑，巡视人员易滑倒。', solution: '盖板表面加装防滑条。', benefit: '' },
	{ title: '办公区照明改 LED 感应灯', kind: 'rationalisation', category: 'energy', problem: '走廊和楼梯间照明整夜常亮。', solution: '更换为带人体感应的 LED 灯具。', benefit: '年节电约 2 万千瓦时' },
	{ title: '空压机余热回收供暖', kind: 'rationalisation', category: 'energy', problem: '空压机房夏天温度高，冬天余热浪费。', solution: '余热接入车间暖气。', benefit: '' },
	{ title: '配电房巡检记录电子化', kind: 'suggestion', category: 'management', problem: '配电房巡检记录本易丢失、难统计。', solution: '在配电房门口贴二维码，巡检时手机填报。', benefit: '' },
	{ title: '地铁站台屏蔽门故障快速复位工具', kind: 'invention', category: 'technology', problem: '屏蔽门卡滞时需两人配合手动复位，平均 6 分钟。', solution: '研制单人可用的杠杆式复位工具。', benefit: '单次处置缩短至 2 分钟' },
	{ title: '隧道照明分区控制', kind: 'rationalisation', category: 'energy', problem: '区间隧道照明全线常亮。', solution: '按区段和检修计划分区开关。', benefit: '' }
];

/**
 * Proposals in every state of the workflow, made through the services (so their
 * serials, timelines, audit rows and notifications are real), from the demo
 * worker's enterprise and one other. Returns the demo finance account.
 */
export async function seedDemoProposals(db: DB, officerEmployeeNo: string, workerEmployeeNo: string, reviewerEmployeeNo: string): Promise<DemoAccount[]> {
	const random = rng(5115);
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const actorByNo = (no: string) => {
		const w = db.select().from(workers).where(eq(workers.employeeNo, no)).get()!;
		let user = db.select().from(users).where(eq(users.workerId, w.id)).get();
		if (!user) {
			const now = new Date();
			user = db.insert(users).values({ workerId: w.id, passwordHash, createdAt: now, passwordChangedAt: now }).returning().get();
			db.insert(userRoles).values({ userId: user.id, role: 'worker', unitId: 0 }).run();
		}
		return loadActor(db, user.id) as Actor;
	};
	const officer = actorByNo(officerEmployeeNo);
	const worker = actorByNo(workerEmployeeNo);
	const xjOfficer = actorByNo('XJ001');
	const workerRow = db.select().from(workers).where(eq(workers.id, worker.workerId)).get()!;
	const colleagues = db
		.select()
		.from(workers)
		.where(eq(workers.employerId, workerRow.employerId))
		.orderBy(asc(workers.id))
		.all()
		.filter((w) => w.id !== workerRow.id && w.employeeNo !== reviewerEmployeeNo);
	const colleague = (i: number) => actorByNo(colleagues[i].employeeNo);
	const reviewerA = actorByNo(reviewerEmployeeNo);
	const reviewerB = colleague(0);
	const financeWorker = colleagues[1];
	const finance = actorByNo(financeWorker.employeeNo);
	db.insert(userRoles).values({ userId: finance.userId, role: 'finance', unitId: workerRow.employerId }).run();
	const financeActor = loadActor(db, finance.userId)!;

	const now = Date.now();
	const at = (daysAgo: number) => new Date(now - daysAgo * DAY - Math.floor(random() * 8) * 3_600_000);
	const dateOf = (daysAgo: number) => today(new Date(now - daysAgo * DAY));
	const submit = (author: Actor, idea: Idea, daysAgo: number, coauthors: { no: string; share: number }[] = [], ownShare = 100) =>
		saveDraft(db, author, null, { ...idea, expectedBenefit: idea.benefit, ownShare, coauthors: coauthors.map((c) => ({ employeeNo: c.no, share: c.share })), removeFiles: [], submit: true }, [], at(daysAgo)).id;
	const step = (id: number, input: StepInput, daysAgo: number, by: Actor = officer) => takeStep(db, by, id, input, at(daysAgo));
	const review = (id: number, daysAgo: number, scores: [number, number][]) => {
		assignReviewers(db, officer, { proposalIds: [id], employeeNos: [], userIds: [reviewerA.userId, reviewerB.userId] }, at(daysAgo));
		[reviewerA, reviewerB].forEach((r, i) => {
			if (!scores[i]) return;
			const [a, b] = scores[i];
			submitReview(db, r, id, { marks: { novelty: a, feasibility: b, benefit: Math.round((a + b) / 2.2), spread: Math.round(b * 0.7) }, recommendation: 'adopt', note: i === 0 ? '思路清晰，可先在一个班组试点。' : '' }, at(daysAgo - 3));
		});
	};
	const toTrial = (id: number, daysAgo: number) => {
		step(id, { action: 'adopt', note: '经评审予以采纳' }, daysAgo);
		step(id, { action: 'start' }, daysAgo - 5);
		step(id, { action: 'trial', trialFrom: dateOf(daysAgo - 18) }, daysAgo - 20);
	};

	// 1. rewarded, shared with a colleague 70/30
	const coNo = colleagues[2].employeeNo;
	const p1 = submit(worker, IDEAS[0], 200, [{ no: coNo, share: 30 }], 70);
	review(p1, 195, [[27, 23], [25, 22]]);
	toTrial(p1, 185);
	step(p1, { action: 'assess', lines: [
		{ label: '节约巡检工时', kind: 'saving', quantity: 1200, unit: '小时', unitPriceFen: 12_000 },
		{ label: '减少车辆油耗', kind: 'saving', quantity: 3500, unit: '升', unitPriceFen: 780 },
		{ label: '航线软件授权', kind: 'cost', quantity: 1, unit: '套', unitPriceFen: 2_500_000 }
	], note: '按试用期三个月数据折算全年' }, 60);
	step(p1, { action: 'confirm', note: '工时单价按人工成本核定' }, 55, financeActor);
	step(p1, { action: 'reward', grade: 'second' }, 50);

	// 2. benefit confirmed, awaiting the reward
	const p2 = submit(colleague(3), IDEAS[1], 170);
	review(p2, 165, [[24, 21], [23, 20]]);
	toTrial(p2, 150);
	step(p2, { action: 'assess', lines: [
		{ label: '节约蒸汽', kind: 'saving', quantity: 800, unit: '吨', unitPriceFen: 25_000 },
		{ label: '换热器及安装', kind: 'cost', quantity: 1, unit: '套', unitPriceFen: 3_000_000 }
	] }, 30);
	step(p2, { action: 'confirm' }, 26, financeActor);

	// 3. awaiting finance (the demo finance account's queue)
	const p3 = submit(colleague(4), IDEAS[2], 140, [{ no: workerRow.employeeNo, share: 40 }], 60);
	review(p3, 135, [[22, 20], [21, 19]]);
	toTrial(p3, 125);
	step(p3, { action: 'assess', lines: [
		{ label: '减少误报复核工时', kind: 'saving', quantity: 480, unit: '小时', unitPriceFen: 12_000 },
		{ label: '避免非计划停运', kind: 'saving', quantity: 2, unit: '次', unitPriceFen: 3_500_000 }
	] }, 6);

	// 4. in trial use; 5. being implemented
	const p4 = submit(colleague(5), IDEAS[3], 120);
	review(p4, 115, [[20, 20], [19, 18]]);
	toTrial(p4, 100);
	const p5 = submit(colleague(6), IDEAS[4], 90);
	review(p5, 85, [[18, 20], [20, 21]]);
	step(p5, { action: 'adopt' }, 75);
	step(p5, { action: 'start' }, 70);

	// 6. only an opinion: answered and closed
	const p6 = submit(colleague(7), IDEAS[5], 80);
	step(p6, { action: 'answer', note: '已转后勤服务中心，自下月起晚餐窗口延长至 21:00。' }, 76);

	// 7. under review: one reviewer has scored, the other has not
	const p7 = submit(colleague(8), IDEAS[6], 20);
	assignReviewers(db, officer, { proposalIds: [p7], employeeNos: [], userIds: [reviewerA.userId, reviewerB.userId] }, at(16));
	submitReview(db, reviewerB, p7, { marks: { novelty: 22, feasibility: 20, benefit: 19, spread: 14 }, recommendation: 'adopt', note: '' }, at(12));

	// 8. waiting for triage past its deadline (overdue on the officer's list)
	submit(colleague(9), IDEAS[7], 12);

	// 9. not adopted, with the reason; 10. reserved
	const p9 = submit(colleague(10), IDEAS[8], 110);
	review(p9, 105, [[10, 12], [12, 10]]);
	step(p9, { action: 'reject', note: '盖板已列入明年整体更换计划，届时采用防滑型盖板。' }, 98);
	const p10 = submit(worker, IDEAS[9], 70);
	review(p10, 66, [[18, 19], [17, 18]]);
	step(p10, { action: 'reserve', note: '与明年办公区改造一并实施。' }, 60);

	// 11. a duplicate of no. 2, merged into it
	const p11 = submit(colleague(11), IDEAS[10], 160);
	step(p11, { action: 'merge', into: serialOf(db, p2), note: '与先提交的建议内容相同，合并办理。' }, 158);

	// 12. fresh, with colleagues' support
	const p12 = submit(colleague(12), IDEAS[11], 2);
	supportProposal(db, worker, p12, at(1));
	supportProposal(db, colleague(13), p12, at(1));

	// 13–14. another district's enterprise, for the statistics
	const xj = db.select().from(units).where(eq(units.code, 'XJ')).get()!;
	const xjWorkers = db
		.select({ employeeNo: workers.employeeNo })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(like(units.path, `${xj.path}%`), eq(units.type, 'team')))
		.orderBy(asc(workers.id))
		.limit(3)
		.all();
	const x1 = submit(actorByNo(xjWorkers[0].employeeNo), IDEAS[12], 150);
	step(x1, { action: 'accept' }, 148, xjOfficer);
	submit(actorByNo(xjWorkers[1].employeeNo), IDEAS[13], 40);

	const employer = db.select({ name: units.name }).from(units).where(eq(units.id, workerRow.employerId)).get()!;
	return [{ role: 'finance', name: financeWorker.name, phone: financeWorker.phone ?? '', employeeNo: financeWorker.employeeNo, password: DEMO_PASSWORD, unitName: employer.name }];
}

function serialOf(db: DB, id: number): string {
	return db.select({ serial: proposals.serial }).from(proposals).where(eq(proposals.id, id)).get()!.serial!;
}
