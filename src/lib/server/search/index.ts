import type { DB } from '../db';
import type { Actor } from '../auth/actor';
import {
	highlightTerms,
	isSearchKind,
	LIMIT_ALL,
	LIMIT_MAX,
	LIMIT_ONE,
	normaliseQuery,
	SEARCH_KINDS,
	searchTerms,
	type SearchKind,
	type SearchScope
} from '$lib/domain/site-search';
import { searchCompetitions } from './competitions';
import { searchResults } from './results';
import { searchProposals } from './proposals';
import { searchModelWorkers, searchStudios } from './studios';
import type { Found, HitOf } from './types';

export type { SearchHit, HitOf } from './types';

export interface SearchInput {
	q: string;
	kind?: SearchScope;
	/** hits per kind: LIMIT_ALL for all kinds, LIMIT_ONE for one, at most LIMIT_MAX */
	limit?: number;
}

export interface SearchGroup<K extends SearchKind = SearchKind> {
	kind: K;
	/** how many matched in all */
	total: number;
	hits: HitOf<K>[];
	/** more matched than are listed */
	more: boolean;
}

export interface SiteSearch {
	/** the query as searched (normalised, capped) */
	q: string;
	kind: SearchScope;
	/** what to mark in the hits */
	marks: string[];
	/** one per kind the actor may search, in SEARCH_KINDS order; empty for an empty query */
	groups: SearchGroup[];
	total: number;
	/** proposals are searched only for a signed-in account (and only those it may view) */
	proposalsNeedSignIn: boolean;
}

/**
 * The site-wide search box: competitions, published results, proposals the actor
 * may view, showcased studios and published model-worker profiles, each matched by
 * any part of a word, titles first. With one `kind` the other kinds are counted but
 * not listed. Reads only; an empty query reads nothing.
 */
export function siteSearch(db: DB, actor: Actor | null, input: SearchInput): SiteSearch {
	const q = normaliseQuery(input.q);
	const kind: SearchScope = isSearchKind(input.kind) ? input.kind : 'all';
	const terms = searchTerms(q);
	const empty = { q, kind, marks: [], groups: [], total: 0, proposalsNeedSignIn: !actor };
	if (terms.length === 0) return empty;
	const wanted = Math.min(LIMIT_MAX, Math.max(1, Math.floor(input.limit ?? (kind === 'all' ? LIMIT_ALL : LIMIT_ONE)) || 1));
	const limitOf = (k: SearchKind) => (kind === 'all' || kind === k ? wanted : 0);
	const marks = highlightTerms(q);
	const run: { [K in SearchKind]: () => Found<K> | null } = {
		competitions: () => searchCompetitions(db, terms, marks, limitOf('competitions')),
		results: () => searchResults(db, terms, limitOf('results')),
		proposals: () => (actor ? searchProposals(db, actor, q, terms, marks, limitOf('proposals')) : null),
		studios: () => searchStudios(db, terms, marks, limitOf('studios')),
		model_workers: () => searchModelWorkers(db, terms, marks, limitOf('model_workers'))
	};
	const groups: SearchGroup[] = [];
	for (const k of SEARCH_KINDS) {
		const found = run[k]() as Found<SearchKind> | null;
		if (found) groups.push({ kind: k, total: found.total, hits: found.hits, more: found.total > found.hits.length });
	}
	return { q, kind, marks, groups, total: groups.reduce((n, g) => n + g.total, 0), proposalsNeedSignIn: !actor };
}
