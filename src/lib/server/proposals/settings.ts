import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { proposalSettings } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { RuleError } from '../errors';
import { rewardTableProblem, type Deadlines, type RewardGrade, type ScoreCriterion } from '$lib/domain/proposals';
import { proposalSettingsOf } from './context';

export interface SettingsInput {
	deadlines: Deadlines;
	rewardTable: RewardGrade[];
	scorecard: ScoreCriterion[];
}

/** The admin sets the federation's deadlines, reward table and reviewers' scorecard. */
export function updateProposalSettings(db: DB, actor: Actor | null, input: SettingsInput, now = new Date()) {
	authorize(actor, 'proposal.settings');
	const problem = rewardTableProblem(input.rewardTable);
	if (problem) throw new RuleError({ rewardTable: { empty: m.err_reward_table_empty, keys: m.err_reward_table_keys, order: m.err_reward_table_order }[problem]() });
	if (input.scorecard.length === 0) throw new RuleError({ scorecard: m.err_required() });
	const before = proposalSettingsOf(db);
	db.transaction((tx) => {
		const row = { deadlines: input.deadlines, rewardTable: input.rewardTable, scorecard: input.scorecard, updatedAt: now, updatedBy: actor.userId };
		tx.insert(proposalSettings).values({ id: 1, ...row }).onConflictDoUpdate({ target: proposalSettings.id, set: row }).run();
		writeAudit(tx, actor, {
			action: 'proposal.settings',
			entityType: 'proposal_settings',
			entityId: 1,
			before: { deadlines: before.deadlines, rewardTable: before.rewardTable, scorecard: before.scorecard },
			after: { deadlines: input.deadlines, rewardTable: input.rewardTable, scorecard: input.scorecard }
		});
	});
}
