import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, serve } from '$lib/server/http';
import { setTargets, targetBoard } from '$lib/server/targets';
import { goalsSchema } from '$lib/server/targets/forms';
import { today } from '$lib/server/competitions/context';

/** The year asked for, within the years targets are kept for; else this year. */
function yearOf(url: URL, now = new Date()): number {
	const thisYear = Number(today(now).slice(0, 4));
	const y = Number(url.searchParams.get('year'));
	return Number.isInteger(y) && y >= thisYear - 5 && y <= thisYear + 1 ? y : thisYear;
}

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const unit = Number(event.url.searchParams.get('unit'));
		const board = targetBoard(event.locals.db, event.locals.actor, { unitId: Number.isSafeInteger(unit) && unit > 0 ? unit : undefined, year: yearOf(event.url) });
		const thisYear = Number(today().slice(0, 4));
		const saved = event.url.searchParams.get('saved');
		return {
			board,
			years: [thisYear + 1, thisYear, thisYear - 1, thisYear - 2],
			editing: event.url.searchParams.has('edit') && board.mayEdit,
			saved: saved === null ? null : Number(saved) || 0
		};
	});

export const actions: Actions = {
	save: (event) =>
		formAction(event, 'goals', goalsSchema, (d) => {
			const r = setTargets(event.locals.db, event.locals.actor, d);
			redirect(303, `?unit=${d.unitId}&year=${d.year}&saved=${r.changed}`);
		})
};
