import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { units } from './units';
import { workers } from './people';

export const ROLES = ['worker', 'judge', 'officer', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** An account. Every account belongs to exactly one worker record. */
export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		passwordHash: text('password_hash').notNull(),
		status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('users_worker_uq').on(t.workerId)]
);

/** Roles held by an account; an officer's role is scoped to one unit and its subtree. */
export const userRoles = sqliteTable(
	'user_roles',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		/** 0 for roles without a unit scope (worker, judge, admin); officer and finance roles have one. */
		unitId: integer('unit_id').notNull().default(0)
	},
	// who holds a role at a unit (officers of a union, its finance): asked per studio by the daily reminders
	(t) => [primaryKey({ columns: [t.userId, t.role, t.unitId] }), index('user_roles_role_unit_idx').on(t.role, t.unitId)]
);

/** Sessions in Lucia's published design: the id is the SHA-256 of the token. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		absoluteExpiresAt: integer('absolute_expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** One-time codes an officer issues: first activation or a password reset. */
export const activationCodes = sqliteTable(
	'activation_codes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		codeHash: text('code_hash').notNull(),
		purpose: text('purpose', { enum: ['activation', 'reset'] }).notNull(),
		issuedBy: integer('issued_by')
			.notNull()
			.references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('activation_codes_worker_idx').on(t.workerId)]
);

/** A person's own request for an account, waiting in the unit officer's queue. */
export const accountRequests = sqliteTable(
	'account_requests',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		name: text('name').notNull(),
		employeeNo: text('employee_no').notNull(),
		phone: text('phone').notNull(),
		trade: text('trade').notNull().default(''),
		passwordHash: text('password_hash').notNull(),
		status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
		decidedBy: integer('decided_by').references(() => users.id),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		reason: text('reason'),
		workerId: integer('worker_id').references(() => workers.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('account_requests_unit_status_idx').on(t.unitId, t.status)]
);

/** Failed sign-in counters, per account and per client address, checked before hashing. */
export const authThrottle = sqliteTable('auth_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull(),
	lockedUntil: integer('locked_until', { mode: 'timestamp_ms' })
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type AccountRequest = typeof accountRequests.$inferSelect;
