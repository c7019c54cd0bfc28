import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { officerOverview } from '$lib/server/dashboard';
import { queueCount, queueTop } from '$lib/server/proposals/queries';
import { pendingEntries } from '$lib/server/competitions/entries';
import { studioRegistry } from '$lib/server/studios/public';
import { dashboardTargets } from '$lib/server/targets';

/** Studios listed as due when their reassessment falls within this many days. */
const DUE_WITHIN = 90;

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const due = studioRegistry(db, actor, { dueWithin: DUE_WITHIN }).sort((a, b) => (a.nextReassessOn ?? '').localeCompare(b.nextReassessOn ?? ''));
		return {
			overview: officerOverview(db, actor),
			proposals: { open: queueCount(db, actor, { status: 'open' }), overdue: queueCount(db, actor, { overdue: true }) },
			overdue: queueTop(db, actor, { overdue: true, sort: 'due' }, 5),
			entries: pendingEntries(db, actor, 5),
			studiosDue: { total: due.length, rows: due.slice(0, 5) },
			targets: dashboardTargets(db, actor)
		};
	});
