import type { RequestHandler } from './$types';

/** Public pages are for everyone; the signed-in areas, files and endpoints are not for crawlers. */
const DISALLOW = ['/me', '/officer', '/judge', '/contests', '/appeals', '/certificates', '/stages', '/notifications', '/proposals/', '/api/', '/screen/', '/login', '/activate', '/request-account', '/verify/', '/search'];

export const GET: RequestHandler = ({ url }) => {
	const lines = ['User-agent: *', 'Allow: /', ...DISALLOW.flatMap((p) => ['', 'en/', 'zh-Hant/', 'zh-Hans/'].map((l) => `Disallow: /${l}${p.slice(1)}`)), '', `Sitemap: ${url.origin}/sitemap.xml`];
	return new Response(lines.join('\n') + '\n', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' } });
};
