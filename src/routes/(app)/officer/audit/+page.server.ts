import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { listAudit } from '$lib/server/audit';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const before = Number(event.url.searchParams.get('before')) || undefined;
		const action = (event.url.searchParams.get('action') ?? '').slice(0, 40).replace(/[^a-z_.]/g, '') || undefined;
		return { log: listAudit(event.locals.db, event.locals.actor, { before, action }), action: action ?? '' };
	});
