import { sqliteTable, integer, text, index, primaryKey, blob, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { workers } from './people';
import { units } from './units';
import { proposals } from './proposals';
import { stamp } from './columns';
import {
	ACHIEVEMENT_KINDS,
	PATENT_TYPES,
	STUDIO_LEVELS,
	STUDIO_STATUSES,
	STUDIO_TYPES,
	UNIT_HONOUR_KINDS,
	type HonourKind,
	type Indicator,
	type StudioType
} from '../../../domain/studios';

/** 工人先锋号, 安康杯 and other honours held by a unit or team rather than a person. */
export const unitHonours = sqliteTable(
	'unit_honours',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		kind: text('kind', { enum: UNIT_HONOUR_KINDS }).notNull(),
		title: text('title').notNull(),
		year: integer('year').notNull(),
		body: text('body').notNull(),
		citation: text('citation').notNull().default(''),
		recordedBy: integer('recorded_by').references(() => users.id),
		createdAt: stamp('created_at').notNull(),
		revokedAt: stamp('revoked_at'),
		revokedReason: text('revoked_reason')
	},
	(t) => [index('unit_honours_unit_idx').on(t.unitId)]
);

/**
 * A model worker's public profile (劳模风采). Shown only with the worker's consent
 * and an officer's approval; never their phone or employee number.
 */
export const modelProfiles = sqliteTable('model_profiles', {
	workerId: integer('worker_id')
		.primaryKey()
		.references(() => workers.id),
	story: text('story').notNull().default(''),
	photo: blob('photo', { mode: 'buffer' }),
	photoType: text('photo_type'),
	/** the worker's own consent to publication, withdrawn at any time */
	consentAt: stamp('consent_at'),
	approvedBy: integer('approved_by').references(() => users.id),
	approvedAt: stamp('approved_at'),
	updatedAt: stamp('updated_at').notNull()
});

/** An innovation studio: registered on application, then designated (命名) at a level. */
export const studios = sqliteTable(
	'studios',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		type: text('type', { enum: STUDIO_TYPES }).notNull(),
		/** the level it is designated at; the level applied for until then */
		level: text('level', { enum: STUDIO_LEVELS }).notNull(),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		leaderWorkerId: integer('leader_worker_id')
			.notNull()
			.references(() => workers.id),
		field: text('field').notNull(),
		summary: text('summary').notNull().default(''),
		foundedOn: text('founded_on').notNull(),
		fundingFen: integer('funding_fen').notNull().default(0),
		status: text('status', { enum: STUDIO_STATUSES }).notNull(),
		designatedOn: text('designated_on'),
		certificateNo: text('certificate_no'),
		/** the body that designated it, for levels recorded from elsewhere */
		designatedBy: text('designated_by'),
		nextReassessOn: text('next_reassess_on'),
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: stamp('created_at').notNull(),
		updatedAt: stamp('updated_at').notNull()
	},
	(t) => [index('studios_unit_idx').on(t.unitId), index('studios_status_idx').on(t.status, t.level, t.type), uniqueIndex('studios_certificate_uq').on(t.certificateNo)]
);

