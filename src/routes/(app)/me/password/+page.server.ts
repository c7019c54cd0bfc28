import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { parseForm, password } from '$lib/server/validation';
import { changePassword } from '$lib/server/accounts';
import { perform, serve, formOf } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) => serve(event, () => authorize(event.locals.actor, 'account.changePassword', { userId: event.locals.actor?.userId }));

const schema = z
	.object({ current: z.string({ error: () => m.err_required() }).min(1, { error: () => m.err_required() }), next: password, confirm: z.string().optional() })
	.refine((v) => v.next === v.confirm, { path: ['confirm'], error: () => m.err_password_mismatch() });

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await formOf(event));
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		return perform(event, form.values, async () => {
			await changePassword(event.locals.db, event.locals.actor, { current: form.data.current, next: form.data.next }, event.locals.sessionId);
			return { changed: true };
		});
	}
};
