import { and, asc, count, eq, inArray, isNull, like, ne, notInArray, or, sql } from 'drizzle-orm';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { competitions, entries, entryMembers, eventJudges, events, stages, units, users, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, scopeOf } from '../auth/policy';
import { writeAudit } from '../audit';
import { accountsOf, excerpt, notify } from '../notifications';
import { NotFoundError, RuleError } from '../errors';
import { eligibilityProblems, registrationOpen, type CompetitionType, type EligibilityProblem } from '$lib/domain/competition';
import { blindCode, drawLots as shuffle } from '$lib/domain/lots';
import { loadEvent, today, type EventContext } from './context';

const PROBLEM_MESSAGE: Record<EligibilityProblem, () => string> = {
	registration_closed: () => m.err_registration_closed(),
	outside_organiser: () => m.err_entry_outside(),
	trade_mismatch: () => m.err_entry_trade(),
	already_entered: () => m.err_entry_already(),
	quota_full: () => m.err_entry_quota(),
	judge_of_event: () => m.err_entry_judge()
};

export const eligibilityMessage = (p: EligibilityProblem) => PROBLEM_MESSAGE[p]();

const ACTIVE = ['pending', 'approved'] as const;

function workerRow(db: DB | Tx, workerId: number) {
	const row = db
		.select({ id: workers.id, name: workers.name, trade: workers.trade, employerId: workers.employerId, unitPath: units.path, unitName: units.name })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(eq(workers.id, workerId))
		.get();
	if (!row) throw new NotFoundError('worker');
	return row;
}

type WorkerRow = ReturnType<typeof workerRow>;

/** What keeps this worker out of this event, counting the entries already made. */
function problemsFor(db: DB | Tx, ctx: EventContext, w: WorkerRow, skipRegistrationWindow = false, alsoFromEmployer = 0): EligibilityProblem[] {
	const already = db
		.select({ n: count() })
		.from(entryMembers)
		.where(and(eq(entryMembers.eventId, ctx.event.id), eq(entryMembers.workerId, w.id)))
		.get()!.n;
	const fromEmployer = db
		.select({ n: count() })
		.from(entries)
		.where(and(eq(entries.eventId, ctx.event.id), eq(entries.employerId, w.employerId), inArray(entries.status, ACTIVE)))
		.get()!.n;
	const judge = db
		.select({ n: count() })
		.from(eventJudges)
		.innerJoin(users, eq(users.id, eventJudges.userId))
		.where(and(eq(eventJudges.eventId, ctx.event.id), eq(users.workerId, w.id)))
		.get()!.n;
	return eligibilityProblems({
		judgeOfEvent: judge > 0,
		organiserPath: ctx.organiserPath,
		workerPath: w.unitPath,
		eventTrade: ctx.event.trade,
		workerTrade: w.trade,
		quota: ctx.event.quotaPerUnit,
		entriesFromEmployer: fromEmployer + alsoFromEmployer,
		alreadyEntered: already > 0,
		registrationOpen: skipRegistrationWindow || registrationOpen(ctx.competition, today())
	});
}

function insertEntry(tx: Tx, actor: Actor, ctx: EventContext, members: WorkerRow[], captainId: number, teamName: string | null, approved: boolean) {
	const captain = members.find((w) => w.id === captainId)!;
	const now = new Date();
	const entry = tx
		.insert(entries)
		.values({
			eventId: ctx.event.id,
			workerId: captain.id,
			employerId: captain.employerId,
			teamName,
			status: approved ? 'approved' : 'pending',
			registeredBy: actor.userId,
			createdAt: now,
			decidedAt: approved ? now : null,
			decidedBy: approved ? actor.userId : null
		})
		.returning()
		.get();
	for (const w of members)
		tx.insert(entryMembers).values({ entryId: entry.id, eventId: ctx.event.id, workerId: w.id, captain: w.id === captain.id }).run();
	writeAudit(tx, actor, {
		action: 'entry.register',
		entityType: 'entry',
		entityId: entry.id,
		unitPath: captain.unitPath,
		after: { ...entry, members: members.map((w) => ({ id: w.id, name: w.name, captain: w.id === captain.id })) }
	});
	// entered and approved by the organiser at once: the entrants learn of it here
	if (approved) tellEntrants(tx, actor, ctx, members.map((w) => w.id), { kind: 'entry_approved' }, now);
	return entry;
}