export const studioMembers = sqliteTable(
	'studio_members',
	{
		studioId: integer('studio_id')
			.notNull()
			.references(() => studios.id, { onDelete: 'cascade' }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		role: text('role').notNull().default(''),
		joinedOn: text('joined_on').notNull()
	},
	(t) => [primaryKey({ columns: [t.studioId, t.workerId] }), index('studio_members_worker_idx').on(t.workerId)]
);

/** Every step of a studio's history: application, designation, each reassessment. */
export const studioEvents = sqliteTable(
	'studio_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		studioId: integer('studio_id')
			.notNull()
			.references(() => studios.id, { onDelete: 'cascade' }),
		at: stamp('at').notNull(),
		actorUserId: integer('actor_user_id').references(() => users.id),
		actorName: text('actor_name').notNull(),
		action: text('action').notNull(),
		fromStatus: text('from_status', { enum: STUDIO_STATUSES }),
		toStatus: text('to_status', { enum: STUDIO_STATUSES }),
		level: text('level', { enum: STUDIO_LEVELS }),
		note: text('note'),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [index('studio_events_studio_idx').on(t.studioId, t.at)]
);

/** Application materials and photos, typed by content, served by permission. */
export const studioFiles = sqliteTable(
	'studio_files',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		studioId: integer('studio_id')
			.notNull()
			.references(() => studios.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		type: text('type').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		uploadedBy: integer('uploaded_by')
			.notNull()
			.references(() => users.id),
		createdAt: stamp('created_at').notNull()
	},
	(t) => [index('studio_files_studio_idx').on(t.studioId)]
);

/** The achievements log: what the yearly assessment counts. */
export const studioAchievements = sqliteTable(
	'studio_achievements',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		studioId: integer('studio_id')
			.notNull()
			.references(() => studios.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ACHIEVEMENT_KINDS }).notNull(),
		title: text('title').notNull(),
		/** YYYY-MM-DD: when it was granted, named, solved … */
		on: text('on').notNull(),
		/** a patent's number */
		number: text('number'),
		patentType: text('patent_type', { enum: PATENT_TYPES }),
		/** apprentices or training sessions */
		count: integer('count'),
		benefitFen: integer('benefit_fen'),
		proposalId: integer('proposal_id').references(() => proposals.id),
		note: text('note').notNull().default(''),
		recordedBy: integer('recorded_by')
			.notNull()
			.references(() => users.id),
		createdAt: stamp('created_at').notNull()
	},
	(t) => [index('studio_achievements_studio_idx').on(t.studioId, t.on), uniqueIndex('studio_achievements_proposal_uq').on(t.studioId, t.proposalId)]
);

/** The federation's studio settings: which honours qualify a leader, per type. One row. */
export const studioSettings = sqliteTable('studio_settings', {
	id: integer('id').primaryKey(),
	leaderHonours: text('leader_honours', { mode: 'json' }).$type<Record<StudioType, HonourKind[]>>().notNull(),
	updatedAt: stamp('updated_at').notNull(),
	updatedBy: integer('updated_by').references(() => users.id)
});

/** A year's indicator sheet for the assessment (考核指标). */
export const assessmentSheets = sqliteTable('assessment_sheets', {
	year: integer('year').primaryKey(),
	indicators: text('indicators', { mode: 'json' }).$type<Indicator[]>().notNull(),
	updatedAt: stamp('updated_at').notNull(),
	updatedBy: integer('updated_by').references(() => users.id)
});

/** A studio's assessment for a year: incidents recorded, and the computed score. */
export const studioAssessments = sqliteTable(
	'studio_assessments',
	{
		studioId: integer('studio_id')
			.notNull()
			.references(() => studios.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		incidents: text('incidents', { mode: 'json' }).$type<Record<string, number>>().notNull(),
		total: text('total'),
		lines: text('lines', { mode: 'json' }).$type<{ key: string; raw: number; points: number }[]>(),
		updatedAt: stamp('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.studioId, t.year] })]
);

/** A reviewer's marks on a studio's review indicators for a year. */
export const studioReviewMarks = sqliteTable(
	'studio_review_marks',
	{
		studioId: integer('studio_id')
			.notNull()
			.references(() => studios.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		reviewerId: integer('reviewer_id')
			.notNull()
			.references(() => users.id),
		/** `application` for the designation review, else the assessment */
		purpose: text('purpose', { enum: ['application', 'assessment'] }).notNull(),
		marks: text('marks', { mode: 'json' }).$type<Record<string, number>>().notNull(),
		note: text('note').notNull().default(''),
		submittedAt: stamp('submitted_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.studioId, t.year, t.purpose, t.reviewerId] })]
);

export type Studio = typeof studios.$inferSelect;

/** Reviewers appointed to mark a studio's application or a year's assessment. */
export const studioReviewers = sqliteTable(
	'studio_reviewers',
	{
		studioId: integer('studio_id')
			.notNull()
			.references(() => studios.id, { onDelete: 'cascade' }),
		year: integer('year').notNull(),
		purpose: text('purpose', { enum: ['application', 'assessment'] }).notNull(),
		reviewerId: integer('reviewer_id')
			.notNull()
			.references(() => users.id),
		assignedBy: integer('assigned_by')
			.notNull()
			.references(() => users.id),
		assignedAt: stamp('assigned_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.studioId, t.year, t.purpose, t.reviewerId] }), index('studio_reviewers_reviewer_idx').on(t.reviewerId)]
);
