import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { publicStageResults } from '$lib/server/results/public';
import { resultsSheet, sheetBody } from '$lib/server/results/exports';
import { sheetFormat, sheetResponse } from '$lib/server/sheet-response';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const v = event.url.searchParams.get('v');
		if (v !== null && !/^\d{1,6}$/.test(v)) error(404, m.err_not_found());
		const format = sheetFormat(event.url);
		const r = publicStageResults(event.locals.db, intParam(event.params.id), v === null ? undefined : Number(v));
		const name = `${r.event.name}-${r.stage.name}-${m.results_title()}`;
		return sheetResponse(await sheetBody(resultsSheet(r), format, m.results_title()), format, `results-${r.stage.id}-v${r.version.version}`, name, 'public, max-age=60');
	});
