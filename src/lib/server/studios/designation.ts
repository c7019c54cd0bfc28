import { and, eq, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { studios } from '../db/schema';
import type { Actor } from '../auth/actor';
import { RuleError } from '../errors';
import { studioLevelLabel } from '$lib/labels';
import { STUDIO_STEPS, levelRank, mayDesignate, mayReassess, nextReassessment, studioStepRefusal, studioStepsFrom, type StudioAction, type StudioLevel } from '$lib/domain/studios';
import { actingUnitType, authorizeStudio, loadStudio, recordStudioEvent } from './context';
import { today } from '../competitions/context';

export interface StudioStepInput {
	action: StudioAction;
	note?: string;
	/** designate, upgrade: the level */
	level?: StudioLevel;
	/** designate, upgrade: the certificate's number and date */
	certificateNo?: string;
	designatedOn?: string;
	/** a provincial or national designation recorded from elsewhere: the designating body and document */
	designatedBy?: string;
}

/**
 * One step of a studio's designation (命名) or reassessment (复评) by an officer over
 * its host unit. A union designates only up to its own authority (an enterprise union
 * its enterprise level, the city federation the city level); a provincial or national
 * designation is recorded by the federation with the body and document that made it.
 */
export function takeStudioStep(db: DB, actor: Actor | null, studioId: number, input: StudioStepInput, now = new Date()) {
	const ctx = loadStudio(db, studioId);
	authorizeStudio(db, actor, ctx, 'studio.designate');
	if (studioStepRefusal(ctx.s.status, input.action)) throw new RuleError({ _: m.err_studio_step_state() });
	const note = (input.note ?? '').trim() || null;
	if (STUDIO_STEPS[input.action].reason && !note) throw new RuleError({ note: m.err_reason_missing() });
	const day = today(now);
	const to = STUDIO_STEPS[input.action].to;

	if (input.action === 'designate' || input.action === 'upgrade') {
		const level = input.level;
		if (!level) throw new RuleError({ level: m.err_choice() });
		if (input.action === 'upgrade' && levelRank(level) <= levelRank(ctx.s.level)) throw new RuleError({ level: m.err_upgrade_higher() });
		const unitType = actingUnitType(db, actor, ctx.unitPath);
		const recorded = levelRank(level) > levelRank('city');
		if (recorded) {
			// made elsewhere: only the federation records it, with who made it
			if (unitType !== 'federation') throw new RuleError({ level: m.err_designate_authority({ level: studioLevelLabel(level) }) });
			if (!(input.designatedBy ?? '').trim()) throw new RuleError({ designatedBy: m.err_designate_body() });
		} else if (!unitType || !mayDesignate(unitType, level)) {
			throw new RuleError({ level: m.err_designate_authority({ level: studioLevelLabel(level) }) });
		}
		const certificateNo = (input.certificateNo ?? '').trim();
		if (!certificateNo) throw new RuleError({ certificateNo: m.err_required() });
		if (db.select({ id: studios.id }).from(studios).where(and(eq(studios.certificateNo, certificateNo), ne(studios.id, studioId))).get()) {
			throw new RuleError({ certificateNo: m.err_certificate_taken() });
		}
		const designatedOn = input.designatedOn || day;
		if (designatedOn > day) throw new RuleError({ designatedOn: m.err_date() });
		return db.transaction((tx) =>
			recordStudioEvent(
				tx,
				actor,
				ctx,
				{
					action: input.action,
					to,
					level,
					note,
					set: { level, certificateNo, designatedOn, designatedBy: recorded ? input.designatedBy!.trim() : null, nextReassessOn: nextReassessment(designatedOn) },
					data: { certificateNo, designatedOn, ...(recorded ? { designatedBy: input.designatedBy!.trim() } : {}) }
				},
				now
			)
		);
	}

	// a reassessment's outcome, a review's start, a rejection: same level, a new date to look again
	if (input.action !== 'review' && input.action !== 'reject') {
		// reassessing or sanctioning at a level above one's authority is not one's business either
		const unitType = actingUnitType(db, actor, ctx.unitPath);
		if (!unitType || !mayReassess(unitType, ctx.s.level)) throw new RuleError({ _: m.err_designate_authority({ level: studioLevelLabel(ctx.s.level) }) });
	}
	const set = input.action === 'keep' ? { nextReassessOn: nextReassessment(day) } : {};
	return db.transaction((tx) => recordStudioEvent(tx, actor, ctx, { action: input.action, to, note, set }, now));
}

/** The steps this actor may take on a studio now: the state allows them and the level is within their authority. */
export function studioStepsFor(db: DB, actor: Actor | null, studioId: number): StudioAction[] {
	if (!actor) return [];
	const ctx = loadStudio(db, studioId);
	const unitType = actingUnitType(db, actor, ctx.unitPath);
	if (!unitType) return [];
	return studioStepsFrom(ctx.s.status).filter((a) => {
		if (a === 'upgrade') return unitType === 'federation';
		if (a === 'keep' || a === 'warn' || a === 'revoke') return mayReassess(unitType, ctx.s.level);
		return true;
	});
}
