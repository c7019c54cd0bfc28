import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { honours, modelProfiles, studios, units, workers } from '../db/schema';
import { MODEL_WORKER_HONOURS, SHOWCASE_STATUSES } from '$lib/domain/studios';
import { excerpt } from '$lib/domain/site-search';
import { everyTermIn, titleRank, totalRows } from './match';
import type { Found } from './types';
import { publishedProfile } from '../studios/profiles';

/**
 * Studios in the public showcase (designated or warned: never one applied for,
 * rejected or revoked), by name, field, summary or leader; name matches first, then
 * the most recently designated.
 */
export function searchStudios(db: DB, terms: string[], marks: string[], limit: number): Found<'studios'> {
	const inTitle = titleRank(terms, studios.name);
	const rows = db
		.select({
			id: studios.id,
			title: studios.name,
			type: studios.type,
			level: studios.level,
			unit: units.name,
			leader: workers.name,
			field: studios.field,
			summary: studios.summary,
			inTitle,
			total: totalRows
		})
		.from(studios)
		.innerJoin(units, eq(units.id, studios.unitId))
		.innerJoin(workers, eq(workers.id, studios.leaderWorkerId))
		.where(and(inArray(studios.status, [...SHOWCASE_STATUSES]), everyTermIn(terms, [studios.name, studios.field, studios.summary, workers.name])))
		.orderBy(desc(inTitle), sql`${studios.designatedOn} IS NULL`, desc(studios.designatedOn), desc(studios.id))
		.limit(Math.max(limit, 1))
		.all();
	return {
		total: rows[0]?.total ?? 0,
		hits: rows.slice(0, limit).map(({ summary, inTitle, total: _, ...r }) => ({
			kind: 'studios' as const,
			...r,
			inTitle: inTitle === 1,
			link: `/studios/${r.id}`,
			snippet: excerpt(summary, marks)
		}))
	};
}

/** The honours a public profile shows: all the worker's unrevoked ones (see modelProfile). */
const shownHonours = sql`(SELECT group_concat(h.title || ' ' || h.citation, ' ') FROM honours h WHERE h.worker_id = ${workers.id} AND h.revoked_at IS NULL)`;

/**
 * Published model-worker profiles (the worker consented, an officer approved, and a
 * 劳模-family honour is held: `publishedProfile`), by name,
 * honour title or citation; name matches first, then the most recently approved.
 * Only public fields are read: never a phone or employee number.
 */
export function searchModelWorkers(db: DB, terms: string[], marks: string[], limit: number): Found<'model_workers'> {
	const inTitle = titleRank(terms, workers.name);
	const rows = db
		.select({ id: workers.id, title: workers.name, trade: workers.trade, unit: units.name, inTitle, total: totalRows })
		.from(modelProfiles)
		.innerJoin(workers, eq(workers.id, modelProfiles.workerId))
		.innerJoin(units, eq(units.id, workers.unitId))
		.where(and(publishedProfile, everyTermIn(terms, [workers.name, shownHonours])))
		.orderBy(desc(inTitle), desc(modelProfiles.approvedAt), desc(workers.id))
		.limit(Math.max(limit, 1))
		.all();
	const total = rows[0]?.total ?? 0;
	const shown = rows.slice(0, limit);
	const held = shown.length
		? db
				.select({ workerId: honours.workerId, kind: honours.kind, title: honours.title, citation: honours.citation })
				.from(honours)
				.where(and(inArray(honours.workerId, shown.map((r) => r.id)), isNull(honours.revokedAt)))
				.orderBy(desc(honours.conferredOn), asc(honours.id))
				.all()
		: [];
	return {
		total,
		hits: shown.map(({ inTitle, total: _, ...r }) => {
			const own = held.filter((h) => h.workerId === r.id);
			const listed = own.filter((h) => MODEL_WORKER_HONOURS.includes(h.kind)).map((h) => h.title);
			// where it matched, unless the honours listed already show it: a citation, or another honour's title
			const cited = own.map((h) => {
				const around = excerpt(h.citation, marks);
				return around && `${h.title}：${around}`;
			}).find((x) => x);
			const other = own.find((h) => !listed.includes(h.title) && excerpt(h.title, marks) !== null)?.title;
			return {
				kind: 'model_workers' as const,
				...r,
				inTitle: inTitle === 1,
				link: `/model-workers/${r.id}`,
				honours: listed,
				snippet: inTitle === 1 ? null : (cited ?? other ?? null)
			};
		})
	};
}
