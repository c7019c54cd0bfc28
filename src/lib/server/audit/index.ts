import { desc, eq, inArray, like, lt, and, or, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { auditLog, units, type AuditEntry } from '../db/schema';
import { connectionOf, prepared } from '../db/prepared';
import { ancestorIds } from '$lib/domain/units';
import type { DB, Tx } from '../db';
import type { Actor } from '../auth/actor';

/** Who a row is written for: a signed-in actor, or the person an anonymous step concerns. */
export type AuditActor = { userId: number | null; name: string; ip?: string | null };
import { authorize, scopeOf } from '../auth/policy';

const GENESIS = '0'.repeat(64);

export interface AuditInput {
	action: string;
	entityType: string;
	entityId: string | number;
	unitPath?: string | null;
	before?: unknown;
	after?: unknown;
}

function chainHash(prevHash: string, row: Omit<AuditEntry, 'id' | 'hash' | 'prevHash'>): string {
	const canonical = JSON.stringify([
		prevHash,
		row.at.getTime(),
		row.actorUserId,
		row.actorName,
		row.action,
		row.entityType,
		row.entityId,
		row.unitPath,
		row.unitId,
		row.before,
		row.after,
		// The client address is evidence too (failed sign-ins): tampering with it must break the chain.
		row.ip
	]);
	return createHash('sha256').update(canonical).digest('hex');
}

function auditRow(actor: AuditActor | null, input: AuditInput, at = new Date()) {
	return {
		at,
		actorUserId: actor?.userId ?? null,
		actorName: actor?.name ?? '—',
		action: input.action,
		entityType: input.entityType,
		entityId: String(input.entityId),
		unitPath: input.unitPath ?? null,
		unitId: input.unitPath ? (ancestorIds(input.unitPath).at(-1) ?? null) : null,
		before: input.before === undefined ? null : JSON.stringify(input.before),
		after: input.after === undefined ? null : JSON.stringify(input.after),
		ip: actor?.ip ?? null
	};
}

/** The chain's head and its append, prepared once per connection (they run inside its transactions too). */
function chainStatements(db: DB | Tx) {
	return prepared(db, 'audit.chain', () => {
		const connection = connectionOf(db);
		return {
			last: connection.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck(),
			insert: connection.prepare(
				'INSERT INTO audit_log (at, actor_user_id, actor_name, action, entity_type, entity_id, unit_path, unit_id, before, after, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
			)
		};
	});
}

function appendAudit(db: DB | Tx, actor: AuditActor | null, input: AuditInput, at = new Date()): void {
	// the head read and the append are one step: the sheet writer appends on another connection
	const connection = connectionOf(db);
	if (!connection.inTransaction) return connection.transaction(() => appendAudit(db, actor, input, at)).immediate();
	const { last, insert } = chainStatements(db);
	const row = auditRow(actor, input, at);
	const prevHash = (last.get() as string | undefined) ?? GENESIS;
	insert.run(row.at.getTime(), row.actorUserId, row.actorName, row.action, row.entityType, row.entityId, row.unitPath, row.unitId, row.before, row.after, row.ip, prevHash, chainHash(prevHash, row));
}

/** Writes one audit row; call it inside the mutation's transaction. */
export function writeAudit(tx: Tx | DB, actor: AuditActor | null, input: AuditInput): void {
	appendAudit(tx, actor, input);
}

/** The same rows as `writeAudit`, for bulk writers (the dataset generator) that append hundreds of thousands inside one transaction. */
export function auditChain(db: DB) {
	return { write: (actor: AuditActor | null, input: AuditInput, at = new Date()) => appendAudit(db, actor, input, at) };
}

/** Recomputes the chain; returns the ids of rows whose hash does not match. */
export function verifyAuditChain(db: DB): number[] {
	const bad: number[] = [];
	let prev = GENESIS;
	for (const row of db.select().from(auditLog).orderBy(auditLog.id).all()) {
		if (row.prevHash !== prev || chainHash(prev, row) !== row.hash) bad.push(row.id);
		prev = row.hash;
	}
	return bad;
}

export const AUDIT_PAGE_SIZE = 50;

/** The log an actor may read: an officer their subtrees, an admin everything. */
export function listAudit(db: DB, actor: Actor | null, input: { before?: number; action?: string }) {
	authorize(actor, 'audit.read');
	const scope = scopeOf(actor);
	const filters: SQL[] = [];
	if (scope !== 'all') {
		if (scope.length === 0) return { rows: [], next: null };
		// What happened in the officer's subtree then, or to a unit in it now (units move).
		const unitsNow = db.select({ id: units.id }).from(units).where(or(...scope.map((path) => like(units.path, `${path}%`))));
		filters.push(or(inArray(auditLog.unitId, unitsNow), ...scope.map((path) => like(auditLog.unitPath, `${path}%`)))!);
	}
	if (input.before) filters.push(lt(auditLog.id, input.before));
	if (input.action) filters.push(like(auditLog.action, `${input.action}%`));
	const rows = db
		.select()
		.from(auditLog)
		.where(filters.length ? and(...filters) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE + 1)
		.all();
	const more = rows.length > AUDIT_PAGE_SIZE;
	const page = rows.slice(0, AUDIT_PAGE_SIZE);
	return { rows: page, next: more ? page[page.length - 1].id : null };
}

export function auditForEntity(db: DB, entityType: string, entityId: string | number) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
		.orderBy(desc(auditLog.id))
		.all();
}

