import type { Handle } from '@sveltejs/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { writesElsewhere, type DB } from './db';

/**
 * Public pages as anonymous readers get them, kept until the database changes.
 *
 * A venue screen or a results page of a big event is read by many people at once and
 * changes only when a sheet is submitted. SQLite's `total_changes()` on the app's
 * connection counts every change made there, and the sheet writer's thread reports each
 * write it made on its own connection (`writesElsewhere`): their sum moves with every
 * change anywhere, and a kept page is served while it stands where it stood when the page
 * was rendered (and for at most `ttlMs`, for what changes with the clock alone). A change
 * is taken up within `settleMs`: until then readers get the page from before it, as a
 * live stream polling at that pace would still show it, so a board that a sheet changes
 * 50 times a second is rendered a few times a second, not 50. Then the first reader
 * renders the page again, one reader at a time; readers arriving until that rendering is
 * over (a few milliseconds) get the page from just before the change, and a rendering is
 * kept even when a sheet came in while it ran (under the version from before it, so it is
 * taken for older than the data, never newer). A page whose load set
 * `locals.pageFingerprint` is first asked whether what it shows changed at all: if not,
 * the kept page stands for the new data too (a venue board is unchanged by most sheets).
 * A signed-in reader is never served from here: a judge or officer reads what they have
 * just written.
 *
 * Only GETs of documents (not `__data.json`) without a session cookie, for the public
 * route groups, answered 200 without setting a cookie. The key is the address and the
 * remembered language, which is all such a page depends on. Pages carry their CSP with
 * hashes (svelte.config.js), never a per-response nonce, so a kept page is safe to repeat.
 * A kept page is compressed once, when it is kept, and answered compressed to readers
 * whose browser accepts gzip (every browser does: an 11 KB board goes out as 2 KB).
 */
export interface PageCacheOptions {
	/** route ids starting with one of these are kept */
	routes: string[];
	/** the cookies whose presence means a page is personal (not kept, not served from the cache) */
	personalCookies: string[];
	/** the cookie whose value chooses the language */
	languageCookie: string;
	ttlMs?: number;
	/** how long after a change a kept page may still be answered (0: not at all) */
	settleMs?: number;
	maxBytes?: number;
	maxEntryBytes?: number;
}

interface Kept {
	version: number;
	at: number;
	/** when the page was last known to show the data as it stood (rendered, or its fingerprint asked) */
	confirmedAt: number;
	status: number;
	headers: [string, string][];
	body: Uint8Array;
	/** the same page compressed, for readers that accept gzip */
	gzip: { headers: [string, string][]; body: Uint8Array };
	/** what the page showed, and how to tell it again (locals.pageFingerprint of its rendering) */
	fingerprint?: { value: string; again: () => string };
	/** the version at which the fingerprint last said the page changed */
	changedAt?: number;
	/** when a reader sent on to render it again claimed that (see `usable`) */
	claimedAt?: number;
}

/** How long a claim to render a page again holds off other readers, should its rendering never begin. */
const REFRESH_CLAIM_MS = 1_000;

/** A kept page answered straight from Node's request, before SvelteKit sees it; false when there is none. */
export type AnswerKept = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Where the production server (src/server.js) finds the cache's AnswerKept. */
export const ANSWER_KEPT = Symbol.for('jiangong.pageCache.answerKept');

