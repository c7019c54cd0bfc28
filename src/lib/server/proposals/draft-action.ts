import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formOf, rethrow } from '../http';
import { parseForm } from '../validation';
import { RuleError } from '../errors';
import { uploadsOf } from '../files';
import { draftSchema } from './forms';
import { saveDraft } from './drafts';

/**
 * The proposal form's action, for a new proposal or a draft: saves (or submits) and
 * goes to the proposal; on a broken rule returns the messages with what was typed.
 */
export async function draftAction(event: RequestEvent, proposalId: number | null) {
	const form = await formOf(event);
	const parsed = parseForm(draftSchema, form);
	const values = { ...parsed.values, coNo: form.getAll('coNo[]').map(String).join('\n'), coShare: form.getAll('coShare[]').map(String).join('\n') };
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
	let id: number;
	try {
		const uploads = await uploadsOf(form.getAll('files'));
		id = saveDraft(event.locals.db, event.locals.actor, proposalId, parsed.data, uploads).id;
	} catch (e) {
		if (e instanceof RuleError) return fail(400, { errors: e.errors, values });
		rethrow(event, e);
	}
	redirect(303, parsed.data.submit ? `/proposals/${id}?submitted=1` : `/proposals/${id}/edit?saved=1`);
}
