import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { employeeNo, parseForm, password, text } from '$lib/server/validation';
import { activate } from '$lib/server/accounts';
import { startSession } from '$lib/server/accounts/session';
import { perform, formOf } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor) redirect(303, '/me');
};

const schema = z
	.object({ employeeNo, code: text(32), password, confirm: z.string().optional() })
	.refine((v) => v.password === v.confirm, { path: ['confirm'], error: () => m.err_password_mismatch() });

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await formOf(event));
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const userId = await perform(event, form.values, () => activate(event.locals.db, { ...form.data, ip: event.getClientAddress() }));
		if (typeof userId !== 'number') return userId;
		startSession(event.locals.db, event.cookies, userId, event.url.protocol === 'https:');
		redirect(303, '/me?welcome=1');
	}
};
