import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { competitions, entries, entryMembers, eventJudges, events, schemes, stages, units, users, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, scopeOf } from '../auth/policy';
import { writeAudit } from '../audit';
import { findUnit } from '../units';
import { resolveAccount } from '../accounts';
import { NotFoundError, RuleError } from '../errors';
import { canMoveCompetition, type CompetitionStatus } from '$lib/domain/competition';
import { loadCompetition, loadEvent, loadStage } from './context';
import type { CompetitionInput, EventInput, StageInput } from './forms';
import { eventHasResults } from '../results/rows';

/* ------------------------------------------------------------ competitions */

export function listCompetitions(db: DB, actor: Actor | null) {
	const scope = scopeOf(actor);
	const inScope =
		scope === 'all' ? undefined : sql`(${sql.join(scope.map((p) => sql`${units.path} LIKE ${p + '%'}`), sql` OR `)})`;
	return db
		.select({
			id: competitions.id,
			title: competitions.title,
			type: competitions.type,
			status: competitions.status,
			startsOn: competitions.startsOn,
			endsOn: competitions.endsOn,
			organiser: units.name,
			events: sql<number>`(SELECT count(*) FROM ${events} WHERE ${events.competitionId} = ${competitions.id})`,
			entries: sql<number>`(SELECT count(*) FROM ${entries} JOIN ${events} e2 ON e2.id = ${entries.eventId} WHERE e2.competition_id = ${competitions.id} AND ${entries.status} = 'approved')`
		})
		.from(competitions)
		.innerJoin(units, eq(units.id, competitions.unitId))
		.where(inScope)
		.orderBy(desc(competitions.startsOn), desc(competitions.id))
		.all();
}

export function createCompetition(db: DB, actor: Actor | null, input: CompetitionInput) {
	authorize(actor, 'officer.area');
	const unit = findUnit(db, input.unitId);
	authorize(actor, 'competition.create', { unitPath: unit.path });
	return db.transaction((tx) => {
		const now = new Date();
		const created = tx
			.insert(competitions)
			.values({ ...input, status: 'draft', createdAt: now, updatedAt: now })
			.returning()
			.get();
		writeAudit(tx, actor, { action: 'competition.create', entityType: 'competition', entityId: created.id, unitPath: unit.path, after: created });
		return created;
	});
}

/** A competition's marking schemes, every version. */
function schemesOf(db: DB, competitionId: number) {
	return db
		.select({ id: schemes.id, name: schemes.name, version: schemes.version, lockedAt: schemes.lockedAt })
		.from(schemes)
		.where(eq(schemes.competitionId, competitionId))
		.orderBy(asc(schemes.id))
		.all();
}

/** Everything an officer sees on a competition's page. */
export function getCompetitionForOfficer(db: DB, actor: Actor | null, id: number) {
	authorize(actor, 'officer.area');
	const ctx = loadCompetition(db, id);
	authorize(actor, 'competition.read', { unitPath: ctx.organiserPath });
	const eventRows = db
		.select({
			id: events.id,
			name: events.name,
			kind: events.kind,
			trade: events.trade,
			teamMin: events.teamMin,
			teamMax: events.teamMax,
			quotaPerUnit: events.quotaPerUnit,
			codePrefix: events.codePrefix,
			drawnAt: events.drawnAt,
			approved: sql<number>`(SELECT count(*) FROM ${entries} WHERE ${entries.eventId} = ${events.id} AND ${entries.status} = 'approved')`,
			pending: sql<number>`(SELECT count(*) FROM ${entries} WHERE ${entries.eventId} = ${events.id} AND ${entries.status} = 'pending')`,
			judges: sql<number>`(SELECT count(*) FROM ${eventJudges} WHERE ${eventJudges.eventId} = ${events.id})`
		})
		.from(events)
		.where(eq(events.competitionId, id))
		.orderBy(asc(events.id))
		.all();
	const stageRows = eventRows.length
		? db
				.select()
				.from(stages)
				.where(inArray(stages.eventId, eventRows.map((e) => e.id)))
				.orderBy(asc(stages.eventId), asc(stages.position))
				.all()
		: [];
	return {
		...ctx.competition,
		organiser: { id: ctx.competition.unitId, name: ctx.organiserName },
		events: eventRows.map((e) => ({ ...e, stages: stageRows.filter((s) => s.eventId === e.id) })),
		schemes: schemesOf(db, id),
		canManage: can(actor, 'competition.manage', { unitPath: ctx.organiserPath })
	};
}