/** Where an entrant sees their entries: the competition's card on their contests page. */
export const entryLink = (competitionId: number) => `/contests#c-${competitionId}`;

/** Tells the entrants who have accounts (all members of a team) how their entry was decided. */
function tellEntrants(tx: Tx, actor: Actor, ctx: EventContext, workerIds: number[], d: { kind: 'entry_approved' | 'entry_rejected'; note?: string }, now: Date) {
	const told = accountsOf(tx, workerIds).filter((u) => u !== actor.userId);
	const params = { competition: ctx.competition.title, event: ctx.event.name, ...(d.kind === 'entry_rejected' ? { note: excerpt(d.note ?? '') } : {}) };
	notify(tx, told, { kind: d.kind, params, link: entryLink(ctx.competition.id) }, now);
}

/** A worker enters an individual event for themself; an officer of the organiser approves it. */
export function registerSelf(db: DB, actor: Actor | null, eventId: number) {
	authorize(actor, 'entry.register');
	const ctx = loadEvent(db, eventId);
	if (ctx.event.kind !== 'individual') throw new RuleError({ _: m.err_entry_team_by_officer() });
	if (ctx.event.drawnAt) throw new RuleError({ _: m.err_entry_after_draw() });
	const w = workerRow(db, actor.workerId);
	const problems = problemsFor(db, ctx, w);
	if (problems.length) throw new RuleError({ _: problems.map(eligibilityMessage).join(' ') });
	return db.transaction((tx) => insertEntry(tx, actor, ctx, [w], w.id, null, false));
}

/**
 * An officer enters workers of their subtree: one entry per worker for an individual
 * event, or one team with its captain. Entries made by an officer of the organiser are
 * approved at once; those from a unit below wait for the organiser like anyone's.
 */
export function registerFor(
	db: DB,
	actor: Actor | null,
	eventId: number,
	input: { workerIds: number[]; captainId: number | null; teamName: string }
) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	const ws = [...new Set(input.workerIds)].map((id) => workerRow(db, id));
	if (ws.length === 0) throw new RuleError({ workerIds: m.err_pick_workers() });
	if (ctx.event.drawnAt) throw new RuleError({ workerIds: m.err_entry_after_draw() });
	for (const w of ws) authorize(actor, 'entry.registerFor', { unitPath: w.unitPath });
	const organiser = can(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	// the organiser may still add entries after the window, until the lot draw
	const late = organiser && !ctx.event.drawnAt && ['registration', 'in_progress'].includes(ctx.competition.status);
	if (ctx.event.kind === 'individual') {
		// workers earlier in the same batch count against their enterprise's quota too
		const bad = ws
			.map((w, i) => ({ w, problems: problemsFor(db, ctx, w, late, ws.slice(0, i).filter((x) => x.employerId === w.employerId).length).map(eligibilityMessage) }))
			.filter((x) => x.problems.length);
		if (bad.length) throw new RuleError({ workerIds: bad.map((x) => `${x.w.name}：${x.problems.join(' ')}`).join('；') });
		return db.transaction((tx) => ws.map((w) => insertEntry(tx, actor, ctx, [w], w.id, null, organiser)));
	}
	const teamName = input.teamName.trim();
	if (!teamName) throw new RuleError({ teamName: m.err_required() });
	if (ws.length < ctx.event.teamMin || ws.length > ctx.event.teamMax)
		throw new RuleError({ workerIds: m.err_team_members({ min: ctx.event.teamMin, max: ctx.event.teamMax }) });
	if (input.captainId === null || !ws.some((w) => w.id === input.captainId)) throw new RuleError({ captainId: m.err_team_captain() });
	const captain = ws.find((w) => w.id === input.captainId)!;
	// the quota counts the team once, against the captain's enterprise
	const bad = ws
		.map((w) => ({ w, problems: problemsFor(db, ctx, w, late).filter((p) => p !== 'quota_full' || w.id === captain.id) }))
		.filter((x) => x.problems.length);
	if (bad.length)
		throw new RuleError({ workerIds: bad.map((x) => `${x.w.name}：${x.problems.map(eligibilityMessage).join(' ')}`).join('；') });
	return db.transaction((tx) => [insertEntry(tx, actor, ctx, ws, captain.id, teamName, organiser)]);
}

