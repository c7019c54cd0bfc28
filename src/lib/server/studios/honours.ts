import { and, desc, eq, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { honours, unitHonours, units } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import type { HonourKind, UnitHonourKind } from '$lib/domain/studios';
import { workerWithPath } from './context';

export interface HonourInput {
	kind: HonourKind;
	title: string;
	/** YYYY or YYYY-MM-DD: many honours are known by their year only */
	conferredOn: string;
	body: string;
	citation: string;
}

/** An officer over the worker records an honour they hold (劳模, 五一劳动奖章, 工匠 …). */
export function recordHonour(db: DB, actor: Actor | null, workerId: number, input: HonourInput) {
	const { worker, path } = workerWithPath(db, workerId);
	authorize(actor, 'honour.record', { unitPath: path });
	const duplicate = db
		.select({ id: honours.id })
		.from(honours)
		.where(and(eq(honours.workerId, workerId), eq(honours.kind, input.kind), eq(honours.title, input.title), eq(honours.conferredOn, input.conferredOn), isNull(honours.revokedAt)))
		.get();
	if (duplicate) throw new RuleError({ title: m.err_honour_duplicate() });
	return db.transaction((tx) => {
		const row = tx
			.insert(honours)
			.values({ workerId, kind: input.kind, title: input.title, conferredOn: input.conferredOn, body: input.body, citation: input.citation, recordedBy: actor.userId })
			.returning({ id: honours.id })
			.get();
		writeAudit(tx, actor, { action: 'honour.record', entityType: 'worker', entityId: worker.id, unitPath: path, after: { honourId: row.id, ...input } });
		return row;
	});
}

/** Revokes an honour with a reason; the record stays, marked. */
export function revokeHonour(db: DB, actor: Actor | null, honourId: number, reason: string, now = new Date()) {
	const h = db.select().from(honours).where(eq(honours.id, honourId)).get();
	if (!h) throw new NotFoundError('honour');
	const { path } = workerWithPath(db, h.workerId);
	authorize(actor, 'honour.revoke', { unitPath: path });
	if (h.revokedAt) throw new RuleError({ _: m.err_honour_revoked() });
	if (h.awardId) throw new RuleError({ _: m.err_honour_from_award() });
	if (!reason.trim()) throw new RuleError({ reason: m.err_reason_missing() });
	db.transaction((tx) => {
		tx.update(honours).set({ revokedAt: now, revokedReason: reason.trim() }).where(eq(honours.id, honourId)).run();
		writeAudit(tx, actor, { action: 'honour.revoke', entityType: 'worker', entityId: h.workerId, unitPath: path, before: { honourId, title: h.title }, after: { reason: reason.trim() } });
	});
}

export function honoursOf(db: DB, workerId: number, withRevoked = false) {
	return db
		.select()
		.from(honours)
		.where(and(eq(honours.workerId, workerId), withRevoked ? undefined : isNull(honours.revokedAt)))
		.orderBy(desc(honours.conferredOn), desc(honours.id))
		.all();
}

export interface UnitHonourInput {
	kind: UnitHonourKind;
	title: string;
	year: number;
	body: string;
	citation: string;
}

/** 工人先锋号, 安康杯 …: an honour of a unit or team, recorded by an officer over it. */
export function recordUnitHonour(db: DB, actor: Actor | null, unitId: number, input: UnitHonourInput, now = new Date()) {
	const unit = db.select().from(units).where(eq(units.id, unitId)).get();
	if (!unit) throw new NotFoundError('unit');
	authorize(actor, 'honour.record', { unitPath: unit.path });
	return db.transaction((tx) => {
		const row = tx.insert(unitHonours).values({ unitId, ...input, recordedBy: actor.userId, createdAt: now }).returning({ id: unitHonours.id }).get();
		writeAudit(tx, actor, { action: 'honour.record', entityType: 'unit', entityId: unitId, unitPath: unit.path, after: { unitHonourId: row.id, ...input } });
		return row;
	});
}

export function unitHonoursOf(db: DB, unitId: number) {
	return db
		.select()
		.from(unitHonours)
		.where(and(eq(unitHonours.unitId, unitId), isNull(unitHonours.revokedAt)))
		.orderBy(desc(unitHonours.year))
		.all();
}
