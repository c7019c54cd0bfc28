import { baseLocale, locales, type Locale } from '$lib/paraglide/runtime';

/**
 * The language lives in the address: `/en/results/3`, `/zh-Hant/studios`, or no
 * prefix for the base language (Simplified Chinese) — so a shared link opens in the
 * language it was read in. `/zh-Hans/…` is accepted too, as an explicit choice of the
 * base language over a remembered other one. Routes themselves carry no prefix:
 * `reroute` (src/hooks.ts) strips it before matching.
 */
export function splitLocale(pathname: string): { locale: Locale | null; path: string } {
	const first = pathname.split('/', 2)[1] ?? '';
	const locale = locales.find((l) => l === first) ?? null;
	if (!locale) return { locale: null, path: pathname };
	return { locale, path: pathname.slice(first.length + 1) || '/' };
}

/** An address in a language: the base language unprefixed unless `explicit`. */
export function localizedPath(path: string, locale: Locale, explicit = false): string {
	const bare = path.startsWith('/') ? splitLocale(path).path : path;
	if (!bare.startsWith('/') || bare.startsWith('//')) return path;
	if (locale === baseLocale && !explicit) return bare;
	return bare === '/' ? `/${locale}` : `/${locale}${bare}`;
}

/** The languages offered, each named in itself. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };
/** The same, short enough for a phone's header. */
export const LANGUAGE_SHORT: Record<Locale, string> = { 'zh-Hans': '简', 'zh-Hant': '繁', en: 'EN' };
/** Open Graph's names for them. */
export const OG_LOCALES: Record<Locale, string> = { 'zh-Hans': 'zh_CN', 'zh-Hant': 'zh_TW', en: 'en_US' };
