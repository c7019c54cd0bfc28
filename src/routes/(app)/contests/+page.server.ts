import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { openToWorker, registerSelf, withdrawEntry } from '$lib/server/competitions/entries';
import { id } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) => serve(event, () => ({ competitions: openToWorker(event.locals.db, event.locals.actor) }));

export const actions: Actions = {
	register: (event) =>
		formAction(event, 'register', z.object({ id }), ({ id }) => {
			registerSelf(event.locals.db, event.locals.actor, id);
			return { form: 'register', message: m.contest_registered() };
		}),
	withdraw: (event) =>
		formAction(event, 'withdraw', z.object({ id }), ({ id }) => {
			withdrawEntry(event.locals.db, event.locals.actor, id);
			return { form: 'withdraw', message: m.contest_withdrawn() };
		})
};
