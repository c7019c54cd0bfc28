import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { exportBreakdown } from '$lib/server/judging/exchange';
import { sheetFormat, sheetResponse } from '$lib/server/sheet-response';

export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const format = sheetFormat(event.url);
		return sheetResponse(await exportBreakdown(event.locals.db, event.locals.actor, intParam(event.params.id), format), format, 'marks-breakdown', '评分明细');
	});
