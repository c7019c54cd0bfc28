import { and, desc, eq, ne } from 'drizzle-orm';
import type { DB } from '../db';
import { competitions, units } from '../db/schema';
import { excerpt } from '$lib/domain/site-search';
import { everyTermIn, titleRank, totalRows } from './match';
import type { Found } from './types';

/**
 * Competitions the public may follow (every one past its draft, as on /results), by
 * title, organiser or rules; title matches first, then the newest.
 */
export function searchCompetitions(db: DB, terms: string[], marks: string[], limit: number): Found<'competitions'> {
	const inTitle = titleRank(terms, competitions.title);
	const rows = db
		.select({
			id: competitions.id,
			title: competitions.title,
			type: competitions.type,
			status: competitions.status,
			startsOn: competitions.startsOn,
			endsOn: competitions.endsOn,
			organiser: units.name,
			rules: competitions.rules,
			inTitle,
			total: totalRows
		})
		.from(competitions)
		.innerJoin(units, eq(units.id, competitions.unitId))
		.where(and(ne(competitions.status, 'draft'), everyTermIn(terms, [competitions.title, units.name, competitions.rules])))
		.orderBy(desc(inTitle), desc(competitions.startsOn), desc(competitions.id))
		.limit(Math.max(limit, 1))
		.all();
	return {
		total: rows[0]?.total ?? 0,
		hits: rows.slice(0, limit).map(({ rules, inTitle, total: _, ...r }) => ({
			kind: 'competitions' as const,
			...r,
			inTitle: inTitle === 1,
			link: `/results/competitions/${r.id}`,
			snippet: inTitle === 1 ? null : excerpt(rules, marks)
		}))
	};
}
