import { and, eq, inArray } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { proposalAuthors, proposalReviews, proposals, proposalSettings, units, users, workers, type Proposal } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can, type Action } from '../auth/policy';
import { writeAudit } from '../audit';
import { NotFoundError } from '../errors';
import { notify } from '../notifications';
import {
	DEFAULT_DEADLINES,
	DEFAULT_REWARD_TABLE,
	DEFAULT_SCORECARD,
	dueAt,
	type ProposalAction,
	type ProposalRole,
	type ProposalStatus
} from '$lib/domain/proposals';
import { proposalEvents } from '../db/schema';

/** The federation's deadlines, reward table and scorecard (defaults until the admin sets them). */
export function proposalSettingsOf(db: DB | Tx) {
	const row = db.select().from(proposalSettings).where(eq(proposalSettings.id, 1)).get();
	return {
		deadlines: row?.deadlines ?? DEFAULT_DEADLINES,
		rewardTable: row?.rewardTable ?? DEFAULT_REWARD_TABLE,
		scorecard: row?.scorecard ?? DEFAULT_SCORECARD,
		updatedAt: row?.updatedAt ?? null
	};
}

export interface ProposalContext {
	p: Proposal;
	/** the handling unit's path: the subtree whose officers act on it */
	handlingPath: string;
	handlingName: string;
	/** the proposer's unit */
	unitPath: string;
	employerPath: string;
}

export function loadProposal(db: DB | Tx, id: number): ProposalContext {
	const [ctx] = loadProposals(db, [id]);
	if (!ctx) throw new NotFoundError('proposal');
	return ctx;
}

/** The contexts of several proposals in two reads, in the order asked; missing ones are left out. */
export function loadProposals(db: DB | Tx, ids: number[]): ProposalContext[] {
	if (ids.length === 0) return [];
	const rows = new Map(db.select().from(proposals).where(inArray(proposals.id, ids)).all().map((p) => [p.id, p]));
	const wanted = new Set([...rows.values()].flatMap((p) => [p.handlingUnitId, p.unitId, p.employerId]));
	const unit = new Map(
		db
			.select({ id: units.id, path: units.path, name: units.name })
			.from(units)
			.where(inArray(units.id, [...wanted]))
			.all()
			.map((u) => [u.id, u])
	);
	return ids
		.map((id) => rows.get(id))
		.filter((p) => p !== undefined)
		.map((p) => ({
			p,
			handlingPath: unit.get(p.handlingUnitId)!.path,
			handlingName: unit.get(p.handlingUnitId)!.name,
			unitPath: unit.get(p.unitId)!.path,
			employerPath: unit.get(p.employerId)!.path
		}));
}

/** The authors in order, with their accounts where they have one. */
export function authorsOf(db: DB | Tx, proposalIds: number | number[]) {
	const ids = Array.isArray(proposalIds) ? proposalIds : [proposalIds];
	if (ids.length === 0) return [];
	return db
		.select({
			proposalId: proposalAuthors.proposalId,
			workerId: proposalAuthors.workerId,
			share: proposalAuthors.share,
			position: proposalAuthors.position,
			name: workers.name,
			employeeNo: workers.employeeNo,
			userId: users.id
		})
		.from(proposalAuthors)
		.innerJoin(workers, eq(workers.id, proposalAuthors.workerId))
		.leftJoin(users, eq(users.workerId, workers.id))
		.where(inArray(proposalAuthors.proposalId, ids))
		.orderBy(proposalAuthors.proposalId, proposalAuthors.position)
		.all();
}

/** Authors of this proposal and of every proposal merged into it: all are told of its progress. */
export function interestedUsers(db: DB | Tx, proposalId: number): number[] {
	const merged = db.select({ id: proposals.id }).from(proposals).where(eq(proposals.mergedIntoId, proposalId)).all().map((r) => r.id);
	return authorsOf(db, [proposalId, ...merged])
		.map((a) => a.userId)
		.filter((u): u is number => u !== null);
}

/** How the actor stands to a proposal; each policy action then asks about one of these. */
export interface Relation {
	author: boolean;
	/** an author of a proposal merged into this one */
	mergedAuthor: boolean;
	reviewer: boolean;
	/** works in the proposer's enterprise */
	colleague: boolean;
	finance: boolean;
	officer: boolean;
}

export function relationOf(db: DB | Tx, actor: Actor | null, ctx: ProposalContext): Relation {
	if (!actor) return { author: false, mergedAuthor: false, reviewer: false, colleague: false, finance: false, officer: false };
	const mergedIds = db.select({ id: proposals.id }).from(proposals).where(eq(proposals.mergedIntoId, ctx.p.id)).all().map((r) => r.id);
	const authored = db
		.select({ proposalId: proposalAuthors.proposalId })
		.from(proposalAuthors)
		.where(and(eq(proposalAuthors.workerId, actor.workerId), inArray(proposalAuthors.proposalId, [ctx.p.id, ...mergedIds])))
		.all();
	const reviewer = !!db
		.select({ r: proposalReviews.reviewerId })
		.from(proposalReviews)
		.where(and(eq(proposalReviews.proposalId, ctx.p.id), eq(proposalReviews.reviewerId, actor.userId)))
		.get();
	return {
		author: authored.some((a) => a.proposalId === ctx.p.id) || ctx.p.createdBy === actor.userId,
		mergedAuthor: authored.some((a) => a.proposalId !== ctx.p.id),
		reviewer,
		colleague: actor.unitPath.startsWith(ctx.employerPath),
		finance: can(actor, 'proposal.confirm', { unitPath: ctx.handlingPath }),
		officer: can(actor, 'proposal.handle', { unitPath: ctx.handlingPath })
	};
}

