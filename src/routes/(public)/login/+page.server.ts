import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { parseForm, text } from '$lib/server/validation';
import { signIn } from '$lib/server/accounts';
import { startSession } from '$lib/server/accounts/session';
import { safeRedirect } from '$lib/redirect';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, safeRedirect(url.searchParams.get('redirectTo'), '/me'));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo'), '') };
};

const schema = z.object({
	identifier: text(64),
	password: z.string({ error: () => m.err_required() }).min(1, { error: () => m.err_required() }).max(128, { error: () => m.err_too_long({ max: 128 }) }),
	redirectTo: z.string().optional()
});

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await formOf(event));
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const { identifier, password, redirectTo } = form.data;
		const result = await signIn(event.locals.db, { identifier, password, ip: event.getClientAddress() });
		if (!result.ok) return fail(400, { errors: { [result.field]: result.message }, values: { identifier, redirectTo: redirectTo ?? '' } });
		startSession(event.locals.db, event.cookies, result.userId, event.url.protocol === 'https:');
		redirect(303, safeRedirect(redirectTo, '/me'));
	}
};