export function pageCache(getDb: () => DB, options: PageCacheOptions): Handle & { answerKept: AnswerKept } {
	const { routes, personalCookies, languageCookie, ttlMs = 5_000, settleMs = 0, maxBytes = 32 * 1024 * 1024, maxEntryBytes = 2 * 1024 * 1024 } = options;
	const kept = new Map<string, Kept>();
	const rendering = new Map<string, Promise<Kept | null>>();
	let bytes = 0;
	let changes: (() => number) | undefined;
	const version = () => {
		if (!changes) {
			const stmt = getDb().$client.prepare('SELECT total_changes() AS n').pluck();
			changes = () => (stmt.get() as number) + writesElsewhere();
		}
		return changes();
	};
	const forget = (key: string) => {
		const k = kept.get(key);
		if (k) {
			bytes -= size(k);
			kept.delete(key);
		}
	};

	const touch = (key: string, k: Kept) => {
		// most recently used last, so the oldest goes first when the budget is spent
		kept.delete(key);
		kept.set(key, k);
	};
	/**
	 * How a kept page may answer: 'hit' while the data stands where it stood when the page
	 * was rendered; 'stale' after a change while the page was known current less than
	 * `settleMs` ago (rendered, or its fingerprint asked), and while it is being rendered
	 * again (readers arriving meanwhile get the rendering from just before the change,
	 * instead of piling up behind the new one); null otherwise, when the reader should
	 * render it. Once the page is older than `ttlMs` it is rendered again, and answered
	 * stale only while that rendering is under way.
	 *
	 * `claim`: a reader told to render (null) claims the rendering, and until it has begun
	 * (or for at most REFRESH_CLAIM_MS) others asking with `claim` get the page from before.
	 * Node's answerer claims: the reader it turns away goes on to SvelteKit, which renders
	 * (the handle below does not honour claims, its own reader being the claimant). Without
	 * this every reader between the first one and the start of its rendering (the hooks
	 * before it take a while under load) asked the fingerprint again and went to SvelteKit.
	 */
	const usable = (key: string, k: Kept | undefined, now: number, v: number, claim: boolean): 'hit' | 'stale' | null => {
		if (!k) return null;
		const age = now - k.at;
		if (age < ttlMs) {
			if (k.version === v) return 'hit';
			// a change since then is answered within settleMs of it
			if (now - k.confirmedAt < settleMs) return 'stale';
		}
		// being rendered again, or about to be: the page from before stands meanwhile (when
		// its ttlMs ran out, for REFRESH_CLAIM_MS past it at most)
		const claimed = claim && k.claimedAt !== undefined && now - k.claimedAt < REFRESH_CLAIM_MS;
		if ((rendering.has(key) || claimed) && age < ttlMs + REFRESH_CLAIM_MS) return 'stale';
		// the data changed, but not what this page shows: it stands for the new version too
		// (asked once per version: a page found changed is not asked again until it is rendered)
		if (age < ttlMs && k.fingerprint && k.changedAt !== v) {
			if (unchanged(k.fingerprint)) {
				k.version = v;
				k.confirmedAt = now;
				return 'hit';
			}
			k.changedAt = v;
		}
		if (claim) k.claimedAt = now;
		return null;
	};
	const skipCookies = new Set([...personalCookies, languageCookie]);
	const unchanged = (f: NonNullable<Kept['fingerprint']>) => {
		try {
			return f.again() === f.value;
		} catch {
			// whatever failed, the page will say when it is rendered again
			return false;
		}
	};

	/**
	 * A kept page for the commonest reader, without SvelteKit's Request and Response (whose
	 * streams cost more than the page): a GET with neither a session nor a language cookie,
	 * whose page the handle below kept (it alone decides what is kept, under the key such a
	 * reader's request has there). Anything else goes on to SvelteKit.
	 */
	const answerKept: AnswerKept = (req, res) => {
		if (req.method !== 'GET' || !req.url) return false;
		const cookie = req.headers.cookie;
		if (cookie && cookie.split(';').some((c) => skipCookies.has(c.slice(0, c.indexOf('=')).trim()))) return false;
		let key: string;
		try {
			const url = new URL(req.url, 'http://kept');
			key = `${url.pathname}${url.search}|`;
		} catch {
			return false;
		}
		const hit = kept.get(key);
		const how = usable(key, hit, Date.now(), version(), true);
		if (!how || !hit) return false;
		touch(key, hit);
		const { headers, body } = variant(hit, req.headers['accept-encoding']);
		for (const [name, value] of headers) res.setHeader(name, value);
		res.setHeader('x-page-cache', how);
		res.writeHead(hit.status);
		res.end(body);
		return true;
	};

	const handle: Handle = async ({ event, resolve }) => {
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
		const how = usable(key, hit, now, v, false);
		if (how && hit) {
			touch(key, hit);
			return replay(hit, how, event.request);
		}
		// one rendering per page at a time: readers arriving meanwhile without a page kept
		// wait for it (after a change, a busy page would otherwise be rendered once per reader)
		const pending = rendering.get(key);
		if (pending) {
			const shared = await pending;
			return shared ? replay(shared, 'shared', event.request) : resolve(event);
		}
		let done!: (k: Kept | null) => void;
		rendering.set(key, new Promise<Kept | null>((r) => (done = r)));
		let page: Kept | null = null;
		try {
			const response = await resolve(event);
			if (response.status !== 200 || response.headers.has('set-cookie')) {
				// no longer a page to keep, nor to answer with while it renders again
				forget(key);
				return response;
			}
			// the preload hints are in the page's <head> as well; as a header they cost each answer a 3 KB check
			const headers = withVary([...response.headers].filter(([name]) => name !== 'link'));
			const body = new Uint8Array(await response.arrayBuffer());
			// kept under the version from before its reads, even when the data moved while it
			// rendered: it is then older than the data, and is taken for that (stale within
			// settleMs, then asked or rendered again), never newer
			page = {
				version: v,
				at: now,
				confirmedAt: now,
				status: 200,
				headers,
				body,
				gzip: compressed(headers, body),
				fingerprint: event.locals.pageFingerprint
			};
		} finally {
			rendering.delete(key);
			done(page);
		}
		forget(key);
		if (page.body.byteLength <= maxEntryBytes) {
			kept.set(key, page);
			bytes += size(page);
			for (const oldest of kept.keys()) {
				if (bytes <= maxBytes) break;
				forget(oldest);
			}
		}
		return replay(page, 'miss', event.request);
	};
	return Object.assign(handle, { answerKept });
}

