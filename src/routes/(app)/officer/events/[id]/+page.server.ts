import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, noFields, serve } from '$lib/server/http';
import { addStage, appointJudge, deleteEvent, deleteStage, getEventForOfficer, removeJudge, updateEvent, updateStage } from '$lib/server/competitions';
import { candidatesFor, decideEntry, drawLots, listEntries, registerFor } from '$lib/server/competitions/entries';
import { eventSchema, judgeSchema, stageNameSchema, stageSchema } from '$lib/server/competitions/forms';
import { schemeTree } from '$lib/server/competitions/schemes';
import { advanceFrom, startStage } from '$lib/server/judging/stages';
import { id, optionalText } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';
import { awardRulesSchema } from '$lib/server/results/forms';
import { updateAwardRules } from '$lib/server/results/settings';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const eventId = intParam(event.params.id);
		const detail = getEventForOfficer(db, actor, eventId);
		const q = event.url.searchParams.get('q') ?? '';
		const modulesOf = new Map(detail.schemes.map((s) => [s.id, schemeTree(db, s.id).map((mod) => ({ id: mod.id, name: mod.name }))]));
		return {
			...detail,
			modulesOf: Object.fromEntries(modulesOf),
			entries: listEntries(db, actor, eventId),
			candidates: detail.competition.status === 'published' ? [] : candidatesFor(db, actor, eventId, q),
			q
		};
	});

const eventId = (event: { params: { id: string } }) => intParam(event.params.id);
const done = (form: string, message?: string) => ({ form, saved: true, message });

const registerSchema = z.object({
	'workerIds[]': z.array(id).max(500).optional().transform((v) => v ?? []),
	captainId: z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null)),
	teamName: optionalText(40)
});

export const actions: Actions = {
	awards: (event) =>
		formAction(event, 'awards', awardRulesSchema, (data) => {
			updateAwardRules(event.locals.db, event.locals.actor, eventId(event), data);
			return done('awards', m.awards_saved());
		}),
	update: (event) =>
		formAction(event, 'update', eventSchema, (data) => {
			updateEvent(event.locals.db, event.locals.actor, eventId(event), data);
			return done('update');
		}),
	delete: async (event) => {
		const result = await formAction(event, 'delete', noFields, () => deleteEvent(event.locals.db, event.locals.actor, eventId(event)));
		if (result && 'competitionId' in result) redirect(303, `/officer/competitions/${result.competitionId}`);
		return result;
	},
	addStage: (event) =>
		formAction(event, 'addStage', stageNameSchema, (data) => {
			addStage(event.locals.db, event.locals.actor, eventId(event), data.name);
			return done('addStage');
		}),
	updateStage: (event) =>
		formAction(event, 'updateStage', stageSchema.and(z.object({ id })), ({ id, ...data }) => {
			updateStage(event.locals.db, event.locals.actor, id, data);
			return done('updateStage');
		}),
	deleteStage: (event) =>
		formAction(event, 'deleteStage', z.object({ id }), ({ id }) => {
			deleteStage(event.locals.db, event.locals.actor, id);
			return done('deleteStage');
		}),
	startStage: (event) =>
		formAction(event, 'startStage', z.object({ id }), ({ id }) => done('startStage', m.stage_started({ n: startStage(event.locals.db, event.locals.actor, id).entries }))),
	advance: (event) =>
		formAction(event, 'advance', z.object({ id }), ({ id }) => done('advance', m.stage_advanced({ n: advanceFrom(event.locals.db, event.locals.actor, id).count }))),
	appoint: (event) =>
		formAction(event, 'appoint', judgeSchema, (data) => {
			appointJudge(event.locals.db, event.locals.actor, eventId(event), data);
			return done('appoint');
		}),
	removeJudge: (event) =>
		formAction(event, 'removeJudge', z.object({ id }), ({ id }) => {
			removeJudge(event.locals.db, event.locals.actor, eventId(event), id);
			return done('removeJudge');
		}),
	register: (event) =>
		formAction(event, 'register', registerSchema, (data) => {
			const made = registerFor(event.locals.db, event.locals.actor, eventId(event), { workerIds: data['workerIds[]'], captainId: data.captainId, teamName: data.teamName });
			return done('register', m.entries_registered({ n: made.length }));
		}),
	decide: (event) =>
		formAction(event, 'decide', z.object({ id, approve: z.enum(['1', '0'], { error: () => m.err_choice() }), note: optionalText(200) }), (data) => {
			decideEntry(event.locals.db, event.locals.actor, data.id, { approve: data.approve === '1', note: data.note });
			return done('decide');
		}),
	draw: (event) =>
		formAction(event, 'draw', noFields, () => done('draw', m.draw_done({ seed: drawLots(event.locals.db, event.locals.actor, eventId(event)).seed })))
};
