import { and, asc, count, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { studioAchievements, studioEvents, studioFiles, studioMembers, studioReviewers, studios, units, workers, modelProfiles } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, scopeOf } from '../auth/policy';
import { SHOWCASE_STATUSES, STUDIO_LEVELS, type StudioLevel, type StudioStatus, type StudioType } from '$lib/domain/studios';
import { achievementsOf } from './achievements';
import { studioStepsFor } from './designation';
import { assessmentOf } from './assessment';
import { authorizeStudio, isStudioParty, loadStudio, mayOnStudio } from './context';
import { today } from '../competitions/context';

export interface ShowcaseFilter {
	level?: StudioLevel | '';
	type?: StudioType | '';
	unitId?: number;
	q?: string;
}

/** The public showcase: designated studios (warned ones too, until revoked), public fields only. */
export function studioShowcase(db: DB, f: ShowcaseFilter = {}, limit = 500) {
	const unitPath = f.unitId ? db.select({ path: units.path }).from(units).where(eq(units.id, f.unitId)).get()?.path : undefined;
	const q = f.q?.trim().slice(0, 40);
	const rows = db
		.select({ id: studios.id, name: studios.name, type: studios.type, level: studios.level, field: studios.field, unit: units.name, leader: workers.name, designatedOn: studios.designatedOn })
		.from(studios)
		.innerJoin(units, eq(units.id, studios.unitId))
		.innerJoin(workers, eq(workers.id, studios.leaderWorkerId))
		.where(
			and(
				inArray(studios.status, [...SHOWCASE_STATUSES]),
				f.level ? eq(studios.level, f.level) : undefined,
				f.type ? eq(studios.type, f.type) : undefined,
				f.unitId ? (unitPath ? like(units.path, `${unitPath}%`) : sql`0`) : undefined,
				q ? or(like(studios.name, `%${q}%`), like(studios.field, `%${q}%`), like(workers.name, `%${q}%`)) : undefined
			)
		)
		.orderBy(desc(sql`CASE ${studios.level} ${sql.join(STUDIO_LEVELS.map((l, i) => sql`WHEN ${l} THEN ${i}`), sql` `)} END`), asc(studios.name))
		.limit(limit)
		.all();
	const ids = rows.map((r) => r.id);
	const sizes = ids.length ? db.select({ id: studioMembers.studioId, n: count() }).from(studioMembers).where(inArray(studioMembers.studioId, ids)).groupBy(studioMembers.studioId).all() : [];
	return rows.map((r) => ({ ...r, members: (sizes.find((s) => s.id === r.id)?.n ?? 0) + 1 }));
}

/** The units that host showcased studios, for the filter. */
export function showcaseUnits(db: DB) {
	return db
		.selectDistinct({ id: units.id, name: units.name })
		.from(studios)
		.innerJoin(units, eq(units.id, studios.unitId))
		.where(inArray(studios.status, [...SHOWCASE_STATUSES]))
		.orderBy(asc(units.name))
		.all();
}

/**
 * A studio's public page: leader (with their profile, if published), members' names,
 * achievements, designation history. Null unless it is in the showcase: a revoked
 * studio leaves the public pages while its history stays with the officers.
 */