function loadEntry(db: DB | Tx, entryId: number) {
	const entry = db.select().from(entries).where(eq(entries.id, entryId)).get();
	if (!entry) throw new NotFoundError('entry');
	return { entry, ...loadEvent(db, entry.eventId) };
}

export function decideEntry(db: DB, actor: Actor | null, entryId: number, input: { approve: boolean; note: string }) {
	authorize(actor, 'officer.area');
	const ctx = loadEntry(db, entryId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (ctx.event.drawnAt) throw new RuleError({ _: m.err_entry_after_draw() });
	if (!input.approve && !input.note.trim()) throw new RuleError({ note: m.err_reason_required() });
	// a rejected or withdrawn entry has released its people; an approved one may still be rejected
	if (ctx.entry.status === 'withdrawn' || ctx.entry.status === 'rejected' || (input.approve && ctx.entry.status === 'approved'))
		throw new RuleError({ _: m.err_request_decided() });
	return db.transaction((tx) => {
		const now = new Date();
		const after = tx
			.update(entries)
			.set({ status: input.approve ? 'approved' : 'rejected', note: input.note.trim() || null, decidedAt: now, decidedBy: actor.userId })
			.where(eq(entries.id, entryId))
			.returning()
			.get();
		// read before a rejection releases them: every member of a team is told
		const members = (membersOf(tx, [entryId]).get(entryId) ?? []).map((r) => r.workerId);
		tellEntrants(tx, actor, ctx, members, input.approve ? { kind: 'entry_approved' } : { kind: 'entry_rejected', note: input.note.trim() }, now);
		// a rejected worker may be entered again (e.g. in a corrected team)
		if (!input.approve) tx.delete(entryMembers).where(eq(entryMembers.entryId, entryId)).run();
		writeAudit(tx, actor, { action: input.approve ? 'entry.approve' : 'entry.reject', entityType: 'entry', entityId: entryId, unitPath: ctx.organiserPath, before: ctx.entry, after });
		return after;
	});
}

/** A worker withdraws their own entry while registration is open. */
export function withdrawEntry(db: DB, actor: Actor | null, entryId: number) {
	const ctx = loadEntry(db, entryId);
	const owner = db.select({ id: users.id }).from(users).where(eq(users.workerId, ctx.entry.workerId)).get();
	authorize(actor, 'entry.withdraw', { userId: owner?.id });
	if (!registrationOpen(ctx.competition, today())) throw new RuleError({ _: m.err_registration_closed() });
	if (!ACTIVE.includes(ctx.entry.status as (typeof ACTIVE)[number])) throw new RuleError({ _: m.err_request_decided() });
	return db.transaction((tx) => {
		tx.update(entries).set({ status: 'withdrawn' }).where(eq(entries.id, entryId)).run();
		tx.delete(entryMembers).where(eq(entryMembers.entryId, entryId)).run();
		writeAudit(tx, actor, { action: 'entry.withdraw', entityType: 'entry', entityId: entryId, unitPath: actor.unitPath, before: ctx.entry, after: { status: 'withdrawn' } });
	});
}

/** Members of entries, keyed by entry id. */
export function membersOf(db: DB | Tx, entryIds: number[]) {
	const rows = entryIds.length
		? db
				.select({ entryId: entryMembers.entryId, workerId: workers.id, name: workers.name, employeeNo: workers.employeeNo, captain: entryMembers.captain, unit: units.name, unitPath: units.path })
				.from(entryMembers)
				.innerJoin(workers, eq(workers.id, entryMembers.workerId))
				.innerJoin(units, eq(units.id, workers.unitId))
				.where(inArray(entryMembers.entryId, entryIds))
				.orderBy(asc(entryMembers.entryId), sql`${entryMembers.captain} DESC`, asc(workers.name))
				.all()
		: [];
	const map = new Map<number, typeof rows>();
	for (const r of rows) map.set(r.entryId, [...(map.get(r.entryId) ?? []), r]);
	return map;
}

/** An event's entries for its officers, with people and units (officers are not blind). */
export function listEntries(db: DB, actor: Actor | null, eventId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.read', { unitPath: ctx.organiserPath });
	const rows = db
		.select({ id: entries.id, status: entries.status, code: entries.code, teamName: entries.teamName, note: entries.note, createdAt: entries.createdAt, employer: units.name })
		.from(entries)
		.innerJoin(units, eq(units.id, entries.employerId))
		.where(eq(entries.eventId, eventId))
		.orderBy(sql`${entries.code} IS NULL`, asc(entries.code), asc(entries.id))
		.all();
	const members = membersOf(db, rows.map((r) => r.id));
	return rows.map((r) => ({ ...r, members: members.get(r.id) ?? [] }));
}

/** Workers an officer may enter for this event: in their scope and the organiser's subtree, of the right trade, not yet entered. */
export function candidatesFor(db: DB, actor: Actor | null, eventId: number, search: string) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	const scope = scopeOf(actor);
	const paths = (scope === 'all' ? [ctx.organiserPath] : scope)
		.map((p) => (p.startsWith(ctx.organiserPath) ? p : ctx.organiserPath.startsWith(p) ? ctx.organiserPath : null))
		.filter((p): p is string => p !== null);
	if (paths.length === 0) return [];
	const entered = db.select({ id: entryMembers.workerId }).from(entryMembers).where(eq(entryMembers.eventId, eventId));
	const judging = db.select({ id: users.workerId }).from(eventJudges).innerJoin(users, eq(users.id, eventJudges.userId)).where(eq(eventJudges.eventId, eventId));
	const q = search.trim();
	return db
		.select({ id: workers.id, name: workers.name, employeeNo: workers.employeeNo, trade: workers.trade, unit: units.name })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(
			and(
				sql`(${sql.join(paths.map((p) => sql`${units.path} LIKE ${p + '%'}`), sql` OR `)})`,
				ctx.event.trade ? eq(workers.trade, ctx.event.trade) : undefined,
				notInArray(workers.id, entered),
				notInArray(workers.id, judging),
				q ? sql`(${workers.name} LIKE ${'%' + q + '%'} OR ${workers.employeeNo} LIKE ${q + '%'})` : undefined
			)
		)
		.orderBy(asc(units.path), asc(workers.employeeNo))
		.limit(200)
		.all();
}

