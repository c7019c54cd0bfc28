import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/**
 * One row per mutation. `unitPath` is the path of the unit the record belonged
 * to when it was written; `unitId` is that unit (the last id of the path). Rows are chained:
 * `hash` = SHA-256 over the previous row's hash and this row's content.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorUserId: integer('actor_user_id'),
		actorName: text('actor_name').notNull(),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		unitPath: text('unit_path'),
		/** The unit the record belongs to: officers see a row while that unit is in their subtree, wherever it has moved. */
		unitId: integer('unit_id'),
		before: text('before'),
		after: text('after'),
		ip: text('ip'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [index('audit_unit_path_idx').on(t.unitPath, t.id), index('audit_unit_idx').on(t.unitId, t.id), index('audit_entity_idx').on(t.entityType, t.entityId)]
);

export type AuditEntry = typeof auditLog.$inferSelect;
