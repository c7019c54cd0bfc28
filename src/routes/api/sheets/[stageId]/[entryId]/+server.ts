import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { intParam } from '$lib/server/http';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '$lib/server/errors';
import { writeSheet } from '$lib/server/judging/sheet-writer';
import { autosaveSchema, toSheetInput } from '$lib/server/judging/forms';

/** Background save of a draft sheet from a judge's tablet (JSON), so a lost connection loses nothing. */
export const PUT: RequestHandler = async ({ request, params, locals }) => {
	const stageId = intParam(params.stageId);
	const entryId = intParam(params.entryId);
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		error(400, m.err_bad_form());
	}
	const parsed = autosaveSchema.safeParse(body);
	if (!parsed.success) error(400, m.err_bad_form());
	try {
		return json(await writeSheet(locals.db, locals.actor, stageId, entryId, toSheetInput(parsed.data, false)));
	} catch (e) {
		if (e instanceof RuleError) return json({ errors: e.errors }, { status: 400 });
		if (e instanceof NotSignedInError) error(401, m.err_forbidden());
		if (e instanceof ForbiddenError) error(403, e.reason ?? m.err_forbidden());
		if (e instanceof NotFoundError) error(404, m.err_not_found());
		throw e;
	}
};
