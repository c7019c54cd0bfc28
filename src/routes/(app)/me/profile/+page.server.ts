import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formOf, rethrow, serve } from '$lib/server/http';
import { parseForm } from '$lib/server/validation';
import { RuleError } from '$lib/server/errors';
import { uploadOf } from '$lib/server/files';
import { ownProfile, saveOwnProfile } from '$lib/server/studios/profiles';
import { profileSchema } from '$lib/server/studios/forms';

export const load: PageServerLoad = (event) => serve(event, () => ({ profile: ownProfile(event.locals.db, event.locals.actor), workerId: event.locals.actor!.workerId }));

export const actions: Actions = {
	default: async (event) => {
		const form = await formOf(event);
		const parsed = parseForm(profileSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			saveOwnProfile(event.locals.db, event.locals.actor, { ...parsed.data, photo: await uploadOf(form.get('photo')) });
		} catch (e) {
			if (e instanceof RuleError) return fail(400, { errors: e.errors, values: parsed.values });
			rethrow(event, e);
		}
		return { saved: true };
	}
};
