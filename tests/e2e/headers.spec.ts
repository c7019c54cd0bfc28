import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { DEMO, PASSWORD } from './helpers';

/**
 * Security headers on every kind of response the production server gives: SvelteKit's
 * pages (policy naming each inline script by hash or nonce), everything else SvelteKit answers (endpoints,
 * redirects, refusals: the strict policy from hooks.server.ts) and what adapter-node
 * answers before the hooks (static files, the CSRF refusal, the trailing-slash redirect:
 * the strict policy from src/server.js). Then the cookies, and a session left idle.
 *
 * Runs in the 'api' project, on a database of its own (tests/e2e/.data/api.db).
 */

const API_DB = fileURLToPath(new URL('./.data/api.db', import.meta.url));
/** SESSION_IDLE_MS of src/lib/server/auth/session.ts (tests/unit/session.test.ts pins it). */
const IDLE_MS = 3 * 24 * 3_600_000;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f4a3a40000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Headers = Record<string, string>;

function directives(csp: string): Map<string, string[]> {
	const map = new Map<string, string[]>();
	for (const part of csp.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) map.set(name.toLowerCase(), sources);
	}
	return map;
}

/** The headers every response must carry; returns the policy's directives. */
function expectSecureHeaders(label: string, h: Headers): Map<string, string[]> {
	const csp = h['content-security-policy'];
	expect(csp, `${label}: Content-Security-Policy`).toBeTruthy();
	// one policy: a second header (joined with ", ") would be enforced too and break pages
	expect(csp, `${label}: a single policy`).not.toContain(',');
	const d = directives(csp);
	expect(d.get('object-src'), `${label}: object-src`).toEqual(["'none'"]);
	expect(d.get('base-uri'), `${label}: base-uri`).toEqual(["'none'"]);
	expect(d.get('frame-ancestors'), `${label}: frame-ancestors`).toEqual(["'none'"]);
	const scripts = d.get('script-src') ?? d.get('default-src');
	expect(scripts, `${label}: script-src or default-src`).toBeDefined();
	for (const list of [scripts!, d.get('script-src-elem') ?? [], d.get('script-src-attr') ?? []]) {
		for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'blob:', 'http:', 'https:']) expect(list, `${label}: scripts ${loose}`).not.toContain(loose);
	}
	expect(h['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
	expect(h['x-frame-options'], `${label}: X-Frame-Options`).toBe('DENY');
	expect(h['referrer-policy'], `${label}: Referrer-Policy`).toBe('strict-origin-when-cross-origin');
	return d;
}

/** Not a page: the strict policy (or the response's own, with the required directives). */
function expectStrict(label: string, h: Headers): void {
	const d = expectSecureHeaders(label, h);
	expect(d.get('default-src'), `${label}: default-src`).toEqual(["'none'"]);
}

/**
 * A page: every inline script is admitted by the policy by name, with the response's
 * nonce or its own hash (svelte.config.js chooses which), and nothing else runs inline.
 */
async function expectPage(label: string, res: APIResponse, status: number): Promise<{ body: string; nonce: string | null }> {
	expect(res.status(), label).toBe(status);
	const h = res.headers();
	expect(h['content-type'], label).toMatch(/^text\/html/);
	const d = expectSecureHeaders(label, h);
	expect(d.get('default-src'), `${label}: default-src`).toEqual(["'self'"]);
	const sources = d.get('script-src') ?? [];
	const nonces = sources.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice("'nonce-".length, -1));
	expect(nonces.length, `${label}: at most one nonce`).toBeLessThanOrEqual(1);
	const nonce = nonces[0] ?? null;
	if (nonce) expect(nonce.length, `${label}: nonce length`).toBeGreaterThanOrEqual(16);
	const hashes = sources.filter((s) => s.startsWith("'sha256-")).map((s) => s.slice(1, -1));
	const body = await res.text();
	const scripts = [...body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
	expect(scripts.length, `${label}: SvelteKit's start script`).toBeGreaterThan(0);
	expect((body.match(/<script\b/gi) ?? []).length, `${label}: every script closed`).toBe(scripts.length);
	for (const [, attrs, content] of scripts) {
		const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
		if (src) {
			expect(src, `${label}: script from this site`).toMatch(/^(\.?\/)(?!\/)/);
			continue;
		}
		const own = /\snonce="([^"]*)"/.exec(attrs)?.[1];
		if (own !== undefined) expect(own, `${label}: inline script with the response's nonce`).toBe(nonce);
		else expect(hashes, `${label}: inline script with its hash in the policy`).toContain(`sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}`);
	}
	// inline handlers and javascript: addresses would be refused by the policy: there must be none
	expect(body, `${label}: inline event handler`).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
	expect(body, `${label}: javascript: address`).not.toMatch(/(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i);
	return { body, nonce };
}

