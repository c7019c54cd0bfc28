import { and, asc, count, eq, gte, inArray, isNull, like, lt, ne, notInArray, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { proposalBenefits, proposalEvents, proposals, units, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, scopeOf } from '../auth/policy';
import { ForbiddenError, NotFoundError } from '../errors';
import { ADOPTED_STATUSES, IMPLEMENTED_STATUSES, PROPOSAL_KINDS, median, type ProposalStatus, type StatsRow } from '$lib/domain/proposals';
import { today } from '../competitions/context';

const DAY = 86_400_000;


interface Counted {
	path: string;
	status: ProposalStatus;
	kind: string;
	submittedAt: Date;
	answeredAt: Date | null;
	benefitFen: number | null;
	rewardFen: number;
}

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);

function rowOf(unit: { id: number; name: string }, workersN: number, list: Counted[]): StatsRow {
	const adopted = list.filter((p) => ADOPTED_STATUSES.includes(p.status)).length;
	const implemented = list.filter((p) => IMPLEMENTED_STATUSES.includes(p.status)).length;
	const days = list.filter((p) => p.answeredAt).map((p) => Math.round(((p.answeredAt!.getTime() - p.submittedAt.getTime()) / DAY) * 10) / 10);
	return {
		unitId: unit.id,
		name: unit.name,
		workers: workersN,
		submitted: list.length,
		per100: workersN ? Math.round((list.length / workersN) * 1000) / 10 : null,
		adopted,
		adoptedRate: pct(adopted, list.length),
		implemented,
		implementedRate: pct(implemented, adopted),
		benefitFen: list.reduce((a, p) => a + (p.benefitFen ?? 0), 0),
		rewardsFen: list.reduce((a, p) => a + p.rewardFen, 0),
		medianDays: median(days)
	};
}

