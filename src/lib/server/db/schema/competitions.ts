import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { units } from './units';
import { stamp } from './columns';
import { workers } from './people';
import { users } from './auth';
import {
	COMPETITION_STATUSES,
	COMPETITION_TYPES,
	ENTRY_STATUSES,
	EVENT_KINDS,
	STAGE_STATUSES
} from '../../../domain/competition';
import { CARRY_MODES } from '../../../domain/scoring/score';
import { ASPECT_KINDS, PANEL_METHODS, ROUND_LEVELS, TRIM_COMBINES } from '../../../domain/scoring/scheme';


/** 劳动竞赛: organised by a unit for its subtree. Dates are calendar days (YYYY-MM-DD). */
export const competitions = sqliteTable(
	'competitions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		title: text('title').notNull(),
		type: text('type', { enum: COMPETITION_TYPES }).notNull(),
		status: text('status', { enum: COMPETITION_STATUSES }).notNull().default('draft'),
		startsOn: text('starts_on').notNull(),
		endsOn: text('ends_on').notNull(),
		registrationOpens: text('registration_opens').notNull(),
		registrationCloses: text('registration_closes').notNull(),
		rules: text('rules').notNull().default(''),
		createdAt: stamp('created_at').notNull(),
		updatedAt: stamp('updated_at').notNull(),
		publishedAt: stamp('published_at')
	},
	(t) => [index('competitions_unit_idx').on(t.unitId), index('competitions_status_idx').on(t.status)]
);

/**
 * 评分标准, versioned: once a stage using a version starts scoring the version is
 * locked, and changing it makes a new version (same family) for stages yet to start.
 */
export const schemes = sqliteTable(
	'schemes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		competitionId: integer('competition_id')
			.notNull()
			.references(() => competitions.id, { onDelete: 'cascade' }),
		familyId: integer('family_id'),
		version: integer('version').notNull().default(1),
		name: text('name').notNull(),
		method: text('method', { enum: PANEL_METHODS }).notNull().default('mean'),
		trim: integer('trim').notNull().default(0),
		combine: text('combine', { enum: TRIM_COMBINES }).notNull().default('mean'),
		factor: text('factor').notNull().default('1'),
		decimals: integer('decimals').notNull().default(2),
		roundAt: text('round_at', { enum: ROUND_LEVELS }).notNull().default('total'),
		judgementSpread: integer('judgement_spread').notNull().default(1),
		lockedAt: stamp('locked_at'),
		createdAt: stamp('created_at').notNull()
	},
	(t) => [index('schemes_competition_idx').on(t.competitionId)]
);

export const schemeModules = sqliteTable(
	'scheme_modules',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		schemeId: integer('scheme_id')
			.notNull()
			.references(() => schemes.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		name: text('name').notNull(),
		weight: text('weight').notNull().default('100')
	},
	(t) => [index('scheme_modules_scheme_idx').on(t.schemeId)]
);

export const schemeCriteria = sqliteTable(
	'scheme_criteria',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		moduleId: integer('module_id')
			.notNull()
			.references(() => schemeModules.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		name: text('name').notNull()
	},
	(t) => [index('scheme_criteria_module_idx').on(t.moduleId)]
);

export const schemeAspects = sqliteTable(
	'scheme_aspects',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		schemeId: integer('scheme_id')
			.notNull()
			.references(() => schemes.id, { onDelete: 'cascade' }),
		criterionId: integer('criterion_id')
			.notNull()
			.references(() => schemeCriteria.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		/** what spreadsheets call the aspect, e.g. "B2.3"; unique within a scheme */
		code: text('code').notNull(),
		kind: text('kind', { enum: ASPECT_KINDS }).notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		max: text('max').notNull(),
		step: text('step').notNull(),
		difficulty: text('difficulty'),
		/** judgement: what a 0, 1, 2 and 3 mean (JSON array of four texts) */
		descriptors: text('descriptors', { mode: 'json' }).$type<string[]>()
	},
	(t) => [uniqueIndex('scheme_aspects_code_uq').on(t.schemeId, t.code), index('scheme_aspects_criterion_idx').on(t.criterionId)]
);

