import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, asc, eq } from 'drizzle-orm';
import { actorOf, auditSince, insertAccount, insertUnit, insertWorker, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '$lib/server/errors';
import { targets } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/auth/actor';
import { countMetrics, dashboardTargets, goalField, setTargets, targetBoard, type GoalInput } from '$lib/server/targets';
import { goalsSchema } from '$lib/server/targets/forms';
import { saveDraft } from '$lib/server/proposals/drafts';
import { takeStep } from '$lib/server/proposals/workflow';
import { assignReviewers, submitReview } from '$lib/server/proposals/reviews';
import type { DraftInput } from '$lib/server/proposals/forms';
import { createCompetition, createEvent, moveCompetition } from '$lib/server/competitions';
import { decideEntry, registerFor } from '$lib/server/competitions/entries';
import { daysFromToday } from '$lib/server/competitions/context';
import { MAX_GOAL, TARGET_METRICS, type TargetMetric } from '$lib/domain/targets';

/** 2 July 2026, Beijing noon: day 183 of 365. */
const NOW = new Date('2026-07-02T12:00:00+08:00');
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
const LOCKED = '该目标由上级工会下达，不能在本级修改';

const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
	kind: 'rationalisation',
	category: 'energy',
	title: '空压机余热回收用于车间供暖',
	problem: '空压机运行时大量热量直接排放。',
	solution: '加装板式换热器。',
	expectedBenefit: '',
	ownShare: 100,
	coauthors: [],
	removeFiles: [],
	submit: true,
	...over
});

let f: Fixture;
/** an officer of the federation who is not an admin */
let fedOfficer: Actor;
let reviewer: Actor;

/*
 * Workers per subtree with the two added below:
 *   FED 2 own (admin, 联合会干部) · DA 1 own · EA1 5 (干部, 评审甲, 3 in TA1) · EA2 2 · DB 3 (干部, 2 in TB1)
 *   → EA1 5, EA2 2, DA 8, EB1 2, DB 3, FED 13
 */
beforeEach(async () => {
	f = await makeFixture();
	fedOfficer = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.FED, f.u.FED, 'F100', '市总干部'), 'x', [{ role: 'officer', unitId: f.u.FED.id }]));
	reviewer = actorOf(f.db, insertAccount(f.db, insertWorker(f.db, f.u.WA1, f.u.EA1, 'R001', '评审甲'), 'x'));
});

const submit = (actor: Actor, day: Date, over: Partial<DraftInput> = {}) => saveDraft(f.db, actor, null, draft(over), [], day).id;

function adopt(id: number, day: string) {
	assignReviewers(f.db, f.actors.officerEA1, { proposalIds: [id], employeeNos: ['R001'], userIds: [] }, at(day));
	submitReview(f.db, reviewer, id, { marks: { novelty: 27, feasibility: 23, benefit: 22, spread: 18 }, recommendation: 'adopt', note: '' }, at(day));
	takeStep(f.db, f.actors.officerEA1, id, { action: 'adopt', note: '采纳' }, at(day));
}

const metricsOf = (year: number) => {
	const { u } = f;
	const list = { FED: u.FED, DA: u.DA, DB: u.DB, EA1: u.EA1, EA2: u.EA2, EB1: u.EB1 };
	const counts = countMetrics(f.db, year, Object.values(list).map((x) => x.path));
	return (key: keyof typeof list) => counts.get(list[key].path)!;
};
const pick = (get: ReturnType<typeof metricsOf>, metric: TargetMetric) =>
	Object.fromEntries((['FED', 'DA', 'DB', 'EA1', 'EA2', 'EB1'] as const).map((k) => [k, get(k)[metric]]));

const goal = (unitId: number, metric: TargetMetric, g: number | null): GoalInput => ({ unitId, metric, goal: g });
const stored = () =>
	f.db
		.select({ unitId: targets.unitId, year: targets.year, metric: targets.metric, goal: targets.goal, setByUnitId: targets.setByUnitId, setBy: targets.setBy })
		.from(targets)
		.orderBy(asc(targets.year), asc(targets.unitId), asc(targets.metric))
		.all();

