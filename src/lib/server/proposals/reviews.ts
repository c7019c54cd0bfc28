import { and, eq, isNotNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { proposalReviews } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { appointableAccounts } from '../people/appoint';
import { RuleError } from '../errors';
import { notify } from '../notifications';
import { meanScore, reviewScore, scoreProblems, stepRefusal } from '$lib/domain/proposals';
import { authorizeOn, authorsOf, loadProposal, proposalLink, proposalSettingsOf, recordStep, relationOf, rolesOf } from './context';

export const MAX_REVIEWERS = 7;

/**
 * Appoints reviewers to one or many proposals at once (all or nothing). A proposal
 * still awaiting triage is thereby accepted as a proposal. An author never reviews
 * their own proposal.
 */
export function assignReviewers(db: DB, actor: Actor | null, input: { proposalIds: number[]; employeeNos: string[]; userIds: number[] }, now = new Date()) {
	authorize(actor, 'proposal.queue');
	if (input.proposalIds.length === 0) throw new RuleError({ proposals: m.err_pick_proposals() });
	const reviewers = appointableAccounts(db, actor, input);
	const contexts = input.proposalIds.slice(0, 500).map((id) => loadProposal(db, id));
	const problems: string[] = [];
	for (const ctx of contexts) {
		const rel = relationOf(db, actor, ctx);
		authorizeOn(db, actor, ctx, 'proposal.handle', rel);
		if (stepRefusal(ctx.p.status, 'assign', rolesOf(rel))) problems.push(m.err_assign_state({ serial: ctx.p.serial ?? '' }));
		const authorIds = new Set(authorsOf(db, ctx.p.id).map((a) => a.userId));
		const own = reviewers.filter((r) => authorIds.has(r.userId));
		if (own.length) problems.push(m.err_reviewer_is_author({ serial: ctx.p.serial ?? '', name: own[0].name }));
		const already = db.select({ id: proposalReviews.reviewerId }).from(proposalReviews).where(eq(proposalReviews.proposalId, ctx.p.id)).all();
		if (new Set([...already.map((a) => a.id), ...reviewers.map((r) => r.userId)]).size > MAX_REVIEWERS) problems.push(m.err_reviewers_max({ serial: ctx.p.serial ?? '', max: MAX_REVIEWERS }));
	}
	if (problems.length) throw new RuleError({ proposals: problems.slice(0, 5).join(' ') });
	return db.transaction((tx) => {
		let added = 0;
		for (const ctx of contexts) {
			const fresh = reviewers.filter(
				(r) =>
					tx
						.insert(proposalReviews)
						.values({ proposalId: ctx.p.id, reviewerId: r.userId, assignedBy: actor.userId, assignedAt: now })
						.onConflictDoNothing()
						.run().changes > 0
			);
			added += fresh.length;
			recordStep(tx, actor, ctx, { action: 'assign', to: 'review', data: { reviewers: fresh.map((r) => r.name) } }, now);
			notify(tx, fresh.map((r) => r.userId), { kind: 'proposal_review', params: { serial: ctx.p.serial ?? '', title: ctx.p.title.slice(0, 60) }, link: proposalLink(ctx.p.id) }, now);
		}
		return { proposals: contexts.length, added };
	});
}

/** Takes a reviewer off a proposal before they have scored it. */
export function unassignReviewer(db: DB, actor: Actor | null, proposalId: number, reviewerId: number, now = new Date()) {
	const ctx = loadProposal(db, proposalId);
	authorizeOn(db, actor, ctx, 'proposal.handle');
	if (ctx.p.status !== 'review') throw new RuleError({ _: m.err_proposal_step_state() });
	const review = db.select().from(proposalReviews).where(and(eq(proposalReviews.proposalId, proposalId), eq(proposalReviews.reviewerId, reviewerId))).get();
	if (!review) throw new RuleError({ _: m.err_not_found() });
	if (review.submittedAt) throw new RuleError({ _: m.err_review_submitted() });
	db.transaction((tx) => {
		tx.delete(proposalReviews).where(and(eq(proposalReviews.proposalId, proposalId), eq(proposalReviews.reviewerId, reviewerId))).run();
		recordStep(tx, actor, ctx, { action: 'unassign', data: { reviewerId }, tellAuthors: false }, now);
	});
}

export interface ReviewInput {
	marks: Record<string, number>;
	recommendation: 'adopt' | 'reject' | 'reserve';
	note: string;
}

/**
 * A reviewer's scorecard. It can be revised until the proposal is decided; the audit
 * log keeps each version. The proposal's mean score follows.
 */
export function submitReview(db: DB, actor: Actor | null, proposalId: number, input: ReviewInput, now = new Date()) {
	const ctx = loadProposal(db, proposalId);
	authorizeOn(db, actor, ctx, 'proposal.review');
	if (ctx.p.status !== 'review') throw new RuleError({ _: m.err_review_closed() });
	const { scorecard } = proposalSettingsOf(db);
	const bad = scoreProblems(scorecard, input.marks);
	if (bad.length) {
		throw new RuleError(Object.fromEntries(bad.map((k) => [`mark_${k}`, m.err_whole_between({ min: 0, max: scorecard.find((c) => c.key === k)!.max })])));
	}
	const score = reviewScore(scorecard, input.marks);
	const marks = Object.fromEntries(scorecard.map((c) => [c.key, input.marks[c.key]]));
	return db.transaction((tx) => {
		tx.update(proposalReviews)
			.set({ marks, score: String(score), recommendation: input.recommendation, note: input.note || null, submittedAt: now })
			.where(and(eq(proposalReviews.proposalId, proposalId), eq(proposalReviews.reviewerId, actor.userId)))
			.run();
		const scores = tx
			.select({ score: proposalReviews.score })
			.from(proposalReviews)
			.where(and(eq(proposalReviews.proposalId, proposalId), isNotNull(proposalReviews.submittedAt)))
			.all()
			.map((r) => Number(r.score));
		const mean = meanScore(scores);
		recordStep(tx, actor, ctx, { action: 'review', set: { meanScore: mean === null ? null : String(mean) }, data: { score, marks, recommendation: input.recommendation }, tellAuthors: false }, now);
		return { score, mean };
	});
}

