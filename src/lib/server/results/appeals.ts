import { and, desc, eq, inArray } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { appeals, entries, entryMembers, events, resultRows, resultVersions, sheets, stages, units, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can } from '../auth/policy';
import { writeAudit } from '../audit';
import { excerpt, notify } from '../notifications';
import { NotFoundError, RuleError } from '../errors';
import { appealRefusal } from '$lib/domain/results';
import { loadStage, seatOf } from '../competitions/context';
import { assertNextNotStarted, reopenInTx } from '../judging/sheets';
import { sniffType } from '../files';

export const APPEAL_MAX_BYTES = 5 * 1024 * 1024;
export const APPEAL_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const APPEAL_REASON_MAX = 2000;

export interface AppealInput {
	reason: string;
	attachment?: { name: string; type: string; bytes: Uint8Array } | null;
}

/** An entry's own people may appeal, and officers over its enterprise: checked here. */
function authorizeAppeal(db: DB, actor: Actor | null, entryId: number): asserts actor is Actor {
	const entry = db.select({ entry: entries, employerPath: units.path }).from(entries).innerJoin(units, eq(units.id, entries.employerId)).where(eq(entries.id, entryId)).get();
	if (!entry) throw new NotFoundError('entry');
	const members = db.select({ userId: users.id }).from(entryMembers).innerJoin(users, eq(users.workerId, entryMembers.workerId)).where(eq(entryMembers.entryId, entryId)).all();
	const own = !!actor && members.some((r) => r.userId === actor.userId);
	authorize(actor, 'appeal.file', { userId: own ? actor!.userId : undefined, unitPath: entry.employerPath });
}

/**
 * 申诉: an entrant, or an officer over the entrant's enterprise, objects in writing to
 * one result of a notice while it runs. One appeal per entry and notice.
 */
export function fileAppeal(db: DB, actor: Actor | null, versionId: number, entryId: number, input: AppealInput, now = new Date()) {
	const version = db.select().from(resultVersions).where(eq(resultVersions.id, versionId)).get();
	if (!version) throw new NotFoundError('results');
	authorizeAppeal(db, actor, entryId);
	const ctx = loadStage(db, version.stageId);
	const refusal = appealRefusal(version.status, version, now);
	if (refusal) throw new RuleError({ _: { not_notice: m.err_appeal_not_notice, not_started: m.err_appeal_not_started, closed: m.err_appeal_closed }[refusal]() });
	if (!db.select().from(resultRows).where(and(eq(resultRows.versionId, versionId), eq(resultRows.entryId, entryId))).get()) throw new RuleError({ _: m.err_appeal_entry_not_listed() });
	const reason = input.reason.trim();
	const errors: Record<string, string> = {};
	if (!reason) errors.reason = m.err_required();
	else if (reason.length > APPEAL_REASON_MAX) errors.reason = m.err_too_long({ max: APPEAL_REASON_MAX });
	// the type is read from the content: a renamed script is not a PDF
	const file = input.attachment ? { ...input.attachment, type: sniffType(input.attachment.bytes) ?? 'unknown' } : null;
	if (file && file.bytes.length > APPEAL_MAX_BYTES) errors.attachment = m.err_attachment_too_big();
	else if (file && !(APPEAL_TYPES as readonly string[]).includes(file.type)) errors.attachment = m.err_attachment_type();
	if (Object.keys(errors).length) throw new RuleError(errors);
	if (db.select().from(appeals).where(and(eq(appeals.versionId, versionId), eq(appeals.entryId, entryId))).get()) throw new RuleError({ _: m.err_appeal_duplicate() });
	return db.transaction((tx) => {
		const appeal = tx
			.insert(appeals)
			.values({
				versionId,
				entryId,
				filedBy: actor.userId,
				reason,
				attachmentName: file?.name.slice(0, 200) ?? null,
				attachmentType: file?.type ?? null,
				attachment: file ? Buffer.from(file.bytes) : null,
				filedAt: now
			})
			.returning({ id: appeals.id })
			.get();
		writeAudit(tx, actor, {
			action: 'appeal.file',
			entityType: 'appeal',
			entityId: appeal.id,
			unitPath: ctx.organiserPath,
			after: { versionId, entryId, reason, attachment: file ? { name: file.name, bytes: file.bytes.length, sha256: encodeHexLowerCase(sha256(file.bytes)) } : null }
		});
		return { id: appeal.id };
	});
}