export function studioPublic(db: DB, id: number) {
	const s = db
		.select({
			id: studios.id,
			name: studios.name,
			type: studios.type,
			level: studios.level,
			status: studios.status,
			field: studios.field,
			summary: studios.summary,
			foundedOn: studios.foundedOn,
			designatedOn: studios.designatedOn,
			certificateNo: studios.certificateNo,
			designatedBy: studios.designatedBy,
			unit: units.name,
			leaderId: workers.id,
			leader: workers.name,
			leaderTrade: workers.trade
		})
		.from(studios)
		.innerJoin(units, eq(units.id, studios.unitId))
		.innerJoin(workers, eq(workers.id, studios.leaderWorkerId))
		.where(and(eq(studios.id, id), inArray(studios.status, [...SHOWCASE_STATUSES])))
		.get();
	if (!s) return null;
	const members = db
		.select({ name: workers.name, trade: workers.trade, role: studioMembers.role })
		.from(studioMembers)
		.innerJoin(workers, eq(workers.id, studioMembers.workerId))
		.where(eq(studioMembers.studioId, id))
		.orderBy(asc(studioMembers.joinedOn), asc(workers.name))
		.all();
	const leaderProfile = !!db
		.select({ w: modelProfiles.workerId })
		.from(modelProfiles)
		.where(and(eq(modelProfiles.workerId, s.leaderId), sql`${modelProfiles.consentAt} IS NOT NULL AND ${modelProfiles.approvedAt} IS NOT NULL`))
		.get();
	const history = db
		.select({ at: studioEvents.at, action: studioEvents.action, level: studioEvents.level, to: studioEvents.toStatus, data: studioEvents.data })
		.from(studioEvents)
		.where(and(eq(studioEvents.studioId, id), inArray(studioEvents.action, ['designate', 'upgrade', 'keep', 'warn'])))
		.orderBy(asc(studioEvents.at))
		.all();
	// a designation is dated by its certificate, not by when it was entered here
	const dated = history.map((h) => ({ action: h.action, level: h.level, on: typeof h.data?.designatedOn === 'string' ? h.data.designatedOn : today(h.at) }));
	const achievements = achievementsOf(db, id).map((a) => ({ kind: a.kind, title: a.title, on: a.on, number: a.number, patentType: a.patentType, count: a.count, benefitFen: a.benefitFen, proposalSerial: a.proposalSerial }));
	return { ...s, leaderProfile, members, history: dated, achievements };
}

export interface RegistryFilter {
	status?: StudioStatus | '';
	level?: StudioLevel | '';
	type?: StudioType | '';
	q?: string;
	/** due for reassessment within this many days (or overdue) */
	dueWithin?: number;
}

/** The officer's registry: every studio hosted in their area, in any state. */
export function studioRegistry(db: DB, actor: Actor | null, f: RegistryFilter = {}, now = new Date()) {
	const scope = scopeOf(actor);
	const q = f.q?.trim().slice(0, 40);
	const dueBy = f.dueWithin !== undefined ? new Date(now.getTime() + f.dueWithin * 86_400_000) : null;
	return db
		.select({
			id: studios.id,
			name: studios.name,
			type: studios.type,
			level: studios.level,
			status: studios.status,
			unit: units.name,
			leader: workers.name,
			nextReassessOn: studios.nextReassessOn,
			updatedAt: studios.updatedAt
		})
		.from(studios)
		.innerJoin(units, eq(units.id, studios.unitId))
		.innerJoin(workers, eq(workers.id, studios.leaderWorkerId))
		.where(
			and(
				scope === 'all' ? undefined : or(...scope.map((p) => like(units.path, `${p}%`))),
				f.status ? eq(studios.status, f.status) : undefined,
				f.level ? eq(studios.level, f.level) : undefined,
				f.type ? eq(studios.type, f.type) : undefined,
				q ? or(like(studios.name, `%${q}%`), like(workers.name, `%${q}%`), like(studios.field, `%${q}%`)) : undefined,
				dueBy ? and(inArray(studios.status, [...SHOWCASE_STATUSES]), sql`${studios.nextReassessOn} <= ${today(dueBy)}`) : undefined
			)
		)
		.orderBy(desc(studios.updatedAt))
		.limit(500)
		.all();
}