describe('countMetrics: counted from the records over the subtree', () => {
	it('a submitted proposal counts for its enterprise and every union above, never a sibling; drafts do not count', () => {
		submit(f.actors.workerA, at('2026-03-10'));
		const before = metricsOf(2026);
		expect(pick(before, 'proposals')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 1, EA2: 0, EB1: 0 });
		// a draft (never submitted) changes nothing
		submit(f.actors.workerA, at('2026-03-11'), { submit: false, title: '草稿' });
		expect(pick(metricsOf(2026), 'proposals')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 1, EA2: 0, EB1: 0 });
		submit(f.actors.workerB, at('2026-05-01'), { kind: 'design' });
		expect(pick(metricsOf(2026), 'proposals')).toEqual({ FED: 2, DA: 1, DB: 1, EA1: 1, EA2: 0, EB1: 1 });
		// the team the proposer sits in counts too (the subtree includes the unit itself)
		expect(countMetrics(f.db, 2026, [f.u.TA1.path, f.u.WA1.path, f.u.TA2.path]).get(f.u.TA1.path)!.proposals).toBe(1);
		expect(countMetrics(f.db, 2026, [f.u.TA2.path]).get(f.u.TA2.path)!.proposals).toBe(0);
	});

	it('counts by the Beijing calendar year of submission', () => {
		// 23:59:59.999 on 31 December 2025 in Beijing, then midnight of 1 January 2026
		submit(f.actors.workerA, new Date('2025-12-31T15:59:59.999Z'));
		submit(f.actors.workerA, new Date('2025-12-31T16:00:00.000Z'), { kind: 'suggestion' });
		expect(pick(metricsOf(2025), 'proposals')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 1, EA2: 0, EB1: 0 });
		expect(pick(metricsOf(2025), 'innovations')).toEqual({ FED: 0, DA: 0, DB: 0, EA1: 0, EA2: 0, EB1: 0 });
		expect(pick(metricsOf(2026), 'proposals')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 1, EA2: 0, EB1: 0 });
		expect(pick(metricsOf(2026), 'innovations')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 1, EA2: 0, EB1: 0 });
	});

	it('innovations count the 五小 kinds only', () => {
		submit(f.actors.workerA, at('2026-02-01'), { kind: 'rationalisation' });
		for (const kind of ['invention', 'creation', 'innovation', 'design', 'suggestion'] as const) submit(f.actors.workerA, at('2026-02-02'), { kind, title: `五小 ${kind}` });
		submit(f.actors.workerB, at('2026-02-03'), { kind: 'rationalisation' });
		const m = metricsOf(2026);
		expect(pick(m, 'proposals')).toEqual({ FED: 7, DA: 6, DB: 1, EA1: 6, EA2: 0, EB1: 1 });
		expect(pick(m, 'innovations')).toEqual({ FED: 5, DA: 5, DB: 0, EA1: 5, EA2: 0, EB1: 0 });
	});

	it('proposals_per_100 is submitted × 100 / the workers of the subtree, to one decimal', () => {
		submit(f.actors.workerA, at('2026-03-10'));
		submit(f.actors.workerA, at('2026-03-11'), { kind: 'invention' });
		submit(f.actors.workerA, at('2026-03-12'));
		submit(f.actors.workerB, at('2026-03-12'));
		// EA1 3 / 5 workers, DA 3 / 8, DB 1 / 3, EB1 1 / 2, FED 4 / 13
		expect(pick(metricsOf(2026), 'proposals_per_100')).toEqual({ FED: 30.8, DA: 37.5, DB: 33.3, EA1: 60, EA2: 0, EB1: 50 });
		// a unit with nobody in it has a rate of 0, not NaN
		const empty = insertUnit(f.db, f.u.WB1, 'team', 'TB2', '空班组');
		expect(countMetrics(f.db, 2026, [empty.path]).get(empty.path)!.proposals_per_100).toBe(0);
		// a worker added to EA1 lowers its rate: 3 / 6
		insertWorker(f.db, f.u.TA1, f.u.EA1, '1009', '新员工');
		expect(pick(metricsOf(2026), 'proposals_per_100')).toEqual({ FED: 28.6, DA: 33.3, DB: 33.3, EA1: 50, EA2: 0, EB1: 50 });
	});

	it('adoption raises adopted by one for the unit and every union above, in the year it was adopted', () => {
		const p1 = submit(f.actors.workerA, at('2026-03-10'));
		submit(f.actors.workerA, at('2026-03-11'));
		submit(f.actors.workerB, at('2026-03-12'));
		const none = { FED: 0, DA: 0, DB: 0, EA1: 0, EA2: 0, EB1: 0 };
		expect(pick(metricsOf(2026), 'adopted')).toEqual(none);
		adopt(p1, '2026-03-20');
		expect(pick(metricsOf(2026), 'adopted')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 1, EA2: 0, EB1: 0 });
		// moving on from 'adopted' keeps it adopted, once
		takeStep(f.db, f.actors.officerEA1, p1, { action: 'start' }, at('2026-03-21'));
		expect(pick(metricsOf(2026), 'adopted')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 1, EA2: 0, EB1: 0 });
		expect(pick(metricsOf(2025), 'adopted')).toEqual(none);
		// submissions are unchanged by the decision
		expect(pick(metricsOf(2026), 'proposals')).toEqual({ FED: 3, DA: 2, DB: 1, EA1: 2, EA2: 0, EB1: 1 });
		expect(pick(metricsOf(2026), 'benefit_wan')).toEqual(none);
	});

	it('a proposal submitted in one year and adopted in the next is adopted in the next', () => {
		const p = submit(f.actors.workerA, at('2025-12-20'));
		adopt(p, '2026-01-05');
		expect(metricsOf(2025)('EA1')).toMatchObject({ proposals: 1, adopted: 0 });
		expect(metricsOf(2026)('EA1')).toMatchObject({ proposals: 0, adopted: 1 });
	});

	it('contest_workers counts distinct workers in approved entries of competitions starting in the year', () => {
		const { db, u, w, actors } = f;
		const competition = (actor: Actor, unitId: number, startsOn: string, title: string) => {
			const c = createCompetition(db, actor, {
				unitId,
				title,
				type: 'skills',
				startsOn,
				endsOn: startsOn,
				registrationOpens: daysFromToday(-1),
				registrationCloses: daysFromToday(10),
				rules: ''
			});
			const ev = (name: string, codePrefix: string) =>
				createEvent(db, actor, c.id, { name, kind: 'individual', trade: '', teamMin: 1, teamMax: 1, quotaPerUnit: null, codePrefix, firstStage: '决赛' });
			const events = [ev('数控车工', 'A'), ev('钳工', 'B')];
			moveCompetition(db, actor, c.id, 'registration');
			return events;
		};
		const entrants = (actor: Actor, eventId: number, workerIds: number[]) => registerFor(db, actor, eventId, { workerIds, captainId: null, teamName: '' });

		const [e1, e2] = competition(actors.officerDA, u.DA.id, '2026-03-10', '东区技能大赛');
		entrants(actors.officerDA, e1.id, [w.workerA.id, w.ta1b.id, w.ta2a.id]);
		// workerA in a second event: still one worker
		entrants(actors.officerDA, e2.id, [w.workerA.id]);
		// entered by the enterprise's officer: pending until the organiser approves
		const [pending] = entrants(actors.officerEA1, e2.id, [w.ta1c.id]);
		expect(pending.status).toBe('pending');
		const [old] = competition(actors.officerDA, u.DA.id, '2025-11-01', '东区去年大赛');
		entrants(actors.officerDA, old.id, [w.ta2b.id]);
		const [west] = competition(actors.officerDB, u.DB.id, '2026-09-01', '西区技能大赛');
		entrants(actors.officerDB, west.id, [w.workerB.id]);

		expect(pick(metricsOf(2026), 'contest_workers')).toEqual({ FED: 4, DA: 3, DB: 1, EA1: 2, EA2: 1, EB1: 1 });
		expect(pick(metricsOf(2025), 'contest_workers')).toEqual({ FED: 1, DA: 1, DB: 0, EA1: 0, EA2: 1, EB1: 0 });
		decideEntry(db, actors.officerDA, pending.id, { approve: true, note: '' });
		expect(pick(metricsOf(2026), 'contest_workers')).toEqual({ FED: 5, DA: 4, DB: 1, EA1: 3, EA2: 1, EB1: 1 });
		expect(pick(metricsOf(2027), 'contest_workers')).toEqual({ FED: 0, DA: 0, DB: 0, EA1: 0, EA2: 0, EB1: 0 });
	});

	it('an empty year is all zeros, for every metric', () => {
		const m = countMetrics(f.db, 2026, [f.u.FED.path]).get(f.u.FED.path)!;
		expect(m).toEqual(Object.fromEntries(TARGET_METRICS.map((k) => [k, 0])));
	});
});

