import { and, count, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { appeals, resultVersions } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import { finaliseRefusal, noticeProblem } from '$lib/domain/results';
import { loadStage } from '../competitions/context';
import { computeResultRows, hashRows, latestVersion, writeRows } from './rows';
import { settleAwards } from './awards';

export interface PublishInput {
	noticeStartsAt: Date;
	noticeEndsAt: Date;
	showNames: boolean;
}

/** A version of results with its stage, event and competition (what policy checks use). */
function loadVersion(db: DB, versionId: number) {
	const version = db.select().from(resultVersions).where(eq(resultVersions.id, versionId)).get();
	if (!version) throw new NotFoundError('results');
	return { version, ...loadStage(db, version.stageId) };
}

/**
 * 公示: publishes a locked stage's results, computed from raw marks, with a notice
 * period during which entrants and their unit officers may appeal.
 */
export function publishResults(db: DB, actor: Actor | null, stageId: number, input: PublishInput) {
	const ctx = loadStage(db, stageId);
	authorize(actor, 'result.publish', { unitPath: ctx.organiserPath });
	if (ctx.stage.status !== 'locked') throw new RuleError({ _: m.err_results_stage_not_locked() });
	const latest = latestVersion(db, stageId);
	if (latest) throw new RuleError({ _: latest.status === 'notice' ? m.err_results_already_notice() : m.err_results_use_correction() });
	if (noticeProblem(input.noticeStartsAt, input.noticeEndsAt)) throw new RuleError({ noticeEndsAt: m.err_notice_order() });
	return db.transaction((tx) => {
		const rows = computeResultRows(tx, ctx.stage);
		const rowsHash = hashRows(rows);
		const now = new Date();
		const version = tx
			.insert(resultVersions)
			.values({ stageId, version: 1, status: 'notice', ...input, rowsHash, publishedAt: now, publishedBy: actor.userId, createdAt: now })
			.returning()
			.get();
		writeRows(tx, version.id, rows);
		writeAudit(tx, actor, {
			action: 'result.publish',
			entityType: 'result',
			entityId: version.id,
			unitPath: ctx.organiserPath,
			after: { stageId, version: 1, noticeStartsAt: input.noticeStartsAt.toISOString(), noticeEndsAt: input.noticeEndsAt.toISOString(), showNames: input.showNames, rowsHash, entries: rows.length }
		});
		return { versionId: version.id, entries: rows.length };
	});
}

/**
 * Changes a notice's period (or whether names show). Once it has started, its start
 * is fixed and its end can only move later: nobody is cut off from appealing.
 */
export function updateNotice(db: DB, actor: Actor | null, versionId: number, input: PublishInput, now = new Date()) {
	const ctx = loadVersion(db, versionId);
	authorize(actor, 'result.publish', { unitPath: ctx.organiserPath });
	if (ctx.version.status !== 'notice') throw new RuleError({ _: m.err_results_not_notice() });
	if (noticeProblem(input.noticeStartsAt, input.noticeEndsAt)) throw new RuleError({ noticeEndsAt: m.err_notice_order() });
	const { noticeStartsAt: start, noticeEndsAt: end } = ctx.version;
	if (start && start <= now && (input.noticeStartsAt.getTime() !== start.getTime() || (end && input.noticeEndsAt < end)))
		throw new RuleError({ [input.noticeStartsAt.getTime() !== start.getTime() ? 'noticeStartsAt' : 'noticeEndsAt']: m.err_notice_shorten() });
	return db.transaction((tx) => {
		tx.update(resultVersions).set(input).where(eq(resultVersions.id, versionId)).run();
		writeAudit(tx, actor, {
			action: 'result.notice',
			entityType: 'result',
			entityId: versionId,
			unitPath: ctx.organiserPath,
			before: { noticeStartsAt: ctx.version.noticeStartsAt?.toISOString(), noticeEndsAt: ctx.version.noticeEndsAt?.toISOString(), showNames: ctx.version.showNames },
			after: { noticeStartsAt: input.noticeStartsAt.toISOString(), noticeEndsAt: input.noticeEndsAt.toISOString(), showNames: input.showNames }
		});
	});
}

/**
 * 终审: once the notice has ended with every appeal ruled and the stage locked, the
 * results become final; an event's last stage issues its awards and honours.
 */
export function finaliseResults(db: DB, actor: Actor | null, versionId: number, now = new Date()) {
	const ctx = loadVersion(db, versionId);
	authorize(actor, 'result.publish', { unitPath: ctx.organiserPath });
	const open = db.select({ n: count() }).from(appeals).where(and(eq(appeals.versionId, versionId), eq(appeals.status, 'open'))).get()!.n;
	const refusal = finaliseRefusal(ctx.version.status, ctx.version, now, open, ctx.stage.status === 'locked');
	if (refusal)
		throw new RuleError({
			_: { not_notice: m.err_results_not_notice, notice_running: m.err_finalise_notice_running, open_appeals: m.err_finalise_open_appeals, stage_reopened: m.err_finalise_stage_reopened }[refusal]()
		});
	return db.transaction((tx) => {
		const rows = computeResultRows(tx, ctx.stage);
		const rowsHash = hashRows(rows);
		writeRows(tx, versionId, rows);
		tx.update(resultVersions).set({ status: 'final', rowsHash, finalisedAt: new Date(), finalisedBy: actor.userId }).where(eq(resultVersions.id, versionId)).run();
		const settled = settleAwards(tx, { eventId: ctx.event.id, stageId: ctx.stage.id, versionId, rows, reason: null });
		writeAudit(tx, actor, {
			action: 'result.finalise',
			entityType: 'result',
			entityId: versionId,
			unitPath: ctx.organiserPath,
			after: { stageId: ctx.stage.id, version: ctx.version.version, rowsHash, awards: settled.issued.map((a) => ({ entryId: a.entryId, name: a.name, code: a.code })) }
		});
		return { awards: settled.issued.length };
	});
}

/**
 * Opens a correction of final results: a new version, not yet public, with the reason
 * it will show. While it is open the chief judge may reopen the stage's sheets.
 */
export function openCorrection(db: DB, actor: Actor | null, versionId: number, reason: string) {
	const ctx = loadVersion(db, versionId);
	authorize(actor, 'result.correct', { unitPath: ctx.organiserPath });
	if (ctx.version.status !== 'final' || latestVersion(db, ctx.stage.id)!.id !== versionId) throw new RuleError({ _: m.err_correction_needs_final() });
	if (!reason.trim()) throw new RuleError({ reason: m.err_required() });
	return db.transaction((tx) => {
		const created = tx
			.insert(resultVersions)
			.values({ stageId: ctx.stage.id, version: ctx.version.version + 1, status: 'correction', showNames: true, reason: reason.trim(), createdAt: new Date() })
			.returning()
			.get();
		writeAudit(tx, actor, { action: 'result.correction', entityType: 'result', entityId: created.id, unitPath: ctx.organiserPath, after: { stageId: ctx.stage.id, version: created.version, reason: reason.trim() } });
		return { versionId: created.id };
	});
}

/**
 * Publishes a correction: final at once, with its reason public; the version it
 * replaces is kept as superseded, and awards that changed are revoked and re-issued.
 */
export function publishCorrection(db: DB, actor: Actor | null, versionId: number) {
	const ctx = loadVersion(db, versionId);
	authorize(actor, 'result.correct', { unitPath: ctx.organiserPath });
	if (ctx.version.status !== 'correction') throw new RuleError({ _: m.err_correction_not_open() });
	if (ctx.stage.status !== 'locked') throw new RuleError({ _: m.err_finalise_stage_reopened() });
	return db.transaction((tx) => {
		const rows = computeResultRows(tx, ctx.stage);
		const rowsHash = hashRows(rows);
		const now = new Date();
		writeRows(tx, versionId, rows);
		tx.update(resultVersions).set({ status: 'superseded' }).where(and(eq(resultVersions.stageId, ctx.stage.id), eq(resultVersions.status, 'final'))).run();
		tx.update(resultVersions)
			.set({ status: 'final', rowsHash, publishedAt: now, publishedBy: actor.userId, finalisedAt: now, finalisedBy: actor.userId })
			.where(eq(resultVersions.id, versionId))
			.run();
		const settled = settleAwards(tx, { eventId: ctx.event.id, stageId: ctx.stage.id, versionId, rows, reason: ctx.version.reason });
		writeAudit(tx, actor, {
			action: 'result.correct',
			entityType: 'result',
			entityId: versionId,
			unitPath: ctx.organiserPath,
			after: { stageId: ctx.stage.id, version: ctx.version.version, reason: ctx.version.reason, rowsHash, issued: settled.issued.map((a) => ({ entryId: a.entryId, name: a.name, code: a.code })), revoked: settled.revoked }
		});
		return settled;
	});
}
