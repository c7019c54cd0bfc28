import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { entries, schemeAspects, stages } from './competitions';
import { stamp } from './columns';
import { SHEET_STATUSES } from '../../../domain/competition';

/** 评分表: one judge's marks for one entry in one stage. */
export const sheets = sqliteTable(
	'sheets',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		stageId: integer('stage_id')
			.notNull()
			.references(() => stages.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id, { onDelete: 'cascade' }),
		judgeId: integer('judge_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: SHEET_STATUSES }).notNull().default('draft'),
		/** bumped on every save, so a stale tablet cannot overwrite newer marks */
		version: integer('version').notNull().default(0),
		updatedAt: stamp('updated_at').notNull(),
		submittedAt: stamp('submitted_at')
	},
	(t) => [
		uniqueIndex('sheets_stage_entry_judge_uq').on(t.stageId, t.entryId, t.judgeId),
		index('sheets_judge_stage_idx').on(t.judgeId, t.stageId)
	]
);

/** Raw marks as the judge typed them (canonical decimal text). Never rewritten by a computation. */
export const marks = sqliteTable(
	'marks',
	{
		sheetId: integer('sheet_id')
			.notNull()
			.references(() => sheets.id, { onDelete: 'cascade' }),
		aspectId: integer('aspect_id')
			.notNull()
			.references(() => schemeAspects.id),
		value: text('value').notNull()
	},
	(t) => [primaryKey({ columns: [t.sheetId, t.aspectId] })]
);

/**
 * Stored standings, updated in the transaction that submits, reopens or imports a
 * sheet. `sortKey` orders a stage's standings by index (see domain/scoring/ranking);
 * it is null while the entry is incomplete.
 */
export const standings = sqliteTable(
	'standings',
	{
		stageId: integer('stage_id')
			.notNull()
			.references(() => stages.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => entries.id, { onDelete: 'cascade' }),
		complete: integer('complete', { mode: 'boolean' }).notNull(),
		total: text('total').notNull(),
		own: text('own').notNull(),
		previous: text('previous'),
		/** module id → raw module score, rounded to the scheme's decimals (JSON) */
		modules: text('modules', { mode: 'json' }).$type<Record<number, string>>().notNull(),
		flags: text('flags', { mode: 'json' }).$type<import('../../../domain/scoring/score').ScoreFlag[]>().notNull(),
		sortKey: text('sort_key'),
		updatedAt: stamp('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.stageId, t.entryId] }), index('standings_stage_key_idx').on(t.stageId, t.sortKey)]
);

/**
 * How many standings a stage has, and how many of them are scored (a sort key): what a
 * venue board shows above its lines, without counting 20,000 rows after every sheet.
 * Kept by triggers on `standings` (migration 0011), in the same transaction as the
 * change, so it cannot drift from the rows it counts.
 */
export const stageTallies = sqliteTable('stage_tallies', {
	stageId: integer('stage_id')
		.primaryKey()
		.references(() => stages.id, { onDelete: 'cascade' }),
	entries: integer('entries').notNull().default(0),
	scored: integer('scored').notNull().default(0)
});