/** A studio as an officer over it (or its people) sees it: everything, with the steps open now. */
export function studioDetail(db: DB, actor: Actor | null, id: number, year: number) {
	const ctx = loadStudio(db, id);
	authorizeStudio(db, actor, ctx, 'studio.read');
	const leader = db.select({ id: workers.id, name: workers.name, employeeNo: workers.employeeNo, trade: workers.trade }).from(workers).where(eq(workers.id, ctx.s.leaderWorkerId)).get()!;
	const members = db
		.select({ id: workers.id, name: workers.name, employeeNo: workers.employeeNo, trade: workers.trade, role: studioMembers.role, joinedOn: studioMembers.joinedOn })
		.from(studioMembers)
		.innerJoin(workers, eq(workers.id, studioMembers.workerId))
		.where(eq(studioMembers.studioId, id))
		.orderBy(asc(workers.name))
		.all();
	const history = db.select().from(studioEvents).where(eq(studioEvents.studioId, id)).orderBy(asc(studioEvents.at), asc(studioEvents.id)).all();
	const files = db.select({ id: studioFiles.id, name: studioFiles.name, type: studioFiles.type, size: studioFiles.size }).from(studioFiles).where(eq(studioFiles.studioId, id)).all();
	const manage = mayOnStudio(db, actor, ctx, 'studio.manage');
	const purpose = ctx.s.status === 'applied' || ctx.s.status === 'reviewing' ? ('application' as const) : ('assessment' as const);
	const assessment = assessmentOf(db, id, year, purpose);
	return {
		studio: { ...ctx.s, unit: ctx.unitName },
		leader,
		members,
		history,
		files,
		achievements: achievementsOf(db, id),
		assessment,
		steps: manage ? studioStepsFor(db, actor, id) : [],
		manage,
		reviewer: !!actor && assessment.reviewers.some((r) => r.reviewerId === actor.userId),
		myMarks: (actor && assessment.marks.find((r) => r.reviewerId === actor.userId)) || null,
		party: isStudioParty(db, actor, id)
	};
}

/** The studios this account was appointed to review, and whether it has marked them, newest first. */
export function studioReviewsFor(db: DB, actor: Actor | null) {
	authorize(actor, 'account.read', { userId: actor?.userId });
	const marked = sql<number>`EXISTS (SELECT 1 FROM studio_review_marks m WHERE m.studio_id = ${studioReviewers.studioId} AND m.year = ${studioReviewers.year} AND m.purpose = ${studioReviewers.purpose} AND m.reviewer_id = ${studioReviewers.reviewerId})`;
	return db
		.select({ id: studios.id, name: studios.name, year: studioReviewers.year, purpose: studioReviewers.purpose, marked })
		.from(studioReviewers)
		.innerJoin(studios, eq(studios.id, studioReviewers.studioId))
		.where(eq(studioReviewers.reviewerId, actor.userId))
		.orderBy(desc(studioReviewers.assignedAt))
		.limit(100)
		.all()
		.map((r) => ({ ...r, marked: !!r.marked }));
}

/** Every studio in the showcase, for the sitemap. */
export function showcaseIds(db: DB): number[] {
	return db.select({ id: studios.id }).from(studios).where(inArray(studios.status, [...SHOWCASE_STATUSES])).all().map((r) => r.id);
}

/**
 * Per hosting unit, for a year (the targets' counts): studios named at city level or
 * above in the year and still holding the title, and the studios' achievements of the year.
 */
export function studioCountsByUnit(db: DB, year: number) {
	const designated = db
		.select({ path: units.path, n: count() })
		.from(studios)
		.innerJoin(units, eq(units.id, studios.unitId))
		.where(and(inArray(studios.status, [...SHOWCASE_STATUSES]), inArray(studios.level, ['city', 'province', 'national']), like(studios.designatedOn, `${year}-%`)))
		.groupBy(units.id)
		.all();
	const achievements = db
		.select({ path: units.path, n: count() })
		.from(studioAchievements)
		.innerJoin(studios, eq(studios.id, studioAchievements.studioId))
		.innerJoin(units, eq(units.id, studios.unitId))
		.where(like(studioAchievements.on, `${year}-%`))
		.groupBy(units.id)
		.all();
	return { designated, achievements };
}
