import { and, eq, isNull } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { honours, studioEvents, studioMembers, studioReviewers, studios, studioSettings, units, workers, type Studio } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, type Action } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import { m } from '$lib/paraglide/messages';
import { DEFAULT_LEADER_HONOURS, STUDIO_TYPES, type HonourKind, type StudioLevel, type StudioStatus, type StudioType } from '$lib/domain/studios';

export function studioSettingsOf(db: DB | Tx) {
	const row = db.select().from(studioSettings).where(eq(studioSettings.id, 1)).get();
	return { leaderHonours: row?.leaderHonours ?? DEFAULT_LEADER_HONOURS };
}

export interface StudioContext {
	s: Studio;
	unitPath: string;
	unitName: string;
}

export function loadStudio(db: DB | Tx, id: number): StudioContext {
	const s = db.select().from(studios).where(eq(studios.id, id)).get();
	if (!s) throw new NotFoundError('studio');
	const unit = db.select({ path: units.path, name: units.name }).from(units).where(eq(units.id, s.unitId)).get()!;
	return { s, unitPath: unit.path, unitName: unit.name };
}

/** A worker with the path of their unit: what honours and profiles are authorised against. */
export function workerWithPath(db: DB | Tx, workerId: number) {
	const row = db.select({ worker: workers, path: units.path }).from(workers).innerJoin(units, eq(units.id, workers.unitId)).where(eq(workers.id, workerId)).get();
	if (!row) throw new NotFoundError('worker');
	return row;
}

/** The honour kinds a worker holds now (revoked ones do not count). */
export function heldHonours(db: DB | Tx, workerId: number): HonourKind[] {
	return db
		.select({ kind: honours.kind })
		.from(honours)
		.where(and(eq(honours.workerId, workerId), isNull(honours.revokedAt)))
		.all()
		.map((h) => h.kind);
}

/** The leader, a member or an appointed reviewer of the studio: they read what the public does not. */
export function isStudioParty(db: DB | Tx, actor: Actor | null, studioId: number): boolean {
	if (!actor) return false;
	const s = db.select({ leader: studios.leaderWorkerId }).from(studios).where(eq(studios.id, studioId)).get();
	if (!s) return false;
	if (s.leader === actor.workerId) return true;
	if (db.select().from(studioMembers).where(and(eq(studioMembers.studioId, studioId), eq(studioMembers.workerId, actor.workerId))).get()) return true;
	return !!db.select().from(studioReviewers).where(and(eq(studioReviewers.studioId, studioId), eq(studioReviewers.reviewerId, actor.userId))).get();
}

/** What the policy is asked about a studio: its host unit, and for the party rules whether the actor is one of its people. */
const studioTarget = (db: DB | Tx, actor: Actor | null, ctx: StudioContext, action: Action) => ({
	unitPath: ctx.unitPath,
	party: action === 'studio.read' || action === 'studio.review' ? isStudioParty(db, actor, ctx.s.id) : undefined
});

export function authorizeStudio(db: DB | Tx, actor: Actor | null, ctx: StudioContext, action: Action): asserts actor is Actor {
	authorize(actor, action, studioTarget(db, actor, ctx, action));
}

/**
 * The highest unit this actor acts for over a unit: the federation itself for an
 * admin, else the highest of their officer scopes that covers it. Its type decides
 * the levels they may designate at.
 */
export function actingUnitType(db: DB | Tx, actor: Actor, unitPath: string): string | null {
	if (actor.roles.includes('admin')) return 'federation';
	const covering = actor.officerScopes.filter((s) => unitPath.startsWith(s.path)).sort((a, b) => a.path.length - b.path.length)[0];
	if (!covering) return null;
	return db.select({ type: units.type }).from(units).where(eq(units.id, covering.unitId)).get()?.type ?? null;
}

export const studioLink = (id: number) => `/officer/studios/${id}`;

/** Writes a studio's history line and its audit row; call inside the transaction. */
export function recordStudioEvent(
	tx: Tx,
	actor: Actor,
	ctx: StudioContext,
	e: { action: string; to?: StudioStatus; level?: StudioLevel | null; note?: string | null; data?: Record<string, unknown>; set?: Partial<typeof studios.$inferInsert> },
	now = new Date()
) {
	const from = ctx.s.status;
	const to = e.to ?? from;
	tx.update(studios)
		.set({ ...e.set, ...(to !== from ? { status: to } : {}), updatedAt: now })
		.where(eq(studios.id, ctx.s.id))
		.run();
	tx.insert(studioEvents)
		.values({ studioId: ctx.s.id, at: now, actorUserId: actor.userId, actorName: actor.name, action: e.action, fromStatus: from, toStatus: to, level: e.level ?? null, note: e.note ?? null, data: e.data ?? null })
		.run();
	writeAudit(tx, actor, {
		action: `studio.${e.action}`,
		entityType: 'studio',
		entityId: ctx.s.id,
		unitPath: ctx.unitPath,
		before: to !== from ? { status: from, level: ctx.s.level } : undefined,
		after: { status: to, ...(e.level ? { level: e.level } : {}), ...(e.note ? { note: e.note } : {}), ...e.data }
	});
}

export const mayOnStudio = (db: DB | Tx, actor: Actor | null, ctx: StudioContext, action: Action) => can(actor, action, studioTarget(db, actor, ctx, action));


/** The admin sets which honours qualify a studio's leader, per type. */
export function setLeaderHonours(db: DB, actor: Actor | null, leaderHonours: Record<StudioType, HonourKind[]>, now = new Date()) {
	authorize(actor, 'studio.settings');
	for (const t of STUDIO_TYPES) if (!leaderHonours[t]?.length) throw new RuleError({ [`leader_${t}`]: m.err_pick_one() });
	const before = studioSettingsOf(db).leaderHonours;
	db.transaction((tx) => {
		const row = { leaderHonours, updatedAt: now, updatedBy: actor.userId };
		tx.insert(studioSettings).values({ id: 1, ...row }).onConflictDoUpdate({ target: studioSettings.id, set: row }).run();
		writeAudit(tx, actor, { action: 'studio.settings', entityType: 'studio_settings', entityId: 1, before, after: leaderHonours });
	});
}
