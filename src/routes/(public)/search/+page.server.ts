import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { siteSearch } from '$lib/server/search';
import { forReader, toHans } from '$lib/server/hant';
import { getLocale } from '$lib/paraglide/runtime';
import { isSearchKind } from '$lib/domain/site-search';

/** The site-wide search: a GET form (`q`, optional `kind`), answered on the server. */
export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const typed = event.url.searchParams.get('q') ?? '';
		const kind = event.url.searchParams.get('kind');
		// records are kept in Simplified Chinese: what a Traditional reader types is searched in those forms
		const q = getLocale() === 'zh-Hant' ? toHans(typed) : typed;
		// what a signed-in account finds (its proposals) is its own: no shared cache keeps it
		event.setHeaders({ 'Cache-Control': 'private, no-store' });
		return forReader(siteSearch(event.locals.db, event.locals.actor, { q, kind: isSearchKind(kind) ? kind : 'all' }));
	});
