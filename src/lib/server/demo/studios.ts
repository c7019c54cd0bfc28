import { and, asc, eq, like } from 'drizzle-orm';
import type { DB } from '../db';
import { units, userRoles, users, workers } from '../db/schema';
import { today } from '../competitions/context';
import { DEMO_PASSWORD, type DemoAccount } from './seed';
import { loadActor, type Actor } from '../auth/actor';
import { recordHonour, recordUnitHonour } from '../studios/honours';
import { registerStudio } from '../studios/registry';
import { takeStudioStep } from '../studios/designation';
import { logAchievement } from '../studios/achievements';
import { assignStudioReviewers, markStudio } from '../studios/assessment';
import { approveProfile, saveOwnProfile } from '../studios/profiles';
import { remindReassessments } from '../studios/reminders';

/**
 * Honours, two designated studios (a city-level model-worker studio and an
 * enterprise craftsman studio) with members and achievements, one application
 * waiting, a published model-worker profile, the reminder of the city studio's
 * reassessment — all through the services.
 */
export function seedDemoStudios(db: DB, passwordHash: string, officerNo: string, adminNo: string, reviewerNo: string, now = new Date()): DemoAccount[] {
	const actorOf = (no: string): Actor => {
		const w = db.select().from(workers).where(eq(workers.employeeNo, no)).get()!;
		const u = db.select().from(users).where(eq(users.workerId, w.id)).get()!;
		return loadActor(db, u.id)!;
	};
	const officer = actorOf(officerNo);
	const admin = actorOf(adminNo);
	const reviewer = actorOf(reviewerNo);
	const year = Number(today(now).slice(0, 4));
	const dl = db.select().from(units).where(eq(units.code, 'DH-DL')).get()!;
	const people = db
		.select({ id: workers.id, name: workers.name, employeeNo: workers.employeeNo })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(workers.employerId, dl.id), like(units.path, `${dl.path}%`)))
		.orderBy(asc(workers.id))
		.all();
	// people of 江城供电公司 from the back of the list: the front ones have demo roles already
	const [leaderA, leaderB, applicant, ...rest] = people.slice(-14).reverse();

	recordHonour(db, officer, leaderA.id, { kind: 'provincial_model', title: '省劳动模范', conferredOn: '2020', body: '省人民政府', citation: '扎根带电作业一线二十年，带电作业零事故。' });
	recordHonour(db, officer, leaderA.id, { kind: 'national_may1', title: '全国五一劳动奖章', conferredOn: '2023', body: '中华全国总工会', citation: '' });
	recordHonour(db, officer, leaderB.id, { kind: 'city_craftsman', title: '江城工匠', conferredOn: '2024', body: '江城市总工会', citation: '配网自动化调试能手。' });
	recordHonour(db, officer, applicant.id, { kind: 'city_model', title: '江城市劳动模范', conferredOn: '2025', body: '江城市人民政府', citation: '' });
	const team = db.select().from(units).where(eq(units.code, 'DH-DL-T1')).get();
	if (team) recordUnitHonour(db, officer, team.id, { kind: 'pioneer', title: '江城市工人先锋号', year: year - 1, body: '江城市总工会', citation: '' });

	const a = registerStudio(
		db,
		officer,
		{
			name: `${leaderA.name}劳模创新工作室`,
			type: 'model',
			level: 'city',
			unitId: dl.id,
			leaderNo: leaderA.employeeNo,
			memberNos: rest.slice(0, 5).map((w) => w.employeeNo),
			field: '带电作业与配网运维',
			summary: '聚焦带电作业工器具改进和配网不停电作业方法，培养青年技术骨干。',
			foundedOn: '2019-04-28',
			fundingFen: 30_000_000
		},
		[],
		now
	).id;
	takeStudioStep(db, admin, a, { action: 'designate', level: 'city', certificateNo: 'JCZGH-LMGZS-2023-07', designatedOn: '2023-04-28' }, now);
	const b = registerStudio(
		db,
		officer,
		{
			name: `${leaderB.name}工匠创新工作室`,
			type: 'craftsman',
			level: 'enterprise',
			unitId: dl.id,
			leaderNo: leaderB.employeeNo,
			memberNos: rest.slice(5, 8).map((w) => w.employeeNo),
			field: '配网自动化',
			summary: '配网自动化终端调试与缺陷分析。',
			foundedOn: '2022-09-01',
			fundingFen: 5_000_000
		},
		[],
		now
	).id;
	takeStudioStep(db, officer, b, { action: 'designate', level: 'enterprise', certificateNo: 'DH-DL-GJ-2024-01', designatedOn: '2024-05-01' }, now);
	registerStudio(
		db,
		officer,
		{
			name: `${applicant.name}职工创新工作室`,
			type: 'worker',
			level: 'enterprise',
			unitId: dl.id,
			leaderNo: applicant.employeeNo,
			memberNos: rest.slice(8, 10).map((w) => w.employeeNo),
			field: '输电线路巡检',
			summary: '',
			foundedOn: '2025-03-01',
			fundingFen: 0
		},
		[],
		now
	);

	// days before today, so the log never runs into the future whenever the demo is seeded
	const on = (daysAgo: number) => today(new Date(now.getTime() - daysAgo * 86_400_000));
	logAchievement(db, officer, a, { kind: 'patent', title: '一种带电作业绝缘斗臂车快速接地装置', on: on(250), number: `ZL${year}20301234.5`, patentType: 'utility' }, now);
	logAchievement(db, officer, a, { kind: 'technique', title: '配网带电作业“三步法”', on: on(180) }, now);
	logAchievement(db, officer, a, { kind: 'problem', title: '攻克 10kV 线路带电更换避雷器难题', on: on(160) }, now);
	logAchievement(db, officer, a, { kind: 'apprentice', title: '师带徒', on: on(140), count: 6 }, now);
	logAchievement(db, officer, a, { kind: 'training', title: '带电作业技能培训', on: on(95), count: 4 }, now);
	logAchievement(db, officer, a, { kind: 'proposal', title: '配电线路巡检无人机航线优化', on: on(60), proposalSerial: `DH-DL-${year}-0001` }, now);
	logAchievement(db, officer, a, { kind: 'benefit', title: '减少停电损失', on: on(40), benefitFen: 86_000_000 }, now);
	logAchievement(db, officer, b, { kind: 'problem', title: '配网终端通信掉线问题分析', on: on(220) }, now);
	logAchievement(db, officer, b, { kind: 'apprentice', title: '师带徒', on: on(170), count: 2 }, now);
	assignStudioReviewers(db, officer, a, year, 'assessment', [reviewerNo], now);
	markStudio(db, reviewer, a, year, 'assessment', { operation: 17.5 }, '台账完整，运行规范。', now);

	// the model worker signs in like the other demo people, and writes and consents to their own profile
	const account = db.insert(users).values({ workerId: leaderA.id, passwordHash, createdAt: now, passwordChangedAt: now }).returning().get();
	db.insert(userRoles).values({ userId: account.id, role: 'worker', unitId: 0 }).run();
	const leaderActor = loadActor(db, account.id)!;
	saveOwnProfile(db, leaderActor, { story: '从学徒到省劳模，二十年只做一件事：让用户不停电。带领团队研制带电作业工器具十余项，培养技术骨干三十余名。', consent: true, photo: null, removePhoto: false }, now);
	approveProfile(db, officer, leaderA.id, true, now);
	// the city studio, designated in 2023, is due for its three-yearly reassessment: its leader and the federation hear of it
	remindReassessments(db, now);
	const w = db.select().from(workers).where(eq(workers.id, leaderA.id)).get()!;
	return [{ role: 'model', name: w.name, phone: w.phone ?? '', employeeNo: w.employeeNo, password: DEMO_PASSWORD, unitName: dl.name }];
}
