import type { Actions, PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { draftAction } from '$lib/server/proposals/draft-action';
import { FILE_MAX_BYTES, MAX_FILES } from '$lib/server/proposals/drafts';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		authorize(event.locals.actor, 'proposal.create');
		return { draft: null, limits: { fileMb: FILE_MAX_BYTES / 1024 / 1024, files: MAX_FILES } };
	});

export const actions: Actions = {
	default: (event) => draftAction(event, null)
};
