import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { activationCodes, units, userRoles } from '../db/schema';
import type { Actor } from '../auth/actor';
import { can } from '../auth/policy';
import { ForbiddenError } from '../errors';

/**
 * Resetting or stopping an account hands it over or takes it away: the officer
 * must be able to grant every role the account holds (an officer of a district
 * cannot take over the federation admin who sits in a team of that district).
 * Asked when a code is issued and again when it is used.
 */
export function mayManageAccounts(db: DB | Tx, actor: Actor | null, userIds: number[]): boolean {
	if (!actor) return false;
	if (userIds.length === 0) return true;
	const held = db
		.select({ role: userRoles.role, path: units.path })
		.from(userRoles)
		.leftJoin(units, eq(units.id, userRoles.unitId))
		.where(inArray(userRoles.userId, userIds))
		.all();
	return held.every((h) =>
		h.role === 'admin' ? can(actor, 'role.grantAdmin') : h.role === 'officer' ? can(actor, 'role.grant', { unitPath: h.path ?? undefined }) : true
	);
}

export function assertMayManageAccounts(db: DB | Tx, actor: Actor, userIds: number[]) {
	if (!mayManageAccounts(db, actor, userIds)) throw new ForbiddenError('account.manage');
}

/** Codes still open for these workers stop working (a new code, a role or status change, a move). */
export function revokeOpenCodes(tx: Tx, workerIds: number[], now = new Date()) {
	tx.update(activationCodes)
		.set({ revokedAt: now })
		.where(and(inArray(activationCodes.workerId, workerIds), isNull(activationCodes.usedAt), isNull(activationCodes.revokedAt)))
		.run();
}

