/**
 * The site-wide search box: what kinds of record it searches, how a query is read,
 * and how a found text is shown (the matched parts marked, a short excerpt). Pure,
 * so the page can mark hits without the server sending markup.
 */
import { MAX_QUERY_LENGTH } from './search';

export const SEARCH_KINDS = ['competitions', 'results', 'proposals', 'studios', 'model_workers'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export type SearchScope = SearchKind | 'all';

export const isSearchKind = (k: unknown): k is SearchKind => typeof k === 'string' && (SEARCH_KINDS as readonly string[]).includes(k);

/** Hits per kind on the page of all kinds, and on the page of one kind. */
export const LIMIT_ALL = 10;
export const LIMIT_ONE = 50;
export const LIMIT_MAX = 100;
/** More words than this are ignored (every word must occur). */
export const MAX_TERMS = 8;

/** What was typed, as searched: NFKC (full-width letters and digits as ASCII), trimmed, at most MAX_QUERY_LENGTH characters. */
export function normaliseQuery(q: string): string {
	return [...q.normalize('NFKC').trim()].slice(0, MAX_QUERY_LENGTH).join('').trim();
}

/** ASCII letters to lower case, as SQLite's lower() does (it leaves all other letters alone). */
export const foldCase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The words of a query for substring matching: split at spaces, case-folded as
 * `foldCase`. Each must occur somewhere in a record; `%`, `_` and quotes are plain
 * characters here (the matching uses instr, never LIKE or MATCH syntax).
 */
export function searchTerms(q: string): string[] {
	return [...new Set(foldCase(normaliseQuery(q)).split(/\s+/u).filter(Boolean))].slice(0, MAX_TERMS);
}

const RUN = /[\p{L}\p{N}]+/gu;

/**
 * What to mark in a hit: the words, and the runs of letters and digits inside them
 * (the full-text index matches "空压机" in "空压机,余热" although the word as typed
 * does not occur).
 */
export function highlightTerms(q: string): string[] {
	const words = searchTerms(q);
	const runs = words.flatMap((w) => w.match(RUN) ?? []);
	return [...new Set([...words, ...runs])].sort((a, b) => b.length - a.length);
}

interface Cluster {
	/** offsets of the cluster in the original text */
	from: number;
	to: number;
	/** the cluster NFKC-normalised and case-folded, as queries are */
	norm: string;
}

/** A base character with the combining marks after it, each normalised as a query is. */
function clusters(text: string): Cluster[] {
	const out: Cluster[] = [];
	let at = 0;
	for (const ch of text) {
		const last = out.at(-1);
		if (last && /\p{M}/u.test(ch)) last.to += ch.length;
		else out.push({ from: at, to: at + ch.length, norm: '' });
		at += ch.length;
	}
	for (const c of out) c.norm = foldCase(text.slice(c.from, c.to).normalize('NFKC'));
	return out;
}

/** Which clusters of the text lie inside an occurrence of a term. */
function markedClusters(cs: Cluster[], terms: string[]): boolean[] {
	const marked = cs.map(() => false);
	let norm = '';
	const owner: number[] = [];
	cs.forEach((c, i) => {
		norm += c.norm;
		for (let k = 0; k < c.norm.length; k++) owner.push(i);
	});
	for (const term of terms) {
		if (!term) continue;
		for (let at = norm.indexOf(term); at !== -1; at = norm.indexOf(term, at + term.length)) {
			for (let k = at; k < at + term.length; k++) marked[owner[k]] = true;
		}
	}
	return marked;
}

export interface TextPart {
	text: string;
	mark: boolean;
}

/** The text split into plain and matched parts, to render the matched ones in <mark>. */
export function markParts(text: string, terms: string[]): TextPart[] {
	const cs = clusters(text);
	const marked = markedClusters(cs, terms);
	const parts: TextPart[] = [];
	cs.forEach((c, i) => {
		const piece = text.slice(c.from, c.to);
		const last = parts.at(-1);
		if (last && last.mark === marked[i]) last.text += piece;
		else parts.push({ text: piece, mark: marked[i] });
	});
	return parts;
}

/**
 * About `width` characters of a longer text around its first match, with "…" where
 * it was cut; null when no term occurs in it.
 */
export function excerpt(text: string, terms: string[], width = 80): string | null {
	const flat = text.replace(/\s+/gu, ' ').trim();
	const cs = clusters(flat);
	const first = markedClusters(cs, terms).indexOf(true);
	if (first === -1) return null;
	const start = Math.max(0, Math.min(first - Math.floor(width / 3), cs.length - width));
	const end = Math.min(cs.length, start + width);
	const body = flat.slice(cs[start].from, cs[end - 1].to);
	return `${start > 0 ? '…' : ''}${body}${end < cs.length ? '…' : ''}`;
}

/** The first `width` characters of a longer text, with "…" if it goes on. */
export function opening(text: string, width = 80): string {
	const cs = [...text.replace(/\s+/gu, ' ').trim()];
	return cs.length > width ? `${cs.slice(0, width).join('')}…` : cs.join('');
}
