import { and, eq, inArray, isNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { proposalBenefits, proposalReviews, proposalRewards, proposalRewardShares, proposals, units, userRoles, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { ForbiddenError, RuleError } from '../errors';
import { notify } from '../notifications';
import {
	STEPS,
	benefitWindow,
	calculateBenefit,
	rewardPayment,
	rewardRefusal,
	stepRefusal,
	type BenefitLine,
	type ProposalAction
} from '$lib/domain/proposals';
import { authorizeOn, authorsOf, loadProposal, proposalLink, proposalSettingsOf, recordStep, relationOf, rolesOf, type ProposalContext } from './context';

export type StepInput =
	| { action: 'answer' | 'accept' | 'forward' | 'adopt' | 'reject' | 'reserve' | 'start' | 'return' | 'confirm'; note?: string }
	| { action: 'merge'; into: string; note?: string }
	| { action: 'trial'; trialFrom: string; note?: string }
	| { action: 'assess'; lines: BenefitLine[]; note?: string }
	| { action: 'reward' | 'regrade'; grade: string; note?: string };

const FIRST_ANSWERS: ProposalAction[] = ['answer', 'adopt', 'reject', 'reserve'];

/** Checks the step against the policy, the state machine and the actor's roles. */
function checkStep(db: DB | Tx, actor: Actor | null, ctx: ProposalContext, action: ProposalAction): asserts actor is Actor {
	const step = STEPS[action];
	const rel = relationOf(db, actor, ctx);
	authorizeOn(db, actor, ctx, step.by === 'finance' ? 'proposal.confirm' : 'proposal.handle', rel);
	const refusal = stepRefusal(ctx.p.status, action, rolesOf(rel));
	if (refusal === 'role') throw new ForbiddenError(`proposal.${action}`);
	if (refusal === 'state') throw new RuleError({ _: m.err_proposal_step_state() });
}

/** Finance accounts over the handling unit or above it: told when a benefit awaits them. */
function financeUsers(db: DB | Tx, handlingPath: string): number[] {
	const ids = handlingPath.split('/').filter(Boolean).map(Number);
	return db
		.select({ userId: userRoles.userId })
		.from(userRoles)
		.innerJoin(users, eq(users.id, userRoles.userId))
		.where(and(eq(userRoles.role, 'finance'), inArray(userRoles.unitId, ids), eq(users.status, 'active')))
		.all()
		.map((r) => r.userId);
}

/** What has been paid on a proposal so far, and at which grade. */
export function paidSoFar(db: DB | Tx, proposalId: number) {
	const rows = db.select().from(proposalRewards).where(eq(proposalRewards.proposalId, proposalId)).orderBy(proposalRewards.id).all();
	const last = rows.at(-1);
	return { amountFen: rows.reduce((a, r) => a + r.amountFen, 0), last: last ? { gradeKey: last.gradeKey, amountFen: last.gradeFen } : null };
}

/**
 * One step of the workflow by an officer of the handling unit (or finance). Each is a
 * single transaction with its timeline line, audit row and notifications.
 */
export function takeStep(db: DB, actor: Actor | null, proposalId: number, input: StepInput, now = new Date()) {
	const ctx = loadProposal(db, proposalId);
	checkStep(db, actor, ctx, input.action);
	const note = (input.note ?? '').trim() || null;
	if (STEPS[input.action].reason && !note) throw new RuleError({ note: m.err_note_required() });
	const answered = FIRST_ANSWERS.includes(input.action) && !ctx.p.answeredAt ? { answeredAt: now } : {};
	const to = STEPS[input.action].to ?? undefined;

	switch (input.action) {
		case 'answer':
		case 'accept':
		case 'start':
			return db.transaction((tx) => void recordStep(tx, actor, ctx, { action: input.action, to, note, set: { ...answered, ...(note && input.action === 'answer' ? { decisionNote: note } : {}) } }, now));

		case 'adopt':
		case 'reject':
		case 'reserve': {
			const reviews = db.select().from(proposalReviews).where(eq(proposalReviews.proposalId, proposalId)).all();
			if (ctx.p.status === 'review' && reviews.length === 0) throw new RuleError({ _: m.err_decide_no_reviews() });
			if (reviews.some((r) => !r.submittedAt)) throw new RuleError({ _: m.err_decide_reviews_pending({ n: reviews.filter((r) => !r.submittedAt).length }) });
			return db.transaction((tx) => void recordStep(tx, actor, ctx, { action: input.action, to, note, set: { ...answered, decisionNote: note } }, now));
		}

		case 'forward': {
			const handling = db.select({ parentId: units.parentId }).from(units).where(eq(units.id, ctx.p.handlingUnitId)).get()!;
			if (!handling.parentId) throw new RuleError({ _: m.err_forward_top() });
			const parent = db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, handling.parentId)).get()!;
			return db.transaction((tx) => {
				tx.delete(proposalReviews).where(and(eq(proposalReviews.proposalId, proposalId), isNull(proposalReviews.submittedAt))).run();
				recordStep(tx, actor, ctx, { action: 'forward', to, note, set: { handlingUnitId: parent.id }, data: { from: ctx.handlingName, to: parent.name } }, now);
			});
		}

		case 'merge': {
			const target = db.select({ id: proposals.id }).from(proposals).where(eq(proposals.serial, input.into.trim())).get();
			if (!target || target.id === proposalId) throw new RuleError({ into: m.err_merge_unknown() });
			const into = loadProposal(db, target.id);
			if (into.p.status === 'draft' || into.p.status === 'merged') throw new RuleError({ into: m.err_merge_unknown() });
			if (!into.p.submittedAt || !ctx.p.submittedAt || into.p.submittedAt.getTime() > ctx.p.submittedAt.getTime()) throw new RuleError({ into: m.err_merge_later() });
			authorizeOn(db, actor, into, 'proposal.handle');
			return db.transaction((tx) => {
				tx.delete(proposalReviews).where(and(eq(proposalReviews.proposalId, proposalId), isNull(proposalReviews.submittedAt))).run();
				recordStep(tx, actor, ctx, { action: 'merge', to, note, set: { mergedIntoId: into.p.id, ...answered }, data: { into: into.p.serial } }, now);
				const names = authorsOf(tx, proposalId).map((a) => a.name);
				recordStep(tx, actor, into, { action: 'merge', note, data: { from: ctx.p.serial, authors: names }, tellAuthors: true }, now);
			});
		}

		case 'trial': {
			const from = new Date(`${input.trialFrom}T00:00:00+08:00`);
			if (Number.isNaN(from.getTime()) || from.getTime() > now.getTime()) throw new RuleError({ trialFrom: m.err_trial_date() });
			return db.transaction((tx) => void recordStep(tx, actor, ctx, { action: 'trial', to, note, set: { trialFrom: from }, data: { trialFrom: input.trialFrom } }, now));
		}

		case 'assess': {
			const calc = calculateBenefit(input.lines);
			const window = benefitWindow(ctx.p.trialFrom ?? now);
			return db.transaction((tx) => {
				const row = { lines: input.lines, annualFen: calc.annualFen, periodFrom: window.from, periodTo: window.to, note: note ?? '', assessedBy: actor.userId, assessedAt: now, confirmedBy: null, confirmedAt: null };
				tx.insert(proposalBenefits).values({ proposalId, ...row }).onConflictDoUpdate({ target: proposalBenefits.proposalId, set: row }).run();
				recordStep(tx, actor, ctx, { action: 'assess', to, note, data: { annualFen: calc.annualFen, savingsFen: calc.savingsFen, costsFen: calc.costsFen }, alsoNotify: financeUsers(tx, ctx.handlingPath) }, now);
			});
		}

		case 'return':
			return db.transaction((tx) => void recordStep(tx, actor, ctx, { action: 'return', to, note }, now));

		case 'confirm': {
			const benefit = db.select().from(proposalBenefits).where(eq(proposalBenefits.proposalId, proposalId)).get();
			if (!benefit) throw new RuleError({ _: m.err_proposal_step_state() });
			return db.transaction((tx) => {
				tx.update(proposalBenefits).set({ confirmedBy: actor.userId, confirmedAt: now }).where(eq(proposalBenefits.proposalId, proposalId)).run();
				recordStep(tx, actor, ctx, { action: 'confirm', to, note, set: { benefitFen: benefit.annualFen }, data: { annualFen: benefit.annualFen } }, now);
			});
		}

		case 'reward':
		case 'regrade':
			return grantReward(db, actor, ctx, input.action, input.grade, note, now);
	}
}

