import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { setLeaderHonours, studioSettingsOf } from '$lib/server/studios/context';
import { setSheet, sheetFor } from '$lib/server/studios/assessment';
import { leaderHonoursSchema, sheetSchema, yearOf } from '$lib/server/studios/forms';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		authorize(event.locals.actor, 'studio.settings');
		const year = yearOf(event.url);
		return { year, leaderHonours: studioSettingsOf(event.locals.db).leaderHonours, sheet: sheetFor(event.locals.db, year) };
	});

export const actions: Actions = {
	leaders: (event) => formAction(event, 'leaders', leaderHonoursSchema, (d) => {
		setLeaderHonours(event.locals.db, event.locals.actor, d);
		return { saved: true };
	}),
	sheet: (event) => formAction(event, 'sheet', sheetSchema, (d) => {
		setSheet(event.locals.db, event.locals.actor, yearOf(event.url), d);
		return { saved: true };
	})
};
