import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { localizedPath, splitLocale } from '$lib/i18n/locale-url';
import { baseLocale, locales } from '$lib/paraglide/runtime';
import { hantDeep } from '$lib/server/hant';

describe('splitLocale', () => {
	it('takes a language prefix off the path', () => {
		expect(splitLocale('/en')).toEqual({ locale: 'en', path: '/' });
		expect(splitLocale('/en/')).toEqual({ locale: 'en', path: '/' });
		expect(splitLocale('/en/results/3')).toEqual({ locale: 'en', path: '/results/3' });
		expect(splitLocale('/zh-Hant/')).toEqual({ locale: 'zh-Hant', path: '/' });
		expect(splitLocale('/zh-Hant/studios')).toEqual({ locale: 'zh-Hant', path: '/studios' });
		// the base language may be named explicitly
		expect(splitLocale('/zh-Hans/results')).toEqual({ locale: 'zh-Hans', path: '/results' });
	});

	it('matches a whole segment exactly, nothing else', () => {
		expect(splitLocale('/')).toEqual({ locale: null, path: '/' });
		expect(splitLocale('/results/3')).toEqual({ locale: null, path: '/results/3' });
		expect(splitLocale('/english')).toEqual({ locale: null, path: '/english' });
		expect(splitLocale('/english/x')).toEqual({ locale: null, path: '/english/x' });
		expect(splitLocale('/EN/x')).toEqual({ locale: null, path: '/EN/x' });
		expect(splitLocale('/zh-hant/x')).toEqual({ locale: null, path: '/zh-hant/x' });
		expect(splitLocale('/zh')).toEqual({ locale: null, path: '/zh' });
		expect(splitLocale('/results/en')).toEqual({ locale: null, path: '/results/en' });
		expect(splitLocale('//evil.com')).toEqual({ locale: null, path: '//evil.com' });
		expect(splitLocale('')).toEqual({ locale: null, path: '' });
	});
});

describe('localizedPath', () => {
	it('prefixes every language but the base one', () => {
		expect(localizedPath('/results/3', 'en')).toBe('/en/results/3');
		expect(localizedPath('/results/3', 'zh-Hant')).toBe('/zh-Hant/results/3');
		expect(localizedPath('/results/3', 'zh-Hans')).toBe('/results/3');
		expect(localizedPath('/', 'en')).toBe('/en');
		expect(localizedPath('/', 'zh-Hant')).toBe('/zh-Hant');
		expect(localizedPath('/', 'zh-Hans')).toBe('/');
	});

	it('names the base language only when asked to', () => {
		expect(localizedPath('/results', 'zh-Hans', true)).toBe('/zh-Hans/results');
		expect(localizedPath('/', 'zh-Hans', true)).toBe('/zh-Hans');
		expect(localizedPath('/en/results', 'zh-Hans', true)).toBe('/zh-Hans/results');
		// explicit changes nothing for the others
		expect(localizedPath('/results', 'en', true)).toBe('/en/results');
	});

	it('replaces a prefix already there instead of stacking a second one', () => {
		expect(localizedPath('/en/results', 'zh-Hant')).toBe('/zh-Hant/results');
		expect(localizedPath('/en/results', 'zh-Hans')).toBe('/results');
		expect(localizedPath('/zh-Hant/', 'en')).toBe('/en');
		expect(localizedPath('/zh-Hans/studios', 'zh-Hans')).toBe('/studios');
		expect(localizedPath('/en/results/3', 'en')).toBe('/en/results/3');
		// not a prefix: kept as part of the path
		expect(localizedPath('/english', 'en')).toBe('/en/english');
		expect(localizedPath('/EN/x', 'zh-Hant')).toBe('/zh-Hant/EN/x');
	});

	it('keeps query and hash', () => {
		expect(localizedPath('/results?year=2026#top', 'en')).toBe('/en/results?year=2026#top');
		expect(localizedPath('/en/results?year=2026', 'zh-Hans')).toBe('/results?year=2026');
	});

	it('leaves other sites and relative addresses untouched', () => {
		for (const l of locales) {
			expect(localizedPath('//evil.com', l)).toBe('//evil.com');
			expect(localizedPath('//evil.com/en/x', l)).toBe('//evil.com/en/x');
			expect(localizedPath('https://x', l)).toBe('https://x');
			expect(localizedPath('https://x/en/results', l)).toBe('https://x/en/results');
			expect(localizedPath('results/3', l)).toBe('results/3');
			expect(localizedPath('', l)).toBe('');
			expect(localizedPath('mailto:a@b.cn', l)).toBe('mailto:a@b.cn');
		}
		// a prefix followed by a protocol-relative address is not turned into one
		expect(localizedPath('/en//evil.com', 'zh-Hans')).toBe('/en//evil.com');
		expect(localizedPath('/en//evil.com', 'zh-Hans').startsWith('//')).toBe(false);
	});

	it('round-trips: splitting a localized path gives the language and the bare path back', () => {
		for (const path of ['/', '/results', '/results/stages/12', '/studios/ranking']) {
			for (const l of locales) {
				const explicit = splitLocale(localizedPath(path, l, true));
				expect(explicit).toEqual({ locale: l, path });
				const plain = splitLocale(localizedPath(path, l));
				expect(plain).toEqual({ locale: l === baseLocale ? null : l, path });
			}
		}
	});
});

describe('the languages and their messages', () => {
	const read = (l: string) => JSON.parse(readFileSync(new URL(`../../src/lib/i18n/messages/${l}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

	it('offers Simplified Chinese (the base), Traditional Chinese and English', () => {
		expect(baseLocale).toBe('zh-Hans');
		expect([...locales]).toEqual(['zh-Hans', 'zh-Hant', 'en']);
	});

	it('zh-Hant.json is zh-Hans.json through OpenCC, with the same keys as zh-Hans and en (else: npm run i18n:hant)', () => {
		const hans = read('zh-Hans');
		const hant = read('zh-Hant');
		const en = read('en');
		expect(Object.keys(hant)).toEqual(Object.keys(hans));
		expect(Object.keys(en).sort()).toEqual(Object.keys(hans).sort());
		expect(hant).toEqual(hantDeep(hans));
		// the conversion does convert
		expect(hant.app_name).toBe('建功');
		expect(hantDeep('工会干部')).toBe('工會幹部');
		expect(hant.$schema).toBe(hans.$schema);
	});
});
