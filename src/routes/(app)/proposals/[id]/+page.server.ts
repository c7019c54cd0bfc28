import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, noFields, serve } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';
import { proposalDetail } from '$lib/server/proposals/queries';
import { supportProposal } from '$lib/server/proposals/drafts';
import { takeStep } from '$lib/server/proposals/workflow';
import { assignReviewers, submitReview, unassignReviewer } from '$lib/server/proposals/reviews';
import { assessSchema, idList, mergeSchema, noteSchema, reviewSchema, rewardSchema, trialSchema, assignSchema } from '$lib/server/proposals/forms';
import { PROPOSAL_ACTIONS, type ProposalAction } from '$lib/domain/proposals';
import { proposalSettingsOf } from '$lib/server/proposals/context';
import { z } from 'zod';

export const load: PageServerLoad = (event) =>
	serve(event, () => ({
		p: proposalDetail(event.locals.db, event.locals.actor, intParam(event.params.id)),
		submitted: event.url.searchParams.has('submitted')
	}));

const NOTE_ONLY = ['answer', 'accept', 'forward', 'adopt', 'reject', 'reserve', 'start', 'return', 'confirm'] as const;

export const actions: Actions = {
	support: (event) => formAction(event, 'support', noFields, () => supportProposal(event.locals.db, event.locals.actor, intParam(event.params.id))),

	/** One workflow step; the form says which (`step`), and each has its own fields. */
	step: async (event) => {
		const id = intParam(event.params.id);
		const step = (await event.request.clone().formData().catch(() => null))?.get('step');
		if (typeof step !== 'string' || !(PROPOSAL_ACTIONS as readonly string[]).includes(step) || step === 'submit' || step === 'assign') {
			return fail(400, { form: 'step', errors: { _: m.err_choice() }, values: {} });
		}
		const action = step as Exclude<ProposalAction, 'submit' | 'assign'>;
		const { db, actor } = event.locals;
		if ((NOTE_ONLY as readonly string[]).includes(action)) {
			return formAction(event, action, noteSchema, (d) => takeStep(db, actor, id, { action: action as (typeof NOTE_ONLY)[number], note: d.note }));
		}
		switch (action) {
			case 'merge':
				return formAction(event, action, mergeSchema, (d) => takeStep(db, actor, id, { action, into: d.into, note: d.note }));
			case 'trial':
				return formAction(event, action, trialSchema, (d) => takeStep(db, actor, id, { action, trialFrom: d.trialFrom, note: d.note }));
			case 'assess':
				return formAction(event, action, assessSchema, (d) => takeStep(db, actor, id, { action, lines: d.lines, note: d.note }));
			default:
				return formAction(event, action, rewardSchema, (d) => takeStep(db, actor, id, { action: action as 'reward' | 'regrade', grade: d.grade, note: d.note }));
		}
	},

	assign: (event) =>
		formAction(event, 'assign', assignSchema, (d) =>
			assignReviewers(event.locals.db, event.locals.actor, {
				proposalIds: [intParam(event.params.id)],
				employeeNos: d.reviewers.split(/[\s,，、;；]+/).filter(Boolean).slice(0, 20),
				userIds: idList(d['reviewer[]'])
			})
		),

	unassign: (event) =>
		formAction(event, 'unassign', z.object({ reviewer: z.coerce.number().int().positive() }), (d) =>
			unassignReviewer(event.locals.db, event.locals.actor, intParam(event.params.id), d.reviewer)
		),

	review: async (event) => {
		const { db, actor } = event.locals;
		const { scorecard } = proposalSettingsOf(db);
		return formAction(event, 'review', reviewSchema, (d) => {
			const marks = Object.fromEntries(
				scorecard.map((c) => {
					const raw = String((d as Record<string, unknown>)[`mark_${c.key}`] ?? '').trim();
					return [c.key, /^\d{1,4}$/.test(raw) ? Number(raw) : NaN];
				})
			);
			return submitReview(db, actor, intParam(event.params.id), { marks, recommendation: d.recommendation, note: d.note });
		});
	}
};

