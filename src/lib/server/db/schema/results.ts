import { sqliteTable, integer, text, index, uniqueIndex, primaryKey, blob } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { workers } from './people';
import { units } from './units';
import { entries, events, stages } from './competitions';
import { stamp } from './columns';
import { APPEAL_STATUSES, AWARD_KINDS, RESULT_STATUSES } from '../../../domain/results';
import { HONOUR_KINDS } from '../../../domain/studios';

/**
 * A published version of a stage's results: 公示 (notice, open to appeals until its end),
 * then 终审 (final, immutable). A later correction is a new version with a public reason;
 * the one it replaces stays readable as superseded.
 */
export const resultVersions = sqliteTable(
	'result_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		stageId: integer('stage_id')
			.notNull()
			.references(() => stages.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		status: text('status', { enum: RESULT_STATUSES }).notNull(),
		noticeStartsAt: stamp('notice_starts_at'),
		noticeEndsAt: stamp('notice_ends_at'),
		/** names shown before the results are final (the organiser's choice) */
		showNames: integer('show_names', { mode: 'boolean' }).notNull().default(false),
		/** why a correction was made; shown publicly */
		reason: text('reason'),
		/** bumped each time upheld appeals' re-marks are applied to the notice */
		revision: integer('revision').notNull().default(1),
		/** SHA-256 of the rows as published, also written to the audit log */
		rowsHash: text('rows_hash'),
		publishedAt: stamp('published_at'),
		publishedBy: integer('published_by').references(() => users.id),
		finalisedAt: stamp('finalised_at'),
		finalisedBy: integer('finalised_by').references(() => users.id),
		createdAt: stamp('created_at').notNull()
	},
	(t) => [uniqueIndex('result_versions_stage_version_uq').on(t.stageId, t.version)]
);

/** One entry's published result in one version: what the public reads. */
export const resultRows = sqliteTable(
	'result_rows',
	{
		versionId: integer('version_id')
			.notNull()
			.references(() => resultVersions.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id),
		rank: integer('rank'),
		total: text('total').notNull(),
		own: text('own').notNull(),
		previous: text('previous'),
		modules: text('modules', { mode: 'json' }).$type<Record<number, string>>().notNull(),
		/** criterion id → score, for the full breakdown shown once final */
		criteria: text('criteria', { mode: 'json' }).$type<Record<number, string>>().notNull(),
		/** the standardised score (median → 100), for the excellence award; null if undefined */
		standardised: text('standardised'),
		awardTier: integer('award_tier'),
		awardName: text('award_name'),
		excellent: integer('excellent', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.versionId, t.entryId] }), index('result_rows_version_rank_idx').on(t.versionId, t.rank)]
);

/** 申诉: a written objection to one entry's result during the notice, and its ruling. */
export const appeals = sqliteTable(
	'appeals',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		versionId: integer('version_id')
			.notNull()
			.references(() => resultVersions.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id),
		filedBy: integer('filed_by')
			.notNull()
			.references(() => users.id),
		reason: text('reason').notNull(),
		attachmentName: text('attachment_name'),
		attachmentType: text('attachment_type'),
		attachment: blob('attachment', { mode: 'buffer' }),
		status: text('status', { enum: APPEAL_STATUSES }).notNull().default('open'),
		ruling: text('ruling'),
		ruledBy: integer('ruled_by').references(() => users.id),
		ruledAt: stamp('ruled_at'),
		/** sheet ids an upheld ruling reopened */
		reopened: text('reopened', { mode: 'json' }).$type<number[]>(),
		filedAt: stamp('filed_at').notNull()
	},
	(t) => [uniqueIndex('appeals_version_entry_uq').on(t.versionId, t.entryId)]
);

/** 奖项 given from a final version; a correction revokes and re-issues what changed. */
export const awards = sqliteTable(
	'awards',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id),
		versionId: integer('version_id')
			.notNull()
			.references(() => resultVersions.id),
		kind: text('kind', { enum: AWARD_KINDS }).notNull(),
		/** 0 = the best rank tier; 0 for excellence */
		tier: integer('tier').notNull(),
		name: text('name').notNull(),
		/** the certificate's verification code (证书编号) */
		code: text('code').notNull(),
		issuedAt: stamp('issued_at').notNull(),
		revokedAt: stamp('revoked_at'),
		revokedReason: text('revoked_reason')
	},
	(t) => [uniqueIndex('awards_code_uq').on(t.code), index('awards_event_idx').on(t.eventId), index('awards_entry_idx').on(t.entryId)]
);

/** 荣誉 held by a worker: titles a contest confers (技术能手 …) and, later, others. */
export const honours = sqliteTable(
	'honours',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		title: text('title').notNull(),
		/** what kind of honour (劳模, 五一劳动奖章, 工匠 …); `contest` for a title a contest's award conferred */
		kind: text('kind', { enum: HONOUR_KINDS }).notNull().default('contest'),
		/** the unit conferring it (a contest's organiser) */
		unitId: integer('unit_id').references(() => units.id),
		/** the conferring body by name, when it is not a unit of this federation (省总工会, 国务院 …) */
		body: text('body').notNull().default(''),
		citation: text('citation').notNull().default(''),
		awardId: integer('award_id').references(() => awards.id),
		conferredOn: text('conferred_on').notNull(),
		recordedBy: integer('recorded_by').references(() => users.id),
		revokedAt: stamp('revoked_at'),
		revokedReason: text('revoked_reason')
	},
	(t) => [index('honours_worker_idx').on(t.workerId)]
);

/** Points per award for the annual rankings, set by the federation (tier 0 = the best; -1 = excellence). */
export const awardPoints = sqliteTable('award_points', {
	tier: integer('tier').primaryKey(),
	points: integer('points').notNull()
});

/** 封榜: what the public and the venue screen keep showing while a stage's board is frozen. */
export const frozenBoards = sqliteTable('frozen_boards', {
	stageId: integer('stage_id')
		.primaryKey()
		.references(() => stages.id, { onDelete: 'cascade' }),
	frozenAt: stamp('frozen_at').notNull(),
	frozenBy: integer('frozen_by').references(() => users.id),
	board: text('board', { mode: 'json' }).$type<import('../../../domain/board').Board>().notNull()
});

/** Each change of a stored standing, for the standings-over-time chart. */
export const standingHistory = sqliteTable(
	'standing_history',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		stageId: integer('stage_id')
			.notNull()
			.references(() => stages.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id, { onDelete: 'cascade' }),
		at: stamp('at').notNull(),
		total: text('total').notNull(),
		complete: integer('complete', { mode: 'boolean' }).notNull()
	},
	(t) => [index('standing_history_stage_idx').on(t.stageId, t.at)]
);