describe('setTargets', () => {
	it('an officer of the federation sets goals for it and its direct subunits in one call, with one audit row', () => {
		const mark = lastAuditId(f.db);
		const r = setTargets(
			f.db,
			fedOfficer,
			{
				unitId: f.u.FED.id,
				year: 2026,
				goals: [goal(f.u.FED.id, 'proposals', 40), goal(f.u.FED.id, 'benefit_wan', 12.54), goal(f.u.DA.id, 'proposals', 20), goal(f.u.DA.id, 'proposals_per_100', 5.5), goal(f.u.DB.id, 'adopted', 8)]
			},
			NOW
		);
		expect(r).toEqual({ changed: 5 });
		const by = { setByUnitId: f.u.FED.id, setBy: fedOfficer.userId, year: 2026 };
		expect(stored()).toEqual([
			{ unitId: f.u.FED.id, metric: 'benefit_wan', goal: 12.5, ...by },
			{ unitId: f.u.FED.id, metric: 'proposals', goal: 40, ...by },
			{ unitId: f.u.DA.id, metric: 'proposals', goal: 20, ...by },
			{ unitId: f.u.DA.id, metric: 'proposals_per_100', goal: 5.5, ...by },
			{ unitId: f.u.DB.id, metric: 'adopted', goal: 8, ...by }
		]);
		expect(f.db.select({ updatedAt: targets.updatedAt }).from(targets).all().map((t) => t.updatedAt.getTime())).toEqual(Array(5).fill(NOW.getTime()));
		const audit = auditSince(f.db, mark);
		expect(audit.map((a) => [a.action, a.entityType, a.entityId, a.unitPath, a.actorUserId])).toEqual([['target.set', 'unit', String(f.u.FED.id), f.u.FED.path, fedOfficer.userId]]);
		expect(JSON.parse(audit[0].after!)).toEqual({
			year: 2026,
			changes: [
				{ unit: '江城市总工会', metric: 'proposals', before: null, after: 40 },
				{ unit: '江城市总工会', metric: 'benefit_wan', before: null, after: 12.5 },
				{ unit: '东区总工会', metric: 'proposals', before: null, after: 20 },
				{ unit: '东区总工会', metric: 'proposals_per_100', before: null, after: 5.5 },
				{ unit: '西区总工会', metric: 'adopted', before: null, after: 8 }
			]
		});
	});

	it('unchanged cells (after rounding) write nothing; a blank goal deletes; a change is audited before → after', () => {
		setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.FED.id, 'proposals', 40), goal(f.u.DB.id, 'proposals', 15), goal(f.u.FED.id, 'benefit_wan', 3.5)] }, NOW);
		const mark = lastAuditId(f.db);
		const again = setTargets(
			f.db,
			fedOfficer,
			{ unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.FED.id, 'proposals', 40.4), goal(f.u.DB.id, 'proposals', 15), goal(f.u.FED.id, 'benefit_wan', 3.49), goal(f.u.DA.id, 'adopted', null)] },
			NOW
		);
		expect(again).toEqual({ changed: 0 });
		expect(auditSince(f.db, mark)).toEqual([]);
		const before = stored();

		const r = setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.FED.id, 'proposals', 45), goal(f.u.DB.id, 'proposals', null), goal(f.u.FED.id, 'benefit_wan', 3.5)] }, NOW);
		expect(r).toEqual({ changed: 2 });
		expect(stored()).toEqual([before[0], { ...before[1], goal: 45 }]);
		const audit = auditSince(f.db, mark);
		expect(audit.map((a) => a.action)).toEqual(['target.set']);
		expect(JSON.parse(audit[0].after!).changes).toEqual([
			{ unit: '江城市总工会', metric: 'proposals', before: 40, after: 45 },
			{ unit: '西区总工会', metric: 'proposals', before: 15, after: null }
		]);
	});

	it('keeps a goal per year: the same cell of another year is another goal', () => {
		setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.FED.id, 'proposals', 40)] }, NOW);
		expect(setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2027, goals: [goal(f.u.FED.id, 'proposals', 40)] }, NOW)).toEqual({ changed: 1 });
		expect(stored().map((t) => [t.year, t.goal])).toEqual([
			[2026, 40],
			[2027, 40]
		]);
	});

	it('a district officer may not change what the federation set for the district: the whole call is refused', async () => {
		setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', 20)] }, NOW);
		const before = stored();
		const mark = lastAuditId(f.db);
		const e = await thrown(RuleError, () =>
			setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.EA1.id, 'proposals', 8), goal(f.u.DA.id, 'proposals', 25), goal(f.u.EA2.id, 'proposals', 7)] }, NOW)
		);
		expect(e.errors).toEqual({ [goalField(f.u.DA.id, 'proposals')]: LOCKED });
		expect(goalField(f.u.DA.id, 'proposals')).toBe(`g.${f.u.DA.id}.proposals`);
		// nothing stored, not even the cells that were fine
		expect(stored()).toEqual(before);
		expect(auditSince(f.db, mark)).toEqual([]);
		// nor may they clear it
		const cleared = await thrown(RuleError, () => setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', null)] }, NOW));
		expect(cleared.errors).toEqual({ [goalField(f.u.DA.id, 'proposals')]: LOCKED });
		expect(stored()).toEqual(before);
	});

	it('a district officer sets its enterprises’ goals (the locked cell sent unchanged is fine); the federation may overwrite them, then they are locked', async () => {
		setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', 20)] }, NOW);
		const r = setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', 20), goal(f.u.EA1.id, 'proposals', 12), goal(f.u.EA2.id, 'proposals', 8), goal(f.u.DA.id, 'innovations', 6)] }, NOW);
		expect(r).toEqual({ changed: 3 });
		const daBy = { setByUnitId: f.u.DA.id, setBy: f.actors.officerDA.userId, year: 2026 };
		expect(stored()).toEqual([
			{ unitId: f.u.DA.id, metric: 'innovations', goal: 6, ...daBy },
			{ unitId: f.u.DA.id, metric: 'proposals', goal: 20, setByUnitId: f.u.FED.id, setBy: fedOfficer.userId, year: 2026 },
			{ unitId: f.u.EA1.id, metric: 'proposals', goal: 12, ...daBy },
			{ unitId: f.u.EA2.id, metric: 'proposals', goal: 8, ...daBy }
		]);
		// the district may revise its own goals
		expect(setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.EA1.id, 'proposals', 11)] }, NOW)).toEqual({ changed: 1 });
		// the federation overwrites one of them: now it is the federation's
		expect(setTargets(f.db, fedOfficer, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.EA1.id, 'proposals', 10)] }, NOW)).toEqual({ changed: 1 });
		const ea1 = f.db.select().from(targets).where(and(eq(targets.unitId, f.u.EA1.id), eq(targets.metric, 'proposals'))).get()!;
		expect([ea1.goal, ea1.setByUnitId, ea1.setBy]).toEqual([10, f.u.FED.id, fedOfficer.userId]);
		const e = await thrown(RuleError, () => setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.EA1.id, 'proposals', 9), goal(f.u.EA2.id, 'proposals', 9)] }, NOW));
		expect(e.errors).toEqual({ [goalField(f.u.EA1.id, 'proposals')]: LOCKED });
		expect(f.db.select().from(targets).where(and(eq(targets.unitId, f.u.EA2.id), eq(targets.metric, 'proposals'))).get()!.goal).toBe(8);
	});

	it('an admin’s goals are set in the federation’s name: locked for the officers below, open to the federation’s', async () => {
		setTargets(f.db, f.actors.admin, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DB.id, 'proposals', 15)] }, NOW);
		expect(stored()).toEqual([{ unitId: f.u.DB.id, year: 2026, metric: 'proposals', goal: 15, setByUnitId: f.u.FED.id, setBy: f.actors.admin.userId }]);
		const e = await thrown(RuleError, () => setTargets(f.db, f.actors.officerDB, { unitId: f.u.DB.id, year: 2026, goals: [goal(f.u.DB.id, 'proposals', 10)] }, NOW));
		expect(e.errors).toEqual({ [goalField(f.u.DB.id, 'proposals')]: LOCKED });
		// a federation officer who is not an admin may change it; an admin may change anyone's goal
		expect(setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DB.id, 'proposals', 14)] }, NOW)).toEqual({ changed: 1 });
		setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', 20)] }, NOW);
		expect(setTargets(f.db, f.actors.admin, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', 22), goal(f.u.DB.id, 'proposals', 16)] }, NOW)).toEqual({ changed: 2 });
	});

	it('refuses the wrong people: a sibling district’s officer, an enterprise officer above their station, a worker, nobody', async () => {
		const mark = lastAuditId(f.db);
		const input = { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.EA1.id, 'proposals', 5)] };
		await thrown(ForbiddenError, () => setTargets(f.db, f.actors.officerDB, input, NOW));
		await thrown(ForbiddenError, () => setTargets(f.db, f.actors.officerEA1, input, NOW));
		await thrown(ForbiddenError, () => setTargets(f.db, f.actors.officerDA, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', 5)] }, NOW));
		await thrown(ForbiddenError, () => setTargets(f.db, f.actors.workerA, input, NOW));
		await thrown(NotSignedInError, () => setTargets(f.db, null, input, NOW));
		expect(stored()).toEqual([]);
		expect(auditSince(f.db, mark)).toEqual([]);
	});

	it('a cell of a unit that is neither the board’s unit nor a direct child is not found, and nothing is stored', async () => {
		// EA1 is DA's child, a grandchild of FED
		await thrown(NotFoundError, () => setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026, goals: [goal(f.u.DA.id, 'proposals', 20), goal(f.u.EA1.id, 'proposals', 5)] }, NOW));
		await thrown(NotFoundError, () => setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.DB.id, 'proposals', 5)] }, NOW));
		await thrown(NotFoundError, () => setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.FED.id, 'proposals', 5)] }, NOW));
		await thrown(NotFoundError, () => setTargets(f.db, f.actors.admin, { unitId: 99_999, year: 2026, goals: [] }, NOW));
		expect(stored()).toEqual([]);
	});

	it('accepts only this year and the years either side', async () => {
		const at2026 = (year: number) => () => setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year, goals: [goal(f.u.FED.id, 'proposals', 1)] }, NOW);
		for (const year of [2024, 2028, 0]) expect((await thrown(RuleError, at2026(year))).errors).toEqual({ year: '只能设定 2025 至 2027 年的目标' });
		expect(stored()).toEqual([]);
		for (const year of [2025, 2026, 2027]) expect(at2026(year)()).toEqual({ changed: 1 });
		// the year turns at Beijing midnight: 2028 is allowed from 1 January 2027
		const eve = new Date('2026-12-31T15:59:59Z');
		expect((await thrown(RuleError, () => setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2028, goals: [] }, eve))).errors).toEqual({ year: '只能设定 2025 至 2027 年的目标' });
		expect(setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2028, goals: [goal(f.u.FED.id, 'proposals', 1)] }, new Date('2026-12-31T16:00:00Z'))).toEqual({ changed: 1 });
	});
});