/**
 * 抽签: gives every approved entry a blind code at random, from a recorded seed.
 * Possible until the first stage starts scoring; a new draw replaces the old one and
 * both stay in the audit log.
 */
export function drawLots(db: DB, actor: Actor | null, eventId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (!['registration', 'in_progress'].includes(ctx.competition.status) || registrationOpen(ctx.competition, today()) && ctx.competition.status === 'registration')
		throw new RuleError({ _: m.err_draw_when() });
	const started = db.select({ id: stages.id }).from(stages).where(and(eq(stages.eventId, eventId), ne(stages.status, 'pending'))).get();
	if (started) throw new RuleError({ _: m.err_stage_started() });
	const pending = db.select({ n: count() }).from(entries).where(and(eq(entries.eventId, eventId), eq(entries.status, 'pending'))).get()!.n;
	if (pending > 0) throw new RuleError({ _: m.err_draw_pending({ count: pending }) });
	const approved = db
		.select({ id: entries.id })
		.from(entries)
		.where(and(eq(entries.eventId, eventId), eq(entries.status, 'approved')))
		.orderBy(asc(entries.id))
		.all()
		.map((e) => e.id);
	if (approved.length === 0) throw new RuleError({ _: m.err_draw_empty() });
	const seed = encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(16)));
	const order = shuffle(approved, seed);
	return db.transaction((tx) => {
		tx.update(entries).set({ code: null }).where(eq(entries.eventId, eventId)).run();
		const codes = order.map((entryId, i) => ({ entryId, code: blindCode(ctx.event.codePrefix, i + 1, order.length) }));
		for (const c of codes) tx.update(entries).set({ code: c.code }).where(eq(entries.id, c.entryId)).run();
		const now = new Date();
		tx.update(events).set({ drawSeed: seed, drawnAt: now, drawnBy: actor.userId }).where(eq(events.id, eventId)).run();
		writeAudit(tx, actor, {
			action: 'event.draw',
			entityType: 'event',
			entityId: eventId,
			unitPath: ctx.organiserPath,
			before: ctx.event.drawSeed ? { seed: ctx.event.drawSeed } : undefined,
			// the seed and the entry ids in ascending order are all it takes to redo the draw
			after: { seed, entries: approved, codes }
		});
		return { seed, codes };
	});
}

