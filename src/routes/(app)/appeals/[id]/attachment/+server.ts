import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { appealAttachment } from '$lib/server/results/appeals';

export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const file = appealAttachment(event.locals.db, event.locals.actor, intParam(event.params.id));
		return new Response(new Uint8Array(file.bytes), {
			headers: {
				'Content-Type': file.type,
				'Content-Disposition': `attachment; filename="appeal-attachment"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
				'Cache-Control': 'private, no-store',
				'Content-Security-Policy': "default-src 'none'; sandbox"
			}
		});
	});
