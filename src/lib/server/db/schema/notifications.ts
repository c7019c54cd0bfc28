import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { stamp } from './columns';

/**
 * An in-app notification. The text is stored as a message key and its parameters,
 * so each reader sees it in their own language; `link` is the record to open.
 */
export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		params: text('params', { mode: 'json' }).$type<Record<string, string | number>>().notNull(),
		link: text('link').notNull(),
		createdAt: stamp('created_at').notNull(),
		readAt: stamp('read_at')
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)]
);

export type Notification = typeof notifications.$inferSelect;
