import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { intParam, serve, perform } from '$lib/server/http';
import { draftAction } from '$lib/server/proposals/draft-action';
import { deleteDraft, FILE_MAX_BYTES, MAX_FILES } from '$lib/server/proposals/drafts';
import { draftForEdit } from '$lib/server/proposals/queries';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const d = draftForEdit(event.locals.db, event.locals.actor, intParam(event.params.id));
		return {
			draft: {
				id: d.p.id,
				kind: d.p.kind,
				category: d.p.category,
				title: d.p.title,
				problem: d.p.problem,
				solution: d.p.solution,
				expectedBenefit: d.p.expectedBenefit,
				authors: d.authors.map((a) => ({ employeeNo: a.employeeNo, name: a.name, share: a.share })),
				files: d.files
			},
			saved: event.url.searchParams.has('saved'),
			limits: { fileMb: FILE_MAX_BYTES / 1024 / 1024, files: MAX_FILES }
		};
	});

export const actions: Actions = {
	save: (event) => draftAction(event, intParam(event.params.id)),
	delete: async (event) => {
		const result = await perform(event, {}, () => deleteDraft(event.locals.db, event.locals.actor, intParam(event.params.id)));
		if (result) return result;
		redirect(303, '/proposals/mine?deleted=1');
	}
};
