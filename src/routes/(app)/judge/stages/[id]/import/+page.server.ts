import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formOf, intParam, perform, serve } from '$lib/server/http';
import { importMarks } from '$lib/server/judging/exchange';
import { authorize } from '$lib/server/auth/policy';
import { loadStage, seatOf } from '$lib/server/competitions/context';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const ctx = loadStage(event.locals.db, intParam(event.params.id));
		authorize(event.locals.actor, 'marks.import', { unitPath: ctx.organiserPath, judge: seatOf(event.locals.db, event.locals.actor, ctx.event.id) });
		return { stage: ctx.stage, event: { id: ctx.event.id, name: ctx.event.name }, competition: { title: ctx.competition.title } };
	});

export const actions: Actions = {
	default: async (event) => {
		const data = await formOf(event);
		const file = data.get('file');
		const result = await perform(event, {}, () => importMarks(event.locals.db, event.locals.actor, intParam(event.params.id), file));
		if (result && 'problems' in result) {
			const fileName = file instanceof File ? file.name : '';
			return result.problems.length ? fail(400, { report: result, fileName }) : { report: result, fileName };
		}
		return result;
	}
};
