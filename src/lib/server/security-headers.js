/**
 * The security headers of every response. Plain JavaScript, because two places
 * use it: `hooks.server.ts` (every response SvelteKit makes) and the production
 * server `src/server.js` (also the static files, which never reach the hooks),
 * and production runs JavaScript only.
 */

/** @type {Readonly<Record<string, string>>} */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
});

/**
 * The policy of every response that is not a page SvelteKit renders (pages get
 * their own from `kit.csp` in svelte.config.js, which admits their inline
 * script): JSON, CSV and XLSX, files, photos, event streams, redirects,
 * robots.txt, the sitemap, the scripts and styles under /_app. Opened on their own they may run, load or
 * embed nothing, and nothing may frame them. A page's <img>, fetch or
 * EventSource of them is governed by the page's policy, not by this one.
 */
export const STRICT_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

/** Directives every policy carries, whatever else a response chose for itself. */
const REQUIRED = /** @type {const} */ ([
	['object-src', "'none'"],
	['base-uri', "'none'"],
	['frame-ancestors', "'none'"]
]);

/**
 * A response's own policy (an attachment's `sandbox`, say) with the required
 * directives it lacks added; a directive it sets itself is left as it is.
 * @param {string} policy
 * @returns {string}
 */
export function withRequiredDirectives(policy) {
	const present = new Set(
		policy
			.split(';')
			.map((d) => d.trim().split(/\s+/)[0]?.toLowerCase())
			.filter(Boolean)
	);
	const missing = REQUIRED.filter(([name]) => !present.has(name)).map(([name, value]) => `${name} ${value}`);
	return missing.length === 0 ? policy : [policy.trim().replace(/;\s*$/, ''), ...missing].join('; ');
}
