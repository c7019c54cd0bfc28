import type { RequestHandler } from './$types';
import { serve } from '$lib/server/http';
import { workerSheet } from '$lib/server/people/import';
import { accountState } from '$lib/server/people';
import { sheetFormat, sheetResponse } from '$lib/server/sheet-response';

export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const format = sheetFormat(event.url);
		const p = event.url.searchParams;
		const filter = { unitId: Number(p.get('unit')) || undefined, q: (p.get('q') ?? '').slice(0, 40), account: accountState(p.get('account')) };
		return sheetResponse(await workerSheet(event.locals.db, event.locals.actor, filter, format), format, 'workers', '职工名单');
	});
