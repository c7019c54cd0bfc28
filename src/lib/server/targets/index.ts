import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { targets, units } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, isAdmin } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import { findUnit } from '../units';
import { today } from '../competitions/context';
import { proposalCountsByUnit, workersByUnit } from '../proposals/stats';
import { contestWorkers } from '../competitions/entries';
import { studioCountsByUnit } from '../studios/public';
import { forecast, progressShare, roundMetric, standingOf, METRIC_SHAPE, TARGET_METRICS, yearShareGone, type Standing, type TargetMetric } from '$lib/domain/targets';
import { m } from '$lib/paraglide/messages';

type Counts = Record<TargetMetric, number>;
type ByPath = { path: string; n: number }[];

/** Sums per-unit figures over a subtree. */
const within = (rows: ByPath, path: string) => rows.reduce((a, r) => a + (r.path.startsWith(path) ? Number(r.n) || 0 : 0), 0);

/**
 * Each metric of the year for each of these units, counted from the records over the
 * unit's whole subtree (so a subunit's work counts for every union above it).
 */
export function countMetrics(db: DB, year: number, paths: string[]): Map<string, Counts> {
	const p = proposalCountsByUnit(db, year);
	const s = studioCountsByUnit(db, year);
	const contest = contestWorkers(db, year, 'unit').map((r) => ({ path: r.key, n: r.n }));
	const people = workersByUnit(db);
	const innovations = p.submitted.map((r) => ({ path: r.path, n: r.innovations }));
	const benefit = p.benefit.map((r) => ({ path: r.path, n: r.fen }));
	return new Map(
		paths.map((path) => {
			const submitted = within(p.submitted, path);
			const staff = within(people, path);
			const counts: Counts = {
				proposals: submitted,
				proposals_per_100: staff ? (submitted * 100) / staff : 0,
				adopted: within(p.adopted, path),
				innovations: within(innovations, path),
				// fen → 万元
				benefit_wan: within(benefit, path) / 1_000_000,
				contest_workers: within(contest, path),
				studios_city: within(s.designated, path),
				studio_achievements: within(s.achievements, path)
			};
			for (const k of TARGET_METRICS) counts[k] = roundMetric(k, counts[k]);
			return [path, counts];
		})
	);
}

export interface TargetCell {
	metric: TargetMetric;
	goal: number | null;
	value: number;
	share: number;
	forecast: number | null;
	standing: Standing | null;
	/** set by a union above the reader: theirs to keep */
	locked: boolean;
	setBy: string | null;
}

type TargetRow = typeof targets.$inferSelect;

/** Whether the actor may change a target set by this union (their own level or below). */
function mayChange(actor: Actor, setter: { path: string } | null): boolean {
	if (isAdmin(actor)) return true;
	if (!setter) return false;
	return actor.officerScopes.some((s) => setter.path.startsWith(s.path));
}

function cellsOf(actor: Actor, year: number, day: string, counts: Counts, goals: TargetRow[], setters: Map<number, { name: string; path: string }>): TargetCell[] {
	return TARGET_METRICS.map((metric) => {
		const t = goals.find((g) => g.metric === metric);
		const value = counts[metric];
		const setter = t?.setByUnitId ? (setters.get(t.setByUnitId) ?? null) : null;
		return {
			metric,
			goal: t ? t.goal : null,
			value,
			share: t ? progressShare(t.goal, value) : 0,
			forecast: t ? (forecast(metric, value, year, day) ?? null) : null,
			standing: t ? standingOf(metric, t.goal, value, year, day) : null,
			locked: !!t && !mayChange(actor, setter),
			setBy: t ? (setter?.name ?? null) : null
		};
	});
}

/** The union an officer starts from: their first scope, or the federation for an admin. */
function homeUnit(db: DB, actor: Actor) {
	if (actor.officerScopes[0] && !isAdmin(actor)) return findUnit(db, actor.officerScopes[0].unitId);
	const root = db.select().from(units).where(isNull(units.parentId)).orderBy(asc(units.id)).get();
	if (!root) throw new NotFoundError('unit');
	return root;
}

/**
 * A union's targets for a year beside its direct subunits', each cell with the count
 * so far, the share of the goal, the year-end forecast and how it stands; plus, per
 * metric, what the subunits' goals add up to (a union splits its goal among them).
 */
export function targetBoard(db: DB, actor: Actor | null, input: { unitId?: number; year: number }, now = new Date()) {
	authorize(actor, 'officer.area');
	const unit = input.unitId ? findUnit(db, input.unitId) : homeUnit(db, actor);
	authorize(actor, 'target.read', { unitPath: unit.path });
	const children = db.select().from(units).where(eq(units.parentId, unit.id)).orderBy(asc(units.code)).all();
	const list = [unit, ...children];
	const goals = db.select().from(targets).where(and(eq(targets.year, input.year), inArray(targets.unitId, list.map((u) => u.id)))).all();
	const setterIds = [...new Set(goals.map((g) => g.setByUnitId).filter((x): x is number => x !== null))];
	const setters = new Map(setterIds.length ? db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(inArray(units.id, setterIds)).all().map((u) => [u.id, u]) : []);
	const counts = countMetrics(db, input.year, list.map((u) => u.path));
	const day = today(now);
	const rows = list.map((u) => ({
		unit: { id: u.id, name: u.name, type: u.type },
		own: u.id === unit.id,
		cells: cellsOf(actor, input.year, day, counts.get(u.path)!, goals.filter((g) => g.unitId === u.id), setters)
	}));
	const childSums = Object.fromEntries(
		TARGET_METRICS.map((metric) => {
			const set = goals.filter((g) => g.metric === metric && g.unitId !== unit.id);
			return [metric, METRIC_SHAPE[metric].additive && set.length ? roundMetric(metric, set.reduce((a, g) => a + g.goal, 0)) : null];
		})
	) as Record<TargetMetric, number | null>;
	const chain = db
		.select({ id: units.id, name: units.name, path: units.path })
		.from(units)
		.where(inArray(units.id, unit.path.split('/').filter(Boolean).map(Number)))
		.all()
		.filter((u) => can(actor, 'target.read', { unitPath: u.path }))
		.sort((a, b) => a.path.length - b.path.length);
	return { unit: { id: unit.id, name: unit.name, path: unit.path }, chain, year: input.year, yearGone: yearShareGone(input.year, day), rows, childSums, mayEdit: can(actor, 'target.set', { unitPath: unit.path }) };
}

