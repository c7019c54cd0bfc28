import type { Reroute } from '@sveltejs/kit';
import { splitLocale } from '$lib/i18n/locale-url';

/** `/en/results/3` is the page `/results/3` in English (see locale-url.ts). */
export const reroute: Reroute = ({ url }) => {
	const { locale, path } = splitLocale(url.pathname);
	if (locale) return path;
};
