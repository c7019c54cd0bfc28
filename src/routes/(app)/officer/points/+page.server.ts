import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { pointsTable, setPointsTable } from '$lib/server/results/settings';
import { pointsSchema } from '$lib/server/results/forms';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		authorize(event.locals.actor, 'points.manage');
		return { table: pointsTable(event.locals.db) };
	});

export const actions: Actions = {
	default: (event) =>
		formAction(event, 'points', pointsSchema, (data) => {
			setPointsTable(event.locals.db, event.locals.actor, data);
			return { form: 'points', message: m.points_saved() };
		})
};
