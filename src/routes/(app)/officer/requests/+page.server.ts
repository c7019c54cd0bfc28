import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { id, optionalText, parseForm } from '$lib/server/validation';
import { perform, serve, formOf } from '$lib/server/http';
import { decideRequest, listRequests } from '$lib/server/accounts';

export const load: PageServerLoad = (event) => {
	const status = event.url.searchParams.get('status');
	const which = status === 'approved' || status === 'rejected' ? status : 'pending';
	return serve(event, () => ({ requests: listRequests(event.locals.db, event.locals.actor, which), status: which }));
};

const schema = z.object({ id, decision: z.enum(['approve', 'reject']), reason: optionalText(200) });

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await formOf(event));
		if (!form.ok) return fail(400, { id: Number(form.values.id) || 0, errors: form.errors, values: form.values });
		const { id: requestId, decision, reason } = form.data;
		const result = await perform(event, form.values, () => {
			decideRequest(event.locals.db, event.locals.actor, { id: requestId, approve: decision === 'approve', reason });
			return { decided: decision, id: requestId };
		});
		if (result && 'status' in result) return fail(400, { id: requestId, errors: result.data.errors, values: form.values });
		return result;
	}
};
