import { and, asc, desc, eq, gt, inArray, lte, ne } from 'drizzle-orm';
import type { DB } from '../db';
import { appeals, competitions, entries, events, resultRows, resultVersions, stages, units } from '../db/schema';
import { NotFoundError } from '../errors';
import { loadCompetition, loadStage } from '../competitions/context';
import { membersOf } from '../competitions/entries';
import { stageSchemeTree } from '../judging/standings';
import { publicVersion, storedRows, versionHistory } from './rows';

/** Competitions the public may follow: every one past its draft, newest first. */
export function publicCompetitions(db: DB) {
	const rows = db
		.select({ id: competitions.id, title: competitions.title, type: competitions.type, status: competitions.status, startsOn: competitions.startsOn, endsOn: competitions.endsOn, organiser: units.name })
		.from(competitions)
		.innerJoin(units, eq(units.id, competitions.unitId))
		.where(ne(competitions.status, 'draft'))
		.orderBy(desc(competitions.startsOn), desc(competitions.id))
		.all();
	const published = new Set(
		db
			.select({ competitionId: events.competitionId })
			.from(resultVersions)
			.innerJoin(stages, eq(stages.id, resultVersions.stageId))
			.innerJoin(events, eq(events.id, stages.eventId))
			.where(inArray(resultVersions.status, ['notice', 'final']))
			.all()
			.map((r) => r.competitionId)
	);
	return rows.map((r) => ({ ...r, hasResults: published.has(r.id) }));
}

/** A competition's public page: its events and, per stage, what the public can read. */
export function publicCompetition(db: DB, competitionId: number) {
	const ctx = loadCompetition(db, competitionId);
	if (ctx.competition.status === 'draft') throw new NotFoundError('competition');
	const evs = db.select().from(events).where(eq(events.competitionId, competitionId)).orderBy(asc(events.id)).all();
	const sts = evs.length ? db.select().from(stages).where(inArray(stages.eventId, evs.map((e) => e.id))).orderBy(asc(stages.position)).all() : [];
	return {
		competition: { ...ctx.competition, organiser: ctx.organiserName },
		events: evs.map((e) => ({
			id: e.id,
			name: e.name,
			kind: e.kind,
			stages: sts
				.filter((s) => s.eventId === e.id)
				.map((s) => {
					const v = publicVersion(db, s.id);
					return { id: s.id, name: s.name, status: s.status, results: v ? { status: v.status, version: v.version } : null };
				})
		}))
	};
}

/** Who an entry is (code, people, enterprise), as results show it once names may be shown. */
export function entryNames(db: DB, entryIds: number[]) {
	const members = membersOf(db, entryIds);
	const info = entryIds.length
		? db.select({ id: entries.id, code: entries.code, teamName: entries.teamName, unit: units.name, unitPath: units.path }).from(entries).innerJoin(units, eq(units.id, entries.employerId)).where(inArray(entries.id, entryIds)).all()
		: [];
	return new Map(
		info.map((e) => {
			const people = members.get(e.id) ?? [];
			const names = people.map((p) => p.name).join('、');
			return [e.id, { code: e.code, name: e.teamName ? `${e.teamName}（${names}）` : names, unit: e.unit, unitPath: e.unitPath, workerIds: people.map((p) => p.workerId) }];
		})
	);
}

/**
 * Whether the public may read who an entry is. The code is the entry's in every stage:
 * while a later stage is still to be judged, tying codes to people or units would
 * de-blind its judges; otherwise names show once final, or earlier if the organiser chose.
 */
function namesRule(db: DB, stage: { id: number; eventId: number; position: number }, version: { status: string; showNames: boolean }) {
	const laterOpen = !!db
		.select({ id: stages.id })
		.from(stages)
		.where(and(eq(stages.eventId, stage.eventId), gt(stages.position, stage.position), ne(stages.status, 'locked')))
		.get();
	return { laterOpen, showNames: !laterOpen && (version.status !== 'notice' || version.showNames) };
}

/**
 * A stage's published results as the public reads them: the current version (or an
 * older one by number), names only once final or if the organiser chose to show
 * them, and the per-criterion breakdown once final.
 */
