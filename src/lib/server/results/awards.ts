import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db';
import { awards, competitions, entryMembers, events, honours, resultVersions } from '../db/schema';
import { generateCode } from '../accounts/codes';
import { today } from '../competitions/context';
import type { ResultRow } from './rows';

type Wanted = { entryId: number; kind: 'rank' | 'excellence'; tier: number; name: string; honour?: string };

function wantedAwards(event: typeof events.$inferSelect, rows: ResultRow[]): Wanted[] {
	const out: Wanted[] = [];
	for (const r of rows) {
		if (r.awardTier !== null) {
			const tier = event.awardRule?.tiers[r.awardTier];
			out.push({ entryId: r.entryId, kind: 'rank', tier: r.awardTier, name: r.awardName!, honour: tier?.honour?.trim() || undefined });
		}
		if (r.excellent) out.push({ entryId: r.entryId, kind: 'excellence', tier: 0, name: event.excellenceName });
	}
	return out;
}

const sameAward = (a: { entryId: number; kind: string; tier: number; name: string }, b: Wanted) =>
	a.entryId === b.entryId && a.kind === b.kind && a.tier === b.tier && a.name === b.name;

/**
 * Makes an event's standing awards match a final version's rows: issues what is new
 * (with a certificate code and the honours its tier confers) and revokes what a
 * correction took away, with the correction's reason. Unchanged awards keep their codes.
 */
export function settleAwards(tx: Tx, input: { eventId: number; stageId: number; versionId: number; rows: ResultRow[]; reason: string | null }) {
	const event = tx.select().from(events).where(eq(events.id, input.eventId)).get()!;
	const competition = tx.select().from(competitions).where(eq(competitions.id, event.competitionId)).get()!;
	const now = new Date();
	const wanted = wantedAwards(event, input.rows);
	// only what this stage's earlier versions gave: other stages carry no awards
	const current = tx
		.select({ award: awards })
		.from(awards)
		.innerJoin(resultVersions, eq(resultVersions.id, awards.versionId))
		.where(and(eq(awards.eventId, input.eventId), eq(resultVersions.stageId, input.stageId), isNull(awards.revokedAt)))
		.all()
		.map((r) => r.award);
	const revoked: number[] = [];
	for (const a of current) {
		if (wanted.some((w) => sameAward(a, w))) continue;
		tx.update(awards).set({ revokedAt: now, revokedReason: input.reason ?? '' }).where(eq(awards.id, a.id)).run();
		tx.update(honours).set({ revokedAt: now }).where(and(eq(honours.awardId, a.id), isNull(honours.revokedAt))).run();
		revoked.push(a.id);
	}
	const issued: { id: number; entryId: number; name: string; code: string }[] = [];
	for (const w of wanted) {
		if (current.some((a) => sameAward(a, w))) continue;
		const award = tx
			.insert(awards)
			.values({ eventId: input.eventId, entryId: w.entryId, versionId: input.versionId, kind: w.kind, tier: w.tier, name: w.name, code: generateCode(), issuedAt: now })
			.returning()
			.get();
		issued.push({ id: award.id, entryId: w.entryId, name: w.name, code: award.code });
		if (w.honour) {
			const members = tx.select({ workerId: entryMembers.workerId }).from(entryMembers).where(eq(entryMembers.entryId, w.entryId)).all();
			for (const mem of members)
				tx.insert(honours).values({ workerId: mem.workerId, title: w.honour, unitId: competition.unitId, awardId: award.id, conferredOn: today(now) }).run();
		}
	}
	return { issued, revoked };
}
