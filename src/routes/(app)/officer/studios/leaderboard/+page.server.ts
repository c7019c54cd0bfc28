import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { scopeOf } from '$lib/server/auth/policy';
import { studioLeaderboard } from '$lib/server/studios/assessment';
import { yearOf } from '$lib/server/studios/forms';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const scope = scopeOf(event.locals.actor);
		const year = yearOf(event.url);
		return { board: studioLeaderboard(event.locals.db, year, { paths: scope === 'all' ? undefined : scope }) };
	});
