import type { RequestEvent } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { serve } from './http';

/**
 * A read-only JSON answer for the public API: cacheable for `maxAge` seconds, with an
 * ETag so a client that already has this body gets 304 Not Modified.
 */
export function apiJson(event: RequestEvent, read: () => unknown, maxAge: (data: unknown) => number) {
	return serve(event, () => {
		const data = read();
		const body = JSON.stringify({ data, generatedAt: new Date().toISOString() }, null, 0);
		// the ETag covers the data, not the time it was generated
		const etag = `"${encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(data)))).slice(0, 32)}"`;
		const headers = {
			'Cache-Control': `public, max-age=${maxAge(data)}, stale-while-revalidate=${maxAge(data)}`,
			ETag: etag,
			'Access-Control-Allow-Origin': '*'
		};
		if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
	});
}

/** How long results may be cached: final results change only by a correction. */
export const resultsMaxAge = (status: string) => (status === 'final' || status === 'superseded' ? 300 : 30);
