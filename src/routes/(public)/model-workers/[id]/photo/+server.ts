import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { profilePhoto } from '$lib/server/studios/profiles';

/** A published profile's photo (or the worker's own, for their preview): typed by content, never sniffed. */
export const GET: RequestHandler = (event) =>
	serve(event, () => {
		const photo = profilePhoto(event.locals.db, event.locals.actor, intParam(event.params.id));
		return new Response(new Uint8Array(photo.bytes), {
			headers: {
				'Content-Type': photo.type,
				'X-Content-Type-Options': 'nosniff',
				'Cache-Control': photo.private ? 'private, no-store' : 'public, max-age=300',
				'Content-Security-Policy': "default-src 'none'; sandbox"
			}
		});
	});