/** 比赛项目 / 工种 inside a competition. */
export const events = sqliteTable(
	'events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		competitionId: integer('competition_id')
			.notNull()
			.references(() => competitions.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		kind: text('kind', { enum: EVENT_KINDS }).notNull().default('individual'),
		/** the trade an entrant must have; '' when any trade may enter */
		trade: text('trade').notNull().default(''),
		teamMin: integer('team_min').notNull().default(1),
		teamMax: integer('team_max').notNull().default(1),
		/** entries allowed per enterprise union; null for no quota */
		quotaPerUnit: integer('quota_per_unit'),
		codePrefix: text('code_prefix').notNull().default(''),
		/** the recorded lot draw: anyone with the seed and the entry list can redo it */
		drawSeed: text('draw_seed'),
		drawnAt: stamp('drawn_at'),
		drawnBy: integer('drawn_by').references(() => users.id),
		/** 奖项设置: by rank, share or threshold (null: no awards) */
		awardRule: text('award_rule', { mode: 'json' }).$type<import('../../../domain/awards').AwardRule>(),
		/** the standardised level (median = 100) from which every entry gets the excellence award; null for none */
		excellenceMin: text('excellence_min'),
		excellenceName: text('excellence_name').notNull().default('优秀奖'),
		createdAt: stamp('created_at').notNull()
	},
	(t) => [index('events_competition_idx').on(t.competitionId)]
);

/** 赛段: 初赛 / 复赛 / 决赛, in order; each scores with one scheme version. */
export const stages = sqliteTable(
	'stages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		name: text('name').notNull(),
		schemeId: integer('scheme_id').references(() => schemes.id),
		status: text('status', { enum: STAGE_STATUSES }).notNull().default('pending'),
		carryMode: text('carry_mode', { enum: CARRY_MODES }).notNull().default('none'),
		carryPct: text('carry_pct').notNull().default('0'),
		ownPct: text('own_pct').notNull().default('100'),
		/** who goes on to the next stage */
		advanceKind: text('advance_kind', { enum: ['all', 'top', 'threshold'] }).notNull().default('all'),
		advanceCount: integer('advance_count'),
		advanceMin: text('advance_min'),
		/** JSON TieBreak[] */
		tieBreaks: text('tie_breaks', { mode: 'json' }).$type<import('../../../domain/scoring/ranking').TieBreak[]>().notNull().default([]),
		lockedAt: stamp('locked_at'),
		lockedBy: integer('locked_by').references(() => users.id)
	},
	(t) => [uniqueIndex('stages_event_position_uq').on(t.eventId, t.position)]
);

/** 参赛: an individual or a team in an event. `workerId` registered it (a team's captain). */
export const entries = sqliteTable(
	'entries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		/** the enterprise union the entry counts against for quotas */
		employerId: integer('employer_id')
			.notNull()
			.references(() => units.id),
		teamName: text('team_name'),
		status: text('status', { enum: ENTRY_STATUSES }).notNull().default('pending'),
		/** 参赛编号 from the lot draw; judges see nothing else until results are published */
		code: text('code'),
		registeredBy: integer('registered_by').references(() => users.id),
		createdAt: stamp('created_at').notNull(),
		decidedAt: stamp('decided_at'),
		decidedBy: integer('decided_by').references(() => users.id),
		note: text('note')
	},
	(t) => [
		index('entries_event_status_idx').on(t.eventId, t.status),
		index('entries_worker_idx').on(t.workerId),
		uniqueIndex('entries_event_code_uq').on(t.eventId, t.code)
	]
);

/** The people of an entry: one for an individual, the team with its captain otherwise. */
export const entryMembers = sqliteTable(
	'entry_members',
	{
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id, { onDelete: 'cascade' }),
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		captain: integer('captain', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.entryId, t.workerId] }), uniqueIndex('entry_members_event_worker_uq').on(t.eventId, t.workerId)]
);

/** Which entries take part in a stage (all approved ones in the first, those advanced later). */
export const stageEntries = sqliteTable(
	'stage_entries',
	{
		stageId: integer('stage_id')
			.notNull()
			.references(() => stages.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id, { onDelete: 'cascade' }),
		/** completion time in seconds, for stages that break ties on time */
		time: text('time'),
		/** element aspect id → declared difficulty coefficient (JSON) */
		difficulty: text('difficulty', { mode: 'json' }).$type<Record<number, string>>().notNull().default({})
	},
	(t) => [primaryKey({ columns: [t.stageId, t.entryId] }), index('stage_entries_entry_idx').on(t.entryId)]
);

/** 裁判 appointed to an event, with a seat number (裁判 3 号) and the chief judge. */
export const eventJudges = sqliteTable(
	'event_judges',
	{
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		seat: integer('seat').notNull(),
		chief: integer('chief', { mode: 'boolean' }).notNull().default(false),
		appointedBy: integer('appointed_by').references(() => users.id),
		appointedAt: stamp('appointed_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.eventId, t.userId] }),
		uniqueIndex('event_judges_seat_uq').on(t.eventId, t.seat),
		index('event_judges_user_idx').on(t.userId)
	]
);

/**
 * 回避 beyond the automatic rule: a conflict a judge declared, or the chief judge's
 * override that lets a judge mark an entry despite a conflict. Both carry a reason.
 */
export const recusals = sqliteTable(
	'recusals',
	{
		eventId: integer('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['declared', 'override'] }).notNull(),
		reason: text('reason').notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: stamp('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.eventId, t.userId, t.entryId] })]
);
