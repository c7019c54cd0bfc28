import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { pageCache } from '$lib/server/page-cache';
import type { DB } from '$lib/server/db';

/** A stand-in for the app's connection: only its change counter is read. */
function counter() {
	let n = 0;
	const db = { $client: { prepare: () => ({ pluck: () => ({ get: () => n }) }) } } as unknown as DB;
	return { db, change: () => n++ };
}

function eventFor(path: string, cookies: Record<string, string> = {}) {
	return {
		request: new Request(`http://x${path}`),
		url: new URL(`http://x${path}`),
		isDataRequest: false,
		route: { id: '/(public)/results' },
		cookies: { get: (name: string) => cookies[name] }
	} as unknown as RequestEvent;
}

describe('page cache', () => {
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
});
