import type { RequestHandler } from './$types';
import { serve } from '$lib/server/http';
import { workerTemplate } from '$lib/server/people/import';
import { sheetFormat, sheetResponse } from '$lib/server/sheet-response';

export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const format = sheetFormat(event.url);
		return sheetResponse(await workerTemplate(event.locals.db, event.locals.actor, format), format, 'workers-template', '职工导入模板');
	});
