import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { publicStageResults } from '$lib/server/results/public';
import { appealableEntries } from '$lib/server/results/appeals';
import { boardHistory } from '$lib/server/results/board';
import { m } from '$lib/paraglide/messages';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const v = event.url.searchParams.get('v');
		if (v !== null && !/^\d{1,6}$/.test(v)) error(404, m.err_not_found());
		const results = publicStageResults(event.locals.db, intParam(event.params.id), v === null ? undefined : Number(v));
		const appealable = results.version.status === 'notice' ? appealableEntries(event.locals.db, event.locals.actor, results.version.id) : [];
		return forReader({ ...results, appealable, current: v === null, history: boardHistory(event.locals.db, results.stage.id) });
	});
