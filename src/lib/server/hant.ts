import * as OpenCC from 'opencc-js';

import { getLocale } from '$lib/paraglide/runtime';

/**
 * Simplified ⇄ Traditional Chinese by OpenCC's dictionaries (phrases first, then
 * characters), to Taiwan's standard character forms without rewording. The
 * Traditional pages are the Simplified ones converted: the interface text once,
 * into messages/zh-Hant.json (`npm run i18n:hant`), and the records a public page
 * shows (names, titles) by its load, through `forReader`. (Converting a whole page
 * would convert the messages twice, and a second pass is not harmless: 風采 → 風採.)
 */
let toHantFn: ((s: string) => string) | null = null;
let toHansFn: ((s: string) => string) | null = null;

export function toHant(text: string): string {
	toHantFn ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
	return toHantFn(text);
}

/** What a reader of Traditional Chinese typed, in the Simplified forms the records are kept in. */
export function toHans(text: string): string {
	toHansFn ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
	return toHansFn(text);
}

/** Converts every string inside plain data (objects and arrays; dates and the rest kept as they are). */
export function hantDeep<T>(value: T): T {
	if (typeof value === 'string') return toHant(value) as T;
	if (Array.isArray(value)) return value.map(hantDeep) as T;
	if (value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value)))
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$schema' ? v : hantDeep(v)])) as T;
	return value;
}

/** A public page's data in the reader's script: converted for a Traditional Chinese reader. */
export const forReader = <T>(data: T): T => (getLocale() === 'zh-Hant' ? hantDeep(data) : data);
