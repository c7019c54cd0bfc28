import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { notifications, studios, units, userRoles, users } from '../db/schema';
import { writeAudit } from '../audit';
import { accountsOf, notify } from '../notifications';
import { daysFromToday, today } from '../competitions/context';
import { ancestorIds } from '$lib/domain/units';
import { mayReassess, type StudioLevel, type StudioStatus } from '$lib/domain/studios';
import { studioLink } from './context';

/** How long before its due date a studio's reassessment is announced. */
export const REASSESS_NOTICE_DAYS = 30;

/** Studios that hold a title, and so have a reassessment to come. */
const TITLED: StudioStatus[] = ['designated', 'warned'];

/**
 * Who looks after a studio's reassessment: the officers of the nearest union over its
 * host unit whose authority covers its level (an officer acts for the highest of
 * their scopes, as when they take the step), or the admins when no officer may.
 */
export function reassessors(tx: Tx | DB, unitPath: string, level: StudioLevel): number[] {
	const chain = ancestorIds(unitPath);
	const officers = tx
		.select({ userId: userRoles.userId, unitId: userRoles.unitId })
		.from(userRoles)
		.innerJoin(users, eq(users.id, userRoles.userId))
		.where(and(eq(userRoles.role, 'officer'), eq(users.status, 'active'), inArray(userRoles.unitId, chain)))
		.all();
	const admins = new Set(
		tx
			.select({ userId: userRoles.userId })
			.from(userRoles)
			.innerJoin(users, eq(users.id, userRoles.userId))
			.where(and(eq(userRoles.role, 'admin'), eq(users.status, 'active')))
			.all()
			.map((r) => r.userId)
	);
	const types = new Map(tx.select({ id: units.id, type: units.type }).from(units).where(inArray(units.id, chain)).all().map((u) => [u.id, u.type]));
	const highest = new Map<number, number>();
	for (const o of officers) highest.set(o.userId, Math.min(highest.get(o.userId) ?? chain.length, chain.indexOf(o.unitId)));
	const may = (userId: number) => mayReassess(admins.has(userId) ? 'federation' : (types.get(chain[highest.get(userId)!]) ?? ''), level);
	for (let i = chain.length - 1; i >= 0; i--) {
		const here = officers.filter((o) => o.unitId === chain[i] && may(o.userId)).map((o) => o.userId);
		if (here.length) return [...new Set(here)];
	}
	return [...admins];
}

/**
 * 复评 reminders, a system job run at start-up and once a day: every titled studio
 * whose reassessment falls due within REASSESS_NOTICE_DAYS, or is overdue, is
 * announced to its leader (with an account) and to those who reassess it. Each
 * account hears of a studio's due date once: a second run sends nothing new, and a
 * new date (after a reassessment) or a new leader or officer is told again.
 */
export function remindReassessments(db: DB, now = new Date()) {
	const horizon = daysFromToday(REASSESS_NOTICE_DAYS, now);
	return db.transaction((tx) => {
		const due = tx
			.select({ id: studios.id, name: studios.name, level: studios.level, due: studios.nextReassessOn, leader: studios.leaderWorkerId, unitPath: units.path })
			.from(studios)
			.innerJoin(units, eq(units.id, studios.unitId))
			.where(and(inArray(studios.status, TITLED), isNotNull(studios.nextReassessOn), lte(studios.nextReassessOn, horizon)))
			.orderBy(studios.nextReassessOn, studios.id)
			.all();
		if (due.length === 0) return { studios: 0, notifications: 0 };
		const told = new Set(
			tx
				.select({ userId: notifications.userId, studioId: sql<number>`json_extract(${notifications.params}, '$.studioId')`, due: sql<string>`json_extract(${notifications.params}, '$.due')` })
				.from(notifications)
				.where(eq(notifications.kind, 'studio_reassess'))
				.all()
				.map((r) => `${r.userId}:${r.studioId}:${r.due}`)
		);
		const sent: { studioId: number; due: string; users: number[] }[] = [];
		for (const s of due) {
			const fresh = [...new Set([...accountsOf(tx, [s.leader]), ...reassessors(tx, s.unitPath, s.level)])].filter((u) => !told.has(`${u}:${s.id}:${s.due}`));
			if (fresh.length === 0) continue;
			notify(tx, fresh, { kind: 'studio_reassess', params: { studioId: s.id, studio: s.name, due: s.due! }, link: studioLink(s.id) }, now);
			sent.push({ studioId: s.id, due: s.due!, users: fresh });
		}
		// a run that told nobody anything new leaves no trace
		if (sent.length) writeAudit(tx, null, { action: 'studio.remind', entityType: 'job', entityId: today(now), after: { horizon, reminders: sent } });
		return { studios: sent.length, notifications: sent.reduce((n, s) => n + s.users.length, 0) };
	});
}