const EDITABLE: CompetitionStatus[] = ['draft', 'registration'];

export function updateCompetition(db: DB, actor: Actor | null, id: number, input: CompetitionInput) {
	authorize(actor, 'officer.area');
	const ctx = loadCompetition(db, id);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	const before = ctx.competition;
	if (!EDITABLE.includes(before.status)) throw new RuleError({ title: m.err_competition_frozen() });
	const unit = findUnit(db, input.unitId);
	authorize(actor, 'competition.create', { unitPath: unit.path });
	if (unit.id !== before.unitId && before.status !== 'draft') throw new RuleError({ unitId: m.err_competition_organiser_fixed() });
	return db.transaction((tx) => {
		const after = tx
			.update(competitions)
			.set({ ...input, updatedAt: new Date() })
			.where(eq(competitions.id, id))
			.returning()
			.get();
		writeAudit(tx, actor, { action: 'competition.update', entityType: 'competition', entityId: id, unitPath: unit.path, before, after });
		return after;
	});
}

/** Why a competition cannot move to a status yet, checked on top of the state machine. */
function moveProblems(db: DB, competitionId: number, to: CompetitionStatus): string | null {
	const eventIds = db.select({ id: events.id }).from(events).where(eq(events.competitionId, competitionId)).all().map((e) => e.id);
	if (to === 'registration') {
		if (eventIds.length === 0) return m.err_competition_no_events();
		const stageless = eventIds.some((e) => !db.select({ id: stages.id }).from(stages).where(eq(stages.eventId, e)).get());
		if (stageless) return m.err_competition_no_events();
	}
	if (to === 'scoring_closed' && eventIds.length) {
		const open = db
			.select({ n: count() })
			.from(stages)
			.where(and(inArray(stages.eventId, eventIds), eq(stages.status, 'scoring')))
			.get()!.n;
		if (open > 0) return m.err_competition_stages_open();
	}
	return null;
}

export function moveCompetition(db: DB, actor: Actor | null, id: number, to: CompetitionStatus) {
	authorize(actor, 'officer.area');
	const ctx = loadCompetition(db, id);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	const from = ctx.competition.status;
	if (!canMoveCompetition(from, to)) throw new RuleError({ to: m.err_status_move() });
	const problem = moveProblems(db, id, to);
	if (problem) throw new RuleError({ to: problem });
	return db.transaction((tx) => {
		const now = new Date();
		tx.update(competitions)
			.set({ status: to, updatedAt: now, publishedAt: to === 'published' ? now : ctx.competition.publishedAt })
			.where(eq(competitions.id, id))
			.run();
		writeAudit(tx, actor, { action: 'competition.status', entityType: 'competition', entityId: id, unitPath: ctx.organiserPath, before: { status: from }, after: { status: to } });
	});
}

/* ------------------------------------------------------------------ events */

export function createEvent(db: DB, actor: Actor | null, competitionId: number, input: EventInput & { firstStage: string }) {
	authorize(actor, 'officer.area');
	const ctx = loadCompetition(db, competitionId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (!EDITABLE.includes(ctx.competition.status)) throw new RuleError({ name: m.err_competition_frozen() });
	const { firstStage, ...fields } = input;
	return db.transaction((tx) => {
		const event = tx.insert(events).values({ ...fields, competitionId, createdAt: new Date() }).returning().get();
		const stage = tx.insert(stages).values({ eventId: event.id, position: 1, name: firstStage }).returning().get();
		writeAudit(tx, actor, { action: 'event.create', entityType: 'event', entityId: event.id, unitPath: ctx.organiserPath, after: { ...event, stages: [stage] } });
		return event;
	});
}

function entriesOf(db: DB, eventId: number) {
	return db.select({ n: count() }).from(entries).where(eq(entries.eventId, eventId)).get()!.n;
}

export function updateEvent(db: DB, actor: Actor | null, eventId: number, input: EventInput) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (!EDITABLE.includes(ctx.competition.status)) throw new RuleError({ name: m.err_competition_frozen() });
	if (input.kind !== ctx.event.kind && entriesOf(db, eventId) > 0) throw new RuleError({ kind: m.err_event_kind_fixed() });
	return db.transaction((tx) => {
		const after = tx.update(events).set(input).where(eq(events.id, eventId)).returning().get();
		writeAudit(tx, actor, { action: 'event.update', entityType: 'event', entityId: eventId, unitPath: ctx.organiserPath, before: ctx.event, after });
		return after;
	});
}

