import type { RequestHandler } from './$types';
import { intParam, serve } from '$lib/server/http';
import { marksTemplate } from '$lib/server/judging/exchange';
import { sheetFormat, sheetResponse } from '$lib/server/sheet-response';

export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const format = sheetFormat(event.url);
		return sheetResponse(await marksTemplate(event.locals.db, event.locals.actor, intParam(event.params.id), format), format, 'marks-template', '评分录入模板');
	});
