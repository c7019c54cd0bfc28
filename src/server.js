/**
 * The production server: `npm run serve` (node src/server.js) after `vite build`.
 *
 * It is adapter-node's own request handler (build/handler.js, the adapter's
 * documented way to a custom server) behind a plain Node HTTP server that gives
 * every response the security headers first. The static files (/_app/immutable,
 * favicon, anything in static/) are answered by the adapter before SvelteKit's
 * hooks run, so without this they would carry none. Node merges these
 * headers with those the handler writes, the handler's winning: a page keeps
 * SvelteKit's policy, an endpoint the one hooks.server.ts gave it.
 *
 * Environment as `node build` reads it: HOST (0.0.0.0), PORT (3000) or
 * SOCKET_PATH, SHUTDOWN_TIMEOUT (30 s), KEEP_ALIVE_TIMEOUT and HEADERS_TIMEOUT
 * here; ORIGIN, BODY_SIZE_LIMIT, PROTOCOL_HEADER, HOST_HEADER, PORT_HEADER,
 * ADDRESS_HEADER and XFF_DEPTH in the handler itself. (systemd socket
 * activation is not offered: run `node build` for that.)
 *
 * Not part of the SvelteKit app: Vite never bundles it (nothing imports it).
 */
import http from 'node:http';
import { rmSync, statSync } from 'node:fs';
import process from 'node:process';
import { SECURITY_HEADERS, STRICT_CSP } from './lib/server/security-headers.js';

const env = process.env;
/** @param {string} name @param {number} fallback seconds */
const seconds = (name, fallback) => {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw)) throw new Error(`Invalid value for environment variable ${name}: ${JSON.stringify(raw)} (should be a non-negative integer)`);
	return Number(raw);
};
const socketPath = env.SOCKET_PATH || undefined;
const host = env.HOST ?? '0.0.0.0';
const port = Number(env.PORT ?? 3000);
const shutdownTimeout = seconds('SHUTDOWN_TIMEOUT', 30);

// A path computed at run time: the build does not exist when the sources are type-checked.
const built = new URL('../build/handler.js', import.meta.url).href;
/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void }} */
const { handler } = await import(built);

/** @type {[string, string][]} */
const baseline = [...Object.entries(SECURITY_HEADERS), ['Content-Security-Policy', STRICT_CSP]];

/**
 * The page cache's kept pages for readers without a session or language cookie
 * (src/lib/server/page-cache.ts, registered by hooks.server.ts when the handler loads):
 * answered here, without SvelteKit's Request and Response objects.
 * @type {(req: http.IncomingMessage, res: http.ServerResponse) => boolean}
 */
const answerKept = (req, res) => {
	const answer = /** @type {Record<symbol, any>} */ (globalThis)[Symbol.for('jiangong.pageCache.answerKept')];
	return typeof answer === 'function' && answer(req, res);
};

const server = http.createServer((req, res) => {
	for (const [name, value] of baseline) res.setHeader(name, value);
	if (answerKept(req, res)) return;
	// A 304 must not carry the strict policy: the browser would put it on the page it kept
	// (a page's ETag repeats now that its CSP has hashes, not nonces), and the page would
	// then load nothing.
	const writeHead = res.writeHead;
	res.writeHead = /** @type {typeof res.writeHead} */ (
		function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
			if (status === 304) res.removeHeader('Content-Security-Policy');
			return writeHead.call(res, status, ...rest);
		}
	);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
const keepAlive = seconds('KEEP_ALIVE_TIMEOUT', -1);
if (keepAlive >= 0) server.keepAliveTimeout = keepAlive * 1000;
const headersTimeout = seconds('HEADERS_TIMEOUT', -1);
if (headersTimeout >= 0) server.headersTimeout = headersTimeout * 1000;

/** @type {NodeJS.Timeout | undefined} */
let forceClose;
/** @param {NodeJS.Signals} reason */
function shutdown(reason) {
	if (forceClose) return;
	// Stop accepting; let requests in flight finish (event streams end at the timeout).
	server.closeIdleConnections();
	server.close(() => {
		clearTimeout(forceClose);
		// @ts-expect-error adapter-node's custom event, for code that closes resources at shutdown
		process.emit('sveltekit:shutdown', reason);
	});
	forceClose = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
	forceClose.unref();
}
// A connection that finishes its request while shutting down is closed, not kept alive.
server.on('request', (req) => req.on('close', () => forceClose && server.closeIdleConnections()));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

if (socketPath) {
	// a socket file left behind by a previous run (size 0) would refuse the address
	try {
		if (statSync(socketPath).size === 0) rmSync(socketPath);
	} catch {
		// none there
	}
}
if (socketPath) server.listen(socketPath, () => console.log(`Listening on ${socketPath}`));
else server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));
