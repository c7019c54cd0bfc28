import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { MEDAL_GROUPINGS, medalTable, type MedalGrouping } from '$lib/server/results/tables';
import { medalSheet, sheetBody } from '$lib/server/results/exports';
import { sheetFormat, sheetResponse } from '$lib/server/sheet-response';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const by = event.url.searchParams.get('by');
		const format = sheetFormat(event.url);
		const t = medalTable(event.locals.db, intParam(event.params.id), (MEDAL_GROUPINGS as readonly string[]).includes(by ?? '') ? (by as MedalGrouping) : 'enterprise');
		return sheetResponse(await sheetBody(medalSheet(t), format, m.medals_title()), format, `medals-${t.competition.id}`, `${t.competition.title}-${m.medals_title()}`, 'public, max-age=60');
	});
