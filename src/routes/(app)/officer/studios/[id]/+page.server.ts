import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, serve } from '$lib/server/http';
import { studioDetail } from '$lib/server/studios/public';
import { updateStudio } from '$lib/server/studios/registry';
import { takeStudioStep } from '$lib/server/studios/designation';
import { logAchievement, removeAchievement } from '$lib/server/studios/achievements';
import { assignStudioReviewers, markStudio, recordIncidents, sheetFor } from '$lib/server/studios/assessment';
import { achievementSchema, incidentsSchema, marksSchema, reasonSchema, reviewersSchema, studioEditSchema, studioStepSchema, yearOf } from '$lib/server/studios/forms';
import { z } from 'zod';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const year = yearOf(event.url);
		return { year, detail: studioDetail(event.locals.db, event.locals.actor, intParam(event.params.id), year), registered: event.url.searchParams.has('registered') };
	});

/** A mark or count as typed: a number, or NaN for the service to name. */
const num = (v: unknown) => (typeof v === 'string' && /^\d{1,4}(\.\d{1,2})?$/.test(v.trim()) ? Number(v) : NaN);

export const actions: Actions = {
	edit: (event) =>
		formAction(event, 'edit', studioEditSchema, (d) =>
			updateStudio(event.locals.db, event.locals.actor, intParam(event.params.id), {
				name: d.name,
				leaderNo: d.leaderNo,
				memberNos: d.members,
				field: d.field,
				summary: d.summary,
				foundedOn: d.foundedOn,
				fundingFen: d.funding
			})
		),
	step: (event) =>
		formAction(event, 'step', studioStepSchema, (d) =>
			takeStudioStep(event.locals.db, event.locals.actor, intParam(event.params.id), {
				action: d.step,
				note: d.note,
				level: d.level,
				certificateNo: d.certificateNo,
				designatedOn: d.designatedOn || undefined,
				designatedBy: d.designatedBy
			})
		),
	achievement: (event) =>
		formAction(event, 'achievement', achievementSchema, (d) =>
			logAchievement(event.locals.db, event.locals.actor, intParam(event.params.id), {
				kind: d.kind,
				title: d.title,
				on: d.on,
				number: d.number,
				patentType: d.patentType,
				count: d.count,
				benefitFen: d.benefit,
				proposalSerial: d.proposalSerial,
				note: d.note
			})
		),
	removeAchievement: (event) =>
		formAction(event, 'removeAchievement', reasonSchema.extend({ achievement: z.coerce.number().int().positive() }), (d) =>
			removeAchievement(event.locals.db, event.locals.actor, intParam(event.params.id), d.achievement, d.reason)
		),
	reviewers: (event) =>
		formAction(event, 'reviewers', reviewersSchema, (d) => assignStudioReviewers(event.locals.db, event.locals.actor, intParam(event.params.id), yearOf(event.url), d.purpose, d.reviewers)),
	marks: (event) =>
		formAction(event, 'marks', marksSchema, (d) => {
			const year = yearOf(event.url);
			const marks = Object.fromEntries(sheetFor(event.locals.db, year).filter((i) => i.kind === 'review').map((i) => [i.key, num((d as Record<string, unknown>)[`mark_${i.key}`])]));
			return markStudio(event.locals.db, event.locals.actor, intParam(event.params.id), year, d.purpose, marks, d.note);
		}),
	incidents: (event) =>
		formAction(event, 'incidents', incidentsSchema, (d) => {
			const year = yearOf(event.url);
			const incidents = Object.fromEntries(sheetFor(event.locals.db, year).filter((i) => i.kind === 'deduction').map((i) => [i.key, num((d as Record<string, unknown>)[`inc_${i.key}`] ?? '0')]));
			return recordIncidents(event.locals.db, event.locals.actor, intParam(event.params.id), year, incidents);
		})
};
