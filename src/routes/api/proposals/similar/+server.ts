import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serve } from '$lib/server/http';
import { similarProposals } from '$lib/server/proposals/queries';
import { proposalStatusLabel } from '$lib/labels';

/** Proposals of the worker's enterprise like the text being typed: serial, title, status. */
export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const q = (event.url.searchParams.get('q') ?? '').slice(0, 400);
		const except = Number(event.url.searchParams.get('except')) || undefined;
		const rows = similarProposals(event.locals.db, event.locals.actor, q, except);
		return json(
			{ data: rows.map((r) => ({ ...r, statusLabel: proposalStatusLabel(r.status) })) },
			{ headers: { 'Cache-Control': 'private, no-store' } }
		);
	});
