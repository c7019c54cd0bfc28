import { and, eq, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared';
import type { DB, Tx } from '../db';
import { competitions, eventJudges, events, stages, units } from '../db/schema';
import { NotFoundError } from '../errors';
import type { Actor } from '../auth/actor';

/** A competition with its organising unit's current path (what policy checks use). */
export function loadCompetition(db: DB | Tx, id: number) {
	const row = prepared(db, 'context.competition', (d) =>
		d
			.select({ competition: competitions, organiserPath: units.path, organiserName: units.name })
			.from(competitions)
			.innerJoin(units, eq(units.id, competitions.unitId))
			.where(eq(competitions.id, sql.placeholder('id')))
			.prepare()
	).get({ id });
	if (!row) throw new NotFoundError('competition');
	return row;
}

export function loadEvent(db: DB | Tx, eventId: number) {
	const event = prepared(db, 'context.event', (d) => d.select().from(events).where(eq(events.id, sql.placeholder('id'))).prepare()).get({ id: eventId });
	if (!event) throw new NotFoundError('event');
	return { event, ...loadCompetition(db, event.competitionId) };
}

export type EventContext = ReturnType<typeof loadEvent>;

export function loadStage(db: DB | Tx, stageId: number) {
	const stage = prepared(db, 'context.stage', (d) => d.select().from(stages).where(eq(stages.id, sql.placeholder('id'))).prepare()).get({ id: stageId });
	if (!stage) throw new NotFoundError('stage');
	return { stage, ...loadEvent(db, stage.eventId) };
}

export type StageContext = ReturnType<typeof loadStage>;

/** The actor's seat on an event's panel: 'chief', 'judge' or null. */
export function seatOf(db: DB | Tx, actor: Actor | null, eventId: number): 'judge' | 'chief' | null {
	if (!actor) return null;
	const row = prepared(db, 'context.seat', (d) =>
		d
			.select({ chief: eventJudges.chief })
			.from(eventJudges)
			.where(and(eq(eventJudges.eventId, sql.placeholder('eventId')), eq(eventJudges.userId, sql.placeholder('userId'))))
			.prepare()
	).get({ eventId, userId: actor.userId });
	return row ? (row.chief ? 'chief' : 'judge') : null;
}

/** Today in the federation's time zone, as the YYYY-MM-DD text dates are stored in. */
export function today(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar day `days` after (or before) today, in the federation's time zone. */
export function daysFromToday(days: number, now = new Date()): string {
	const d = new Date(`${today(now)}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
