import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formOf, rethrow, serve } from '$lib/server/http';
import { parseForm } from '$lib/server/validation';
import { RuleError } from '$lib/server/errors';
import { appealForm, fileAppeal } from '$lib/server/results/appeals';
import { appealSchema } from '$lib/server/results/forms';
import { m } from '$lib/paraglide/messages';

const ids = (url: URL) => {
	const version = Number(url.searchParams.get('version'));
	const entry = Number(url.searchParams.get('entry'));
	if (!Number.isSafeInteger(version) || version <= 0 || !Number.isSafeInteger(entry) || entry <= 0) error(404, m.err_not_found());
	return { version, entry };
};

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { version, entry } = ids(event.url);
		return appealForm(event.locals.db, event.locals.actor, version, entry);
	});

export const actions: Actions = {
	default: async (event) => {
		const { version, entry } = ids(event.url);
		const form = await formOf(event);
		const parsed = parseForm(appealSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const file = form.get('attachment');
		const attachment = file instanceof File && file.size > 0 ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
		let stageId: number;
		try {
			if (parsed.data.entryId !== entry) throw new RuleError({ _: m.err_choice() });
			fileAppeal(event.locals.db, event.locals.actor, version, entry, { reason: parsed.data.reason, attachment });
			stageId = appealForm(event.locals.db, event.locals.actor, version, entry).stage.id;
		} catch (e) {
			if (e instanceof RuleError) return fail(400, { errors: e.errors, values: parsed.values });
			rethrow(event, e);
		}
		redirect(303, `/results/stages/${stageId}?appealed=1`);
	}
};
