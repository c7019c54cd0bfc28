import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formOf, intParam, perform, rethrow, serve } from '$lib/server/http';
import { declareConflict, openSheet } from '$lib/server/judging/sheets';
import { writeSheet } from '$lib/server/judging/sheet-writer';
import { marksFromForm, versionFromForm } from '$lib/server/judging/forms';
import { RuleError } from '$lib/server/errors';

export const load: PageServerLoad = (event) =>
	serve(event, () => openSheet(event.locals.db, event.locals.actor, intParam(event.params.id), intParam(event.params.entryId)));

async function save(event: Parameters<Actions[string]>[0], submit: boolean) {
	const form = await formOf(event);
	const marks = marksFromForm(form);
	const values = Object.fromEntries(Object.entries(marks).map(([k, v]) => [`m${k}`, v]));
	try {
		const sheet = await writeSheet(event.locals.db, event.locals.actor, intParam(event.params.id), intParam(event.params.entryId), {
			version: versionFromForm(form),
			marks,
			submit
		});
		return { saved: true, submitted: submit, version: sheet.version };
	} catch (e) {
		if (e instanceof RuleError) return fail(400, { errors: e.errors, values });
		rethrow(event, e);
	}
}

export const actions: Actions = {
	save: (event) => save(event, false),
	submit: (event) => save(event, true),
	declare: async (event) => {
		const reason = String((await formOf(event)).get('reason') ?? '').slice(0, 500);
		return perform(event, { reason }, () => {
			declareConflict(event.locals.db, event.locals.actor, intParam(event.params.id), intParam(event.params.entryId), reason);
			return { declared: true };
		});
	}
};
