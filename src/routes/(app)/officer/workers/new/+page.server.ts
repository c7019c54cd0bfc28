import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/validation';
import { perform, serve, formOf } from '$lib/server/http';
import { createWorker } from '$lib/server/people';
import { workerSchema } from '$lib/server/people/forms';
import { unitOptions } from '$lib/server/units';

export const load: PageServerLoad = (event) =>
	serve(event, () => ({ units: unitOptions(event.locals.db, event.locals.actor), unitId: event.url.searchParams.get('unit') ?? '' }));

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(workerSchema, await formOf(event));
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await perform(event, form.values, () => createWorker(event.locals.db, event.locals.actor, form.data));
		if (result && 'id' in result) redirect(303, `/officer/workers/${result.id}?created=1`);
		return result;
	}
};