/** Who counts as a party for each proposal action that uses the party rules. */
const PARTY: Partial<Record<Action, (r: Relation) => boolean>> = {
	'proposal.view': (r) => r.author || r.mergedAuthor || r.reviewer || r.finance || r.colleague,
	'proposal.read': (r) => r.author || r.mergedAuthor || r.reviewer || r.finance,
	'proposal.reviews.read': (r) => r.reviewer,
	'proposal.support': (r) => r.colleague && !r.author,
	'proposal.review': (r) => r.reviewer
};

/**
 * Asks the policy about one proposal action. Officers are judged by the handling unit;
 * reading is open as well to officers over the proposer's own unit (it stays theirs
 * to follow when it was forwarded upwards).
 */
export function authorizeOn(db: DB | Tx, actor: Actor | null, ctx: ProposalContext, action: Action, rel = relationOf(db, actor, ctx)): asserts actor is Actor {
	// A draft is its writer's alone.
	if (ctx.p.status === 'draft' && action !== 'proposal.edit') return authorize(actor, 'proposal.edit', { userId: ctx.p.createdBy });
	const party = PARTY[action]?.(rel);
	const reading = action === 'proposal.view' || action === 'proposal.read';
	if (reading && actor && can(actor, action, { unitPath: ctx.unitPath, party })) return;
	if (action === 'proposal.edit') return authorize(actor, action, { userId: ctx.p.createdBy });
	authorize(actor, action, { unitPath: ctx.handlingPath, party });
}

export function mayOn(db: DB | Tx, actor: Actor | null, ctx: ProposalContext, action: Action, rel?: Relation): boolean {
	try {
		authorizeOn(db, actor, ctx, action, rel);
		return true;
	} catch {
		return false;
	}
}

export function rolesOf(rel: Relation): ProposalRole[] {
	const roles: ProposalRole[] = [];
	if (rel.author) roles.push('author');
	if (rel.officer) roles.push('officer');
	if (rel.finance) roles.push('finance');
	return roles;
}

export const proposalLink = (id: number) => `/proposals/${id}`;

export interface Transition {
	action: ProposalAction | 'support' | 'review' | 'unassign' | 'file';
	to?: ProposalStatus;
	/** the public note shown on the proposer's timeline */
	note?: string | null;
	data?: Record<string, unknown>;
	/** columns to set besides the state */
	set?: Partial<typeof proposals.$inferInsert>;
	/** accounts told besides the authors */
	alsoNotify?: number[];
	/** false: a step the authors are not told of (a reviewer's private score) */
	tellAuthors?: boolean;
}

/**
 * Records a step inside the caller's transaction: the new state with its deadline, the
 * timeline line, the audit row, and the notifications to the authors.
 */
export function recordStep(tx: Tx, actor: Actor, ctx: ProposalContext, t: Transition, now = new Date()) {
	const from = ctx.p.status;
	const to = t.to ?? from;
	const moved = to !== from;
	const settings = proposalSettingsOf(tx);
	const set: Partial<typeof proposals.$inferInsert> = { ...t.set, updatedAt: now };
	if (moved) {
		set.status = to;
		set.stateSince = now;
		set.dueAt = dueAt(to, now, settings.deadlines);
	}
	tx.update(proposals).set(set).where(eq(proposals.id, ctx.p.id)).run();
	tx.insert(proposalEvents)
		.values({ proposalId: ctx.p.id, at: now, actorUserId: actor.userId, actorName: actor.name, action: t.action, fromStatus: from, toStatus: to, note: t.note ?? null, data: t.data ?? null })
		.run();
	writeAudit(tx, actor, {
		action: `proposal.${t.action}`,
		entityType: 'proposal',
		entityId: ctx.p.id,
		unitPath: ctx.handlingPath,
		before: moved ? { status: from } : undefined,
		after: { status: to, ...(t.note ? { note: t.note } : {}), ...t.data }
	});
	const told = [...(t.tellAuthors === false ? [] : interestedUsers(tx, ctx.p.id)), ...(t.alsoNotify ?? [])].filter((u) => u !== actor.userId);
	notify(tx, told, { kind: 'proposal_step', params: { serial: ctx.p.serial ?? '', title: ctx.p.title.slice(0, 60), action: t.action, status: to }, link: proposalLink(ctx.p.id) }, now);
	return { ...ctx.p, ...set } as Proposal;
}