describe('targetBoard and dashboardTargets', () => {
	/** Three proposals of 2026 (two by EA1, a 五小 one among them; one by EB1) and the goals:
	 *  FED proposals 4, innovations 2; DA proposals 2, proposals_per_100 20; DB proposals 3, adopted 1 (all by the federation). */
	function scenario() {
		submit(f.actors.workerA, at('2026-03-10'));
		submit(f.actors.workerA, at('2026-04-01'), { kind: 'invention' });
		submit(f.actors.workerB, at('2026-05-01'));
		setTargets(
			f.db,
			fedOfficer,
			{
				unitId: f.u.FED.id,
				year: 2026,
				goals: [
					goal(f.u.FED.id, 'proposals', 4),
					goal(f.u.FED.id, 'innovations', 2),
					goal(f.u.DA.id, 'proposals', 2),
					goal(f.u.DA.id, 'proposals_per_100', 20),
					goal(f.u.DB.id, 'proposals', 3),
					goal(f.u.DB.id, 'adopted', 1)
				]
			},
			NOW
		);
	}
	const cell = (c: Partial<ReturnType<typeof targetBoard>['rows'][number]['cells'][number]> & { metric: TargetMetric; value: number }) => ({
		goal: null,
		share: 0,
		forecast: null,
		standing: null,
		locked: false,
		setBy: null,
		...c
	});
	const unset = (values: Partial<Record<TargetMetric, number>>, except: TargetMetric[]) =>
		TARGET_METRICS.filter((k) => !except.includes(k)).map((metric) => cell({ metric, value: values[metric] ?? 0 }));
	const byMetric = <T extends { metric: TargetMetric }>(cells: T[]) => [...cells].sort((a, b) => TARGET_METRICS.indexOf(a.metric) - TARGET_METRICS.indexOf(b.metric));

	it('the federation’s board: its row then its districts’, each cell with goal, value, share, forecast, standing, lock and setter', () => {
		scenario();
		const b = targetBoard(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2026 }, NOW);
		expect(b.unit).toEqual({ id: f.u.FED.id, name: '江城市总工会', path: f.u.FED.path });
		expect(b.chain).toEqual([{ id: f.u.FED.id, name: '江城市总工会', path: f.u.FED.path }]);
		expect(b.year).toBe(2026);
		expect(b.yearGone).toBe(183 / 365);
		expect(b.mayEdit).toBe(true);
		expect(b.rows.map((r) => [r.unit, r.own])).toEqual([
			[{ id: f.u.FED.id, name: '江城市总工会', type: 'federation' }, true],
			[{ id: f.u.DA.id, name: '东区总工会', type: 'district' }, false],
			[{ id: f.u.DB.id, name: '西区总工会', type: 'district' }, false]
		]);
		const fed = '江城市总工会';
		expect(b.rows[0].cells).toEqual(
			byMetric([
				cell({ metric: 'proposals', goal: 4, value: 3, share: 0.75, forecast: (3 * 365) / 183, standing: 'on_track', setBy: fed }),
				cell({ metric: 'innovations', goal: 2, value: 1, share: 0.5, forecast: 365 / 183, standing: 'behind', setBy: fed }),
				// 3 proposals / 13 workers
				...unset({ proposals_per_100: 23.1 }, ['proposals', 'innovations'])
			])
		);
		expect(b.rows[1].cells).toEqual(
			byMetric([
				cell({ metric: 'proposals', goal: 2, value: 2, share: 1, forecast: (2 * 365) / 183, standing: 'met', setBy: fed }),
				// 2 / 8 workers: a rate is its own forecast
				cell({ metric: 'proposals_per_100', goal: 20, value: 25, share: 1, forecast: 25, standing: 'met', setBy: fed }),
				...unset({ innovations: 1 }, ['proposals', 'proposals_per_100'])
			])
		);
		expect(b.rows[2].cells).toEqual(
			byMetric([
				cell({ metric: 'proposals', goal: 3, value: 1, share: 1 / 3, forecast: 365 / 183, standing: 'behind', setBy: fed }),
				cell({ metric: 'adopted', goal: 1, value: 0, share: 0, forecast: 0, standing: 'behind', setBy: fed }),
				...unset({ proposals_per_100: 33.3 }, ['proposals', 'adopted'])
			])
		);
		expect(b.childSums).toEqual({ proposals: 5, proposals_per_100: null, adopted: 1, innovations: null, benefit_wan: null, contest_workers: null, studios_city: null, studio_achievements: null });
	});

	it('a district’s board: the federation’s goal is locked for the district officer and named; its own are not', () => {
		scenario();
		setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.EA1.id, 'proposals', 3), goal(f.u.EA2.id, 'proposals', 1), goal(f.u.EA2.id, 'proposals_per_100', 4)] }, NOW);
		const b = targetBoard(f.db, f.actors.officerDA, { year: 2026 }, NOW);
		expect(b.unit.id).toBe(f.u.DA.id);
		// the officer sees only the unions they may read in the chain
		expect(b.chain).toEqual([{ id: f.u.DA.id, name: '东区总工会', path: f.u.DA.path }]);
		expect(b.rows.map((r) => r.unit.name)).toEqual(['东区总工会', '东区机械厂工会', '东区电力公司工会']);
		const locks = (i: number) => b.rows[i].cells.filter((c) => c.goal !== null).map((c) => [c.metric, c.goal, c.locked, c.setBy]);
		expect(locks(0)).toEqual([
			['proposals', 2, true, '江城市总工会'],
			['proposals_per_100', 20, true, '江城市总工会']
		]);
		expect(locks(1)).toEqual([['proposals', 3, false, '东区总工会']]);
		expect(locks(2)).toEqual([
			['proposals', 1, false, '东区总工会'],
			['proposals_per_100', 4, false, '东区总工会']
		]);
		expect(b.rows[1].cells.find((c) => c.metric === 'proposals')).toMatchObject({ value: 2, standing: 'on_track', forecast: (2 * 365) / 183 });
		expect(b.rows[2].cells.find((c) => c.metric === 'proposals')).toMatchObject({ value: 0, standing: 'behind', share: 0 });
		expect(b.childSums).toMatchObject({ proposals: 4, proposals_per_100: null });
		// the federation's officer reads the same board with nothing locked, and the whole chain
		const fb = targetBoard(f.db, fedOfficer, { unitId: f.u.DA.id, year: 2026 }, NOW);
		expect(fb.chain.map((c) => c.id)).toEqual([f.u.FED.id, f.u.DA.id]);
		expect(fb.rows.flatMap((r) => r.cells).filter((c) => c.locked)).toEqual([]);
		// the enterprise officer sees DA's goal for EA1 as locked
		const eb = targetBoard(f.db, f.actors.officerEA1, { year: 2026 }, NOW);
		expect(eb.rows[0].cells.find((c) => c.metric === 'proposals')).toMatchObject({ goal: 3, locked: true, setBy: '东区总工会' });
	});

	it('a past year stands ended short, a future one not started', () => {
		setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2025, goals: [goal(f.u.FED.id, 'proposals', 1), goal(f.u.FED.id, 'proposals_per_100', 1)] }, NOW);
		setTargets(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2027, goals: [goal(f.u.FED.id, 'proposals', 1), goal(f.u.FED.id, 'proposals_per_100', 1)] }, NOW);
		const set = (year: number) =>
			targetBoard(f.db, fedOfficer, { unitId: f.u.FED.id, year }, NOW)
				.rows[0].cells.filter((c) => c.goal !== null)
				.map((c) => [c.metric, c.value, c.forecast, c.standing]);
		expect(set(2025)).toEqual([
			['proposals', 0, 0, 'ended_short'],
			['proposals_per_100', 0, 0, 'ended_short']
		]);
		expect(set(2027)).toEqual([
			['proposals', 0, null, 'not_started'],
			['proposals_per_100', 0, null, 'not_started']
		]);
		expect(targetBoard(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2025 }, NOW).yearGone).toBe(1);
		expect(targetBoard(f.db, fedOfficer, { unitId: f.u.FED.id, year: 2027 }, NOW).yearGone).toBe(0);
	});

	it('refuses an officer of another district, an enterprise officer above their station, a worker and nobody', async () => {
		scenario();
		await thrown(ForbiddenError, () => targetBoard(f.db, f.actors.officerDB, { unitId: f.u.DA.id, year: 2026 }, NOW));
		await thrown(ForbiddenError, () => targetBoard(f.db, f.actors.officerDA, { unitId: f.u.FED.id, year: 2026 }, NOW));
		await thrown(ForbiddenError, () => targetBoard(f.db, f.actors.officerEA1, { unitId: f.u.DA.id, year: 2026 }, NOW));
		await thrown(ForbiddenError, () => targetBoard(f.db, f.actors.workerA, { year: 2026 }, NOW));
		await thrown(NotSignedInError, () => targetBoard(f.db, null, { year: 2026 }, NOW));
		await thrown(NotFoundError, () => targetBoard(f.db, f.actors.admin, { unitId: 99_999, year: 2026 }, NOW));
		// an admin without a unit starts from the federation
		expect(targetBoard(f.db, f.actors.admin, { year: 2026 }, NOW).unit.id).toBe(f.u.FED.id);
	});

	it('the dashboard lists only the goals that are set, and the subunits behind', async () => {
		scenario();
		setTargets(f.db, f.actors.officerDA, { unitId: f.u.DA.id, year: 2026, goals: [goal(f.u.EA1.id, 'proposals', 3), goal(f.u.EA2.id, 'proposals', 1)] }, NOW);
		const fed = dashboardTargets(f.db, fedOfficer, NOW);
		expect(fed).toHaveLength(1);
		expect(fed[0].unit).toEqual({ id: f.u.FED.id, name: '江城市总工会', path: f.u.FED.path });
		expect(fed[0].year).toBe(2026);
		expect(fed[0].yearGone).toBe(183 / 365);
		expect(fed[0].cells.map((c) => [c.metric, c.goal, c.value, c.standing])).toEqual([
			['proposals', 4, 3, 'on_track'],
			['innovations', 2, 1, 'behind']
		]);
		// DA has met both of its goals; DB is behind on both
		expect(fed[0].behind).toEqual([{ id: f.u.DB.id, name: '西区总工会', type: 'district' }]);

		const da = dashboardTargets(f.db, f.actors.officerDA, NOW);
		expect(da.map((d) => d.unit.id)).toEqual([f.u.DA.id]);
		expect(da[0].cells.map((c) => [c.metric, c.goal, c.value, c.standing])).toEqual([
			['proposals', 2, 2, 'met'],
			['proposals_per_100', 20, 25, 'met']
		]);
		// EA1 (2 of 3, on track) is not behind; EA2 (0 of 1) is
		expect(da[0].behind).toEqual([{ id: f.u.EA2.id, name: '东区电力公司工会', type: 'enterprise' }]);

		// with no goals set: nothing listed
		expect(dashboardTargets(f.db, f.actors.officerDB, new Date('2027-03-01T12:00:00+08:00'))).toEqual([
			{ unit: { id: f.u.DB.id, name: '西区总工会', path: f.u.DB.path }, year: 2027, yearGone: 60 / 365, cells: [], behind: [] }
		]);
		expect(dashboardTargets(f.db, f.actors.admin, NOW).map((d) => d.unit.id)).toEqual([f.u.FED.id]);
		await thrown(ForbiddenError, () => dashboardTargets(f.db, f.actors.workerA, NOW));
		await thrown(NotSignedInError, () => dashboardTargets(f.db, null, NOW));
	});
});

