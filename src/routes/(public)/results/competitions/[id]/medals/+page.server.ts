import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { MEDAL_GROUPINGS, medalTable, type MedalGrouping } from '$lib/server/results/tables';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const by = event.url.searchParams.get('by');
		return forReader(medalTable(event.locals.db, intParam(event.params.id), (MEDAL_GROUPINGS as readonly string[]).includes(by ?? '') ? (by as MedalGrouping) : 'enterprise'));
	});
