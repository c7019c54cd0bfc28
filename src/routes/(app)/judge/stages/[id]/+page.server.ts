import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, noFields, pageParam, serve } from '$lib/server/http';
import { chiefStage, judgeStage, overrideRecusal, reopenSheet } from '$lib/server/judging/sheets';
import { lockStage } from '$lib/server/judging/stages';
import { standingsPage } from '$lib/server/judging/standings';
import { schemeTree } from '$lib/server/competitions/schemes';
import { id, text } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const stageId = intParam(event.params.id);
		const view = judgeStage(db, actor, stageId);
		const chief = view.seat === 'chief';
		const page = pageParam(event.url);
		const tree = view.stage.schemeId ? schemeTree(db, view.stage.schemeId) : [];
		return {
			...view,
			chief: chief ? chiefStage(db, actor, stageId) : null,
			standings: chief || view.stage.status === 'locked' ? standingsPage(db, stageId, page) : null,
			aspectNames: Object.fromEntries(tree.flatMap((mod) => mod.criteria.flatMap((c) => c.aspects.map((a) => [a.id, `${a.code} ${a.name}`])))),
			modules: tree.map((mod) => ({ id: mod.id, name: mod.name }))
		};
	});

const stageId = (event: { params: { id: string } }) => intParam(event.params.id);

export const actions: Actions = {
	lock: (event) =>
		formAction(event, 'lock', noFields, () => ({ form: 'lock', message: m.stage_locked_ok({ n: lockStage(event.locals.db, event.locals.actor, stageId(event)).sheets }) })),
	reopen: (event) =>
		formAction(event, 'reopen', z.object({ id, reason: text(500) }), (data) => {
			reopenSheet(event.locals.db, event.locals.actor, data.id, data.reason);
			return { form: 'reopen', message: m.sheet_reopened() };
		}),
	override: (event) =>
		formAction(event, 'override', z.object({ pair: z.string().regex(/^\d{1,9}:\d{1,9}$/, { error: () => m.err_choice() }), reason: text(500) }), (data) => {
			const [judgeId, entryId] = data.pair.split(':').map(Number);
			overrideRecusal(event.locals.db, event.locals.actor, stageId(event), { judgeId, entryId, reason: data.reason });
			return { form: 'override', message: m.recusal_overridden_ok() };
		})
};
