import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { officerOverview } from '$lib/server/dashboard';
import { queueCount } from '$lib/server/proposals/queries';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		return {
			overview: officerOverview(db, actor),
			proposals: { open: queueCount(db, actor, { status: 'open' }), overdue: queueCount(db, actor, { overdue: true }) }
		};
	});
