import { and, asc, desc, eq, inArray, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { honours, modelProfiles, studioAchievements, studioMembers, studios, units, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, scopeOf } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError, RuleError } from '../errors';
import { checkUploads, IMAGE_TYPES, sha256Hex, type Upload } from '../files';
import { workerWithPath } from './context';
import { MODEL_WORKER_HONOURS, SHOWCASE_STATUSES, type HonourKind } from '$lib/domain/studios';

export const STORY_MAX = 3000;
export const PHOTO_MAX_BYTES = 4 * 1024 * 1024;

export interface ProfileInput {
	story: string;
	consent: boolean;
	photo: Upload | null;
	removePhoto: boolean;
}

/**
 * A worker writes their own profile and gives (or withdraws) consent to publish
 * it. A change to what would be published waits for an officer's approval again.
 */
export function saveOwnProfile(db: DB, actor: Actor | null, input: ProfileInput, now = new Date()) {
	authorize(actor, 'profile.edit', { userId: actor?.userId });
	const { path: unitPath } = workerWithPath(db, actor.workerId);
	if (input.story.length > STORY_MAX) throw new RuleError({ story: m.err_too_long({ max: STORY_MAX }) });
	const { files, error } = checkUploads(input.photo ? [input.photo] : [], 0, { types: IMAGE_TYPES, maxFiles: 1, maxBytes: PHOTO_MAX_BYTES });
	if (error) throw new RuleError({ photo: error });
	const before = db.select().from(modelProfiles).where(eq(modelProfiles.workerId, actor.workerId)).get();
	const photo = files[0];
	const changed = !before || before.story !== input.story || !!photo || input.removePhoto;
	db.transaction((tx) => {
		const row = {
			story: input.story,
			...(photo ? { photo: Buffer.from(photo.bytes), photoType: photo.type } : input.removePhoto ? { photo: null, photoType: null } : {}),
			consentAt: input.consent ? (before?.consentAt ?? now) : null,
			// what the public would read has changed: it waits for approval again
			...(changed ? { approvedBy: null, approvedAt: null } : {}),
			updatedAt: now
		};
		tx.insert(modelProfiles).values({ workerId: actor.workerId, ...row }).onConflictDoUpdate({ target: modelProfiles.workerId, set: row }).run();
		writeAudit(tx, actor, {
			action: 'profile.save',
			entityType: 'worker',
			entityId: actor.workerId,
			unitPath,
			after: { consent: input.consent, storyLength: input.story.length, photo: photo ? { type: photo.type, sha256: sha256Hex(photo.bytes) } : input.removePhoto ? null : 'kept', needsApproval: changed }
		});
	});
}

export function ownProfile(db: DB, actor: Actor | null) {
	authorize(actor, 'profile.edit', { userId: actor?.userId });
	const p = db.select().from(modelProfiles).where(eq(modelProfiles.workerId, actor.workerId)).get();
	return {
		story: p?.story ?? '',
		hasPhoto: !!p?.photo,
		consent: !!p?.consentAt,
		approved: !!p?.approvedAt,
		honours: db.select({ kind: honours.kind, title: honours.title, conferredOn: honours.conferredOn }).from(honours).where(and(eq(honours.workerId, actor.workerId), isNull(honours.revokedAt))).all()
	};
}

/** Where a worker's profile stands, for the officer's worker page (no story text needed there). */
export function profileState(db: DB, workerId: number) {
	const p = db.select({ consentAt: modelProfiles.consentAt, approvedAt: modelProfiles.approvedAt, story: modelProfiles.story }).from(modelProfiles).where(eq(modelProfiles.workerId, workerId)).get();
	return p ? { consent: !!p.consentAt, approved: !!p.approvedAt, story: p.story } : null;
}

/** An officer over the worker approves (or withdraws) publication; only a consented profile can be approved. */
export function approveProfile(db: DB, actor: Actor | null, workerId: number, approve: boolean, now = new Date()) {
	const { path: unitPath } = workerWithPath(db, workerId);
	authorize(actor, 'profile.approve', { unitPath });
	const p = db.select().from(modelProfiles).where(eq(modelProfiles.workerId, workerId)).get();
	if (approve && !p?.consentAt) throw new RuleError({ _: m.err_profile_no_consent() });
	if (!p) throw new NotFoundError('profile');
	db.transaction((tx) => {
		tx.update(modelProfiles)
			.set(approve ? { approvedBy: actor.userId, approvedAt: now } : { approvedBy: null, approvedAt: null })
			.where(eq(modelProfiles.workerId, workerId))
			.run();
		writeAudit(tx, actor, { action: approve ? 'profile.approve' : 'profile.withdraw', entityType: 'worker', entityId: workerId, unitPath });
	});
}

/** Profiles waiting for an officer: consented, not yet approved, in their area. */
export function profilesToApprove(db: DB, actor: Actor | null) {
	const paths = scopeOf(actor);
	return db
		.select({ workerId: workers.id, name: workers.name, unit: units.name, story: modelProfiles.story, updatedAt: modelProfiles.updatedAt })
		.from(modelProfiles)
		.innerJoin(workers, eq(workers.id, modelProfiles.workerId))
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(isNotNull(modelProfiles.consentAt), isNull(modelProfiles.approvedAt), paths === 'all' ? undefined : or(...paths.map((p) => like(units.path, `${p}%`)))))
		.orderBy(asc(modelProfiles.updatedAt))
		.limit(200)
		.all();
}

