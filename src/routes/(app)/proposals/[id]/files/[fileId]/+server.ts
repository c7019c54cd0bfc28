import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { proposalFile } from '$lib/server/proposals/queries';
import { fileHeaders } from '$lib/server/files';

/** An attachment, for those who may read the proposal in full; never under static/. */
export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const file = proposalFile(event.locals.db, event.locals.actor, intParam(event.params.id), intParam(event.params.fileId));
		return new Response(new Uint8Array(file.bytes), {
			headers: { ...fileHeaders(file, event.url.searchParams.get('download') === null), 'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox" }
		});
	});
