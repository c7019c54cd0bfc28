import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { defaultPeriod, proposalStats } from '$lib/server/proposals/stats';
import { unitOptions } from '$lib/server/units';
import { isDay } from '$lib/server/proposals/forms';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const p = event.url.searchParams;
		const fallback = defaultPeriod();
		const from = isDay(p.get('from')) ? p.get('from')! : fallback.from;
		const to = isDay(p.get('to')) ? p.get('to')! : fallback.to;
		const unitId = Number(p.get('unit')) > 0 ? Number(p.get('unit')) : undefined;
		return {
			stats: proposalStats(event.locals.db, event.locals.actor, { unitId, period: { from, to: to < from ? from : to } }),
			units: unitOptions(event.locals.db, event.locals.actor)
		};
	});