export function publicStageResults(db: DB, stageId: number, versionNo?: number) {
	const ctx = loadStage(db, stageId);
	if (ctx.competition.status === 'draft') throw new NotFoundError('results');
	const history = versionHistory(db, stageId);
	const version = versionNo === undefined ? publicVersion(db, stageId) : history.find((v) => v.version === versionNo);
	if (!version) throw new NotFoundError('results');
	const rows = storedRows(db, version.id);
	const final = version.status !== 'notice';
	const { laterOpen, showNames } = namesRule(db, ctx.stage, version);
	const people = entryNames(db, rows.map((r) => r.entryId));
	const appealed = new Map(
		db
			.select({ entryId: appeals.entryId, status: appeals.status })
			.from(appeals)
			.where(eq(appeals.versionId, version.id))
			.all()
			.map((a) => [a.entryId, a.status])
	);
	const { tree } = stageSchemeTree(db, ctx.stage);
	return {
		competition: { id: ctx.competition.id, title: ctx.competition.title, organiser: ctx.organiserName },
		event: { id: ctx.event.id, name: ctx.event.name, kind: ctx.event.kind },
		stage: { id: ctx.stage.id, name: ctx.stage.name, status: ctx.stage.status },
		version: {
			id: version.id,
			version: version.version,
			status: version.status,
			noticeStartsAt: version.noticeStartsAt,
			noticeEndsAt: version.noticeEndsAt,
			reason: version.reason,
			revision: version.revision,
			publishedAt: version.publishedAt,
			finalisedAt: version.finalisedAt,
			rowsHash: version.rowsHash
		},
		namesShown: showNames,
		blindForLaterStage: laterOpen,
		breakdown: final,
		modules: tree.map((mod) => ({ id: mod.id, letter: mod.letter, name: mod.name, weight: mod.weight, criteria: final ? mod.criteria.map((c) => ({ id: c.id, name: c.name })) : [] })),
		rows: rows.map((r) => ({
			entryId: r.entryId,
			rank: r.rank,
			code: people.get(r.entryId)?.code ?? '—',
			name: showNames ? (people.get(r.entryId)?.name ?? null) : null,
			unit: laterOpen ? '' : (people.get(r.entryId)?.unit ?? ''),
			total: r.total,
			previous: r.previous,
			modules: r.modules,
			criteria: final ? r.criteria : {},
			standardised: r.standardised,
			awardName: r.awardName,
			excellent: r.excellent,
			appeal: appealed.get(r.entryId) ?? null
		})),
		versions: history.map((v) => ({ version: v.version, status: v.status, reason: v.reason, publishedAt: v.publishedAt, finalisedAt: v.finalisedAt }))
	};
}

export type PublicStageResults = ReturnType<typeof publicStageResults>;

/** Every stage whose results the public may read, for the sitemap. */
export function publishedStageIds(db: DB): number[] {
	return db
		.selectDistinct({ id: resultVersions.stageId })
		.from(resultVersions)
		.where(inArray(resultVersions.status, ['notice', 'final']))
		.all()
		.map((r) => r.id);
}

/** The most recently published results (one per stage, its current public version) with their first three places. */
export function latestResults(db: DB, limit = 4) {
	const versions = db
		.select({ id: resultVersions.id, stageId: resultVersions.stageId, status: resultVersions.status, showNames: resultVersions.showNames, publishedAt: resultVersions.publishedAt, stage: stages.name, position: stages.position, eventId: events.id, event: events.name, competitionId: competitions.id, competition: competitions.title })
		.from(resultVersions)
		.innerJoin(stages, eq(stages.id, resultVersions.stageId))
		.innerJoin(events, eq(events.id, stages.eventId))
		.innerJoin(competitions, eq(competitions.id, events.competitionId))
		.where(and(inArray(resultVersions.status, ['notice', 'final']), ne(competitions.status, 'draft')))
		.orderBy(desc(resultVersions.publishedAt), desc(resultVersions.id))
		.limit(limit * 4)
		.all();
	const seen = new Set<number>();
	const current = versions.filter((v) => !seen.has(v.stageId) && seen.add(v.stageId)).slice(0, limit);
	return current.map((v) => {
		const top = db.select({ entryId: resultRows.entryId, rank: resultRows.rank, total: resultRows.total }).from(resultRows).where(and(eq(resultRows.versionId, v.id), lte(resultRows.rank, 3))).orderBy(asc(resultRows.rank), asc(resultRows.entryId)).limit(6).all();
		const { showNames } = namesRule(db, { id: v.stageId, eventId: v.eventId, position: v.position }, v);
		const who = showNames ? entryNames(db, top.map((r) => r.entryId)) : null;
		const codes = who ? null : new Map(db.select({ id: entries.id, code: entries.code }).from(entries).where(inArray(entries.id, top.map((r) => r.entryId))).all().map((e) => [e.id, e.code]));
		return {
			stageId: v.stageId,
			competitionId: v.competitionId,
			competition: v.competition,
			event: v.event,
			stage: v.stage,
			status: v.status,
			publishedAt: v.publishedAt,
			top: top.map((r) => ({ rank: r.rank, total: r.total, name: who ? (who.get(r.entryId)?.name ?? '') : (codes?.get(r.entryId) ?? ''), unit: who?.get(r.entryId)?.unit ?? null }))
		};
	});
}
