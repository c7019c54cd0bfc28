import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/validation';
import { intParam, perform, serve, formOf } from '$lib/server/http';
import { getUnitForOfficer, listManagedUnits, updateUnit } from '$lib/server/units';
import { unitUpdateSchema } from '$lib/server/units/forms';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const detail = getUnitForOfficer(event.locals.db, event.locals.actor, intParam(event.params.id));
		const parents = detail.canMove ? listManagedUnits(event.locals.db, event.locals.actor).filter((u) => !u.path.startsWith(detail.unit.path)) : [];
		return { ...detail, parents, created: event.url.searchParams.has('created') };
	});

export const actions: Actions = {
	update: async (event) => {
		const unitId = intParam(event.params.id);
		const data = await formOf(event);
		const form = parseForm(unitUpdateSchema, data);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		return perform(event, form.values, () => {
			updateUnit(event.locals.db, event.locals.actor, unitId, form.data);
			return { saved: true };
		});
	}
};
