import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/validation';
import { unitSchema } from '$lib/server/units/forms';
import { perform, serve, formOf } from '$lib/server/http';
import { createUnit, listManagedUnits } from '$lib/server/units';

export const load: PageServerLoad = (event) => serve(event, () => ({ units: listManagedUnits(event.locals.db, event.locals.actor), deleted: event.url.searchParams.has('deleted') }));

export const actions: Actions = {
	create: async (event) => {
		const form = parseForm(unitSchema, await formOf(event));
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const result = await perform(event, form.values, () => createUnit(event.locals.db, event.locals.actor, form.data));
		if (result && 'id' in result) redirect(303, `/officer/units/${result.id}?created=1`);
		return result;
	}
};
