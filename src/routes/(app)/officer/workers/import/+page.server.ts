import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { perform, serve, formOf } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { importWorkers } from '$lib/server/people/import';

export const load: PageServerLoad = (event) => serve(event, () => authorize(event.locals.actor, 'officer.area'));

export const actions: Actions = {
	default: async (event) => {
		const data = await formOf(event);
		const result = await perform(event, {}, () => importWorkers(event.locals.db, event.locals.actor, data.get('file')));
		if (result && 'problems' in result) {
			const fileName = data.get('file') instanceof File ? (data.get('file') as File).name : '';
			return result.problems.length ? fail(400, { report: result, fileName }) : { report: result, fileName };
		}
		return result;
	}
};
