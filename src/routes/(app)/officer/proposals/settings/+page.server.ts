import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { proposalSettingsOf } from '$lib/server/proposals/context';
import { updateProposalSettings } from '$lib/server/proposals/settings';
import { settingsSchema } from '$lib/server/proposals/forms';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		authorize(event.locals.actor, 'proposal.settings');
		return { settings: proposalSettingsOf(event.locals.db), saved: event.url.searchParams.has('saved') };
	});

export const actions: Actions = {
	default: (event) =>
		formAction(event, 'settings', settingsSchema, (d) => {
			updateProposalSettings(event.locals.db, event.locals.actor, d);
			return { saved: true };
		})
};
