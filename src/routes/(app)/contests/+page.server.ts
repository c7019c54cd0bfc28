import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { openToWorker, registerSelf, withdrawEntry } from '$lib/server/competitions/entries';
import { id } from '$lib/server/validation';
import { appealableEntries, myResults } from '$lib/server/results/appeals';
import { myAwards } from '$lib/server/results/certificates';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const results = myResults(db, actor);
		const appealable = new Set(results.filter((r) => r.status === 'notice').flatMap((r) => appealableEntries(db, actor, r.versionId).map((e) => `${r.versionId}:${e}`)));
		return {
			competitions: openToWorker(db, actor),
			results: results.map((r) => ({ ...r, appealable: appealable.has(`${r.versionId}:${r.entryId}`) })),
			awards: myAwards(db, actor)
		};
	});

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
