import { sqliteTable, integer, text, index, uniqueIndex, primaryKey, blob } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { workers } from './people';
import { units } from './units';
import { stamp } from './columns';
import {
	PROPOSAL_CATEGORIES,
	PROPOSAL_KINDS,
	PROPOSAL_STATUSES,
	type BenefitLine,
	type Deadlines,
	type RewardGrade,
	type ScoreCriterion
} from '../../../domain/proposals';

/**
 * A rationalisation proposal or 五小 innovation. The proposer's unit is where it came
 * from; the handling unit is the union whose officers move it along (the proposer's
 * enterprise at first, a parent once forwarded).
 */
export const proposals = sqliteTable(
	'proposals',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** unit code-year-sequence, given on submission */
		serial: text('serial'),
		kind: text('kind', { enum: PROPOSAL_KINDS }).notNull(),
		category: text('category', { enum: PROPOSAL_CATEGORIES }).notNull(),
		title: text('title').notNull(),
		problem: text('problem').notNull(),
		solution: text('solution').notNull(),
		expectedBenefit: text('expected_benefit').notNull().default(''),
		/** the account that wrote it (first author) */
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		employerId: integer('employer_id')
			.notNull()
			.references(() => units.id),
		handlingUnitId: integer('handling_unit_id')
			.notNull()
			.references(() => units.id),
		status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('draft'),
		/** when the current state began, and when it is due to be left */
		stateSince: stamp('state_since').notNull(),
		dueAt: stamp('due_at'),
		submittedAt: stamp('submitted_at'),
		/** the first answer: answered, adopted, rejected or reserved */
		answeredAt: stamp('answered_at'),
		mergedIntoId: integer('merged_into_id'),
		/** the written reason of the last decision or the reply to an opinion */
		decisionNote: text('decision_note'),
		meanScore: text('mean_score'),
		trialFrom: stamp('trial_from'),
		/** annual economic benefit as confirmed by finance */
		benefitFen: integer('benefit_fen'),
		rewardGrade: text('reward_grade'),
		rewardFen: integer('reward_fen').notNull().default(0),
		supports: integer('supports').notNull().default(0),
		createdAt: stamp('created_at').notNull(),
		updatedAt: stamp('updated_at').notNull()
	},
	(t) => [
		uniqueIndex('proposals_serial_uq').on(t.serial),
		index('proposals_created_by_idx').on(t.createdBy, t.status),
		// the officer's queue: filtered by unit and state, ordered by due or submission date, from the index alone
		index('proposals_queue_idx').on(t.handlingUnitId, t.status, t.dueAt, t.submittedAt),
		index('proposals_unit_idx').on(t.unitId),
		index('proposals_submitted_idx').on(t.submittedAt),
		index('proposals_due_idx').on(t.dueAt),
		index('proposals_merged_into_idx').on(t.mergedIntoId),
		// who may view a proposal, without reading its row (search checks thousands of hits)
		index('proposals_visibility_idx').on(t.id, t.status, t.createdBy, t.employerId, t.handlingUnitId, t.unitId)
	]
);

