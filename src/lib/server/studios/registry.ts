import { and, eq, like, notInArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { studioFiles, studioMembers, studios, units, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { NotFoundError, RuleError } from '../errors';
import { checkUploads, sha256Hex, type Upload } from '../files';
import { honourKindLabel, listOf } from '$lib/labels';
import { getLocale } from '$lib/paraglide/runtime';
import { leaderQualifies, type StudioLevel, type StudioType } from '$lib/domain/studios';
import { authorizeStudio, heldHonours, loadStudio, recordStudioEvent, studioSettingsOf } from './context';
import { today } from '../competitions/context';

export interface StudioInput {
	name: string;
	type: StudioType;
	/** the level applied for */
	level: StudioLevel;
	unitId: number;
	leaderNo: string;
	memberNos: string[];
	field: string;
	summary: string;
	foundedOn: string;
	fundingFen: number;
}

export const MAX_MEMBERS = 40;

/** A worker of the host unit's subtree by employee number (numbers are unique per enterprise). */
function workerUnder(db: DB | Tx, path: string, employeeNo: string) {
	const rows = db
		.select({ id: workers.id, name: workers.name })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(workers.employeeNo, employeeNo), like(units.path, `${path}%`)))
		.limit(2)
		.all();
	return rows.length === 1 ? rows[0] : null;
}

/** The leader and members named, checked: the leader must hold a qualifying honour, nobody twice. */
function resolvePeople(db: DB | Tx, hostPath: string, input: StudioInput, exceptStudio?: number) {
	const errors: Record<string, string> = {};
	const leader = workerUnder(db, hostPath, input.leaderNo);
	if (!leader) errors.leaderNo = m.err_leader_unknown({ no: input.leaderNo.slice(0, 32) });
	else {
		const required = studioSettingsOf(db).leaderHonours[input.type];
		if (!leaderQualifies(heldHonours(db, leader.id), required)) {
			errors.leaderNo = m.err_leader_unqualified({ name: leader.name, honours: listOf(required.map(honourKindLabel), getLocale()) });
		} else {
			const other = db
				.select({ id: studios.id, name: studios.name })
				.from(studios)
				.where(and(eq(studios.leaderWorkerId, leader.id), notInArray(studios.status, ['rejected', 'revoked'])))
				.all()
				.find((s) => s.id !== exceptStudio);
			if (other) errors.leaderNo = m.err_leader_busy({ name: leader.name, studio: other.name });
		}
	}
	const members: { id: number; name: string }[] = [];
	for (const no of input.memberNos) {
		const w = workerUnder(db, hostPath, no);
		if (!w) {
			errors.members ??= m.err_member_unknown({ no: no.slice(0, 32) });
			continue;
		}
		if (members.some((x) => x.id === w.id) || w.id === leader?.id) errors.members ??= m.err_member_duplicate({ name: w.name });
		else members.push(w);
	}
	if (members.length > MAX_MEMBERS) errors.members ??= m.err_members_max({ max: MAX_MEMBERS });
	if (Object.keys(errors).length) throw new RuleError(errors);
	return { leader: leader!, members };
}

/**
 * Registers a studio on its application for designation (命名申请), with its leader,
 * members and materials. An officer over the host unit applies for it.
 */
export function registerStudio(db: DB, actor: Actor | null, input: StudioInput, uploads: Upload[] = [], now = new Date()) {
	const host = db.select().from(units).where(eq(units.id, input.unitId)).get();
	if (!host) throw new RuleError({ unitId: m.err_choice() });
	authorize(actor, 'studio.register', { unitPath: host.path });
	const { leader, members } = resolvePeople(db, host.path, input);
	const { files, error } = checkUploads(uploads, 0);
	if (error) throw new RuleError({ files: error });
	return db.transaction((tx) => {
		const s = tx
			.insert(studios)
			.values({
				name: input.name,
				type: input.type,
				level: input.level,
				unitId: host.id,
				leaderWorkerId: leader.id,
				field: input.field,
				summary: input.summary,
				foundedOn: input.foundedOn,
				fundingFen: input.fundingFen,
				status: 'applied',
				createdBy: actor.userId,
				createdAt: now,
				updatedAt: now
			})
			.returning()
			.get();
		writeMembers(tx, s.id, members, today(now));
		for (const f of files) {
			tx.insert(studioFiles).values({ studioId: s.id, name: f.name, type: f.type, size: f.bytes.length, sha256: sha256Hex(f.bytes), bytes: Buffer.from(f.bytes), uploadedBy: actor.userId, createdAt: now }).run();
		}
		const ctx = { s, unitPath: host.path, unitName: host.name };
		recordStudioEvent(tx, actor, ctx, { action: 'apply', level: input.level, data: { name: input.name, type: input.type, leader: leader.name, members: members.map((x) => x.name), files: files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes) })) } }, now);
		return { id: s.id };
	});
}

function writeMembers(tx: Tx, studioId: number, members: { id: number }[], joinedOn: string) {
	const kept = new Set(tx.select({ id: studioMembers.workerId }).from(studioMembers).where(eq(studioMembers.studioId, studioId)).all().map((r) => r.id));
	tx.delete(studioMembers).where(and(eq(studioMembers.studioId, studioId), notInArray(studioMembers.workerId, members.length ? members.map((x) => x.id) : [0]))).run();
	for (const mem of members) if (!kept.has(mem.id)) tx.insert(studioMembers).values({ studioId, workerId: mem.id, joinedOn }).run();
}

/**
 * Edits a studio's particulars, leader and members. The type and level are the
 * designation's business, not an edit's; a new leader must qualify too.
 */
export function updateStudio(db: DB, actor: Actor | null, studioId: number, input: Omit<StudioInput, 'type' | 'level' | 'unitId'>, now = new Date()) {
	const ctx = loadStudio(db, studioId);
	authorizeStudio(db, actor, ctx, 'studio.manage');
	if (ctx.s.status === 'revoked' || ctx.s.status === 'rejected') throw new RuleError({ _: m.err_studio_step_state() });
	const { leader, members } = resolvePeople(db, ctx.unitPath, { ...input, type: ctx.s.type, level: ctx.s.level, unitId: ctx.s.unitId }, studioId);
	db.transaction((tx) => {
		writeMembers(tx, studioId, members, today(now));
		recordStudioEvent(
			tx,
			actor,
			ctx,
			{
				action: 'update',
				set: { name: input.name, leaderWorkerId: leader.id, field: input.field, summary: input.summary, foundedOn: input.foundedOn, fundingFen: input.fundingFen },
				data: { name: input.name, leader: leader.name, members: members.map((x) => x.name), fundingFen: input.fundingFen }
			},
			now
		);
	});
}

/** A studio's materials: for its people and the officers over it. */
export function studioFile(db: DB, actor: Actor | null, studioId: number, fileId: number) {
	const ctx = loadStudio(db, studioId);
	authorizeStudio(db, actor, ctx, 'studio.read');
	const f = db.select().from(studioFiles).where(and(eq(studioFiles.id, fileId), eq(studioFiles.studioId, studioId))).get();
	if (!f) throw new NotFoundError('file');
	return f;
}

