import type { RequestHandler } from './$types';
import { sitemapXml } from '$lib/server/portal/sitemap';

export const GET: RequestHandler = ({ locals, url }) =>
	new Response(sitemapXml(locals.db, url.origin), { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
