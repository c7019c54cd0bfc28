import { and, desc, eq, inArray, like, lte, or } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { assessmentSheets, studioAssessments, studioReviewers, studioReviewMarks, studios, units, users, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { appointableAccounts } from '../people/appoint';
import { writeAudit } from '../audit';
import { RuleError } from '../errors';
import { notify } from '../notifications';
import {
	DEFAULT_INDICATORS,
	SHOWCASE_STATUSES,
	indicatorSheetProblem,
	rankStudios,
	scoreIndicators,
	type Indicator,
	type StudioLevel,
	type StudioType
} from '$lib/domain/studios';
import { authorizeStudio, loadStudio, recordStudioEvent, studioLink } from './context';
import { yearQuantities } from './achievements';

export type Purpose = 'application' | 'assessment';

/** The indicator sheet of a year: the one set for it, else the latest earlier one, else the default. */
export function sheetFor(db: DB | Tx, year: number): Indicator[] {
	return db.select({ indicators: assessmentSheets.indicators }).from(assessmentSheets).where(lte(assessmentSheets.year, year)).orderBy(desc(assessmentSheets.year)).limit(1).get()?.indicators ?? DEFAULT_INDICATORS;
}

export function setSheet(db: DB, actor: Actor | null, year: number, indicators: Indicator[], now = new Date()) {
	authorize(actor, 'studio.settings');
	const problem = indicatorSheetProblem(indicators);
	if (problem) throw new RuleError({ indicators: { empty: m.err_sheet_empty, keys: m.err_sheet_keys, achievement: m.err_sheet_achievement, numbers: m.err_sheet_numbers }[problem]() });
	const before = sheetFor(db, year);
	db.transaction((tx) => {
		tx.insert(assessmentSheets).values({ year, indicators, updatedAt: now, updatedBy: actor.userId }).onConflictDoUpdate({ target: assessmentSheets.year, set: { indicators, updatedAt: now, updatedBy: actor.userId } }).run();
		writeAudit(tx, actor, { action: 'studio.sheet', entityType: 'assessment_sheet', entityId: year, before, after: indicators });
	});
}

/** Appoints reviewers (by employee number, within the officer's area) for an application or a year's assessment. */
export function assignStudioReviewers(db: DB, actor: Actor | null, studioId: number, year: number, purpose: Purpose, employeeNos: string[], now = new Date()) {
	const ctx = loadStudio(db, studioId);
	authorizeStudio(db, actor, ctx, 'studio.designate');
	const found = appointableAccounts(db, actor, { employeeNos });
	// the studio's own people do not mark it
	const own = found.find((r) => r.workerId === ctx.s.leaderWorkerId);
	if (own) throw new RuleError({ reviewers: m.err_reviewer_own_studio({ name: own.name }) });
	return db.transaction((tx) => {
		const fresh = found.filter(
			(r) => tx.insert(studioReviewers).values({ studioId, year, purpose, reviewerId: r.userId, assignedBy: actor.userId, assignedAt: now }).onConflictDoNothing().run().changes > 0
		);
		recordStudioEvent(tx, actor, ctx, { action: 'assign', data: { year, purpose, reviewers: fresh.map((r) => r.name) } }, now);
		notify(tx, fresh.map((r) => r.userId), { kind: 'studio_review', params: { studio: ctx.s.name, year }, link: studioLink(studioId) }, now);
		return { added: fresh.length };
	});
}

/** A reviewer's marks on the review lines of the year's sheet (0..max each), revisable. */
export function markStudio(db: DB, actor: Actor | null, studioId: number, year: number, purpose: Purpose, marks: Record<string, number>, note: string, now = new Date()) {
	const ctx = loadStudio(db, studioId);
	authorize(actor, 'studio.review', {
		party: !!actor && !!db.select().from(studioReviewers).where(and(eq(studioReviewers.studioId, studioId), eq(studioReviewers.year, year), eq(studioReviewers.purpose, purpose), eq(studioReviewers.reviewerId, actor.userId))).get()
	});
	const review = sheetFor(db, year).filter((i) => i.kind === 'review');
	const errors: Record<string, string> = {};
	for (const i of review) {
		const v = marks[i.key];
		if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > i.max || Math.round(v * 10) !== v * 10) errors[`mark_${i.key}`] = m.err_decimal_one_between({ min: 0, max: i.max });
	}
	if (Object.keys(errors).length) throw new RuleError(errors);
	const kept = Object.fromEntries(review.map((i) => [i.key, marks[i.key]]));
	db.transaction((tx) => {
		const row = { marks: kept, note, submittedAt: now };
		tx.insert(studioReviewMarks)
			.values({ studioId, year, purpose, reviewerId: actor.userId, ...row })
			.onConflictDoUpdate({ target: [studioReviewMarks.studioId, studioReviewMarks.year, studioReviewMarks.purpose, studioReviewMarks.reviewerId], set: row })
			.run();
		recordStudioEvent(tx, actor, ctx, { action: 'mark', data: { year, purpose, marks: kept } }, now);
	});
}

