import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serve } from '$lib/server/http';
import { colleagueByNumber } from '$lib/server/proposals/queries';

/** The name of a colleague of the worker's enterprise with this employee number, to confirm a co-proposer. */
export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const no = (event.url.searchParams.get('no') ?? '').trim().slice(0, 32);
		return json({ data: colleagueByNumber(event.locals.db, event.locals.actor, no) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});
