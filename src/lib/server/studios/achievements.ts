import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { proposals, studioAchievements, units } from '../db/schema';
import type { Actor } from '../auth/actor';
import { NotFoundError, RuleError } from '../errors';
import { ADOPTED_STATUSES } from '$lib/domain/proposals';
import { achievementQuantity, type AchievementKind, type PatentType } from '$lib/domain/studios';
import { authorizeStudio, loadStudio, recordStudioEvent } from './context';
import { today } from '../competitions/context';

export interface AchievementInput {
	kind: AchievementKind;
	title: string;
	on: string;
	number?: string;
	patentType?: PatentType | null;
	count?: number | null;
	benefitFen?: number | null;
	/** a proposal adopted in the studio's unit, by its serial */
	proposalSerial?: string;
	note?: string;
}

/**
 * Logs what a studio achieved, for its page and the yearly assessment. An officer
 * over the host unit records it, and so vouches for it: a patent with its number and
 * type, apprentices or training sessions with their count, a benefit with its amount,
 * an adopted proposal of the studio's unit by its serial.
 */
export function logAchievement(db: DB, actor: Actor | null, studioId: number, input: AchievementInput, now = new Date()) {
	const ctx = loadStudio(db, studioId);
	authorizeStudio(db, actor, ctx, 'studio.manage');
	if (ctx.s.status === 'revoked' || ctx.s.status === 'rejected') throw new RuleError({ _: m.err_studio_step_state() });
	if (input.on > today(now)) throw new RuleError({ on: m.err_date() });
	const errors: Record<string, string> = {};
	let proposalId: number | null = null;
	if (input.kind === 'patent' && (!input.number?.trim() || !input.patentType)) errors.number = m.err_achievement_fields();
	if ((input.kind === 'apprentice' || input.kind === 'training') && !(input.count && input.count > 0)) errors.count = m.err_achievement_fields();
	if (input.kind === 'benefit' && !(input.benefitFen && input.benefitFen > 0)) errors.benefit = m.err_achievement_fields();
	if (input.kind === 'proposal') {
		const p = input.proposalSerial?.trim()
			? db
					.select({ id: proposals.id, status: proposals.status, path: units.path })
					.from(proposals)
					.innerJoin(units, eq(units.id, proposals.unitId))
					.where(eq(proposals.serial, input.proposalSerial.trim()))
					.get()
			: undefined;
		if (!p || !ADOPTED_STATUSES.includes(p.status) || !p.path.startsWith(ctx.unitPath)) errors.proposalSerial = m.err_achievement_proposal();
		else if (db.select().from(studioAchievements).where(and(eq(studioAchievements.studioId, studioId), eq(studioAchievements.proposalId, p.id))).get()) errors.proposalSerial = m.err_achievement_twice();
		else proposalId = p.id;
	}
	if (Object.keys(errors).length) throw new RuleError(errors);
	return db.transaction((tx) => {
		const row = tx
			.insert(studioAchievements)
			.values({
				studioId,
				kind: input.kind,
				title: input.title,
				on: input.on,
				number: input.kind === 'patent' ? input.number!.trim() : null,
				patentType: input.kind === 'patent' ? input.patentType! : null,
				count: input.kind === 'apprentice' || input.kind === 'training' ? input.count! : null,
				benefitFen: input.kind === 'benefit' ? input.benefitFen! : null,
				proposalId,
				note: input.note ?? '',
				recordedBy: actor.userId,
				createdAt: now
			})
			.returning({ id: studioAchievements.id })
			.get();
		recordStudioEvent(tx, actor, ctx, { action: 'achievement', data: { id: row.id, kind: input.kind, title: input.title, on: input.on } }, now);
		return row;
	});
}

export function removeAchievement(db: DB, actor: Actor | null, studioId: number, achievementId: number, reason: string, now = new Date()) {
	const ctx = loadStudio(db, studioId);
	authorizeStudio(db, actor, ctx, 'studio.manage');
	const a = db.select().from(studioAchievements).where(and(eq(studioAchievements.id, achievementId), eq(studioAchievements.studioId, studioId))).get();
	if (!a) throw new NotFoundError('achievement');
	if (!reason.trim()) throw new RuleError({ reason: m.err_reason_missing() });
	db.transaction((tx) => {
		tx.delete(studioAchievements).where(eq(studioAchievements.id, achievementId)).run();
		recordStudioEvent(tx, actor, ctx, { action: 'achievement_remove', note: reason.trim(), data: { id: a.id, kind: a.kind, title: a.title, on: a.on } }, now);
	});
}

/** A studio's achievements, newest first; of one year when given. */
export function achievementsOf(db: DB | Tx, studioId: number, year?: number) {
	return db
		.select({
			id: studioAchievements.id,
			kind: studioAchievements.kind,
			title: studioAchievements.title,
			on: studioAchievements.on,
			number: studioAchievements.number,
			patentType: studioAchievements.patentType,
			count: studioAchievements.count,
			benefitFen: studioAchievements.benefitFen,
			proposalId: studioAchievements.proposalId,
			proposalSerial: proposals.serial,
			note: studioAchievements.note
		})
		.from(studioAchievements)
		.leftJoin(proposals, eq(proposals.id, studioAchievements.proposalId))
		.where(and(eq(studioAchievements.studioId, studioId), year ? gte(studioAchievements.on, `${year}-01-01`) : undefined, year ? lte(studioAchievements.on, `${year}-12-31`) : undefined))
		.orderBy(desc(studioAchievements.on), desc(studioAchievements.id))
		.all();
}

/** Quantities per achievement kind in a year, for many studios at once. */
export function yearQuantities(db: DB | Tx, studioIds: number[], year: number): Map<number, Partial<Record<AchievementKind, number>>> {
	const out = new Map<number, Partial<Record<AchievementKind, number>>>();
	if (studioIds.length === 0) return out;
	const rows = db
		.select({ studioId: studioAchievements.studioId, kind: studioAchievements.kind, count: studioAchievements.count, benefitFen: studioAchievements.benefitFen })
		.from(studioAchievements)
		.where(and(inArray(studioAchievements.studioId, studioIds), gte(studioAchievements.on, `${year}-01-01`), lte(studioAchievements.on, `${year}-12-31`)))
		.orderBy(asc(studioAchievements.studioId))
		.all();
	for (const r of rows) {
		const q = out.get(r.studioId) ?? {};
		q[r.kind] = (q[r.kind] ?? 0) + achievementQuantity(r);
		out.set(r.studioId, q);
	}
	return out;
}
