import { sql, type SQL } from 'drizzle-orm';
import type { DB } from '../db';
import { contains, everyTermIn } from './match';
import type { Found, HitOf } from './types';

/**
 * The stages whose results the public reads, as `publicStageResults` decides: the
 * newest version in notice or final, of a competition past its draft. `names_shown`
 * restates its rule for showing who the entrants are: once final or if the organiser
 * chose to show them under notice, and never while a later stage of the event is
 * still to be judged (that would de-blind its judges).
 */
const PUBLIC_STAGES = sql`
	SELECT rv.id AS version_id, rv.status AS version_status, rv.published_at, s.id AS stage_id, s.name AS stage_name,
		e.name AS event_name, c.title AS competition_title,
		((rv.status = 'final' OR rv.show_names = 1)
			AND NOT EXISTS (SELECT 1 FROM stages s2 WHERE s2.event_id = s.event_id AND s2.position > s.position AND s2.status <> 'locked')) AS names_shown
	FROM result_versions rv
	JOIN stages s ON s.id = rv.stage_id
	JOIN events e ON e.id = s.event_id
	JOIN competitions c ON c.id = e.competition_id
	WHERE rv.status IN ('notice', 'final') AND c.status <> 'draft'
		AND NOT EXISTS (SELECT 1 FROM result_versions r2 WHERE r2.stage_id = rv.stage_id AND r2.status IN ('notice', 'final') AND r2.version > rv.version)`;

/** An entry's people as the results page names them (captain first, then by name). */
const MEMBER_NAMES = sql`(SELECT group_concat(name, '、') FROM (SELECT w.name AS name FROM entry_members em JOIN workers w ON w.id = em.worker_id WHERE em.entry_id = rr.entry_id ORDER BY em.captain DESC, w.name))`;

const col = (name: string) => sql.raw(name);

interface StageRow {
	stage_id: number;
	stage_name: string;
	event_name: string;
	competition_title: string;
	version_status: 'notice' | 'final';
	published_at: number | null;
}

interface EntrantRow {
	stage_id: number;
	team_name: string | null;
	names: string | null;
	rank: number | null;
	award_name: string | null;
}

/** How the results page writes an entry's name: a team with its people, or the people. */
const entrantName = (r: EntrantRow) => (r.team_name ? `${r.team_name}（${r.names ?? ''}）` : (r.names ?? ''));

/**
 * Published results: stages whose event name has every word (these first), and
 * stages where an entrant shown by name matches (each word in the event's name, the
 * team's name or a member's name). Then the most recently published.
 */
export function searchResults(db: DB, terms: string[], limit: number): Found<'results'> {
	if (terms.length === 0) return { total: 0, hits: [] };
	const inEvent: SQL = everyTermIn(terms, [col('event_name')]);
	const titled = db.all<StageRow>(sql`
		WITH public_stages AS (${PUBLIC_STAGES})
		SELECT stage_id, stage_name, event_name, competition_title, version_status, published_at FROM public_stages WHERE ${inEvent}`);
	// only the entrants a stage's page names, and only where the event's name alone does not
	// match: first the rows where a member's or the team's name has a word (two narrow
	// joins, no row read twice), then the people's names joined up for those rows alone
	const anyTermIn = (field: string) => sql.join(terms.map((t) => contains(col(field), t)), sql` OR `);
	const shownRows = sql`FROM public_stages ps JOIN result_rows rr INDEXED BY sqlite_autoindex_result_rows_1 ON rr.version_id = ps.version_id`;
	const entrants = db.all<EntrantRow>(sql`
		WITH public_stages AS MATERIALIZED (${PUBLIC_STAGES}),
		candidates AS MATERIALIZED (
			SELECT rr.version_id, rr.entry_id ${shownRows}
				JOIN entry_members em ON em.entry_id = rr.entry_id JOIN workers w ON w.id = em.worker_id
				WHERE ps.names_shown AND NOT (${inEvent}) AND (${anyTermIn('w.name')})
			UNION
			SELECT rr.version_id, rr.entry_id ${shownRows} JOIN entries en ON en.id = rr.entry_id
				WHERE ps.names_shown AND NOT (${inEvent}) AND (${anyTermIn('en.team_name')})
		),
		named AS MATERIALIZED (
			SELECT ps.stage_id, ps.event_name, en.team_name, rr.rank, rr.award_name, ${MEMBER_NAMES} AS names
			FROM candidates c
			JOIN result_rows rr ON rr.version_id = c.version_id AND rr.entry_id = c.entry_id
			JOIN public_stages ps ON ps.version_id = c.version_id
			JOIN entries en ON en.id = c.entry_id
		)
		SELECT stage_id, team_name, names, rank, award_name FROM named
		WHERE ${everyTermIn(terms, [col('event_name'), col('team_name'), col('names')])}
		ORDER BY stage_id, rank IS NULL, rank`);
	const byStage = new Map<number, EntrantRow[]>();
	for (const e of entrants) byStage.set(e.stage_id, [...(byStage.get(e.stage_id) ?? []), e]);
	const stages = byStage.size
		? db.all<StageRow>(sql`
			WITH public_stages AS (${PUBLIC_STAGES})
			SELECT stage_id, stage_name, event_name, competition_title, version_status, published_at FROM public_stages
			WHERE stage_id IN (${sql.join([...byStage.keys()].map((id) => sql`${id}`), sql`, `)})`)
		: [];
	const recent = (a: StageRow, b: StageRow) => (b.published_at ?? 0) - (a.published_at ?? 0) || b.stage_id - a.stage_id;
	const found = [...titled.sort(recent).map((s) => ({ s, inTitle: true })), ...stages.sort(recent).map((s) => ({ s, inTitle: false }))];
	return {
		total: found.length,
		hits: found.slice(0, limit).map(({ s, inTitle }): HitOf<'results'> => {
			const matched = byStage.get(s.stage_id) ?? [];
			return {
				kind: 'results',
				id: s.stage_id,
				title: s.event_name,
				link: `/results/stages/${s.stage_id}`,
				snippet: null,
				inTitle,
				competition: s.competition_title,
				stage: s.stage_name,
				versionStatus: s.version_status,
				entrants: matched.slice(0, 3).map((e) => ({ name: entrantName(e), rank: e.rank, award: e.award_name })),
				entrantsMatched: matched.length
			};
		})
	};
}
