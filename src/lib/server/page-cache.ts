import type { Handle } from '@sveltejs/kit';
import type { DB } from './db';

/**
 * Public pages as anonymous readers get them, kept until the database changes.
 *
 * A venue screen or a results page of a big event is read by many people at once and
 * changes only when a sheet is submitted. The app has one connection that makes every
 * write, so SQLite's `total_changes()` on it is a counter that moves with every change
 * anywhere: a kept page is served only while the counter stands where it stood when the
 * page was rendered (and for at most `ttlMs`, for what changes with the clock alone).
 *
 * Only GETs of documents (not `__data.json`) without a session cookie, for the public
 * route groups, answered 200 without setting a cookie. The key is the address and the
 * remembered language, which is all such a page depends on. Pages carry their CSP with
 * hashes (svelte.config.js), never a per-response nonce, so a kept page is safe to repeat.
 */
export interface PageCacheOptions {
	/** route ids starting with one of these are kept */
	routes: string[];
	/** the cookies whose presence means a page is personal (not kept, not served from the cache) */
	personalCookies: string[];
	/** the cookie whose value chooses the language */
	languageCookie: string;
	ttlMs?: number;
	maxBytes?: number;
	maxEntryBytes?: number;
}

interface Kept {
	version: number;
	at: number;
	status: number;
	headers: [string, string][];
	body: Uint8Array;
}

export function pageCache(getDb: () => DB, options: PageCacheOptions): Handle {
	const { routes, personalCookies, languageCookie, ttlMs = 5_000, maxBytes = 32 * 1024 * 1024, maxEntryBytes = 2 * 1024 * 1024 } = options;
	const kept = new Map<string, Kept>();
	const rendering = new Map<string, Promise<Kept | null>>();
	let bytes = 0;
	let changes: (() => number) | undefined;
	const version = () => {
		if (!changes) {
			const stmt = getDb().$client.prepare('SELECT total_changes() AS n').pluck();
			changes = () => stmt.get() as number;
		}
		return changes();
	};
	const forget = (key: string) => {
		const k = kept.get(key);
		if (k) {
			bytes -= k.body.byteLength;
			kept.delete(key);
		}
	};

	return async ({ event, resolve }) => {
		const cacheable =
			event.request.method === 'GET' &&
			!event.isDataRequest &&
			!!event.route.id &&
			routes.some((r) => event.route.id!.startsWith(r)) &&
			personalCookies.every((c) => !event.cookies.get(c));
		if (!cacheable) return resolve(event);
		const key = `${event.url.pathname}${event.url.search}|${event.cookies.get(languageCookie) ?? ''}`;
		const now = Date.now();
		const v = version();
		const hit = kept.get(key);
		if (hit && hit.version === v && now - hit.at < ttlMs) {
			// most recently used last, so the oldest goes first when the budget is spent
			kept.delete(key);
			kept.set(key, hit);
			return replay(hit, 'hit');
		}
		// one rendering per page and version: readers arriving meanwhile wait for it (after a
		// change, a busy page would otherwise be rendered once per reader waiting)
		const flight = `${key}\u0000${v}`;
		const pending = rendering.get(flight);
		if (pending) {
			const shared = await pending;
			return shared ? replay(shared, 'shared') : resolve(event);
		}
		forget(key);
		let done!: (k: Kept | null) => void;
		rendering.set(
			flight,
			new Promise<Kept | null>((r) => (done = r)).finally(() => rendering.delete(flight))
		);
		let page: Kept | null = null;
		try {
			const response = await resolve(event);
			if (response.status !== 200 || response.headers.has('set-cookie') || version() !== v) return response;
			page = { version: v, at: now, status: 200, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
		} finally {
			done(page);
		}
		if (page.body.byteLength <= maxEntryBytes) {
			kept.set(key, page);
			bytes += page.body.byteLength;
			for (const oldest of kept.keys()) {
				if (bytes <= maxBytes) break;
				forget(oldest);
			}
		}
		return replay(page, 'miss');
	};
}

const replay = (k: Kept, how: 'hit' | 'miss' | 'shared') =>
	new Response(k.body.slice(), { status: k.status, headers: new Headers([...k.headers, ['x-page-cache', how]]) });
