import { desc, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { awards, entryMembers, events } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { NotFoundError } from '../errors';
import { CODE_LENGTH, normaliseCode } from '../accounts/codes';
import { loadEvent } from '../competitions/context';
import { entryNames } from './public';

function awardByCode(db: DB, code: string) {
	const award = db.select().from(awards).where(eq(awards.code, code)).get();
	if (!award) return null;
	const ctx = loadEvent(db, award.eventId);
	const who = entryNames(db, [award.entryId]).get(award.entryId)!;
	return {
		code: award.code,
		name: award.name,
		kind: award.kind,
		issuedAt: award.issuedAt,
		revokedAt: award.revokedAt,
		revokedReason: award.revokedReason,
		holder: who.name,
		unit: who.unit,
		workerIds: who.workerIds,
		event: ctx.event.name,
		competition: { id: ctx.competition.id, title: ctx.competition.title },
		organiser: ctx.organiserName,
		organiserPath: ctx.organiserPath
	};
}

/** The printable certificate: for its holder and the organiser's officers. */
export function certificate(db: DB, actor: Actor | null, codeText: string) {
	const code = normaliseCode(codeText);
	const found = awardByCode(db, code);
	if (!found) throw new NotFoundError('certificate');
	const holds = actor ? found.workerIds.includes(actor.workerId) : false;
	authorize(actor, 'award.print', { userId: holds ? actor!.userId : undefined, unitPath: found.organiserPath });
	const { organiserPath: _p, workerIds: _w, ...shown } = found;
	return shown;
}

export type VerifyResult =
	| { ok: true; award: Omit<NonNullable<ReturnType<typeof awardByCode>>, 'organiserPath' | 'workerIds'> }
	| { ok: false; problem: 'format' | 'unknown' };

/** 证书查验: anyone with a code (typed, or from the QR) learns whether the award stands. */
export function verifyCertificate(db: DB, codeText: string): VerifyResult {
	const code = normaliseCode(codeText);
	if (!new RegExp(`^[A-Z0-9]{${CODE_LENGTH}}$`).test(code)) return { ok: false, problem: 'format' };
	const found = awardByCode(db, code);
	if (!found) return { ok: false, problem: 'unknown' };
	const { organiserPath: _p, workerIds: _w, ...award } = found;
	return { ok: true, award };
}

/** A QR code (SVG markup) that opens the certificate's public verification page. */
export { qrSvg as verificationQr } from '../qr';

/** The awards an account holds, newest first (its own certificates). */
export function myAwards(db: DB, actor: Actor | null) {
	authorize(actor, 'entry.register');
	const mine = db.select({ entryId: entryMembers.entryId }).from(entryMembers).where(eq(entryMembers.workerId, actor.workerId)).all().map((r) => r.entryId);
	if (!mine.length) return [];
	return db
		.select({ code: awards.code, name: awards.name, issuedAt: awards.issuedAt, revokedAt: awards.revokedAt, event: events.name })
		.from(awards)
		.innerJoin(events, eq(events.id, awards.eventId))
		.where(inArray(awards.entryId, mine))
		.orderBy(desc(awards.issuedAt))
		.all();
}

/** An event's awards for its organiser's officers: what to print, and what was revoked. */
export function eventAwards(db: DB, actor: Actor | null, eventId: number) {
	const ctx = loadEvent(db, eventId);
	authorize(actor, 'competition.read', { unitPath: ctx.organiserPath });
	const rows = db.select().from(awards).where(eq(awards.eventId, eventId)).orderBy(awards.revokedAt, awards.tier, awards.id).all();
	const names = entryNames(db, [...new Set(rows.map((r) => r.entryId))]);
	return rows.map((r) => ({ ...r, holder: names.get(r.entryId)?.name ?? '', unit: names.get(r.entryId)?.unit ?? '' }));
}

