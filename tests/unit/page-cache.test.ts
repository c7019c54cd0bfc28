import { afterEach, describe, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { pageCache } from '$lib/server/page-cache';
import type { DB } from '$lib/server/db';

/** A stand-in for the app's connection: only its change counter is read. */
function counter() {
	let n = 0;
	const db = { $client: { prepare: () => ({ pluck: () => ({ get: () => n }) }) } } as unknown as DB;
	return { db, change: () => n++ };
}

/** Moves Date.now on (under fake timers), as the cache reads it. */
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

function eventFor(path: string, cookies: Record<string, string> = {}) {
	return {
		request: new Request(`http://x${path}`),
		url: new URL(`http://x${path}`),
		isDataRequest: false,
		locals: {} as App.Locals,
		route: { id: '/(public)/results' },
		cookies: { get: (name: string) => cookies[name] }
	} as unknown as RequestEvent;
}

describe('page cache', () => {
	afterEach(() => void vi.useRealTimers());
	const options = { routes: ['/(public)'], personalCookies: ['jg_session'], languageCookie: 'lang' };

	it('renders a page once per change of the data, and once for readers arriving while it renders', async () => {
		const { db, change } = counter();
		const handle = pageCache(() => db, options);
		let renders = 0;
		const resolve = async () => {
			renders++;
			await new Promise((r) => setTimeout(r, 20));
			return new Response(`page ${renders}`, { status: 200 });
		};
		const at = (path = '/results') => handle({ event: eventFor(path), resolve } as never);
		// five readers at once: one rendering, shared
		const first = await Promise.all([at(), at(), at(), at(), at()]);
		expect(renders).toBe(1);
		expect(await Promise.all(first.map((r) => r.text()))).toEqual(Array(5).fill('page 1'));
		expect(first.map((r) => r.headers.get('x-page-cache')).sort()).toEqual(['miss', 'shared', 'shared', 'shared', 'shared']);
		// kept while nothing changes
		const again = await at();
		expect([await again.text(), again.headers.get('x-page-cache'), renders]).toEqual(['page 1', 'hit', 1]);
		// any write moves the counter: rendered afresh
		change();
		expect(await (await at()).text()).toBe('page 2');
		// another address is another page
		expect(await (await at('/results?page=2')).text()).toBe('page 3');
	});

	it('never keeps or serves a page to a signed-in reader, nor one that sets a cookie or fails', async () => {
		const { db } = counter();
		const handle = pageCache(() => db, options);
		let renders = 0;
		const signedIn = () =>
			handle({ event: eventFor('/results', { jg_session: 't' }), resolve: async () => new Response(`mine ${++renders}`) } as never);
		expect(await (await signedIn()).text()).toBe('mine 1');
		expect(await (await signedIn()).text()).toBe('mine 2');
		const failing = () => handle({ event: eventFor('/x'), resolve: async () => new Response(`no ${++renders}`, { status: 404 }) } as never);
		expect(await (await failing()).text()).toBe('no 3');
		expect(await (await failing()).text()).toBe('no 4');
		const cookie = () =>
			handle({ event: eventFor('/y'), resolve: async () => new Response(`c ${++renders}`, { headers: { 'set-cookie': 'a=b' } }) } as never);
		expect(await (await cookie()).text()).toBe('c 5');
		expect(await (await cookie()).text()).toBe('c 6');
	});

	it('answers a kept page straight from Node for a reader without a session or language cookie, and nothing else', async () => {
		const { db, change } = counter();
		const cache = pageCache(() => db, options);
		let renders = 0;
		const resolve = async () => new Response(`page ${++renders}`, { headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'sha256-x'" } });
		/** Node's side of a request: what answerKept wrote, if it answered */
		const ask = (url: string, headers: Record<string, string> = {}, method = 'GET') => {
			const written: { status?: number; headers: Record<string, string | number | readonly string[]>; body?: string } = { headers: {} };
			const res = {
				setHeader: (name: string, value: string) => (written.headers[name.toLowerCase()] = value),
				writeHead: (status: number) => (written.status = status),
				end: (body: Uint8Array) => (written.body = new TextDecoder().decode(body))
			};
			const answered = cache.answerKept({ method, url, headers } as never, res as never);
			return answered ? written : null;
		};
		// nothing kept yet
		expect(ask('/results')).toBeNull();
		await cache({ event: eventFor('/results'), resolve } as never);
		expect(ask('/results')).toEqual({
			status: 200,
			headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'sha256-x'", vary: 'Accept-Encoding', 'x-page-cache': 'hit' },
			body: 'page 1'
		});
		// another cookie does not matter; a session, a language, another method or address does
		expect(ask('/results', { cookie: 'theme=dark' })?.body).toBe('page 1');
		expect(ask('/results', { cookie: 'theme=dark; jg_session=t' })).toBeNull();
		expect(ask('/results', { cookie: 'lang=en' })).toBeNull();
		expect(ask('/results', {}, 'POST')).toBeNull();
		expect(ask('/results?page=2')).toBeNull();
		// a page kept for a language is not the page of a reader without one
		await cache({ event: eventFor('/other', { lang: 'en' }), resolve } as never);
		expect(ask('/other')).toBeNull();
		// after a change it is rendered again by SvelteKit, never answered stale
		change();
		expect(ask('/results')).toBeNull();
		expect(renders).toBe(2);
	});

	it('while a page renders again after a change, readers get the rendering from just before it; never once it is over', async () => {
		const { db, change } = counter();
		const cache = pageCache(() => db, options);
		let renders = 0;
		let status = 200;
		const resolve = async () => {
			const n = ++renders;
			await new Promise((r) => setTimeout(r, 20));
			return new Response(`page ${n}`, { status });
		};
		const at = () => cache({ event: eventFor('/results'), resolve } as never);
		const node = () => {
			let body = '';
			const answered = cache.answerKept({ method: 'GET', url: '/results', headers: {} } as never, { setHeader: () => {}, writeHead: () => {}, end: (b: Uint8Array) => (body = new TextDecoder().decode(b)) } as never);
			return answered ? body : null;
		};
		await at();
		change();
		// the first reader after the change renders; the others meanwhile get the page before it
		const rendering = at();
		const meanwhile = await at();
		expect([await meanwhile.text(), meanwhile.headers.get('x-page-cache'), node()]).toEqual(['page 1', 'stale', 'page 1']);
		const fresh = await rendering;
		expect([await fresh.text(), fresh.headers.get('x-page-cache'), node(), renders]).toEqual(['page 2', 'miss', 'page 2', 2]);
		// no rendering under way: a changed page is never answered stale
		change();
		expect(node()).toBeNull();
		// the page is gone when rendered again: nothing is answered from before
		status = 404;
		const gone = at();
		expect(await (await at()).text()).toBe('page 2');
		expect([(await gone).status, node()]).toEqual([404, null]);
		status = 200;
		expect(await (await at()).text()).toBe('page 4');
	});

	it('asks a page that has a fingerprint whether what it shows changed, and renders it again only then', async () => {
		const { db, change } = counter();
		const cache = pageCache(() => db, options);
		let shown = 'board A';
		let asked = 0;
		let renders = 0;
		const resolve = async (event: RequestEvent) => {
			const value = shown;
			event.locals.pageFingerprint = { value, again: () => (asked++, shown) };
			return new Response(`${value} (rendering ${++renders})`);
		};
		const at = async () => {
			const r = await cache({ event: eventFor('/screen'), resolve } as never);
			return [await r.text(), r.headers.get('x-page-cache')];
		};
		const node = () => {
			let body: string | null = null;
			cache.answerKept({ method: 'GET', url: '/screen', headers: {} } as never, { setHeader: () => {}, writeHead: () => {}, end: (b: Uint8Array) => (body = new TextDecoder().decode(b)) } as never);
			return body;
		};
		expect(await at()).toEqual(['board A (rendering 1)', 'miss']);
		// a write that leaves the board as it was: asked once, then kept for the new data
		change();
		expect(node()).toBe('board A (rendering 1)');
		expect(await at()).toEqual(['board A (rendering 1)', 'hit']);
		expect([asked, renders]).toEqual([1, 1]);
		// a write that changes it: rendered again, by SvelteKit, not answered by Node
		shown = 'board B';
		change();
		expect(node()).toBeNull();
		expect(await at()).toEqual(['board B (rendering 2)', 'miss']);
		// asking that fails counts as changed
		const failing = async (event: RequestEvent) => {
			event.locals.pageFingerprint = { value: 'x', again: () => { throw new Error('gone'); } };
			return new Response(`rendering ${++renders}`);
		};
		await cache({ event: eventFor('/failing'), resolve: failing } as never);
		change();
		expect((await cache({ event: eventFor('/failing'), resolve: failing } as never)).headers.get('x-page-cache')).toBe('miss');
	});

	it('takes up a change within settleMs: until then the page from before it is answered, then it is rendered again', async () => {
		const { db, change } = counter();
		vi.useFakeTimers({ toFake: ['Date'] });
		const cache = pageCache(() => db, { ...options, settleMs: 500 });
		let renders = 0;
		const resolve = async () => new Response(`page ${++renders}`);
		const at = async () => {
			const r = await cache({ event: eventFor('/results'), resolve } as never);
			return [await r.text(), r.headers.get('x-page-cache')];
		};
		expect(await at()).toEqual(['page 1', 'miss']);
		// changes within 500 ms of the rendering: the page stands, and says it is stale
		advance(100);
		change();
		expect(await at()).toEqual(['page 1', 'stale']);
		advance(399);
		change();
		expect(await at()).toEqual(['page 1', 'stale']);
		// 500 ms after the rendering, the changes are shown
		advance(1);
		expect(await at()).toEqual(['page 2', 'miss']);
		// nothing changed since: kept, however long (within ttlMs)
		advance(2_000);
		expect(await at()).toEqual(['page 2', 'hit']);
		// a change long after the rendering is shown at once: the page was current until then
		change();
		expect(await at()).toEqual(['page 3', 'miss']);
		expect(renders).toBe(3);
	});

	it('a reader Node sends on to render claims it: meanwhile Node answers the page from before, asking no fingerprint again', async () => {
		const { db, change } = counter();
		vi.useFakeTimers({ toFake: ['Date'] });
		const cache = pageCache(() => db, { ...options, settleMs: 500, ttlMs: 5_000 });
		let shown = 'A';
		let asked = 0;
		let renders = 0;
		let release: (() => void) | undefined;
		let hold = false;
		const resolve = async (event: RequestEvent) => {
			const value = shown;
			event.locals.pageFingerprint = { value, again: () => (asked++, shown) };
			renders++;
			if (hold) await new Promise<void>((r) => (release = r));
			return new Response(`board ${value}`);
		};
		const node = () => {
			let body: string | null = null;
			let how: unknown = null;
			cache.answerKept({ method: 'GET', url: '/screen', headers: {} } as never, {
				setHeader: (name: string, value: unknown) => name === 'x-page-cache' && (how = value),
				writeHead: () => {},
				end: (b: Uint8Array) => (body = new TextDecoder().decode(b))
			} as never);
			return body === null ? null : [body, how];
		};
		const kit = async () => {
			const r = await cache({ event: eventFor('/screen'), resolve } as never);
			return [await r.text(), r.headers.get('x-page-cache')];
		};
		expect(await kit()).toEqual(['board A', 'miss']);
		// the board changes; once settleMs is over, the first reader is sent on to render
		shown = 'B';
		change();
		advance(500);
		expect(node()).toBeNull();
		expect(asked).toBe(1);
		// readers before its rendering begins get the board from before, without asking again
		expect([node(), node(), asked]).toEqual([['board A', 'stale'], ['board A', 'stale'], 1]);
		// the claimant renders (its fingerprint already answered for this version: not asked again)
		expect(await kit()).toEqual(['board B', 'miss']);
		expect([asked, renders, node()]).toEqual([1, 2, ['board B', 'hit']]);
		// a claim whose reader never renders lapses after a second: the next reader is sent on
		shown = 'C';
		change();
		advance(500);
		expect([node(), node()]).toEqual([null, ['board B', 'stale']]);
		advance(1_000);
		expect(node()).toBeNull();
		// the data moves while the page renders: kept all the same, under the version from
		// before its reads, so it is taken for older than the data, never newer
		hold = true;
		const rendering = kit();
		hold = false;
		change();
		advance(10);
		expect(node()).toEqual(['board B', 'stale']);
		release!();
		expect(await rendering).toEqual(['board C', 'miss']);
		expect(node()).toEqual(['board C', 'stale']);
		// within settleMs of its rendering it stands; then its fingerprint is asked (unchanged: a hit)
		advance(500);
		expect(node()).toEqual(['board C', 'hit']);
		// past ttlMs it is rendered again, and answered stale only while that is under way
		advance(5_000);
		expect(node()).toBeNull();
		expect(node()).toEqual(['board C', 'stale']);
		expect(await kit()).toEqual(['board C', 'miss']);
	});

	it('answers readers that accept gzip with the page compressed once, under its own length and tag', async () => {
		const { db } = counter();
		const cache = pageCache(() => db, options);
		const page = `<p>${'看板 board '.repeat(500)}</p>`;
		let renders = 0;
		const resolve = async () => (renders++, new Response(page, { headers: { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(page)), etag: '"abc"', vary: 'Cookie' } }));
		const viaKit = async (acceptEncoding?: string) => {
			const event = eventFor('/results');
			if (acceptEncoding) event.request.headers.set('accept-encoding', acceptEncoding);
			const r = await cache({ event, resolve } as never);
			return { headers: Object.fromEntries(r.headers), body: Buffer.from(await r.arrayBuffer()) };
		};
		const viaNode = (acceptEncoding?: string) => {
			const written = { headers: {} as Record<string, string>, body: Buffer.alloc(0) };
			const res = { setHeader: (n: string, v: string) => (written.headers[n.toLowerCase()] = v), writeHead: () => {}, end: (b: Uint8Array) => (written.body = Buffer.from(b)) };
			cache.answerKept({ method: 'GET', url: '/results', headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} } as never, res as never);
			return written;
		};
		const plain = await viaKit();
		expect([plain.body.toString(), plain.headers['content-encoding'], plain.headers.etag, plain.headers.vary]).toEqual([page, undefined, '"abc"', 'Cookie, Accept-Encoding']);
		for (const answer of [await viaKit('gzip, deflate, br'), viaNode('br;q=1.0, gzip;q=0.8'), viaNode('*')]) {
			expect(gunzipSync(answer.body).toString()).toBe(page);
			expect(answer.body.byteLength).toBeLessThan(page.length / 10);
			expect(answer.headers).toMatchObject({ 'content-encoding': 'gzip', 'content-length': String(answer.body.byteLength), etag: 'W/"abc-gzip"', vary: 'Cookie, Accept-Encoding' });
		}
		// refused, or not named: the page as it is
		for (const refusing of ['gzip;q=0', 'br', 'identity', '*;q=0', 'gzip;q=0, *']) {
			const answer = viaNode(refusing);
			expect([answer.body.toString(), answer.headers['content-encoding'], answer.headers['content-length']], refusing).toEqual([page, undefined, String(Buffer.byteLength(page))]);
		}
		expect(renders).toBe(1);
	});

	it('keeps pages within its memory budget, both copies counted, the least recently used going first', async () => {
		const { db } = counter();
		const cache = pageCache(() => db, { ...options, maxBytes: 3_000 });
		// 1,000 characters that gzip does not shrink much
		const noise = (seed: number) => {
			let x = seed;
			return Array.from({ length: 1_000 }, () => String.fromCharCode(33 + ((x = (x * 1103515245 + 12345) % 2147483648) % 89))).join('');
		};
		let renders = 0;
		const at = async (path: string) => {
			const r = await cache({ event: eventFor(path), resolve: async () => (renders++, new Response(noise(path.length))) } as never);
			return r.headers.get('x-page-cache');
		};
		expect(await at('/a')).toBe('miss');
		expect(await at('/a')).toBe('hit');
		// two plain copies (2,000 bytes) would fit; with their compressed copies they do not
		expect(await at('/bb')).toBe('miss');
		expect([await at('/bb'), await at('/a'), renders]).toEqual(['hit', 'miss', 3]);
	});
});
