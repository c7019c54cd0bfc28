import type { Actions, PageServerLoad } from './$types';
import { formAction, intParam, noFields, pageParam, serve } from '$lib/server/http';
import { authorize } from '$lib/server/auth/policy';
import { loadStage } from '$lib/server/competitions/context';
import { membersOf } from '$lib/server/competitions/entries';
import { schemeTree } from '$lib/server/competitions/schemes';
import { standingsPage } from '$lib/server/judging/standings';
import { stageEntryTimes, recordTimes } from '$lib/server/judging/stages';
import { m } from '$lib/paraglide/messages';
import { parseDecimal, canonical } from '$lib/domain/scoring/exact';
import { RuleError } from '$lib/server/errors';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		authorize(actor, 'officer.area');
		const ctx = loadStage(db, intParam(event.params.id));
		authorize(actor, 'competition.read', { unitPath: ctx.organiserPath });
		const page = pageParam(event.url);
		const standings = standingsPage(db, ctx.stage.id, page);
		const people = membersOf(db, standings.rows.map((r) => r.entryId));
		const tree = ctx.stage.schemeId ? schemeTree(db, ctx.stage.schemeId) : [];
		const times = stageEntryTimes(db, ctx.stage.id);
		return {
			competition: { id: ctx.competition.id, title: ctx.competition.title },
			event: { id: ctx.event.id, name: ctx.event.name },
			stage: ctx.stage,
			standings,
			codes: Object.fromEntries(times.map((t) => [t.entryId, t.code])),
			names: Object.fromEntries(standings.rows.map((r) => [r.entryId, (people.get(r.entryId) ?? []).map((p) => `${p.name}（${p.unit}）`).join('、')])),
			modules: tree.map((mod) => ({ id: mod.id, name: mod.name })),
			aspectNames: Object.fromEntries(tree.flatMap((mod) => mod.criteria.flatMap((c) => c.aspects.map((a) => [a.id, `${a.code} ${a.name}`])))),
			times: ctx.stage.tieBreaks.some((t) => t.kind === 'time') ? times : null
		};
	});

export const actions: Actions = {
	times: (event) =>
		formAction(event, 'times', noFields.passthrough(), (data) => {
			const times: Record<number, string | null> = {};
			const errors: Record<string, string> = {};
			for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
				const match = /^t(\d{1,9})$/.exec(key);
				if (!match || typeof value !== 'string') continue;
				const v = value.trim();
				const d = parseDecimal(v);
				if (v === '') times[Number(match[1])] = null;
				else if (!d || d.compare(0) < 0) errors[key] = m.err_decimal();
				else times[Number(match[1])] = canonical(d);
			}
			if (Object.keys(errors).length) throw new RuleError(errors);
			recordTimes(event.locals.db, event.locals.actor, intParam(event.params.id), times);
			return { form: 'times', message: m.saved() };
		})
};
