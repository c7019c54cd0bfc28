import { sqliteTable, integer, text, index, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

export const UNIT_TYPES = ['federation', 'district', 'industry', 'enterprise', 'workshop', 'team'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/**
 * A node of the union tree. `path` is the materialised chain of ancestor ids
 * ("/1/4/17/") so a subtree is one indexed prefix match.
 */
export const units = sqliteTable(
	'units',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
		type: text('type', { enum: UNIT_TYPES }).notNull(),
		code: text('code').notNull(),
		name: text('name').notNull(),
		path: text('path').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('units_code_uq').on(t.code), index('units_path_idx').on(t.path), index('units_parent_idx').on(t.parentId)]
);

export type Unit = typeof units.$inferSelect;