describe('goalsSchema', () => {
	const parse = (fields: Record<string, unknown>) => goalsSchema.safeParse({ unit: '7', year: '2026', ...fields });
	const goalsOf = (fields: Record<string, unknown>) => {
		const r = parse(fields);
		if (!r.success) throw new Error(JSON.stringify(r.error.issues));
		return r.data.goals;
	};
	const issuesOf = (fields: Record<string, unknown>) => {
		const r = parse(fields);
		if (r.success) throw new Error('expected issues');
		return r.error.issues.map((i) => [i.path.join('|'), i.message]);
	};
	const WHOLE = '请输入 0 到 10000000 之间的整数';
	const DECIMAL = '请输入 0 到 10000000 之间的数，最多 1 位小数';

	it('reads the table’s cells into goals, blank as null', () => {
		const r = parse({ 'g.7.proposals': '12', 'g.8.adopted': '1,200', 'g.9.innovations': ' 1，200 ', 'g.7.benefit_wan': '3.5', 'g.8.proposals_per_100': '0.5', 'g.9.contest_workers': '', 'g.7.studios_city': '   ', 'g.7.studio_achievements': '0' });
		expect(r.success).toBe(true);
		expect(r.data).toEqual({
			unitId: 7,
			year: 2026,
			goals: [
				{ unitId: 7, metric: 'proposals', goal: 12 },
				{ unitId: 8, metric: 'adopted', goal: 1200 },
				{ unitId: 9, metric: 'innovations', goal: 1200 },
				{ unitId: 7, metric: 'benefit_wan', goal: 3.5 },
				{ unitId: 8, metric: 'proposals_per_100', goal: 0.5 },
				{ unitId: 9, metric: 'contest_workers', goal: null },
				{ unitId: 7, metric: 'studios_city', goal: null },
				{ unitId: 7, metric: 'studio_achievements', goal: 0 }
			]
		});
		expect(goalsOf({ 'g.7.proposals': '10000000' })).toEqual([{ unitId: 7, metric: 'proposals', goal: MAX_GOAL }]);
		expect(goalsOf({ 'g.7.benefit_wan': '10000000.0' })).toEqual([{ unitId: 7, metric: 'benefit_wan', goal: MAX_GOAL }]);
	});

	it('a whole-number metric refuses decimals; a decimal one refuses a second decimal place', () => {
		expect(issuesOf({ 'g.7.proposals': '3.5' })).toEqual([['g.7.proposals', WHOLE]]);
		expect(issuesOf({ 'g.7.adopted': '3.0' })).toEqual([['g.7.adopted', WHOLE]]);
		expect(issuesOf({ 'g.7.benefit_wan': '3.55' })).toEqual([['g.7.benefit_wan', DECIMAL]]);
		expect(issuesOf({ 'g.7.proposals_per_100': '.5' })).toEqual([['g.7.proposals_per_100', DECIMAL]]);
		expect(issuesOf({ 'g.7.proposals_per_100': '5.' })).toEqual([['g.7.proposals_per_100', DECIMAL]]);
	});

	it('refuses negative, exponent, hex, trailing junk, non-ASCII digits and goals over the maximum, each on its field', () => {
		for (const bad of ['-1', '1e3', '12abc', '0x10', '１２', 'Infinity', 'NaN', '+5', '10000001', '99999999', '123456789']) {
			expect(issuesOf({ 'g.7.proposals': bad })).toEqual([['g.7.proposals', WHOLE]]);
		}
		expect(issuesOf({ 'g.7.benefit_wan': '10000000.1' })).toEqual([['g.7.benefit_wan', DECIMAL]]);
		// every bad cell is reported, the good ones do not hide them
		expect(issuesOf({ 'g.7.proposals': '5', 'g.8.proposals': '-1', 'g.9.benefit_wan': 'x' })).toEqual([
			['g.8.proposals', WHOLE],
			['g.9.benefit_wan', DECIMAL]
		]);
	});

	it('ignores fields that are not cells of a known metric', () => {
		expect(goalsOf({ 'g.7.foo': '5', 'g.7.Proposals': '5', 'x.7.proposals': '5', 'g.a.proposals': '5', 'g.7.proposals.x': '5', 'g.1234567890.proposals': '5', csrf: 'abc' })).toEqual([]);
	});

	it('refuses an overlong value, a bad unit or year', () => {
		expect(issuesOf({ 'g.7.proposals': '1'.repeat(41) })).toEqual([['g.7.proposals', '不能超过 40 个字符']]);
		expect(issuesOf({ 'g.7.proposals': ' '.repeat(41) })).toEqual([['g.7.proposals', '不能超过 40 个字符']]);
		expect(goalsSchema.safeParse({ unit: '0', year: '2026' }).error!.issues.map((i) => [i.path.join('|'), i.message])).toEqual([['unit', '此项必填']]);
		expect(goalsSchema.safeParse({ unit: '7', year: '1999' }).error!.issues.map((i) => [i.path.join('|'), i.message])).toEqual([['year', '请从列表中选择']]);
		expect(goalsSchema.safeParse({ unit: '7', year: '2026.5' }).error!.issues.map((i) => [i.path.join('|'), i.message])).toEqual([['year', '请从列表中选择']]);
		expect(goalsSchema.safeParse({ unit: '7' }).success).toBe(false);
	});

	it('never throws on hostile input, and whatever it accepts is a known metric within 0…MAX_GOAL', () => {
		for (const hostile of [null, undefined, 'x', 42, [], {}, { unit: {}, year: [] }, { unit: '7', year: '2026', 'g.7.proposals': 12 }, { unit: '7', year: '2026', 'g.7.proposals': ['1'] }, JSON.parse('{"unit":"7","year":"2026","__proto__":"1","g.7.__proto__":"2"}')]) {
			expect(() => goalsSchema.safeParse(hostile)).not.toThrow();
		}
		expect(goalsSchema.safeParse({ unit: '7', year: '2026', 'g.7.proposals': 12 }).success).toBe(false);
		const key = fc.oneof(fc.constantFrom(...TARGET_METRICS.map((k) => `g.7.${k}`), 'g.7.x', 'unit', 'year', '__proto__', 'constructor'), fc.string());
		const value = fc.oneof(fc.string(), fc.stringMatching(/^[0-9.,，\s-]{0,12}$/), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }));
		fc.assert(
			fc.property(fc.dictionary(key, value), (fields) => {
				const r = goalsSchema.safeParse({ unit: '7', year: '2026', ...fields });
				if (!r.success) return;
				for (const g of r.data.goals) {
					expect(TARGET_METRICS).toContain(g.metric);
					if (g.goal !== null) {
						expect(Number.isFinite(g.goal)).toBe(true);
						expect(g.goal).toBeGreaterThanOrEqual(0);
						expect(g.goal).toBeLessThanOrEqual(MAX_GOAL);
					}
				}
			}),
			{ numRuns: 300 }
		);
	});
});
