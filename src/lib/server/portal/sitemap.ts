import type { DB } from '../db';
import { locales } from '$lib/paraglide/runtime';
import { localizedPath } from '$lib/i18n/locale-url';
import { publicCompetitions, publishedStageIds } from '../results/public';
import { showcaseIds } from '../studios/public';
import { publishedProfileIds } from '../studios/profiles';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Every public page's address (without a language). */
export function publicPaths(db: DB): string[] {
	const competitions = publicCompetitions(db);
	return [
		'/',
		'/results',
		'/results/points',
		'/proposals',
		'/studios',
		'/studios/ranking',
		'/model-workers',
		...competitions.flatMap((c) => [`/results/competitions/${c.id}`, ...(c.hasResults ? [`/results/competitions/${c.id}/medals`] : [])]),
		...publishedStageIds(db).map((id) => `/results/stages/${id}`),
		...showcaseIds(db).map((id) => `/studios/${id}`),
		...publishedProfileIds(db).map((id) => `/model-workers/${id}`)
	];
}

/** sitemap.xml: each page in each language, each naming its translations. */
export function sitemapXml(db: DB, origin: string): string {
	const urls = publicPaths(db).flatMap((path) => {
		const alternates = locales.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeXml(origin + localizedPath(path, l))}"/>`).join('');
		return locales.map((l) => `<url><loc>${escapeXml(origin + localizedPath(path, l))}</loc>${alternates}</url>`);
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}
