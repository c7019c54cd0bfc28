import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, noFields, serve } from '$lib/server/http';
import { resultsDesk } from '$lib/server/results/desk';
import { latestVersion } from '$lib/server/results/rows';
import { finaliseResults, openCorrection, publishCorrection, publishResults, updateNotice } from '$lib/server/results/versions';
import { ruleAppeal } from '$lib/server/results/appeals';
import { freezeBoard, unfreezeBoard } from '$lib/server/results/board';
import { publishSchema, reasonSchema, rulingSchema, toBeijingInput } from '$lib/server/results/forms';
import { id } from '$lib/server/validation';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const desk = resultsDesk(event.locals.db, event.locals.actor, intParam(event.params.id));
		const now = Date.now();
		return {
			...desk,
			defaults: {
				noticeStartsAt: toBeijingInput(desk.shown?.noticeStartsAt ?? new Date(now)),
				noticeEndsAt: toBeijingInput(desk.shown?.noticeEndsAt ?? new Date(now + 5 * 24 * 3_600_000))
			}
		};
	});

const stageId = (event: { params: { id: string } }) => intParam(event.params.id);
/** The stage's newest version; the service called with it checks who may act on it. */
const versionOf = (event: { params: { id: string }; locals: App.Locals }) => latestVersion(event.locals.db, stageId(event))?.id ?? 0;

export const actions: Actions = {
	publish: (event) =>
		formAction(event, 'publish', publishSchema, (data) => {
			const r = publishResults(event.locals.db, event.locals.actor, stageId(event), data);
			return { form: 'publish', message: m.results_published_ok({ n: r.entries }) };
		}),
	notice: (event) =>
		formAction(event, 'notice', publishSchema, (data) => {
			updateNotice(event.locals.db, event.locals.actor, versionOf(event), data);
			return { form: 'notice', message: m.results_notice_saved() };
		}),
	finalise: (event) =>
		formAction(event, 'finalise', noFields, () => {
			const r = finaliseResults(event.locals.db, event.locals.actor, versionOf(event));
			return { form: 'finalise', message: m.results_finalised_ok({ n: r.awards }) };
		}),
	correction: (event) =>
		formAction(event, 'correction', reasonSchema, (data) => {
			openCorrection(event.locals.db, event.locals.actor, versionOf(event), data.reason);
			return { form: 'correction', message: m.results_correction_opened() };
		}),
	correct: (event) =>
		formAction(event, 'correct', noFields, () => {
			const r = publishCorrection(event.locals.db, event.locals.actor, versionOf(event));
			return { form: 'correct', message: m.results_corrected_ok({ issued: r.issued.length, revoked: r.revoked.length }) };
		}),
	rule: (event) =>
		formAction(event, 'rule', rulingSchema.extend({ appealId: id }), (data) => {
			const r = ruleAppeal(event.locals.db, event.locals.actor, data.appealId, { decision: data.decision, ruling: data.ruling, sheetIds: data['sheetIds[]'] });
			return { form: 'rule', message: data.decision === 'upheld' ? m.appeal_upheld_ok({ n: r.reopened }) : m.appeal_dismissed_ok() };
		}),
	freeze: (event) =>
		formAction(event, 'freeze', noFields, () => {
			freezeBoard(event.locals.db, event.locals.actor, stageId(event));
			return { form: 'freeze', message: m.board_frozen_ok() };
		}),
	unfreeze: (event) =>
		formAction(event, 'unfreeze', noFields, () => {
			unfreezeBoard(event.locals.db, event.locals.actor, stageId(event));
			return { form: 'unfreeze', message: m.board_unfrozen_ok() };
		})
};

