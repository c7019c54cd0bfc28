import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { proposalQueue, recentReviewers } from '$lib/server/proposals/queries';
import { assignReviewers } from '$lib/server/proposals/reviews';
import { assignSchema, idList, queueFilterOf } from '$lib/server/proposals/forms';
import { unitOptions } from '$lib/server/units';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const filter = queueFilterOf(event.url);
		return {
			filter,
			list: proposalQueue(db, actor, filter),
			units: unitOptions(db, actor),
			reviewers: recentReviewers(db, actor),
			assigned: Number(event.url.searchParams.get('assigned')) || 0
		};
	});

export const actions: Actions = {
	/** Bulk assignment: the ticked proposals get the named reviewers, all or none. */
	assign: (event) =>
		formAction(event, 'assign', assignSchema, (d) => {
			const r = assignReviewers(event.locals.db, event.locals.actor, {
				proposalIds: idList(d['proposal[]']),
				employeeNos: d.reviewers.split(/[\s,，、;；]+/).filter(Boolean).slice(0, 20),
				userIds: idList(d['reviewer[]'])
			});
			return { assigned: r.proposals };
		})
};