export interface GoalInput {
	unitId: number;
	metric: TargetMetric;
	goal: number | null;
}

/** The field a goal is typed in, for messages beside it. */
export const goalField = (unitId: number, metric: TargetMetric) => `g.${unitId}.${metric}`;

/**
 * Sets (or clears) a union's and its direct subunits' goals for a year in one
 * transaction. A goal set by a union above the officer's stays as it is; so does
 * everything when one cell is refused.
 */
export function setTargets(db: DB, actor: Actor | null, input: { unitId: number; year: number; goals: GoalInput[] }, now = new Date()) {
	authorize(actor, 'officer.area');
	const unit = findUnit(db, input.unitId);
	authorize(actor, 'target.set', { unitPath: unit.path });
	const thisYear = Number(today(now).slice(0, 4));
	if (input.year < thisYear - 1 || input.year > thisYear + 1) throw new RuleError({ year: m.target_err_year({ from: thisYear - 1, to: thisYear + 1 }) });
	const children = db.select().from(units).where(eq(units.parentId, unit.id)).all();
	const byId = new Map([unit, ...children].map((u) => [u.id, u]));
	// the union in whose name the officer sets a goal: their highest scope over it (an admin's: the federation)
	const setterOf = (path: string) =>
		isAdmin(actor) ? Number(path.split('/')[1]) : ([...actor.officerScopes].filter((s) => path.startsWith(s.path)).sort((a, b) => a.path.length - b.path.length)[0]?.unitId ?? null);
	return db.transaction((tx) => {
		const existing = tx.select().from(targets).where(and(eq(targets.year, input.year), inArray(targets.unitId, [...byId.keys()]))).all();
		const setterIds = [...new Set(existing.map((g) => g.setByUnitId).filter((x): x is number => x !== null))];
		const setters = new Map(setterIds.length ? tx.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, setterIds)).all().map((u) => [u.id, u]) : []);
		const errors: Record<string, string> = {};
		const changes: { unit: string; metric: TargetMetric; before: number | null; after: number | null }[] = [];
		for (const g of input.goals) {
			const u = byId.get(g.unitId);
			if (!u) throw new NotFoundError('unit');
			const old = existing.find((e) => e.unitId === g.unitId && e.metric === g.metric);
			const goal = g.goal === null ? null : roundMetric(g.metric, g.goal);
			if ((old?.goal ?? null) === goal) continue;
			if (old && !mayChange(actor, old.setByUnitId ? (setters.get(old.setByUnitId) ?? null) : null)) {
				errors[goalField(g.unitId, g.metric)] = m.target_err_locked();
				continue;
			}
			changes.push({ unit: u.name, metric: g.metric, before: old?.goal ?? null, after: goal });
			if (goal === null) tx.delete(targets).where(eq(targets.id, old!.id)).run();
			else if (old) tx.update(targets).set({ goal, setByUnitId: setterOf(u.path), setBy: actor.userId, updatedAt: now }).where(eq(targets.id, old.id)).run();
			else tx.insert(targets).values({ unitId: u.id, year: input.year, metric: g.metric, goal, setByUnitId: setterOf(u.path), setBy: actor.userId, updatedAt: now }).run();
		}
		if (Object.keys(errors).length) throw new RuleError(errors);
		if (changes.length) writeAudit(tx, actor, { action: 'target.set', entityType: 'unit', entityId: unit.id, unitPath: unit.path, after: { year: input.year, changes } });
		return { changed: changes.length };
	});
}

/**
 * The dashboard's targets: for each union the officer looks after, its goals of the
 * year that are set, with progress, and which direct subunits are behind.
 */
export function dashboardTargets(db: DB, actor: Actor | null, now = new Date()) {
	authorize(actor, 'officer.area');
	const year = Number(today(now).slice(0, 4));
	const roots = isAdmin(actor) ? [homeUnit(db, actor)] : actor.officerScopes.map((s) => findUnit(db, s.unitId));
	return roots.map((u) => {
		const b = targetBoard(db, actor, { unitId: u.id, year }, now);
		const own = b.rows[0];
		return {
			unit: b.unit,
			year,
			yearGone: b.yearGone,
			cells: own.cells.filter((c) => c.goal !== null),
			behind: b.rows.slice(1).filter((r) => r.cells.some((c) => c.standing === 'behind' || c.standing === 'ended_short')).map((r) => r.unit)
		};
	});
}
