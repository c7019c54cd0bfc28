import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, noFields, serve } from '$lib/server/http';
import {
	addAspect,
	addCriterion,
	addModule,
	deletePart,
	getSchemeForOfficer,
	newSchemeVersion,
	renamePart,
	schemeDef,
	updateAspect,
	updateSchemeRules
} from '$lib/server/competitions/schemes';
import { aspectSchema, criterionSchema, moduleSchema, schemeRulesSchema } from '$lib/server/competitions/forms';
import { id } from '$lib/server/validation';
import { checkScheme } from '$lib/domain/scoring/scheme';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		const detail = getSchemeForOfficer(db, actor, intParam(event.params.id));
		return { ...detail, problems: checkScheme(schemeDef(detail.scheme, detail.tree)) };
	});

const schemeId = (event: { params: { id: string } }) => intParam(event.params.id);
const done = (form: string) => ({ form, saved: true });

export const actions: Actions = {
	rules: (event) =>
		formAction(event, 'rules', schemeRulesSchema, (data) => {
			updateSchemeRules(event.locals.db, event.locals.actor, schemeId(event), data);
			return done('rules');
		}),
	addModule: (event) =>
		formAction(event, 'addModule', moduleSchema, (data) => {
			addModule(event.locals.db, event.locals.actor, schemeId(event), data);
			return done('addModule');
		}),
	updateModule: (event) =>
		formAction(event, 'updateModule', moduleSchema.extend({ id }), ({ id, ...data }) => {
			renamePart(event.locals.db, event.locals.actor, schemeId(event), 'module', id, data);
			return done('updateModule');
		}),
	addCriterion: (event) =>
		formAction(event, 'addCriterion', criterionSchema.extend({ id }), ({ id, ...data }) => {
			addCriterion(event.locals.db, event.locals.actor, schemeId(event), id, data);
			return done('addCriterion');
		}),
	updateCriterion: (event) =>
		formAction(event, 'updateCriterion', criterionSchema.extend({ id }), ({ id, ...data }) => {
			renamePart(event.locals.db, event.locals.actor, schemeId(event), 'criterion', id, data);
			return done('updateCriterion');
		}),
	addAspect: (event) =>
		formAction(event, 'addAspect', z.object({ id }).and(aspectSchema), ({ id, ...data }) => {
			addAspect(event.locals.db, event.locals.actor, schemeId(event), id, data);
			return done('addAspect');
		}),
	updateAspect: (event) =>
		formAction(event, 'updateAspect', z.object({ id }).and(aspectSchema), ({ id, ...data }) => {
			updateAspect(event.locals.db, event.locals.actor, schemeId(event), id, data);
			return done('updateAspect');
		}),
	delete: (event) =>
		formAction(event, 'delete', z.object({ id, part: z.enum(['module', 'criterion', 'aspect']) }), ({ id, part }) => {
			deletePart(event.locals.db, event.locals.actor, schemeId(event), part, id);
			return done('delete');
		}),
	newVersion: async (event) => {
		const result = await formAction(event, 'newVersion', noFields, () => newSchemeVersion(event.locals.db, event.locals.actor, schemeId(event)));
		if (result && 'id' in result) redirect(303, `/officer/schemes/${result.id}`);
		return result;
	}
};
