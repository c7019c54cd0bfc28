import { asc, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { units, users, workers } from '../db/schema';
import { loadActor, type Actor } from '../auth/actor';
import { setTargets, type GoalInput } from '../targets';
import { today } from '../competitions/context';
import type { TargetMetric } from '$lib/domain/targets';

/**
 * This year's targets, through the service: the federation sets its own and its
 * district unions', and the district officer splits its goals among its enterprises.
 */
export function seedDemoTargets(db: DB, adminNo: string, officerNo: string, now = new Date()) {
	const actorOf = (no: string): Actor => {
		const w = db.select().from(workers).where(eq(workers.employeeNo, no)).get()!;
		return loadActor(db, db.select().from(users).where(eq(users.workerId, w.id)).get()!.id)!;
	};
	const year = Number(today(now).slice(0, 4));
	const root = db.select().from(units).where(isNull(units.parentId)).get()!;
	const districts = db.select().from(units).where(eq(units.parentId, root.id)).orderBy(asc(units.code)).all();
	const goals = (unitId: number, g: Partial<Record<TargetMetric, number>>): GoalInput[] => Object.entries(g).map(([metric, goal]) => ({ unitId, metric: metric as TargetMetric, goal }));
	setTargets(db, actorOf(adminNo), {
		unitId: root.id,
		year,
		goals: [
			...goals(root.id, { proposals: 40, adopted: 15, innovations: 10, contest_workers: 60, studios_city: 2, benefit_wan: 50 }),
			...districts.flatMap((d) => goals(d.id, { proposals: 20, adopted: 8, contest_workers: 30 }))
		]
	}, now);
	const officer = actorOf(officerNo);
	const dh = officer.officerScopes[0];
	const enterprises = db.select().from(units).where(eq(units.parentId, dh.unitId)).orderBy(asc(units.code)).all();
	setTargets(db, officer, { unitId: dh.unitId, year, goals: [...goals(dh.unitId, { proposals_per_100: 5, innovations: 6 }), ...enterprises.flatMap((e) => goals(e.id, { proposals: 10, adopted: 4 }))] }, now);
}