/** The appellant's page of an appeal: the result appealed against, the appeal's state and ruling. */
export const appealLink = (versionId: number, entryId: number) => `/appeals/new?version=${versionId}&entry=${entryId}`;

export interface RulingInput {
	decision: 'upheld' | 'dismissed';
	ruling: string;
	/** the sheets an upheld appeal reopens; every counted sheet of the entry when empty */
	sheetIds: number[];
}

/**
 * The chief judge (or the organiser's arbitration officers) rules with a written
 * reason. Upholding reopens the affected sheets; the judges re-mark, and when the
 * chief judge locks the stage again the notice shows the new results together.
 */
export function ruleAppeal(db: DB, actor: Actor | null, appealId: number, input: RulingInput) {
	const appeal = db.select().from(appeals).where(eq(appeals.id, appealId)).get();
	if (!appeal) throw new NotFoundError('appeal');
	const version = db.select().from(resultVersions).where(eq(resultVersions.id, appeal.versionId)).get()!;
	const ctx = loadStage(db, version.stageId);
	authorize(actor, 'appeal.rule', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (appeal.status !== 'open') throw new RuleError({ _: m.err_appeal_ruled() });
	if (version.status !== 'notice') throw new RuleError({ _: m.err_appeal_not_notice() });
	const ruling = input.ruling.trim();
	if (!ruling) throw new RuleError({ ruling: m.err_required() });
	if (ruling.length > APPEAL_REASON_MAX) throw new RuleError({ ruling: m.err_too_long({ max: APPEAL_REASON_MAX }) });
	let reopen: (typeof sheets.$inferSelect)[] = [];
	if (input.decision === 'upheld') {
		const counted = db
			.select()
			.from(sheets)
			.where(and(eq(sheets.stageId, ctx.stage.id), eq(sheets.entryId, appeal.entryId), inArray(sheets.status, ['submitted', 'locked'])))
			.all();
		reopen = input.sheetIds.length ? counted.filter((s) => input.sheetIds.includes(s.id)) : counted;
		if (reopen.length !== (input.sheetIds.length || counted.length) || reopen.length === 0) throw new RuleError({ sheetIds: m.err_appeal_sheets() });
		assertNextNotStarted(db, ctx);
	}
	return db.transaction((tx) => {
		const now = new Date();
		if (reopen.length) reopenInTx(tx, actor, ctx, reopen, { reason: ruling, appealId });
		tx.update(appeals)
			.set({ status: input.decision, ruling, ruledBy: actor.userId, ruledAt: now, reopened: reopen.map((s) => s.id) })
			.where(eq(appeals.id, appealId))
			.run();
		writeAudit(tx, actor, {
			action: 'appeal.rule',
			entityType: 'appeal',
			entityId: appealId,
			unitPath: ctx.organiserPath,
			before: { status: 'open' },
			after: { status: input.decision, ruling, reopened: reopen.map((s) => s.id) }
		});
		const code = tx.select({ code: entries.code }).from(entries).where(eq(entries.id, appeal.entryId)).get()?.code ?? '';
		notify(
			tx,
			appeal.filedBy === actor.userId ? [] : [appeal.filedBy],
			{
				kind: 'appeal_ruled',
				params: { event: ctx.event.name, stage: ctx.stage.name, code, decision: input.decision, ruling: excerpt(ruling) },
				link: appealLink(appeal.versionId, appeal.entryId)
			},
			now
		);
		return { reopened: reopen.length };
	});
}

/** An appeal's attachment, for the one who filed it and those who rule on it. */
export function appealAttachment(db: DB, actor: Actor | null, appealId: number) {
	const appeal = db.select().from(appeals).where(eq(appeals.id, appealId)).get();
	if (!appeal) throw new NotFoundError('appeal');
	const version = db.select().from(resultVersions).where(eq(resultVersions.id, appeal.versionId)).get()!;
	const ctx = loadStage(db, version.stageId);
	if (!(actor && actor.userId === appeal.filedBy)) authorize(actor, 'appeal.rule', { unitPath: ctx.organiserPath, judge: seatOf(db, actor, ctx.event.id) });
	if (!appeal.attachment) throw new NotFoundError('attachment');
	return { name: appeal.attachmentName ?? 'attachment', type: appeal.attachmentType ?? 'application/octet-stream', bytes: appeal.attachment };
}

/** An account's own published results (under notice or final), newest first. */
export function myResults(db: DB, actor: Actor | null) {
	authorize(actor, 'entry.register');
	const mine = db
		.select({ entryId: entryMembers.entryId })
		.from(entryMembers)
		.where(eq(entryMembers.workerId, actor.workerId))
		.all()
		.map((r) => r.entryId);
	if (mine.length === 0) return [];
	return db
		.select({
			versionId: resultVersions.id,
			stageId: resultVersions.stageId,
			stage: stages.name,
			event: events.name,
			status: resultVersions.status,
			noticeEndsAt: resultVersions.noticeEndsAt,
			entryId: resultRows.entryId,
			rank: resultRows.rank,
			total: resultRows.total,
			awardName: resultRows.awardName,
			excellent: resultRows.excellent
		})
		.from(resultRows)
		.innerJoin(resultVersions, eq(resultVersions.id, resultRows.versionId))
		.innerJoin(stages, eq(stages.id, resultVersions.stageId))
		.innerJoin(events, eq(events.id, stages.eventId))
		.where(and(inArray(resultRows.entryId, mine), inArray(resultVersions.status, ['notice', 'final'])))
		.orderBy(desc(resultVersions.publishedAt))
		.all();
}


/**
 * The entries of a notice this account may appeal for now: its own, or those of the
 * enterprises it is an officer over, while the notice runs and none was appealed.
 */
export function appealableEntries(db: DB, actor: Actor | null, versionId: number, now = new Date()): number[] {
	if (!actor) return [];
	const version = db.select().from(resultVersions).where(eq(resultVersions.id, versionId)).get();
	if (!version || appealRefusal(version.status, version, now)) return [];
	const rows = db
		.select({ entryId: resultRows.entryId, employerPath: units.path })
		.from(resultRows)
		.innerJoin(entries, eq(entries.id, resultRows.entryId))
		.innerJoin(units, eq(units.id, entries.employerId))
		.where(eq(resultRows.versionId, versionId))
		.all();
	const mine = new Set(db.select({ entryId: entryMembers.entryId }).from(entryMembers).where(eq(entryMembers.workerId, actor.workerId)).all().map((r) => r.entryId));
	const taken = new Set(db.select({ entryId: appeals.entryId }).from(appeals).where(eq(appeals.versionId, versionId)).all().map((r) => r.entryId));
	return rows
		.filter((r) => !taken.has(r.entryId) && can(actor, 'appeal.file', { userId: mine.has(r.entryId) ? actor.userId : undefined, unitPath: r.employerPath }))
		.map((r) => r.entryId);
}

/** What the appeal form shows: the result appealed against and the notice's end. */
export function appealForm(db: DB, actor: Actor | null, versionId: number, entryId: number) {
	const version = db.select().from(resultVersions).where(eq(resultVersions.id, versionId)).get();
	if (!version) throw new NotFoundError('results');
	authorizeAppeal(db, actor, entryId);
	const entry = db.select({ code: entries.code }).from(entries).where(eq(entries.id, entryId)).get()!;
	const row = db.select().from(resultRows).where(and(eq(resultRows.versionId, versionId), eq(resultRows.entryId, entryId))).get();
	if (!row) throw new NotFoundError('results');
	const ctx = loadStage(db, version.stageId);
	const refusal = appealRefusal(version.status, version, new Date());
	return {
		version: { id: version.id, noticeEndsAt: version.noticeEndsAt },
		competition: ctx.competition.title,
		event: ctx.event.name,
		stage: { id: ctx.stage.id, name: ctx.stage.name },
		entry: { id: entryId, code: entry.code, rank: row.rank, total: row.total },
		refusal: refusal ? { not_notice: m.err_appeal_not_notice, not_started: m.err_appeal_not_started, closed: m.err_appeal_closed }[refusal]() : null,
		filed: db.select({ id: appeals.id, status: appeals.status, ruling: appeals.ruling }).from(appeals).where(and(eq(appeals.versionId, versionId), eq(appeals.entryId, entryId))).get() ?? null
	};
}
