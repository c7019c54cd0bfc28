import type { PageServerLoad } from './$types';
import { pageParam, serve } from '$lib/server/http';
import { annualPoints, pointsUnits, pointsYears } from '$lib/server/results/tables';
import { COMPETITION_TYPES, type CompetitionType } from '$lib/domain/competition';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db } = event.locals;
		const q = event.url.searchParams;
		const years = pointsYears(db);
		const thisYear = String(new Date().getFullYear());
		const year = /^\d{4}$/.test(q.get('year') ?? '') ? q.get('year')! : (years[0] ?? thisYear);
		const units = pointsUnits(db);
		const unitId = units.some((u) => String(u.id) === q.get('unit')) ? Number(q.get('unit')) : null;
		const type = (COMPETITION_TYPES as readonly string[]).includes(q.get('type') ?? '') ? (q.get('type') as CompetitionType) : null;
		const of = q.get('of') === 'units' ? 'units' : 'workers';
		return forReader({
			filters: { year, unitId, type, of },
			years: years.includes(year) ? years : [year, ...years],
			units,
			points: annualPoints(db, { year, unitId, type, of, page: pageParam(event.url) })
		});
	});
