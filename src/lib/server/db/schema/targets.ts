import { sqliteTable, integer, text, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { units } from './units';
import { stamp } from './columns';
import { TARGET_METRICS } from '../../../domain/targets';

/** 工作目标: one goal per unit, year and metric, set by an officer of the unit or above it. */
export const targets = sqliteTable(
	'targets',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		year: integer('year').notNull(),
		metric: text('metric', { enum: TARGET_METRICS }).notNull(),
		goal: real('goal').notNull(),
		/** the union whose officer set it: a union below it may not change it */
		setByUnitId: integer('set_by_unit_id').references(() => units.id),
		setBy: integer('set_by')
			.notNull()
			.references(() => users.id),
		updatedAt: stamp('updated_at').notNull()
	},
	(t) => [uniqueIndex('targets_unit_year_metric_uq').on(t.unitId, t.year, t.metric), index('targets_year_idx').on(t.year)]
);
