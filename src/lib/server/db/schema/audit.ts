import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/**
 * One row per mutation. `unitPath` is the path of the unit the record belongs
 * to, so an officer's view of the log is a prefix match. Rows are chained:
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
		before: text('before'),
		after: text('after'),
		ip: text('ip'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [index('audit_unit_path_idx').on(t.unitPath, t.id), index('audit_entity_idx').on(t.entityType, t.entityId)]
);

export type AuditEntry = typeof auditLog.$inferSelect;
