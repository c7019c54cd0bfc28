import type { RequestHandler } from './$types';
import { serve } from '$lib/server/http';
import { proposalQueueAll } from '$lib/server/proposals/queries';
import { queueFilterOf } from '$lib/server/proposals/forms';
import { queueSheet } from '$lib/server/proposals/exports';
import { writeCsv, writeWorkbook } from '$lib/server/people/sheet-file';
import { sheetFormat, sheetResponse } from '$lib/server/sheet-response';
import { m } from '$lib/paraglide/messages';

/** The queue as filtered, every page, as .xlsx (or .csv). */
export const GET: RequestHandler = (event) =>
	serve(event, async () => {
		const format = sheetFormat(event.url);
		const sheet = queueSheet(proposalQueueAll(event.locals.db, event.locals.actor, queueFilterOf(event.url)));
		const body = format === 'csv' ? writeCsv(sheet.header, sheet.rows) : await writeWorkbook([{ name: m.nav_proposal_queue(), ...sheet }]);
		return sheetResponse(body, format, 'proposals', m.nav_proposal_queue());
	});