/** The proposers and their contribution shares (whole percents, together 100). */
export const proposalAuthors = sqliteTable(
	'proposal_authors',
	{
		proposalId: integer('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		position: integer('position').notNull(),
		share: integer('share').notNull()
	},
	(t) => [primaryKey({ columns: [t.proposalId, t.workerId] }), index('proposal_authors_worker_idx').on(t.workerId)]
);

/** Attachments, kept in the database (never under static/) and served by permission. */
export const proposalFiles = sqliteTable(
	'proposal_files',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		proposalId: integer('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** the type found in the content, not the one the browser claimed */
		type: text('type').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		uploadedBy: integer('uploaded_by')
			.notNull()
			.references(() => users.id),
		createdAt: stamp('created_at').notNull()
	},
	(t) => [index('proposal_files_proposal_idx').on(t.proposalId)]
);

/** The timeline the proposer sees: every step, with its public note. */
export const proposalEvents = sqliteTable(
	'proposal_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		proposalId: integer('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		at: stamp('at').notNull(),
		actorUserId: integer('actor_user_id').references(() => users.id),
		actorName: text('actor_name').notNull(),
		action: text('action').notNull(),
		fromStatus: text('from_status', { enum: PROPOSAL_STATUSES }),
		toStatus: text('to_status', { enum: PROPOSAL_STATUSES }),
		note: text('note'),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [index('proposal_events_proposal_idx').on(t.proposalId, t.at), index('proposal_events_to_idx').on(t.toStatus, t.at)]
);

/** A reviewer assigned to a proposal, and their scorecard once submitted. */
export const proposalReviews = sqliteTable(
	'proposal_reviews',
	{
		proposalId: integer('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		reviewerId: integer('reviewer_id')
			.notNull()
			.references(() => users.id),
		assignedBy: integer('assigned_by')
			.notNull()
			.references(() => users.id),
		assignedAt: stamp('assigned_at').notNull(),
		marks: text('marks', { mode: 'json' }).$type<Record<string, number>>(),
		/** out of 100 */
		score: text('score'),
		recommendation: text('recommendation', { enum: ['adopt', 'reject', 'reserve'] }),
		/** private: read by officers and the other reviewers, never by the proposer */
		note: text('note'),
		submittedAt: stamp('submitted_at')
	},
	(t) => [primaryKey({ columns: [t.proposalId, t.reviewerId] }), index('proposal_reviews_reviewer_idx').on(t.reviewerId, t.submittedAt), index('proposal_reviews_assigned_by_idx').on(t.assignedBy)]
);

/** 附议: a co-worker's support, once each. */
export const proposalSupports = sqliteTable(
	'proposal_supports',
	{
		proposalId: integer('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		at: stamp('at').notNull()
	},
	(t) => [primaryKey({ columns: [t.proposalId, t.workerId] })]
);

/** The benefit calculation (first twelve months of use) and finance's confirmation. */
export const proposalBenefits = sqliteTable('proposal_benefits', {
	proposalId: integer('proposal_id')
		.primaryKey()
		.references(() => proposals.id, { onDelete: 'cascade' }),
	lines: text('lines', { mode: 'json' }).$type<BenefitLine[]>().notNull(),
	annualFen: integer('annual_fen').notNull(),
	periodFrom: stamp('period_from').notNull(),
	periodTo: stamp('period_to').notNull(),
	note: text('note').notNull().default(''),
	assessedBy: integer('assessed_by')
		.notNull()
		.references(() => users.id),
	assessedAt: stamp('assessed_at').notNull(),
	confirmedBy: integer('confirmed_by').references(() => users.id),
	confirmedAt: stamp('confirmed_at')
});

/** A reward payment: the first one, or a re-grade's difference. */
export const proposalRewards = sqliteTable(
	'proposal_rewards',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		proposalId: integer('proposal_id')
			.notNull()
			.references(() => proposals.id, { onDelete: 'cascade' }),
		gradeKey: text('grade_key').notNull(),
		gradeName: text('grade_name').notNull(),
		/** the grade's full amount, and what this payment adds */
		gradeFen: integer('grade_fen').notNull(),
		amountFen: integer('amount_fen').notNull(),
		reason: text('reason'),
		grantedBy: integer('granted_by')
			.notNull()
			.references(() => users.id),
		grantedAt: stamp('granted_at').notNull()
	},
	(t) => [uniqueIndex('proposal_rewards_grade_uq').on(t.proposalId, t.gradeKey)]
);

export const proposalRewardShares = sqliteTable(
	'proposal_reward_shares',
	{
		rewardId: integer('reward_id')
			.notNull()
			.references(() => proposalRewards.id, { onDelete: 'cascade' }),
		workerId: integer('worker_id')
			.notNull()
			.references(() => workers.id),
		share: integer('share').notNull(),
		amountFen: integer('amount_fen').notNull()
	},
	(t) => [primaryKey({ columns: [t.rewardId, t.workerId] })]
);

/** The next serial number per unit and year. */
export const proposalSerials = sqliteTable(
	'proposal_serials',
	{
		unitId: integer('unit_id')
			.notNull()
			.references(() => units.id),
		year: integer('year').notNull(),
		last: integer('last').notNull()
	},
	(t) => [primaryKey({ columns: [t.unitId, t.year] })]
);

/** The federation's settings: deadlines per state, the reward table, the scorecard. One row. */
export const proposalSettings = sqliteTable('proposal_settings', {
	id: integer('id').primaryKey(),
	deadlines: text('deadlines', { mode: 'json' }).$type<Deadlines>().notNull(),
	rewardTable: text('reward_table', { mode: 'json' }).$type<RewardGrade[]>().notNull(),
	scorecard: text('scorecard', { mode: 'json' }).$type<ScoreCriterion[]>().notNull(),
	updatedAt: stamp('updated_at').notNull(),
	updatedBy: integer('updated_by').references(() => users.id)
});
export type Proposal = typeof proposals.$inferSelect;
