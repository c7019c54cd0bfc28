import { and, asc, desc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { DB } from '../db';
import { awards, competitions, entries, entryMembers, events, units, workers } from '../db/schema';
import { NotFoundError } from '../errors';
import { ancestorIds } from '$lib/domain/units';
import { pointsFor, ranksOf, sortMedals } from '$lib/domain/results';
import type { CompetitionType } from '$lib/domain/competition';
import { loadCompetition } from '../competitions/context';
import { pointsTable } from './settings';

/** Medal tables count by the entrant's enterprise, or by the organiser's unit directly above it. */
export const MEDAL_GROUPINGS = ['enterprise', 'branch'] as const;
export type MedalGrouping = (typeof MEDAL_GROUPINGS)[number];

/**
 * 奖牌榜 of a competition: standing rank awards (一等/二等/三等 as gold, silver, bronze,
 * later tiers as others) counted per unit, ordered gold first.
 */
export function medalTable(db: DB, competitionId: number, by: MedalGrouping = 'enterprise') {
	const ctx = loadCompetition(db, competitionId);
	if (ctx.competition.status === 'draft') throw new NotFoundError('competition');
	const rows = db
		.select({ tier: awards.tier, employerId: entries.employerId, employerPath: units.path })
		.from(awards)
		.innerJoin(entries, eq(entries.id, awards.entryId))
		.innerJoin(events, eq(events.id, awards.eventId))
		.innerJoin(units, eq(units.id, entries.employerId))
		.where(and(eq(events.competitionId, competitionId), eq(awards.kind, 'rank'), isNull(awards.revokedAt)))
		.all();
	const depth = ancestorIds(ctx.organiserPath).length;
	const keyOf = (r: (typeof rows)[number]) => (by === 'enterprise' ? r.employerId : (ancestorIds(r.employerPath)[depth] ?? r.employerId));
	const counts = new Map<number, { key: number; gold: number; silver: number; bronze: number; other: number }>();
	for (const r of rows) {
		const key = keyOf(r);
		const c = counts.get(key) ?? { key, gold: 0, silver: 0, bronze: 0, other: 0 };
		if (r.tier === 0) c.gold++;
		else if (r.tier === 1) c.silver++;
		else if (r.tier === 2) c.bronze++;
		else c.other++;
		counts.set(key, c);
	}
	const names = unitNames(db, [...counts.keys()]);
	return {
		competition: { id: ctx.competition.id, title: ctx.competition.title, organiser: ctx.organiserName, status: ctx.competition.status },
		by,
		rows: sortMedals([...counts.values()]).map((r) => ({ ...r, unit: names.get(r.key) ?? '' }))
	};
}

function unitNames(db: DB, ids: number[]) {
	return new Map(ids.length ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)).all().map((u) => [u.id, u.name]) : []);
}

export interface PointsQuery {
	year: string;
	/** only entrants whose enterprise is in this unit's subtree */
	unitId: number | null;
	type: CompetitionType | null;
	of: 'workers' | 'units';
	page: number;
}

export const POINTS_PAGE = 50;

/**
 * 年度积分: points per standing award (the federation's table) summed over the year's
 * competitions, for workers (each team member scores the award) or enterprises.
 */
export function annualPoints(db: DB, q: PointsQuery) {
	const filters: SQL[] = [isNull(awards.revokedAt), sql`substr(${competitions.endsOn}, 1, 4) = ${q.year}`];
	if (q.type) filters.push(eq(competitions.type, q.type));
	if (q.unitId) {
		const unit = db.select().from(units).where(eq(units.id, q.unitId)).get();
		if (!unit) throw new NotFoundError('unit');
		filters.push(like(units.path, `${unit.path}%`));
	}
	const table = pointsTable(db);
	const base = db
		.select({
			key: q.of === 'workers' ? entryMembers.workerId : entries.employerId,
			kind: awards.kind,
			tier: awards.tier,
			n: sql<number>`count(*)`
		})
		.from(awards)
		.innerJoin(entries, eq(entries.id, awards.entryId))
		.innerJoin(events, eq(events.id, awards.eventId))
		.innerJoin(competitions, eq(competitions.id, events.competitionId))
		.innerJoin(units, eq(units.id, entries.employerId));
	const grouped = (q.of === 'workers' ? base.innerJoin(entryMembers, eq(entryMembers.entryId, entries.id)) : base)
		.where(and(...filters))
		.groupBy(q.of === 'workers' ? entryMembers.workerId : entries.employerId, awards.kind, awards.tier)
		.all();
	const totals = new Map<number, { points: number; awards: number }>();
	for (const g of grouped) {
		const t = totals.get(g.key) ?? { points: 0, awards: 0 };
		t.points += pointsFor(table, { kind: g.kind, tier: g.tier }) * g.n;
		t.awards += g.n;
		totals.set(g.key, t);
	}
	const ordered = [...totals.entries()].sort((a, b) => b[1].points - a[1].points || a[0] - b[0]);
	const ranks = ranksOf(ordered.map(([, t]) => t.points));
	const start = (q.page - 1) * POINTS_PAGE;
	const page = ordered.slice(start, start + POINTS_PAGE);
	const ids = page.map(([k]) => k);
	const who =
		q.of === 'workers'
			? new Map(
					ids.length
						? db
								.select({ id: workers.id, name: workers.name, unit: units.name })
								.from(workers)
								.innerJoin(units, eq(units.id, workers.employerId))
								.where(inArray(workers.id, ids))
								.all()
								.map((w) => [w.id, { name: w.name, unit: w.unit }])
						: []
				)
			: new Map([...unitNames(db, ids)].map(([id, name]) => [id, { name, unit: '' }]));
	return {
		rows: page.map(([key, t], i) => ({ key, rank: ranks[start + i], name: who.get(key)?.name ?? '', unit: who.get(key)?.unit ?? '', points: t.points, awards: t.awards })),
		total: ordered.length,
		page: q.page,
		pages: Math.max(1, Math.ceil(ordered.length / POINTS_PAGE)),
		table
	};
}

/** Years that have standing awards, newest first, for the points filter. */
export function pointsYears(db: DB): string[] {
	return db
		.selectDistinct({ year: sql<string>`substr(${competitions.endsOn}, 1, 4)` })
		.from(awards)
		.innerJoin(events, eq(events.id, awards.eventId))
		.innerJoin(competitions, eq(competitions.id, events.competitionId))
		.orderBy(sql`1 DESC`)
		.all()
		.map((r) => r.year);
}

/** Units a points ranking can be narrowed to: the federation and the unions below it. */
export function pointsUnits(db: DB) {
	return db
		.select({ id: units.id, name: units.name, path: units.path })
		.from(units)
		.where(inArray(units.type, ['federation', 'district', 'industry']))
		.orderBy(asc(units.path))
		.all();
}

/** The competition whose awards were issued last (for the portal's medal table), or null. */
export function latestMedalCompetition(db: DB): number | null {
	return (
		db
			.select({ id: events.competitionId })
			.from(awards)
			.innerJoin(events, eq(events.id, awards.eventId))
			.where(isNull(awards.revokedAt))
			.orderBy(desc(awards.issuedAt), desc(awards.id))
			.limit(1)
			.get()?.id ?? null
	);
}
