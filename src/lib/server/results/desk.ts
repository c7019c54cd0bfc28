import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { appeals, entries, eventJudges, frozenBoards, resultVersions, sheets, stages, users, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can } from '../auth/policy';
import { loadStage, seatOf } from '../competitions/context';
import { latestVersion, publicVersion } from './rows';
import { eventAwards } from './certificates';

/**
 * 成绩发布台: what the organiser's officers (publish, finalise, correct) and the chief
 * judge (rule on appeals, freeze the board) see of a stage's results.
 */
export function resultsDesk(db: DB, actor: Actor | null, stageId: number) {
	const ctx = loadStage(db, stageId);
	const seat = seatOf(db, actor, ctx.event.id);
	authorize(actor, 'board.jury', { unitPath: ctx.organiserPath, judge: seat });
	const target = { unitPath: ctx.organiserPath, judge: seat };
	const latest = latestVersion(db, stageId) ?? null;
	const shown = publicVersion(db, stageId) ?? null;
	const last = !db.select({ id: stages.id }).from(stages).where(and(eq(stages.eventId, ctx.event.id), eq(stages.position, ctx.stage.position + 1))).get();
	const list = shown
		? db
				.select({
					id: appeals.id,
					entryId: appeals.entryId,
					code: entries.code,
					reason: appeals.reason,
					attachmentName: appeals.attachmentName,
					status: appeals.status,
					ruling: appeals.ruling,
					ruledAt: appeals.ruledAt,
					filedAt: appeals.filedAt,
					filedBy: workers.name
				})
				.from(appeals)
				.innerJoin(entries, eq(entries.id, appeals.entryId))
				.innerJoin(users, eq(users.id, appeals.filedBy))
				.innerJoin(workers, eq(workers.id, users.workerId))
				.where(eq(appeals.versionId, shown.id))
				.orderBy(asc(appeals.filedAt))
				.all()
		: [];
	const open = list.filter((a) => a.status === 'open').map((a) => a.entryId);
	const seats = new Map(db.select({ userId: eventJudges.userId, seat: eventJudges.seat }).from(eventJudges).where(eq(eventJudges.eventId, ctx.event.id)).all().map((j) => [j.userId, j.seat]));
	const sheetRows = open.length
		? db
				.select({ id: sheets.id, entryId: sheets.entryId, judgeId: sheets.judgeId, status: sheets.status })
				.from(sheets)
				.where(and(eq(sheets.stageId, stageId), inArray(sheets.entryId, open), inArray(sheets.status, ['submitted', 'locked'])))
				.all()
		: [];
	const frozen = db.select({ frozenAt: frozenBoards.frozenAt }).from(frozenBoards).where(eq(frozenBoards.stageId, stageId)).get();
	const versions = db.select().from(resultVersions).where(eq(resultVersions.stageId, stageId)).orderBy(desc(resultVersions.version)).all();
	return {
		competition: { id: ctx.competition.id, title: ctx.competition.title },
		event: { id: ctx.event.id, name: ctx.event.name, awardRule: ctx.event.awardRule },
		stage: ctx.stage,
		last,
		may: {
			publish: can(actor, 'result.publish', target),
			correct: can(actor, 'result.correct', target),
			rule: can(actor, 'appeal.rule', target),
			freeze: can(actor, 'board.freeze', target)
		},
		latest,
		shown,
		versions,
		appeals: list.map((a) => ({
			...a,
			sheets: sheetRows.filter((s) => s.entryId === a.entryId).map((s) => ({ id: s.id, seat: seats.get(s.judgeId) ?? 0 })).sort((x, y) => x.seat - y.seat)
		})),
		frozenAt: frozen?.frozenAt ?? null,
		awards: last && can(actor, 'competition.read', { unitPath: ctx.organiserPath }) ? eventAwards(db, actor, ctx.event.id) : []
	};
}