export function deleteEvent(db: DB, actor: Actor | null, eventId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (entriesOf(db, eventId) > 0) throw new RuleError({ _: m.err_event_has_entries() });
	db.transaction((tx) => {
		tx.delete(eventJudges).where(eq(eventJudges.eventId, eventId)).run();
		tx.delete(events).where(eq(events.id, eventId)).run();
		writeAudit(tx, actor, { action: 'event.delete', entityType: 'event', entityId: eventId, unitPath: ctx.organiserPath, before: ctx.event });
	});
	return { competitionId: ctx.competition.id };
}

/** An event's page for its officers: the event, its stages and its panel. */
export function getEventForOfficer(db: DB, actor: Actor | null, eventId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.read', { unitPath: ctx.organiserPath });
	const stageRows = db.select().from(stages).where(eq(stages.eventId, eventId)).orderBy(asc(stages.position)).all();
	return {
		competition: { ...ctx.competition, organiserName: ctx.organiserName },
		event: ctx.event,
		stages: stageRows,
		schemes: schemesOf(db, ctx.competition.id),
		judges: panelOf(db, eventId),
		canManage: can(actor, 'competition.manage', { unitPath: ctx.organiserPath })
	};
}

/* ------------------------------------------------------------------ stages */

export function addStage(db: DB, actor: Actor | null, eventId: number, name: string) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (ctx.competition.status === 'published') throw new RuleError({ name: m.err_competition_frozen() });
	// the last stage is the one whose results carry the awards: fixed once results are out
	if (eventHasResults(db, eventId)) throw new RuleError({ name: m.err_stages_fixed_by_results() });
	return db.transaction((tx) => {
		const last = tx.select({ p: sql<number>`coalesce(max(${stages.position}), 0)` }).from(stages).where(eq(stages.eventId, eventId)).get()!.p;
		const stage = tx.insert(stages).values({ eventId, position: last + 1, name }).returning().get();
		writeAudit(tx, actor, { action: 'stage.create', entityType: 'stage', entityId: stage.id, unitPath: ctx.organiserPath, after: stage });
		return stage;
	});
}

