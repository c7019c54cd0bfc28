import type { RequestHandler } from './$types';
import { apiJson } from '$lib/server/api';
import { pageParam } from '$lib/server/http';
import { annualPoints, pointsYears } from '$lib/server/results/tables';
import { COMPETITION_TYPES, type CompetitionType } from '$lib/domain/competition';

/** GET /api/v1/points?year=YYYY&of=workers|units&unit=ID&type=T&page=N — annual points. */
export const GET: RequestHandler = (event) => {
	const q = event.url.searchParams;
	return apiJson(
		event,
		() => {
			const year = /^\d{4}$/.test(q.get('year') ?? '') ? q.get('year')! : (pointsYears(event.locals.db)[0] ?? String(new Date().getFullYear()));
			const unit = Number(q.get('unit'));
			const type = (COMPETITION_TYPES as readonly string[]).includes(q.get('type') ?? '') ? (q.get('type') as CompetitionType) : null;
			return { year, ...annualPoints(event.locals.db, { year, unitId: Number.isSafeInteger(unit) && unit > 0 ? unit : null, type, of: q.get('of') === 'units' ? 'units' : 'workers', page: pageParam(event.url) }) };
		},
		() => 300
	);
};
