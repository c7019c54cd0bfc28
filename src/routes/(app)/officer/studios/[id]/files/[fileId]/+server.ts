import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { studioFile } from '$lib/server/studios/registry';
import { fileHeaders } from '$lib/server/files';

/** A studio's application material, for its people and the officers over it. */
export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const file = studioFile(event.locals.db, event.locals.actor, intParam(event.params.id), intParam(event.params.fileId));
		return new Response(new Uint8Array(file.bytes), {
			headers: { ...fileHeaders(file, true), 'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox" }
		});
	});
