import { m } from '$lib/paraglide/messages';
import { proposalCategoryLabel, proposalKindLabel, proposalStatusLabel } from '$lib/labels';
import { today } from '../competitions/context';
import type { proposalQueueAll } from './queries';

/** The officer's queue as a spreadsheet: the columns of the list, money in yuan. */
export function queueSheet(rows: ReturnType<typeof proposalQueueAll>) {
	const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
	return {
		header: [
			m.prop_serial(),
			m.prop_title(),
			m.prop_kind(),
			m.prop_category(),
			m.prop_author(),
			m.prop_origin_unit(),
			m.prop_handling_unit(),
			m.prop_status(),
			m.prop_submitted_on(),
			m.prop_due_on(),
			m.prop_overdue(),
			m.prop_supports(),
			m.prop_score(),
			`${m.prop_annual_benefit()}（元）`,
			`${m.prop_rewards()}（元）`
		],
		rows: rows.map((r) => [
			r.serial,
			r.title,
			proposalKindLabel(r.kind),
			proposalCategoryLabel(r.category),
			r.proposer,
			r.unit,
			r.handlingUnit,
			proposalStatusLabel(r.status),
			r.submittedAt ? today(r.submittedAt) : null,
			r.dueAt ? today(r.dueAt) : null,
			r.overdue ? m.prop_overdue() : null,
			r.supports,
			r.meanScore === null ? null : Number(r.meanScore),
			yuan(r.benefitFen),
			yuan(r.rewardFen || null)
		])
	};
}

