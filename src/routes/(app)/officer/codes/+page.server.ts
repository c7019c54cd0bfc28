import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { id, parseForm } from '$lib/server/validation';
import { perform, serve, formOf } from '$lib/server/http';
import { issueCodes, workersWithoutAccount } from '$lib/server/accounts';
import { unitOptions } from '$lib/server/units';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const units = unitOptions(event.locals.db, event.locals.actor);
		const unitId = Number(event.url.searchParams.get('unit')) || null;
		return {
			units,
			unitId,
			waiting: unitId ? workersWithoutAccount(event.locals.db, event.locals.actor, unitId) : null
		};
	});

const schema = z.object({ 'workerIds[]': z.array(id, { error: () => m.err_pick_workers() }).min(1, { error: () => m.err_pick_workers() }) });

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(schema, await formOf(event));
		if (!form.ok) return fail(400, { errors: { workerIds: form.errors['workerIds[]'] ?? m.err_pick_workers() } });
		return perform(event, {}, () => ({ issued: issueCodes(event.locals.db, event.locals.actor, form.data['workerIds[]']) }));
	}
};
