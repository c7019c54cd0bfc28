import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { employeeNo, optionalText, parseForm, password, phone, text, unitCode } from '$lib/server/validation';
import { requestAccount } from '$lib/server/accounts';
import { joinableUnits } from '$lib/server/units/overview';
import { perform, formOf } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = ({ locals }) => forReader({ groups: joinableUnits(locals.db) });

const schema = z
	.object({ unitCode, name: text(40), employeeNo, phone, trade: optionalText(40), password, confirm: z.string().optional() })
	.refine((v) => v.password === v.confirm, { path: ['confirm'], error: () => m.err_password_mismatch() });

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await formOf(event));
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		return perform(event, form.values, async () => {
			await requestAccount(event.locals.db, { ...form.data, ip: event.getClientAddress() });
			return { sent: true };
		});
	}
};