/**
 * 奖励: the grade from the federation's table, within what the confirmed benefit or the
 * review score supports, split among the authors by share. A re-grade pays only the
 * difference to the higher grade; the same grade is never paid twice.
 */
function grantReward(db: DB, actor: Actor, ctx: ProposalContext, action: 'reward' | 'regrade', gradeKey: string, note: string | null, now: Date) {
	const { rewardTable } = proposalSettingsOf(db);
	const score = ctx.p.meanScore === null ? null : Number(ctx.p.meanScore);
	return db.transaction((tx) => {
		// read inside the transaction, so two clicks cannot both pay
		const paid = paidSoFar(tx, ctx.p.id);
		if (action === 'reward' && paid.last) throw new RuleError({ grade: m.err_reward_twice() });
		const refusal = rewardRefusal(rewardTable, gradeKey, ctx.p.benefitFen ?? 0, score, paid.last);
		if (refusal) throw new RuleError({ grade: { unknown: m.err_choice, not_eligible: m.err_reward_not_eligible, not_higher: m.err_reward_not_higher }[refusal]() });
		const grade = rewardTable.find((g) => g.key === gradeKey)!;
		const authors = authorsOf(tx, ctx.p.id);
		const payment = rewardPayment(grade, paid.amountFen, authors.map((a) => a.share));
		const reward = tx
			.insert(proposalRewards)
			.values({ proposalId: ctx.p.id, gradeKey: grade.key, gradeName: grade.name, gradeFen: grade.amountFen, amountFen: payment.amountFen, reason: note, grantedBy: actor.userId, grantedAt: now })
			.returning({ id: proposalRewards.id })
			.get();
		tx.insert(proposalRewardShares)
			.values(authors.map((a, i) => ({ rewardId: reward.id, workerId: a.workerId, share: a.share, amountFen: payment.parts[i] })))
			.run();
		recordStep(
			tx,
			actor,
			ctx,
			{
				action,
				to: 'rewarded',
				note,
				set: { rewardGrade: grade.key, rewardFen: paid.amountFen + payment.amountFen },
				data: { grade: grade.name, amountFen: payment.amountFen, parts: authors.map((a, i) => ({ name: a.name, share: a.share, amountFen: payment.parts[i] })) }
			},
			now
		);
		authors.forEach((a, i) => {
			if (a.userId !== null)
				notify(tx, [a.userId], { kind: 'proposal_reward', params: { serial: ctx.p.serial ?? '', title: ctx.p.title.slice(0, 60), grade: grade.name, amountFen: payment.parts[i] }, link: proposalLink(ctx.p.id) }, now);
		});
		return { rewardId: reward.id, amountFen: payment.amountFen };
	});
}

/** Total paid per author across every payment of a proposal. */
export function rewardsOf(db: DB | Tx, proposalId: number) {
	const payments = db.select().from(proposalRewards).where(eq(proposalRewards.proposalId, proposalId)).orderBy(proposalRewards.id).all();
	// in the authors' order, the first proposer first
	const order = new Map(authorsOf(db, proposalId).map((a) => [a.workerId, a.position]));
	const shares = payments.length
		? db
				.select({ rewardId: proposalRewardShares.rewardId, workerId: proposalRewardShares.workerId, share: proposalRewardShares.share, amountFen: proposalRewardShares.amountFen })
				.from(proposalRewardShares)
				.where(inArray(proposalRewardShares.rewardId, payments.map((p) => p.id)))
				.all()
				.sort((a, b) => (order.get(a.workerId) ?? 99) - (order.get(b.workerId) ?? 99))
		: [];
	return payments.map((p) => ({ ...p, shares: shares.filter((s) => s.rewardId === p.id) }));
}