function nextMonth(ym: string): string {
	const [y, mo] = ym.split('-').map(Number);
	return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

export interface Period {
	from: string;
	to: string;
}

export function defaultPeriod(now = new Date()): Period {
	const year = today(now).slice(0, 4);
	return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * Figures per unit directly below `root` (and for the root as a whole) over proposals
 * submitted in the period: counts, per 100 workers, adoption and implementation rates,
 * verified benefit, rewards paid and the median days from submission to first answer.
 * Adopted rate = adopted ÷ submitted; implemented rate = in use ÷ adopted.
 */
function statsUnder(db: DB, root: { id: number; name: string; path: string }, period: Period, now = new Date()) {
	const from = new Date(`${period.from}T00:00:00+08:00`);
	const to = new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + DAY);
	const list: Counted[] = db
		.select({
			path: units.path,
			status: proposals.status,
			kind: proposals.kind,
			submittedAt: proposals.submittedAt,
			answeredAt: proposals.answeredAt,
			benefitFen: proposals.benefitFen,
			rewardFen: proposals.rewardFen
		})
		.from(proposals)
		.innerJoin(units, eq(units.id, proposals.unitId))
		.where(and(ne(proposals.status, 'draft'), ne(proposals.status, 'merged'), like(units.path, `${root.path}%`), gte(proposals.submittedAt, from), lt(proposals.submittedAt, to)))
		.all() as Counted[];
	const children = db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(eq(units.parentId, root.id)).orderBy(asc(units.code)).all();
	// workers per unit of the subtree in one query, summed per child by path
	const perUnit = workersByUnit(db, root.path);
	const workerCount = (path: string) => perUnit.reduce((a, u) => a + (u.path.startsWith(path) ? u.n : 0), 0);
	const rows = children.map((c) => rowOf(c, workerCount(c.path), list.filter((p) => p.path.startsWith(c.path))));
	const total = rowOf(root, workerCount(root.path), list);
	const months = new Map<string, { submitted: number; adopted: number }>();
	for (const p of list) {
		const key = today(p.submittedAt).slice(0, 7);
		const mth = months.get(key) ?? { submitted: 0, adopted: 0 };
		mth.submitted++;
		if (ADOPTED_STATUSES.includes(p.status)) mth.adopted++;
		months.set(key, mth);
	}
	// every month of the period up to this one, so quiet months show as zero
	const last = today(new Date(Math.min(to.getTime() - DAY, now.getTime()))).slice(0, 7);
	for (let mth = period.from.slice(0, 7); mth <= last; mth = nextMonth(mth)) if (!months.has(mth)) months.set(mth, { submitted: 0, adopted: 0 });
	const byKind = PROPOSAL_KINDS.map((k) => ({ kind: k, n: list.filter((p) => p.kind === k).length }));
	return { root: { id: root.id, name: root.name }, period, rows, total, months: [...months.entries()].sort().map(([month, v]) => ({ month, ...v })), byKind };
}

export function proposalStats(db: DB, actor: Actor | null, input: { unitId?: number; period?: Period }, now = new Date()) {
	authorize(actor, 'proposal.stats');
	const scope = scopeOf(actor);
	let root: { id: number; name: string; path: string } | undefined;
	if (input.unitId) {
		root = db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(eq(units.id, input.unitId)).get();
		if (!root) throw new NotFoundError('unit');
		if (!can(actor, 'unit.read', { unitPath: root.path })) throw new ForbiddenError('proposal.stats');
	} else if (scope === 'all') {
		root = db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(isNull(units.parentId)).orderBy(asc(units.id)).get();
	} else {
		const s = actor.officerScopes[0];
		root = { id: s.unitId, name: s.name, path: s.path };
	}
	if (!root) throw new NotFoundError('unit');
	return statsUnder(db, root, input.period ?? defaultPeriod(now), now);
}

/** The public summary: counts and rates only, for the whole federation, by year. */
export function publicProposalSummary(db: DB, year: number, now = new Date()) {
	const root = db.select({ id: units.id, name: units.name, path: units.path }).from(units).where(isNull(units.parentId)).orderBy(asc(units.id)).get();
	if (!root) throw new NotFoundError('unit');
	return statsUnder(db, root, { from: `${year}-01-01`, to: `${year}-12-31` }, now);
}

/** Years that have submitted proposals, newest first, for the year picker. */
export function proposalYears(db: DB, now = new Date()): number[] {
	const first = db.select({ at: proposals.submittedAt }).from(proposals).where(ne(proposals.status, 'draft')).orderBy(asc(proposals.submittedAt)).limit(1).get();
	const last = Number(today(now).slice(0, 4));
	const start = first?.at ? Number(today(first.at).slice(0, 4)) : last;
	const years: number[] = [];
	for (let y = last; y >= Math.max(start, last - 20); y--) years.push(y);
	return years;
}

/** A year's bounds in the federation's time zone. */
export function yearBounds(year: number) {
	return { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

/**
 * Per proposer's unit, for a year (the targets' counts): proposals submitted, of them
 * 五小 innovations, proposals adopted in the year (whenever submitted), and benefit
 * confirmed by finance in the year, in fen.
 */
export function proposalCountsByUnit(db: DB, year: number) {
	const { from, to } = yearBounds(year);
	const submitted = db
		.select({ path: units.path, n: count(), innovations: sql<number>`sum(${proposals.kind} <> 'rationalisation')` })
		.from(proposals)
		.innerJoin(units, eq(units.id, proposals.unitId))
		.where(and(notInArray(proposals.status, ['draft', 'merged']), gte(proposals.submittedAt, from), lt(proposals.submittedAt, to)))
		.groupBy(units.id)
		.all();
	const adopted = db
		.select({ path: units.path, n: sql<number>`count(DISTINCT ${proposals.id})` })
		.from(proposalEvents)
		.innerJoin(proposals, eq(proposals.id, proposalEvents.proposalId))
		.innerJoin(units, eq(units.id, proposals.unitId))
		.where(and(eq(proposalEvents.toStatus, 'adopted'), gte(proposalEvents.at, from), lt(proposalEvents.at, to), inArray(proposals.status, [...ADOPTED_STATUSES])))
		.groupBy(units.id)
		.all();
	const benefit = db
		.select({ path: units.path, fen: sql<number>`sum(${proposalBenefits.annualFen})` })
		.from(proposalBenefits)
		.innerJoin(proposals, eq(proposals.id, proposalBenefits.proposalId))
		.innerJoin(units, eq(units.id, proposals.unitId))
		.where(and(gte(proposalBenefits.confirmedAt, from), lt(proposalBenefits.confirmedAt, to)))
		.groupBy(units.id)
		.all();
	return { submitted, adopted, benefit };
}

/** Workers per unit of a subtree (the whole tree by default), for rates per 100 workers. */
export function workersByUnit(db: DB, under = '/') {
	return db.select({ path: units.path, n: count() }).from(workers).innerJoin(units, eq(units.id, workers.unitId)).where(like(units.path, `${under}%`)).groupBy(units.id).all();
}

/** Proposals submitted and adopted in each month of a year (Beijing months), for the portal's chart. */
export function proposalMonths(db: DB, year: number) {
	const { from, to } = yearBounds(year);
	const month = (col: typeof proposals.submittedAt | typeof proposalEvents.at) => sql<string>`strftime('%m', ${col} / 1000 + 8 * 3600, 'unixepoch')`;
	const submitted = db
		.select({ m: month(proposals.submittedAt), n: count() })
		.from(proposals)
		.where(and(notInArray(proposals.status, ['draft', 'merged']), gte(proposals.submittedAt, from), lt(proposals.submittedAt, to)))
		.groupBy(month(proposals.submittedAt))
		.all();
	const adopted = db
		.select({ m: month(proposalEvents.at), n: sql<number>`count(DISTINCT ${proposalEvents.proposalId})` })
		.from(proposalEvents)
		.where(and(eq(proposalEvents.toStatus, 'adopted'), gte(proposalEvents.at, from), lt(proposalEvents.at, to)))
		.groupBy(month(proposalEvents.at))
		.all();
	return Array.from({ length: 12 }, (_, i) => {
		const key = String(i + 1).padStart(2, '0');
		return { month: `${year}-${key}`, submitted: submitted.find((r) => r.m === key)?.n ?? 0, adopted: adopted.find((r) => r.m === key)?.n ?? 0 };
	});
}
