import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { createCompetition, listCompetitions } from '$lib/server/competitions';
import { competitionSchema } from '$lib/server/competitions/forms';
import { unitOptions } from '$lib/server/units';
import { can } from '$lib/server/auth/policy';

export const load: PageServerLoad = (event) =>
	serve(event, () => ({
		competitions: listCompetitions(event.locals.db, event.locals.actor),
		organisers: unitOptions(event.locals.db, event.locals.actor).filter((u) => can(event.locals.actor, 'competition.create', { unitPath: u.path }))
	}));

export const actions: Actions = {
	create: async (event) => {
		const result = await formAction(event, 'create', competitionSchema, (data) => createCompetition(event.locals.db, event.locals.actor, data));
		if (result && 'id' in result) redirect(303, `/officer/competitions/${result.id}?created=1`);
		return result;
	}
};