/** The Set-Cookie of `name` as attribute → value (lower-case names; flags map to ''). */
function setCookie(res: APIResponse, name: string): Map<string, string> | null {
	const line = res
		.headersArray()
		.filter((h) => h.name.toLowerCase() === 'set-cookie')
		.map((h) => h.value)
		.find((v) => v.startsWith(`${name}=`));
	if (!line) return null;
	const [first, ...attrs] = line.split(';').map((s) => s.trim());
	const map = new Map<string, string>([['value', first.slice(name.length + 1)]]);
	for (const a of attrs) {
		const at = a.indexOf('=');
		map.set((at < 0 ? a : a.slice(0, at)).toLowerCase(), at < 0 ? '' : a.slice(at + 1));
	}
	return map;
}

/** Headers of an endless response (an event stream): read them, then hang up. */
async function streamHeaders(url: string): Promise<{ status: number; headers: Headers }> {
	const abort = new AbortController();
	try {
		const res = await fetch(url, { signal: abort.signal });
		return { status: res.status, headers: Object.fromEntries(res.headers.entries()) };
	} finally {
		abort.abort();
	}
}

async function signIn(request: APIRequestContext, baseURL: string, identifier: string): Promise<{ res: APIResponse; token: string }> {
	const res = await request.post('/login', { form: { identifier, password: PASSWORD }, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(res.status(), `sign-in of ${identifier}`).toBe(303);
	const cookie = setCookie(res, 'jg_session');
	expect(cookie, 'session cookie').not.toBeNull();
	return { res, token: cookie!.get('value')! };
}

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex');

test.describe.configure({ mode: 'serial' });

test('every kind of anonymous response carries the headers and a strict policy', async ({ request, baseURL }) => {
	const origin = baseURL!;

	/* pages: public, another language, 404, a form's refusal */
	const home = await expectPage('/', await request.get('/'), 200);
	const again = await expectPage('/ again', await request.get('/'), 200);
	if (home.nonce) expect(again.nonce, 'a fresh nonce per response').not.toBe(home.nonce);
	// a public page kept by the page cache, answered the second time by src/server.js itself
	await expectPage('/results', await request.get('/results'), 200);
	const kept = await request.get('/results');
	expect(kept.headers()['x-page-cache'], 'answered from the page cache').toBe('hit');
	await expectPage('/results from the page cache', kept, 200);
	await expectPage('/en/results', await request.get('/en/results'), 200);
	await expectPage('404 page', await request.get('/no-such-page'), 404);
	// an empty password is refused before any password check (no throttle count)
	const refused = await request.post('/login', { form: { identifier: DEMO.worker.employeeNo, password: '' }, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });
	const refusedPage = await expectPage('form failure (HTML)', refused, 400);
	expect(refusedPage.body, 'the field error').toMatch(/<div class="error" id="f-password-error" role="alert">/);
	const refusedJson = await request.post('/login', { form: { identifier: DEMO.worker.employeeNo, password: '' }, headers: { origin, 'x-sveltekit-action': 'true' }, maxRedirects: 0 });
	expect(await refusedJson.json()).toMatchObject({ type: 'failure', status: 400 });
	expectStrict('form failure (JSON)', refusedJson.headers());

	/* redirects: a signed-in page (Kit), the remembered language (hook), a trailing slash (before the hooks) */
	const toLogin = await request.get('/me', { maxRedirects: 0 });
	expect(toLogin.status()).toBe(303);
	expect(toLogin.headers().location).toBe('/login?redirectTo=%2Fme');
	expectStrict('303 to sign-in', toLogin.headers());
	const toLanguage = await request.get('/results', { headers: { cookie: 'PARAGLIDE_LOCALE=en', 'sec-fetch-dest': 'document' }, maxRedirects: 0 });
	expect(toLanguage.status()).toBe(307);
	expect(toLanguage.headers().location).toBe('/en/results');
	expectStrict('307 to the language', toLanguage.headers());
	const slash = await request.get('/results/', { maxRedirects: 0 });
	expect(slash.status()).toBe(308);
	expect(slash.headers().location).toBe('/results');
	expectStrict('308 trailing slash', slash.headers());

	/* a cross-site form post, refused by SvelteKit before the hooks */
	const csrf = await request.post('/login', { form: { identifier: 'x', password: 'y' }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
	expect(csrf.status()).toBe(403);
	expect(await csrf.text()).toContain('Cross-site POST form submissions are forbidden');
	expectStrict('CSRF 403', csrf.headers());

	/* JSON, CSV, XLSX */
	const list = await request.get('/api/v1/competitions');
	expect(list.status()).toBe(200);
	expect(list.headers()['content-type']).toMatch(/^application\/json/);
	expectStrict('JSON list', list.headers());
	const competitions = (await list.json()).data as { id: number; status: string; hasResults: boolean }[];
	const published = competitions.find((c) => c.hasResults);
	expect(published, 'a competition with results').toBeDefined();
	const detail = (await (await request.get(`/api/v1/competitions/${published!.id}`)).json()).data as { events: { id: number; stages: { id: number; results: unknown }[] }[] };
	const stageId = detail.events.flatMap((e) => e.stages).find((s) => s.results)!.id;
	for (const [format, type] of [
		['csv', /^text\/csv/],
		['xlsx', /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/]
	] as const) {
		const sheet = await request.get(`/results/stages/${stageId}/export?format=${format}`);
		expect(sheet.status(), format).toBe(200);
		expect(sheet.headers()['content-type']).toMatch(type);
		expect(sheet.headers()['content-disposition']).toMatch(/^attachment;/);
		expectStrict(`${format} export`, sheet.headers());
	}

	/* the venue screen's event stream: headers only */
	const running = competitions.find((c) => c.status === 'in_progress');
	expect(running, 'a competition in progress').toBeDefined();
	const runningEvents = (await (await request.get(`/api/v1/competitions/${running!.id}`)).json()).data.events as { id: number }[];
	const stream = await streamHeaders(new URL(`/api/live/events/${runningEvents[0].id}`, origin).href);
	expect(stream.status).toBe(200);
	expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
	expectStrict('event stream', stream.headers);

	/* a page's data for client-side navigation */
	const data = await request.get('/results/__data.json');
	expect(data.status()).toBe(200);
	expect(data.headers()['content-type']).toMatch(/^application\/json/);
	expectStrict('__data.json', data.headers());

	/* robots.txt, the sitemap */
	for (const path of ['/robots.txt', '/sitemap.xml']) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(200);
		expectStrict(path, res.headers());
	}

	/* static files, answered before the hooks */
	// SvelteKit writes them relative to the page ("./_app/…")
	const script = /["'(]\.?(\/_app\/immutable\/[^"'()\s]+\.js)["')]/.exec(home.body)?.[1];
	const style = /["'(<]\.?(\/_app\/immutable\/[^"'()<>\s]+\.css)["')>]/.exec(home.body)?.[1];
	expect(script, 'a script of the page').toBeDefined();
	expect(style, 'a style sheet of the page').toBeDefined();
	for (const [path, type] of [
		[script!, /javascript/],
		[style!, /^text\/css/],
		['/favicon.svg', /^image\/svg\+xml/],
		['/_app/version.json', /^application\/json/]
	] as const) {
		const res = await request.get(path);
		expect(res.status(), path).toBe(200);
		expect(res.headers()['content-type'], path).toMatch(type);
		expectStrict(path, res.headers());
	}
	const missing = await request.get('/_app/immutable/chunks/no-such-file.js');
	expect(missing.status()).toBe(404);
	expectStrict('missing static file', missing.headers());
});

test('signed in: pages, exports, attachments and the cookies', async ({ playwright, baseURL }) => {
	const origin = baseURL!;
	const worker = await playwright.request.newContext({ baseURL: origin });
	const officer = await playwright.request.newContext({ baseURL: origin });
	try {
		/* the session cookie: httpOnly, SameSite=Lax, the whole site, ending with the idle window */
		const before = Date.now();
		const { res: signedIn } = await signIn(worker, origin, DEMO.worker.employeeNo);
		expectStrict('sign-in redirect', signedIn.headers());
		const cookie = setCookie(signedIn, 'jg_session')!;
		expect(cookie.has('httponly'), 'HttpOnly').toBe(true);
		expect(cookie.get('samesite')?.toLowerCase(), 'SameSite').toBe('lax');
		expect(cookie.get('path'), 'Path').toBe('/');
		expect(cookie.has('domain'), 'no Domain (this host only)').toBe(false);
		const expires = Date.parse(cookie.get('expires') ?? '');
		expect(expires, 'Expires: the idle window').toBeGreaterThanOrEqual(before + IDLE_MS - 2_000);
		expect(expires).toBeLessThanOrEqual(Date.now() + IDLE_MS + 2_000);
		expect(cookie.has('max-age'), 'no longer-lived Max-Age').toBe(false);

		await expectPage('/me signed in', await worker.get('/me'), 200);
		await expectPage('/proposals/mine', await worker.get('/proposals/mine'), 200);

		/* the language cookie: SameSite=Lax, the whole site; readable by the page on purpose (hooks.client.ts) */
		const english = await worker.get('/en/me');
		await expectPage('/en/me', english, 200);
		const language = setCookie(english, 'PARAGLIDE_LOCALE');
		expect(language?.get('value')).toBe('en');
		expect(language?.get('samesite')?.toLowerCase()).toBe('lax');
		expect(language?.get('path')).toBe('/');
		expect(language?.has('httponly')).toBe(false);
		await worker.get('/zh-Hans/me');

		/* attachments: a draft with a photo and a PDF */
		const form = new FormData();
		form.set('kind', 'suggestion');
		form.set('category', 'safety');
		form.set('title', `安全头检查 ${Date.now().toString(36)}`);
		form.set('problem', '检查附件的响应头。');
		form.set('ownShare', '100');
		form.set('intent', 'save');
		form.append('files', new Blob([PNG], { type: 'image/png' }), '现场照片.png');
		form.append('files', new Blob([PDF], { type: 'application/pdf' }), '说明.pdf');
		const saved = await worker.post('/proposals/new', { multipart: form, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });
		expect(saved.status(), await saved.text()).toBe(303);
		const proposalId = Number(/^\/proposals\/(\d+)\/edit\?saved=1$/.exec(saved.headers().location)?.[1]);
		expect(proposalId).toBeGreaterThan(0);
		const view = await expectPage('the draft', await worker.get(`/proposals/${proposalId}`), 200);
		const fileIds = [...new Set([...view.body.matchAll(new RegExp(`/proposals/${proposalId}/files/(\\d+)`, 'g'))].map((m) => Number(m[1])))];
		expect(fileIds).toHaveLength(2);
		const kinds = new Map<string, string>();
		for (const id of fileIds) {
			for (const query of ['', '?download']) {
				const file = await worker.get(`/proposals/${proposalId}/files/${id}${query}`);
				expect(file.status()).toBe(200);
				const type = file.headers()['content-type'];
				kinds.set(type, `/proposals/${proposalId}/files/${id}`);
				expect(file.headers()['content-disposition']).toMatch(query ? /^attachment;/ : /^inline;/);
				const d = expectSecureHeaders(`attachment ${type}${query}`, file.headers());
				// the endpoint's own policy kept: nothing runs, even opened on its own
				expect(d.get('default-src')).toEqual(["'none'"]);
				expect(d.has('sandbox'), 'sandbox').toBe(true);
				expect(Buffer.compare(await file.body(), type === 'image/png' ? PNG : PDF)).toBe(0);
			}
		}
		expect([...kinds.keys()].sort()).toEqual(['application/pdf', 'image/png']);

		/* an officer's export */
		await signIn(officer, origin, DEMO.officerDH.employeeNo);
		await expectPage('/officer', await officer.get('/officer'), 200);
		const workers = await officer.get('/officer/workers/export?format=xlsx');
		expect(workers.status()).toBe(200);
		expect(workers.headers()['content-type']).toMatch(/spreadsheetml/);
		expectStrict('officer XLSX export', workers.headers());
		const proposals = await officer.get('/officer/proposals/export?format=csv');
		expect(proposals.status()).toBe(200);
		expectStrict('officer CSV export', proposals.headers());
	} finally {
		await worker.dispose();
		await officer.dispose();
	}
});

test('a session left idle past its window is refused and its cookie removed', async ({ playwright, baseURL }) => {
	const origin = baseURL!;
	const client = await playwright.request.newContext({ baseURL: origin });
	const db = new Database(API_DB);
	try {
		const { token } = await signIn(client, origin, DEMO.judge.employeeNo);
		expect((await client.get('/me', { maxRedirects: 0 })).status()).toBe(200);
		const row = () => db.prepare('select expires_at as e from sessions where id = ?').get(sessionId(token)) as { e: number } | undefined;
		expect(row(), 'the session is stored under the hash of its token').toBeDefined();
		// the last request was longer ago than the idle window (the absolute limit is still far)
		db.prepare('update sessions set expires_at = ? where id = ?').run(Date.now() - 1_000, sessionId(token));
		const next = await client.get('/me', { maxRedirects: 0 });
		expect(next.status()).toBe(303);
		expect(next.headers().location).toBe('/login?redirectTo=%2Fme');
		const removed = setCookie(next, 'jg_session');
		expect(removed?.get('value'), 'the cookie is cleared').toBe('');
		expect(removed?.get('max-age')).toBe('0');
		expect(row(), 'the session row is gone').toBeUndefined();
	} finally {
		db.close();
		await client.dispose();
	}
});

/** Violations of the page's policy, as the browser reports them. */
async function watchPolicy(page: Page): Promise<string[]> {
	const seen: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => seen.push(`${page.url()}: ${e.message}`));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} blocked ${e.blockedURI}`));
	});
	return seen;
}

test('in the browser: pages start under their policy, photos show, the language cookie is SameSite', async ({ page, context, playwright, baseURL }) => {
	const origin = baseURL!;
	const seen = await watchPolicy(page);
	// the pages start (the fixture waits for SvelteKit's router): their scripts ran under the nonce
	for (const path of ['/', '/results', '/model-workers', '/en/', '/login']) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(200);
	}
	// the cookie as the browser holds it after the page's own write (Playwright's list reports a missing SameSite as Lax)
	const cdp = await context.newCDPSession(page);
	const raw = (await cdp.send('Network.getAllCookies')).cookies.find((c) => c.name === 'PARAGLIDE_LOCALE');
	expect(raw?.value).toBe('en');
	expect(raw?.sameSite, 'SameSite as the server sets it').toBe('Lax');
	expect(raw?.httpOnly).toBe(false);
	await page.goto('/zh-Hans/');

	// signed in, a draft with a photo: the photo shows on the page and opened on its own
	const api = await playwright.request.newContext({ baseURL: origin });
	try {
		const { token } = await signIn(api, origin, DEMO.worker.employeeNo);
		await context.addCookies([{ name: 'jg_session', value: token, url: origin }]);
		const form = new FormData();
		form.set('kind', 'suggestion');
		form.set('category', 'quality');
		form.set('title', `照片显示检查 ${Date.now().toString(36)}`);
		form.set('ownShare', '100');
		form.set('intent', 'save');
		form.append('files', new Blob([PNG], { type: 'image/png' }), '照片.png');
		const saved = await api.post('/proposals/new', { multipart: form, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });
		expect(saved.status()).toBe(303);
		const proposalId = /^\/proposals\/(\d+)\//.exec(saved.headers().location)![1];
		await page.goto(`/proposals/${proposalId}`);
		const img = page.getByRole('img', { name: '照片.png' });
		await expect(img).toBeVisible();
		await img.scrollIntoViewIfNeeded();
		await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
		const src = await img.getAttribute('src');
		await page.goto('/me');
		const opened = await page.context().newPage();
		const photo = await opened.goto(src!);
		expect(photo?.status()).toBe(200);
		expect(await opened.evaluate(() => document.images[0]?.naturalWidth)).toBe(1);
		await opened.close();
	} finally {
		await api.dispose();
	}
	expect(seen, 'no policy violations, no page errors').toEqual([]);
});
