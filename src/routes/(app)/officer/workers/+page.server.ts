import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { accountState, listWorkers } from '$lib/server/people';
import { unitOptions } from '$lib/server/units';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const p = event.url.searchParams;
		const unitId = Number(p.get('unit')) || undefined;
		const q = (p.get('q') ?? '').slice(0, 40);
		const page = Math.max(1, Math.floor(Number(p.get('page')) || 1));
		const account = accountState(p.get('account'));
		return {
			list: listWorkers(event.locals.db, event.locals.actor, { unitId, q, account, page }),
			units: unitOptions(event.locals.db, event.locals.actor),
			filter: { unitId: unitId ?? null, q, account: account ?? '' }
		};
	});
