import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, serve } from '$lib/server/http';
import { createEvent, getCompetitionForOfficer, moveCompetition, updateCompetition } from '$lib/server/competitions';
import { createScheme } from '$lib/server/competitions/schemes';
import { competitionSchema, eventSchema, schemeRulesSchema, statusSchema } from '$lib/server/competitions/forms';
import { text } from '$lib/server/validation';
import { unitOptions } from '$lib/server/units';
import { can } from '$lib/server/auth/policy';
import { nextCompetitionStatuses } from '$lib/domain/competition';
import { auditForEntity } from '$lib/server/audit';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const competition = getCompetitionForOfficer(db, actor, intParam(event.params.id));
		return {
			competition,
			canManage: competition.canManage,
			next: nextCompetitionStatuses(competition.status),
			organisers: unitOptions(db, actor).filter((u) => can(actor, 'competition.create', { unitPath: u.path })),
			history: auditForEntity(db, 'competition', competition.id).slice(0, 10),
			created: event.url.searchParams.has('created')
		};
	});

const newEventSchema = eventSchema.and(z.object({ firstStage: text(20) }));

export const actions: Actions = {
	update: (event) =>
		formAction(event, 'update', competitionSchema, (data) => {
			updateCompetition(event.locals.db, event.locals.actor, intParam(event.params.id), data);
			return { form: 'update', saved: true };
		}),
	status: (event) =>
		formAction(event, 'status', statusSchema, (data) => {
			moveCompetition(event.locals.db, event.locals.actor, intParam(event.params.id), data.to);
			return { form: 'status', saved: true };
		}),
	addEvent: async (event) => {
		const result = await formAction(event, 'addEvent', newEventSchema, (data) => createEvent(event.locals.db, event.locals.actor, intParam(event.params.id), data));
		if (result && 'id' in result) redirect(303, `/officer/events/${result.id}`);
		return result;
	},
	addScheme: async (event) => {
		const result = await formAction(event, 'addScheme', schemeRulesSchema, (data) => createScheme(event.locals.db, event.locals.actor, intParam(event.params.id), data));
		if (result && 'id' in result) redirect(303, `/officer/schemes/${result.id}`);
		return result;
	}
};