/** What a kept page holds in memory: both its copies. */
const size = (k: Kept) => k.body.byteLength + k.gzip.body.byteLength;

/** Both copies of a page say that they depend on Accept-Encoding. */
function withVary(headers: [string, string][]): [string, string][] {
	const vary = headers.find(([name]) => name === 'vary')?.[1];
	return [...headers.filter(([name]) => name !== 'vary'), ['vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding']];
}

/** The page's headers and body with its length, tag and encoding for the compressed copy. */
function compressed(headers: [string, string][], body: Uint8Array): Kept['gzip'] {
	const zipped = new Uint8Array(gzipSync(body));
	const changed = new Set(['content-length', 'etag']);
	const etag = headers.find(([name]) => name === 'etag')?.[1];
	return {
		headers: [
			...headers.filter(([name]) => !changed.has(name)),
			['content-encoding', 'gzip'],
			['content-length', String(zipped.byteLength)],
			// another representation, another tag (a weak one: the same page)
			...(etag ? [['etag', `W/${etag.replace(/^W\//, '').replace(/"$/, '-gzip"')}`] as [string, string]] : [])
		],
		body: zipped
	};
}

/** The copy for a reader's Accept-Encoding: compressed when gzip (or else `*`) is accepted with a q above 0. */
function variant(k: Kept, acceptEncoding: string | null | undefined): { headers: [string, string][]; body: Uint8Array } {
	if (!acceptEncoding) return k;
	// read on every answer, the commonest path of all: no map, one pass
	let gzip: number | undefined;
	let any: number | undefined;
	for (const part of acceptEncoding.split(',')) {
		const [coding, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
		const q = params.find((p) => p.startsWith('q='));
		const weight = q === undefined ? 1 : Number(q.slice(2)) || 0;
		if (coding === 'gzip') gzip = weight;
		else if (coding === '*') any = weight;
	}
	return (gzip ?? any ?? 0) > 0 ? k.gzip : k;
}

const replay = (k: Kept, how: 'hit' | 'stale' | 'miss' | 'shared', request: Request) => {
	const { headers, body } = variant(k, request.headers.get('accept-encoding'));
	return new Response(body.slice(), { status: k.status, headers: new Headers([...headers, ['x-page-cache', how]]) });
};
