import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { AsyncLocalStorage } from 'node:async_hooks';
import { baseLocale, cookieMaxAge, cookieName, defineCustomServerStrategy, overwriteServerAsyncLocalStorage, toLocale, type Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { localizedPath, splitLocale } from '$lib/i18n/locale-url';
import { getDb } from '$lib/server/db';
import { bootstrapIfEmpty, seedDemoIfEmpty } from '$lib/server/demo/seed';
import { formatCode } from '$lib/codes';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { loadActor } from '$lib/server/auth/actor';
import { remindReassessments } from '$lib/server/studios/reminders';
import { SECURITY_HEADERS, STRICT_CSP, withRequiredDirectives } from '$lib/server/security-headers';
import { ANSWER_KEPT, pageCache } from '$lib/server/page-cache';
import { LIVE_POLL_MS } from '$lib/server/results/live';

export const init: ServerInit = async () => {
	const db = getDb();
	// 复评 reminders, a system job: at start-up, then once a day (a second run tells nobody twice)
	const remind = () => {
		try {
			remindReassessments(db);
		} catch (e) {
			console.error('reassessment reminders failed', e);
		}
	};
	remind();
	setInterval(remind, 24 * 3_600_000).unref();
	const url = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	if (process.env.DEMO_DATA === '0') {
		const first = await bootstrapIfEmpty(db, {
			federationName: process.env.FEDERATION_NAME || '总工会',
			federationCode: process.env.FEDERATION_CODE || 'ROOT'
		});
		if (first) {
			console.log(`\n建功 Jiangong: a new installation. Set the first admin's password at ${url}/activate`);
			console.log(`  employee number: ${first.employeeNo}   one-time code: ${formatCode(first.code)}   (valid 14 days, shown only now)\n`);
		}
		return;
	}
	const seeded = await seedDemoIfEmpty(db);
	if (seeded) {
		console.log(`\n建功 Jiangong demo data created. Open ${url}\nDemo accounts (sign in with the phone number or the employee number):`);
		for (const a of seeded.accounts) console.log(`  ${a.role.padEnd(8)} ${a.name}  phone ${a.phone}  employee no ${a.employeeNo}  password ${a.password}`);
		console.log('  (demo data: for a real installation start on an empty database with DEMO_DATA=0)\n');
	}
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) h.set(name, value);
	// pages bring Kit's policy (svelte.config.js); everything else gets the strict one, except
	// a 304: the browser keeps its headers on the page it has, whose own policy must stay
	if (response.status === 304) return response;
	const csp = h.get('Content-Security-Policy');
	h.set('Content-Security-Policy', csp ? withRequiredDirectives(csp) : STRICT_CSP);
	return response;
};

// The language in the address comes first, then the remembered one (cookie).
defineCustomServerStrategy('custom-url', { getLocale: (request) => (request ? (splitLocale(new URL(request.url).pathname).locale ?? undefined) : undefined) });

// The request's language for the message functions (what Paraglide's middleware sets up,
// without its copy of every request and its body: a form post paid for the copy twice).
const requestLocale = new AsyncLocalStorage<{ locale?: Locale; origin?: string }>();
overwriteServerAsyncLocalStorage(requestLocale);

const i18n: Handle = ({ event, resolve }) => {
	const { locale: inAddress, path } = splitLocale(event.url.pathname);
	const locale = inAddress ?? toLocale(event.cookies.get(cookieName)) ?? baseLocale;
	if (inAddress) {
		// an address in a language is a choice of it: later addresses without one follow it
		// (not httpOnly: the page reads it too, see hooks.client.ts)
		if (event.cookies.get(cookieName) !== inAddress) event.cookies.set(cookieName, inAddress, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
	} else if (locale !== baseLocale && !path.startsWith('//') && event.request.method === 'GET' && event.request.headers.get('sec-fetch-dest') === 'document') {
		// a page read in a remembered language shows it in its address, so a copied link keeps it
		return new Response(null, { status: 307, headers: { location: localizedPath(path, locale) + event.url.search, vary: 'cookie' } });
	}
	return requestLocale.run({ locale, origin: event.url.origin }, () =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) })
	);
};

const session: Handle = async ({ event, resolve }) => {
	const db = getDb();
	event.locals.db = db;
	event.locals.actor = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const s = validateSessionToken(db, token);
		const actor = s ? loadActor(db, s.userId) : null;
		if (s && actor) {
			actor.ip = event.getClientAddress();
			event.locals.actor = actor;
			event.locals.sessionId = s.id;
			event.cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: event.url.protocol === 'https:',
				expires: s.expiresAt
			});
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

// public pages read by many at once (venue screens, results) are rendered once per change of the data
// a change reaches kept pages as fast as it reaches a live board (LIVE_POLL_MS)
const publicPages = pageCache(getDb, { routes: ['/(public)', '/screen', '/sitemap.xml'], personalCookies: [SESSION_COOKIE], languageCookie: cookieName, settleMs: LIVE_POLL_MS });
// the production server (src/server.js) answers the commonest hits itself, before SvelteKit
(globalThis as Record<symbol, unknown>)[ANSWER_KEPT] = publicPages.answerKept;

export const handle = sequence(securityHeaders, i18n, publicPages, session);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: m.err_not_found() };
	// Kit's own 4xx (a body that is not a form, an unknown action…): the request was wrong, not the server.
	if (status < 500) return { message: m.err_bad_request() };
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: m.err_internal(), errorId };
};