/** Published: consent given, approved, and at least one 劳模-family honour held. */
const consentedAndApproved = and(isNotNull(modelProfiles.consentAt), isNotNull(modelProfiles.approvedAt));
const heldModelHonour = sql`EXISTS (SELECT 1 FROM honours h WHERE h.worker_id = ${workers.id} AND h.revoked_at IS NULL AND h.kind IN (${sql.join(
	MODEL_WORKER_HONOURS.map((k) => sql`${k}`),
	sql`, `
)}))`;
/** Published, as the gallery, a profile page, the sitemap and the site search all read it. */
export const publishedProfile = and(consentedAndApproved, heldModelHonour);

export interface GalleryFilter {
	q?: string;
	honour?: HonourKind | '';
	unitId?: number;
	trade?: string;
}

/** 劳模风采: published model workers, public fields only (never phone or employee number). */
export function modelGallery(db: DB, f: GalleryFilter = {}, limit = 500) {
	const unitPath = f.unitId ? db.select({ path: units.path }).from(units).where(eq(units.id, f.unitId)).get()?.path : undefined;
	const rows = db
		.select({ workerId: workers.id, name: workers.name, trade: workers.trade, unit: units.name, hasPhoto: sql<number>`${modelProfiles.photo} IS NOT NULL` })
		.from(modelProfiles)
		.innerJoin(workers, eq(workers.id, modelProfiles.workerId))
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(
			and(
				publishedProfile,
				f.q ? or(like(workers.name, `%${f.q}%`), like(workers.trade, `%${f.q}%`), like(modelProfiles.story, `%${f.q}%`)) : undefined,
				f.trade ? eq(workers.trade, f.trade) : undefined,
				f.unitId ? (unitPath ? like(units.path, `${unitPath}%`) : sql`0`) : undefined,
				f.honour ? sql`EXISTS (SELECT 1 FROM honours h WHERE h.worker_id = ${workers.id} AND h.revoked_at IS NULL AND h.kind = ${f.honour})` : undefined
			)
		)
		.orderBy(asc(workers.name))
		.limit(limit)
		.all();
	const titles = rows.length
		? db
				.select({ workerId: honours.workerId, title: honours.title, kind: honours.kind, conferredOn: honours.conferredOn })
				.from(honours)
				.where(and(inArray(honours.workerId, rows.map((r) => r.workerId)), isNull(honours.revokedAt)))
				.all()
		: [];
	return rows.map((r) => ({
		...r,
		hasPhoto: !!r.hasPhoto,
		honours: titles
			.filter((t) => t.workerId === r.workerId && MODEL_WORKER_HONOURS.includes(t.kind))
			.sort((a, b) => MODEL_WORKER_HONOURS.indexOf(a.kind) - MODEL_WORKER_HONOURS.indexOf(b.kind))
			.map((t) => t.title)
	}));
}

/** One published profile: name, photo, unit, trade, honours, story, studios. Null when not published. */
export function modelProfile(db: DB, workerId: number) {
	const row = db
		.select({ workerId: workers.id, name: workers.name, trade: workers.trade, unit: units.name, story: modelProfiles.story, hasPhoto: sql<number>`${modelProfiles.photo} IS NOT NULL` })
		.from(modelProfiles)
		.innerJoin(workers, eq(workers.id, modelProfiles.workerId))
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(eq(workers.id, workerId), publishedProfile))
		.get();
	if (!row) return null;
	const held = db
		.select({ kind: honours.kind, title: honours.title, conferredOn: honours.conferredOn, body: honours.body, citation: honours.citation })
		.from(honours)
		.where(and(eq(honours.workerId, workerId), isNull(honours.revokedAt)))
		.all()
		.sort((a, b) => b.conferredOn.localeCompare(a.conferredOn));
	const leads = db.select({ id: studios.id, name: studios.name, type: studios.type, level: studios.level }).from(studios).where(and(eq(studios.leaderWorkerId, workerId), inArray(studios.status, [...SHOWCASE_STATUSES]))).all();
	const member = db
		.select({ id: studios.id, name: studios.name, type: studios.type, level: studios.level })
		.from(studioMembers)
		.innerJoin(studios, eq(studios.id, studioMembers.studioId))
		.where(and(eq(studioMembers.workerId, workerId), inArray(studios.status, [...SHOWCASE_STATUSES])))
		.all();
	// what the studios they lead have achieved, newest first
	const achievements = leads.length
		? db
				.select({ kind: studioAchievements.kind, title: studioAchievements.title, on: studioAchievements.on })
				.from(studioAchievements)
				.where(inArray(studioAchievements.studioId, leads.map((l) => l.id)))
				.orderBy(desc(studioAchievements.on))
				.limit(12)
				.all()
		: [];
	return { ...row, hasPhoto: !!row.hasPhoto, honours: held, leads, memberOf: member, achievements };
}

/** A published profile's photo, or the worker's own (for their preview). */
export function profilePhoto(db: DB, actor: Actor | null, workerId: number) {
	const own = actor?.workerId === workerId;
	if (!own && !modelProfile(db, workerId)) throw new NotFoundError('profile');
	const p = db.select({ photo: modelProfiles.photo, type: modelProfiles.photoType }).from(modelProfiles).where(eq(modelProfiles.workerId, workerId)).get();
	if (!p?.photo || !p.type) throw new NotFoundError('photo');
	return { bytes: p.photo, type: p.type, private: own };
}


/** Every published profile's worker, for the sitemap. */
export function publishedProfileIds(db: DB): number[] {
	return db.select({ id: workers.id }).from(modelProfiles).innerJoin(workers, eq(workers.id, modelProfiles.workerId)).where(publishedProfile).all().map((r) => r.id);
}