/** Competitions a worker can see for registration, with the events and their own entries. */
export function openToWorker(db: DB, actor: Actor | null) {
	authorize(actor, 'entry.register');
	const w = workerRow(db, actor.workerId);
	const candidates = db
		.select({ competition: competitions, organiserPath: units.path, organiserName: units.name })
		.from(competitions)
		.innerJoin(units, eq(units.id, competitions.unitId))
		.where(inArray(competitions.status, ['registration', 'in_progress', 'scoring_closed', 'published']))
		.orderBy(asc(competitions.registrationCloses))
		.all()
		.filter((c) => w.unitPath.startsWith(c.organiserPath));
	const mine = db
		.select({ entry: entries, eventId: entryMembers.eventId })
		.from(entryMembers)
		.innerJoin(entries, eq(entries.id, entryMembers.entryId))
		.where(eq(entryMembers.workerId, w.id))
		.all();
	const withdrawnOrRejected = db
		.select()
		.from(entries)
		.where(and(eq(entries.workerId, w.id), inArray(entries.status, ['withdrawn', 'rejected'])))
		.all();
	return candidates.map((c) => {
		const evs = db.select().from(events).where(eq(events.competitionId, c.competition.id)).orderBy(asc(events.id)).all();
		return {
			...c.competition,
			organiser: c.organiserName,
			open: registrationOpen(c.competition, today()),
			events: evs.map((e) => {
				const ctx = { event: e, ...c };
				const entry = mine.find((x) => x.eventId === e.id)?.entry ?? withdrawnOrRejected.find((x) => x.eventId === e.id) ?? null;
				const problems = entry && ACTIVE.includes(entry.status as (typeof ACTIVE)[number]) ? [] : problemsFor(db, ctx, w).filter((p) => p !== 'already_entered');
				return { ...e, entry, problems: problems.map(eligibilityMessage) };
			})
		};
	});
}


/**
 * Distinct workers in approved entries of the year's competitions, per unit of the
 * worker (the targets' count) or per competition type (the portal's chart).
 */
export function contestWorkers<K extends 'unit' | 'type'>(db: DB, year: number, by: K) {
	const base = db
		.select({ key: by === 'unit' ? units.path : competitions.type, n: sql<number>`count(DISTINCT ${entryMembers.workerId})` })
		.from(entryMembers)
		.innerJoin(entries, eq(entries.id, entryMembers.entryId))
		.innerJoin(events, eq(events.id, entries.eventId))
		.innerJoin(competitions, eq(competitions.id, events.competitionId))
		.innerJoin(workers, eq(workers.id, entryMembers.workerId))
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(entries.status, 'approved'), like(competitions.startsOn, `${year}-%`)));
	return (by === 'unit' ? base.groupBy(units.id) : base.groupBy(competitions.type)).all() as { key: K extends 'unit' ? string : CompetitionType; n: number }[];
}

/** Entries waiting for the organiser's decision, in competitions the officer organises (the dashboard's list). */
export function pendingEntries(db: DB, actor: Actor | null, limit = 5) {
	const scope = scopeOf(actor);
	const where = and(
		eq(entries.status, 'pending'),
		isNull(events.drawnAt),
		scope === 'all' ? undefined : or(...scope.map((p) => like(units.path, `${p}%`)))
	);
	const rows = db
		.select({ id: entries.id, eventId: events.id, event: events.name, competition: competitions.title, teamName: entries.teamName, createdAt: entries.createdAt, total: sql<number>`count(*) OVER ()` })
		.from(entries)
		.innerJoin(events, eq(events.id, entries.eventId))
		.innerJoin(competitions, eq(competitions.id, events.competitionId))
		.innerJoin(units, eq(units.id, competitions.unitId))
		.where(where)
		.orderBy(asc(entries.createdAt))
		.limit(limit)
		.all();
	const names = membersOf(db, rows.map((r) => r.id));
	return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _, ...r }) => ({ ...r, who: r.teamName ?? (names.get(r.id) ?? []).map((x) => x.name).join('、') })) };
}
