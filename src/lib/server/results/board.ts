import { and, asc, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { entries, frozenBoards, stages, stageTallies, standingHistory, standings } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { RuleError, NotFoundError } from '../errors';
import { m } from '$lib/paraglide/messages';
import { pageRanks } from '$lib/domain/scoring/ranking';
import { loadEvent, loadStage, seatOf } from '../competitions/context';
import { prepared } from '../db/prepared';

export type { Board, BoardRow, HistoryLine } from '$lib/domain/board';
import type { Board, HistoryLine } from '$lib/domain/board';

/** How many lines a board carries: a venue screen shows the top; the rest read the results. */
export const BOARD_ROWS = 100;

/** The board's reads, prepared once per connection: a venue screen renders them after every sheet. */
const boardQueries = (db: DB | Tx) =>
	prepared(db, 'board', (d) => {
		const columns = { code: entries.code, sortKey: standings.sortKey, total: standings.total, flags: standings.flags };
		const ofStage = eq(standings.stageId, sql.placeholder('stageId'));
		const lines = () => d.select(columns).from(standings).innerJoin(entries, eq(entries.id, standings.entryId));
		return {
			ranked: lines().where(and(ofStage, isNotNull(standings.sortKey))).orderBy(desc(standings.sortKey), asc(entries.code)).limit(BOARD_ROWS).prepare(),
			waiting: lines().where(and(ofStage, isNull(standings.sortKey))).orderBy(asc(entries.code)).limit(sql.placeholder('n')).prepare(),
			counts: d.select({ entries: stageTallies.entries, scored: stageTallies.scored }).from(stageTallies).where(eq(stageTallies.stageId, sql.placeholder('stageId'))).prepare(),
			frozenAt: d.select({ frozenAt: frozenBoards.frozenAt }).from(frozenBoards).where(eq(frozenBoards.stageId, sql.placeholder('stageId'))).prepare(),
			frozen: d.select().from(frozenBoards).where(eq(frozenBoards.stageId, sql.placeholder('stageId'))).prepare(),
			started: d
				.select()
				.from(stages)
				.where(and(eq(stages.eventId, sql.placeholder('eventId')), ne(stages.status, 'pending')))
				.orderBy(desc(stages.position))
				.prepare()
		};
	});

/**
 * The live standings of a stage, as the jury sees them: the first BOARD_ROWS lines read
 * from the standings' key index, so a 20,000-entry stage costs what a 100-entry one does.
 * Complete entries come best first (ties by code); while fewer are complete, the rest
 * follow by code with their progress.
 */
export function liveBoard(db: DB | Tx, stageId: number): Board {
	const ctx = loadStage(db, stageId);
	const q = boardQueries(db);
	const ranked = q.ranked.all({ stageId });
	const waiting = ranked.length < BOARD_ROWS ? q.waiting.all({ stageId, n: BOARD_ROWS - ranked.length }) : [];
	// a stage with no standings yet has no tally either
	const counts = q.counts.get({ stageId }) ?? { entries: 0, scored: 0 };
	const ranks = pageRanks(
		ranked.map((r) => r.sortKey!),
		0,
		0
	);
	const frozen = q.frozenAt.get({ stageId });
	return {
		stageId,
		stageName: ctx.stage.name,
		stageStatus: ctx.stage.status,
		eventId: ctx.event.id,
		eventName: ctx.event.name,
		competitionTitle: ctx.competition.title,
		scored: counts.scored,
		entries: counts.entries,
		rows: [...ranked, ...waiting].map((r, i) => {
			const awaiting = r.flags.find((f) => f.kind === 'awaiting');
			return {
				rank: i < ranked.length ? ranks[i] : null,
				code: r.code ?? '—',
				total: r.sortKey === null ? null : r.total,
				progress: r.sortKey === null && awaiting && awaiting.kind === 'awaiting' ? `${awaiting.submitted}/${awaiting.expected}` : null
			};
		}),
		at: Date.now(),
		frozenAt: frozen ? frozen.frozenAt.getTime() : null
	};
}

/** What the public and the venue screen show: the frozen board while 封榜 is on, else live. */
export function publicBoard(db: DB | Tx, stageId: number): Board {
	const frozen = boardQueries(db).frozen.get({ stageId });
	return frozen ? frozen.board : liveBoard(db, stageId);
}

/** Changes whenever anything a board shows could have changed; cheap enough to poll each second. */
export function boardFingerprint(db: DB | Tx, stageId: number, jury: boolean): string {
	const s = db
		.select({ n: sql<number>`count(*)`, at: sql<number>`max(${standings.updatedAt})` })
		.from(standings)
		.where(eq(standings.stageId, stageId))
		.get()!;
	const stage = db.select({ status: stages.status }).from(stages).where(eq(stages.id, stageId)).get();
	const frozen = db.select({ frozenAt: frozenBoards.frozenAt }).from(frozenBoards).where(eq(frozenBoards.stageId, stageId)).get();
	if (frozen && !jury) return `frozen:${frozen.frozenAt.getTime()}`;
	return `${s.n}:${s.at}:${stage?.status}:${frozen?.frozenAt.getTime() ?? ''}`;
}

/**
 * What an event's venue screen shows (the board of its `screenStage`), and a fingerprint of
 * it: the board without the time it was read, and how to read that again. The page cache
 * renders the screen again only when the fingerprint changes (most sheets change no line
 * and no count of a 20,000-entry board).
 */
export function screenBoard(db: DB | Tx, eventId: number): { board: Board; fingerprint: { value: string; again: () => string } } {
	const print = (board: Board) => JSON.stringify({ ...board, at: 0 });
	const read = () => publicBoard(db, screenStage(db, eventId).id);
	const board = read();
	return { board, fingerprint: { value: print(board), again: () => print(read()) } };
}

/** The stage a venue screen shows for an event: the one scoring now, else the latest started. */
export function screenStage(db: DB | Tx, eventId: number) {
	loadEvent(db, eventId);
	const started = boardQueries(db).started.all({ eventId });
	const stage = started.find((s) => s.status === 'scoring') ?? started[0];
	if (!stage) throw new RuleError({ _: m.err_board_not_started() });
	return stage;
}

/** The chief judge or the organiser's officer may watch the live board while it is frozen. */
export function authorizeJury(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'board.jury', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	return ctx;
}

/** 封榜: from now on the public and the venue screen show the standings as they are. */
export function freezeBoard(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'board.freeze', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (ctx.stage.status !== 'scoring') throw new RuleError({ _: m.err_stage_not_scoring() });
	return db.transaction((tx) => {
		if (tx.select().from(frozenBoards).where(eq(frozenBoards.stageId, stageId)).get()) throw new RuleError({ _: m.err_board_frozen_already() });
		const board = liveBoard(tx, stageId);
		const frozenAt = new Date(board.at);
		board.frozenAt = board.at;
		tx.insert(frozenBoards).values({ stageId, frozenAt, frozenBy: actor.userId, board }).run();
		writeAudit(tx, actor, { action: 'board.freeze', entityType: 'stage', entityId: stageId, unitPath: ctx.organiserPath, after: { frozenAt: frozenAt.toISOString(), scored: board.scored } });
	});
}

/** 解封: the public sees the live standings again (usually when results are announced). */
export function unfreezeBoard(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'board.freeze', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	return db.transaction((tx) => {
		const frozen = tx.select().from(frozenBoards).where(eq(frozenBoards.stageId, stageId)).get();
		if (!frozen) throw new RuleError({ _: m.err_board_not_frozen() });
		tx.delete(frozenBoards).where(eq(frozenBoards.stageId, stageId)).run();
		writeAudit(tx, actor, { action: 'board.unfreeze', entityType: 'stage', entityId: stageId, unitPath: ctx.organiserPath, before: { frozenAt: frozen.frozenAt.toISOString() } });
	});
}

/**
 * Standings over time for a chart: the top entries' totals after each change, from
 * the recorded history. The public view stops at the freeze.
 */
export function boardHistory(db: DB | Tx, stageId: number, opts: { until?: number | null; lines?: number } = {}): HistoryLine[] {
	const stage = db.select().from(stages).where(eq(stages.id, stageId)).get();
	if (!stage) throw new NotFoundError('stage');
	const rows = db
		.select({ entryId: standingHistory.entryId, code: entries.code, at: standingHistory.at, total: standingHistory.total, complete: standingHistory.complete })
		.from(standingHistory)
		.innerJoin(entries, eq(entries.id, standingHistory.entryId))
		.where(eq(standingHistory.stageId, stageId))
		.orderBy(asc(standingHistory.at), asc(standingHistory.id))
		.all()
		.filter((r) => opts.until == null || r.at.getTime() <= opts.until);
	// the lines drawn: the entries best placed at the end of the period shown
	const last = new Map<number, { code: string; total: number; complete: boolean }>();
	for (const r of rows) last.set(r.entryId, { code: r.code ?? '—', total: Number(r.total), complete: r.complete });
	const top = [...last.entries()]
		.filter(([, v]) => v.complete)
		.sort((a, b) => b[1].total - a[1].total)
		.slice(0, opts.lines ?? 8)
		.map(([id]) => id);
	return top.map((entryId) => ({
		code: last.get(entryId)!.code,
		points: rows.filter((r) => r.entryId === entryId && r.complete).map((r) => ({ at: r.at.getTime(), total: Number(r.total) }))
	}));
}
