import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/validation';
import { can } from '$lib/server/auth/policy';
import { intParam, perform, performAs, serve, formOf } from '$lib/server/http';
import { deleteUnit, getUnitForOfficer, listManagedUnits, updateUnit } from '$lib/server/units';
import { unitUpdateSchema } from '$lib/server/units/forms';
import { recordUnitHonour, unitHonoursOf } from '$lib/server/studios/honours';
import { unitHonourSchema } from '$lib/server/studios/forms';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const detail = getUnitForOfficer(event.locals.db, event.locals.actor, intParam(event.params.id));
		const parents = detail.canMove ? listManagedUnits(event.locals.db, event.locals.actor).filter((u) => !u.path.startsWith(detail.unit.path)) : [];
		return { ...detail, honours: unitHonoursOf(event.locals.db, detail.unit.id), parents, created: event.url.searchParams.has('created'), deleted: event.url.searchParams.has('deleted'), canDelete: can(event.locals.actor, 'unit.delete', { unitPath: detail.unit.path }) };
	});

export const actions: Actions = {
	honour: (event) =>
		formAction(event, 'honour', unitHonourSchema, (d) => {
			recordUnitHonour(event.locals.db, event.locals.actor, intParam(event.params.id), d);
			return { honourSaved: true };
		}),
	delete: async (event) => {
		const unitId = intParam(event.params.id);
		const result = await performAs(event, 'deleteErrors', () => deleteUnit(event.locals.db, event.locals.actor, unitId));
		if ('parentId' in result) redirect(303, `/officer/units${result.parentId ? `/${result.parentId}` : ''}?deleted=1`);
		return result;
	},
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
