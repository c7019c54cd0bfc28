import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formOf, rethrow, serve } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { parseForm } from '$lib/server/validation';
import { RuleError } from '$lib/server/errors';
import { uploadsOf } from '$lib/server/files';
import { unitOptions } from '$lib/server/units';
import { registerStudio } from '$lib/server/studios/registry';
import { studioSchema } from '$lib/server/studios/forms';
import { studioSettingsOf } from '$lib/server/studios/context';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		authorize(event.locals.actor, 'officer.area');
		return { units: unitOptions(event.locals.db, event.locals.actor), leaderHonours: studioSettingsOf(event.locals.db).leaderHonours };
	});

export const actions: Actions = {
	default: async (event) => {
		const form = await formOf(event);
		const parsed = parseForm(studioSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		let id: number;
		try {
			const d = parsed.data;
			id = registerStudio(
				event.locals.db,
				event.locals.actor,
				{ name: d.name, type: d.type, level: d.level, unitId: d.unitId, leaderNo: d.leaderNo, memberNos: d.members, field: d.field, summary: d.summary, foundedOn: d.foundedOn, fundingFen: d.funding },
				await uploadsOf(form.getAll('files'))
			).id;
		} catch (e) {
			if (e instanceof RuleError) return fail(400, { errors: e.errors, values: parsed.values });
			rethrow(event, e);
		}
		redirect(303, `/officer/studios/${id}?registered=1`);
	}
};