/** Incidents that cost points this year (安全质量事故 …), recorded by an officer over the studio. */
export function recordIncidents(db: DB, actor: Actor | null, studioId: number, year: number, incidents: Record<string, number>, now = new Date()) {
	const ctx = loadStudio(db, studioId);
	authorizeStudio(db, actor, ctx, 'studio.designate');
	const deductions = sheetFor(db, year).filter((i) => i.kind === 'deduction');
	const clean: Record<string, number> = {};
	for (const d of deductions) {
		const v = incidents[d.key] ?? 0;
		if (!Number.isInteger(v) || v < 0 || v > 99) throw new RuleError({ [`inc_${d.key}`]: m.err_whole_between({ min: 0, max: 99 }) });
		clean[d.key] = v;
	}
	db.transaction((tx) => {
		tx.insert(studioAssessments)
			.values({ studioId, year, incidents: clean, updatedAt: now })
			.onConflictDoUpdate({ target: [studioAssessments.studioId, studioAssessments.year], set: { incidents: clean, updatedAt: now } })
			.run();
		recordStudioEvent(tx, actor, ctx, { action: 'incidents', data: { year, incidents: clean } }, now);
	});
}

/** Mean reviewer mark per review line, to one decimal; and who has marked. */
function reviewMeans(db: DB | Tx, studioIds: number[], year: number, purpose: Purpose) {
	const rows = studioIds.length
		? db
				.select()
				.from(studioReviewMarks)
				.where(and(inArray(studioReviewMarks.studioId, studioIds), eq(studioReviewMarks.year, year), eq(studioReviewMarks.purpose, purpose)))
				.all()
		: [];
	const out = new Map<number, Record<string, number>>();
	for (const id of studioIds) {
		const mine = rows.filter((r) => r.studioId === id);
		if (mine.length === 0) continue;
		const keys = new Set(mine.flatMap((r) => Object.keys(r.marks)));
		out.set(id, Object.fromEntries([...keys].map((k) => [k, Math.round((mine.reduce((a, r) => a + Math.round((r.marks[k] ?? 0) * 10), 0) / mine.length)) / 10])));
	}
	return out;
}

/** A studio's score for a year (or its application), line by line, from the log, the marks and the incidents. */
export function assessmentOf(db: DB | Tx, studioId: number, year: number, purpose: Purpose = 'assessment') {
	const sheet = sheetFor(db, year);
	const quantities = yearQuantities(db, [studioId], year).get(studioId) ?? {};
	const reviews = reviewMeans(db, [studioId], year, purpose).get(studioId) ?? {};
	const incidents = db.select().from(studioAssessments).where(and(eq(studioAssessments.studioId, studioId), eq(studioAssessments.year, year))).get()?.incidents ?? {};
	const marks = db
		.select({ reviewerId: studioReviewMarks.reviewerId, name: workers.name, marks: studioReviewMarks.marks, note: studioReviewMarks.note, submittedAt: studioReviewMarks.submittedAt })
		.from(studioReviewMarks)
		.innerJoin(users, eq(users.id, studioReviewMarks.reviewerId))
		.innerJoin(workers, eq(workers.id, users.workerId))
		.where(and(eq(studioReviewMarks.studioId, studioId), eq(studioReviewMarks.year, year), eq(studioReviewMarks.purpose, purpose)))
		.all();
	const reviewers = db
		.select({ reviewerId: studioReviewers.reviewerId, name: workers.name })
		.from(studioReviewers)
		.innerJoin(users, eq(users.id, studioReviewers.reviewerId))
		.innerJoin(workers, eq(workers.id, users.workerId))
		.where(and(eq(studioReviewers.studioId, studioId), eq(studioReviewers.year, year), eq(studioReviewers.purpose, purpose)))
		.all();
	return { year, purpose, sheet, ...scoreIndicators(sheet, { achievements: quantities, reviews, incidents }), marks, reviewers, incidents };
}

export interface LeaderboardFilter {
	level?: StudioLevel | '';
	type?: StudioType | '';
	/** only studios within these unit paths (an officer's area); all when absent */
	paths?: string[];
}

/**
 * The yearly ranking: every designated (or warned) studio scored on the year's sheet,
 * ranked within its level and type. Computed from the records each time, so it is
 * never out of step with the log.
 */
export function studioLeaderboard(db: DB, year: number, f: LeaderboardFilter = {}) {
	const rows = db
		.select({ id: studios.id, name: studios.name, type: studios.type, level: studios.level, status: studios.status, unit: units.name })
		.from(studios)
		.innerJoin(units, eq(units.id, studios.unitId))
		.where(
			and(
				inArray(studios.status, [...SHOWCASE_STATUSES]),
				f.level ? eq(studios.level, f.level) : undefined,
				f.type ? eq(studios.type, f.type) : undefined,
				f.paths ? or(...f.paths.map((p) => like(units.path, `${p}%`))) : undefined
			)
		)
		.all();
	const ids = rows.map((r) => r.id);
	const sheet = sheetFor(db, year);
	const quantities = yearQuantities(db, ids, year);
	const reviews = reviewMeans(db, ids, year, 'assessment');
	const incidents = new Map(
		(ids.length ? db.select().from(studioAssessments).where(and(inArray(studioAssessments.studioId, ids), eq(studioAssessments.year, year))).all() : []).map((r) => [r.studioId, r.incidents])
	);
	const scored = rows.map((r) => {
		const s = scoreIndicators(sheet, { achievements: quantities.get(r.id) ?? {}, reviews: reviews.get(r.id) ?? {}, incidents: incidents.get(r.id) ?? {} });
		return { ...r, total: s.total, complete: s.complete, lines: s.lines };
	});
	return { year, sheet, rows: rankStudios(scored) };
}
