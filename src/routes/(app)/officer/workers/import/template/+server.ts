import type { RequestHandler } from './$types';
import { serve } from '$lib/server/http';
import { workerTemplate } from '$lib/server/people/import';

export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const format = event.url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
		const body = await workerTemplate(event.locals.db, event.locals.actor, format);
		const name = encodeURIComponent(`职工导入模板.${format}`);
		return new Response(body, {
			headers: {
				'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'Content-Disposition': `attachment; filename="workers-template.${format}"; filename*=UTF-8''${name}`,
				'Cache-Control': 'private, no-store'
			}
		});
	});
