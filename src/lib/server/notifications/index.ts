import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { notifications, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';

/** The message keys a notification may carry; the page renders each in the reader's language. */
export const NOTIFICATION_KINDS = [
	'proposal_step',
	'proposal_review',
	'proposal_reward',
	'proposal_support',
	'studio_review',
	'entry_approved',
	'entry_rejected',
	'sheet_reopened',
	'appeal_ruled',
	'studio_reassess'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationInput {
	kind: NotificationKind;
	params: Record<string, string | number>;
	link: string;
}

/** Tells these accounts about something; call it inside the mutation's transaction. */
export function notify(tx: Tx | DB, userIds: Iterable<number>, input: NotificationInput, now = new Date()) {
	const unique = [...new Set(userIds)];
	if (unique.length === 0) return;
	tx.insert(notifications)
		.values(unique.map((userId) => ({ userId, kind: input.kind, params: input.params, link: input.link, createdAt: now })))
		.run();
}

/** The accounts of these workers, for those who have one. */
export function accountsOf(tx: Tx | DB, workerIds: Iterable<number>): number[] {
	const ids = [...new Set(workerIds)];
	if (ids.length === 0) return [];
	return tx.select({ id: users.id }).from(users).where(inArray(users.workerId, ids)).all().map((u) => u.id);
}

/** A free text quoted in a notification: its start, the record holds the rest. */
export const excerpt = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const NOTIFICATIONS_PAGE = 50;

export function myNotifications(db: DB, actor: Actor | null, page = 1) {
	authorize(actor, 'account.read', { userId: actor?.userId });
	const rows = db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, actor.userId))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(NOTIFICATIONS_PAGE + 1)
		.offset((page - 1) * NOTIFICATIONS_PAGE)
		.all();
	return { rows: rows.slice(0, NOTIFICATIONS_PAGE), more: rows.length > NOTIFICATIONS_PAGE };
}

export function unreadCount(db: DB, actor: Actor | null): number {
	if (!actor) return 0;
	return db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
		.get()!.n;
}

/** Marks the reader's own notifications read: the given ones, or all. */
export function markRead(db: DB, actor: Actor | null, ids: number[] | 'all', now = new Date()) {
	authorize(actor, 'account.read', { userId: actor?.userId });
	const mine = and(eq(notifications.userId, actor.userId), isNull(notifications.readAt));
	db.transaction((tx) => {
		const changed = tx
			.update(notifications)
			.set({ readAt: now })
			.where(ids === 'all' ? mine : and(mine, inArray(notifications.id, ids.slice(0, 500))))
			.run().changes;
		if (changed) writeAudit(tx, actor, { action: 'notification.read', entityType: 'user', entityId: actor.userId, after: { read: changed } });
	});
}

/** One of the reader's own notifications, or null. */
export function notificationOf(db: DB, actor: Actor | null, id: number) {
	authorize(actor, 'account.read', { userId: actor?.userId });
	return db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId))).get() ?? null;
}