export function updateStage(db: DB, actor: Actor | null, stageId: number, input: StageInput) {
	authorize(actor, 'officer.area');
	const ctx = loadStage(db, stageId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (ctx.stage.status !== 'pending') throw new RuleError({ name: m.err_stage_started() });
	if (input.schemeId !== null) {
		const scheme = db.select().from(schemes).where(eq(schemes.id, input.schemeId)).get();
		if (!scheme || scheme.competitionId !== ctx.competition.id) throw new RuleError({ schemeId: m.err_choice() });
	}
	if (ctx.stage.position === 1 && input.carryMode !== 'none') throw new RuleError({ carryMode: m.err_first_stage_carry() });
	if (input.tieBreaks.some((t) => t.kind === 'previous') && ctx.stage.position === 1)
		throw new RuleError({ tieBreaks: m.err_first_stage_carry() });
	return db.transaction((tx) => {
		const after = tx.update(stages).set(input).where(eq(stages.id, stageId)).returning().get();
		writeAudit(tx, actor, { action: 'stage.update', entityType: 'stage', entityId: stageId, unitPath: ctx.organiserPath, before: ctx.stage, after });
		return after;
	});
}

export function deleteStage(db: DB, actor: Actor | null, stageId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadStage(db, stageId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	const later = db.select({ id: stages.id }).from(stages).where(and(eq(stages.eventId, ctx.event.id), sql`${stages.position} > ${ctx.stage.position}`)).get();
	if (ctx.stage.status !== 'pending' || later || ctx.stage.position === 1) throw new RuleError({ _: m.err_stage_delete() });
	if (eventHasResults(db, ctx.event.id)) throw new RuleError({ _: m.err_stages_fixed_by_results() });
	db.transaction((tx) => {
		tx.delete(stages).where(eq(stages.id, stageId)).run();
		writeAudit(tx, actor, { action: 'stage.delete', entityType: 'stage', entityId: stageId, unitPath: ctx.organiserPath, before: ctx.stage });
	});
	return { eventId: ctx.event.id };
}

/* ------------------------------------------------------------------ judges */

/**
 * The panel is fixed once any stage of the event has started: every completeness
 * and aggregate depends on who sits on it.
 */
function assertPanelOpen(db: DB, eventId: number, field: string) {
	const started = db.select({ id: stages.id }).from(stages).where(and(eq(stages.eventId, eventId), ne(stages.status, 'pending'))).get();
	if (started) throw new RuleError({ [field]: m.err_panel_fixed() });
}

export function panelOf(db: DB, eventId: number) {
	return db
		.select({ userId: eventJudges.userId, seat: eventJudges.seat, chief: eventJudges.chief, name: workers.name, unit: units.name, phone: workers.phone })
		.from(eventJudges)
		.innerJoin(users, eq(users.id, eventJudges.userId))
		.innerJoin(workers, eq(workers.id, users.workerId))
		.innerJoin(units, eq(units.id, workers.employerId))
		.where(eq(eventJudges.eventId, eventId))
		.orderBy(asc(eventJudges.seat))
		.all();
}

/** Appoints a judge (any active account of the federation: experts are often invited from elsewhere). */
export function appointJudge(db: DB, actor: Actor | null, eventId: number, input: { identifier: string; chief: boolean }) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	assertPanelOpen(db, ctx.event.id, 'identifier');
	const account = resolveAccount(db, input.identifier.trim());
	if (account === 'ambiguous') throw new RuleError({ identifier: m.err_identifier_ambiguous() });
	if (!account || account.status !== 'active') throw new RuleError({ identifier: m.err_judge_unknown() });
	const entered = db
		.select({ n: count() })
		.from(entryMembers)
		.innerJoin(users, eq(users.workerId, entryMembers.workerId))
		.where(and(eq(entryMembers.eventId, eventId), eq(users.id, account.userId)))
		.get()!.n;
	if (entered > 0) throw new RuleError({ identifier: m.err_judge_entered() });
	const exists = db.select().from(eventJudges).where(and(eq(eventJudges.eventId, eventId), eq(eventJudges.userId, account.userId))).get();
	if (exists && exists.chief === input.chief) throw new RuleError({ identifier: m.err_judge_already() });
	return db.transaction((tx) => {
		if (input.chief) tx.update(eventJudges).set({ chief: false }).where(eq(eventJudges.eventId, eventId)).run();
		if (exists) tx.update(eventJudges).set({ chief: input.chief }).where(and(eq(eventJudges.eventId, eventId), eq(eventJudges.userId, account.userId))).run();
		else {
			const seat = tx.select({ s: sql<number>`coalesce(max(${eventJudges.seat}), 0)` }).from(eventJudges).where(eq(eventJudges.eventId, eventId)).get()!.s + 1;
			tx.insert(eventJudges).values({ eventId, userId: account.userId, seat, chief: input.chief, appointedBy: actor.userId, appointedAt: new Date() }).run();
		}
		writeAudit(tx, actor, {
			action: 'judge.appoint',
			entityType: 'event',
			entityId: eventId,
			unitPath: ctx.organiserPath,
			before: exists ?? undefined,
			after: { userId: account.userId, name: account.name, chief: input.chief }
		});
		return { userId: account.userId, name: account.name };
	});
}

export function removeJudge(db: DB, actor: Actor | null, eventId: number, userId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	const row = db.select().from(eventJudges).where(and(eq(eventJudges.eventId, eventId), eq(eventJudges.userId, userId))).get();
	if (!row) throw new NotFoundError('judge');
	assertPanelOpen(db, eventId, '_');
	db.transaction((tx) => {
		tx.delete(eventJudges).where(and(eq(eventJudges.eventId, eventId), eq(eventJudges.userId, userId))).run();
		writeAudit(tx, actor, { action: 'judge.remove', entityType: 'event', entityId: eventId, unitPath: ctx.organiserPath, before: row });
	});
}
