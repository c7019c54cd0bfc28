import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DB } from '../db';
import { proposalAuthors, proposalReviews, proposals } from '../db/schema';
import type { Actor } from '../auth/actor';
import { can, isAdmin } from '../auth/policy';
import { loadProposals, mayOn, type ProposalContext, type Relation } from '../proposals/context';
import { matchExpression } from '$lib/domain/search';
import { ancestorIds } from '$lib/domain/units';
import { excerpt, opening } from '$lib/domain/site-search';
import { everyTermIn } from './match';
import type { Found } from './types';

/** Units at or below one of the paths, as an SQL set of ids. */
function unitsUnder(paths: string[]): SQL {
	if (paths.length === 0) return sql`(SELECT NULL WHERE 0)`;
	return sql`(SELECT id FROM units WHERE ${sql.join(
		paths.map((p) => sql`substr(path, 1, ${p.length}) = ${p}`),
		sql` OR `
	)})`;
}

/**
 * The proposals an actor may view ('proposal.view'), as one SQL condition on
 * `proposals`, so a search filters 100,000 of them in the database. It restates
 * `authorizeOn` with `relationOf` and PARTY (src/lib/server/proposals/context.ts):
 *  - a draft: only the account that wrote it;
 *  - otherwise: an admin; its writer or an author; an author of a proposal merged
 *    into it; an assigned reviewer; finance over the handling unit; a colleague
 *    (the actor's unit lies in the proposer's enterprise); an officer over the
 *    handling unit or over the proposer's unit.
 * The unit tests compare it with `mayOn` for every actor and proposal they make.
 */
export function viewableBy(actor: Actor): SQL {
	const own = sql`${proposals.createdBy} = ${actor.userId}`;
	if (isAdmin(actor)) return sql`(${proposals.status} <> 'draft' OR ${own})`;
	const officers = actor.officerScopes.map((s) => s.path);
	const finance = actor.financeScopes.map((s) => s.path);
	const party = sql.join(
		[
			own,
			sql`${proposals.id} IN (SELECT proposal_id FROM proposal_authors WHERE worker_id = ${actor.workerId})`,
			sql`${proposals.id} IN (SELECT q.merged_into_id FROM proposals q JOIN proposal_authors a ON a.proposal_id = q.id WHERE a.worker_id = ${actor.workerId} AND q.merged_into_id IS NOT NULL)`,
			sql`${proposals.id} IN (SELECT proposal_id FROM proposal_reviews WHERE reviewer_id = ${actor.userId})`,
			sql`${proposals.employerId} IN (${sql.join(
				ancestorIds(actor.unitPath).map((id) => sql`${id}`),
				sql`, `
			)})`,
			sql`${proposals.handlingUnitId} IN ${unitsUnder(finance)}`,
			sql`${proposals.handlingUnitId} IN ${unitsUnder(officers)}`,
			sql`${proposals.unitId} IN ${unitsUnder(officers)}`
		],
		sql` OR `
	);
	return sql`((${proposals.status} <> 'draft' AND (${party})) OR (${proposals.status} = 'draft' AND ${own}))`;
}

/**
 * `relationOf` for several proposals at once: the same facts in three indexed reads
 * (relationOf finds merged proposals by `merged_into_id`, which has no index: a scan
 * of every proposal per call, too slow to repeat for each hit listed).
 */
export function relationsOf(db: DB, actor: Actor, contexts: ProposalContext[]): Map<number, Relation> {
	const ids = contexts.map((c) => c.p.id);
	if (ids.length === 0) return new Map();
	const authored = new Set(
		db
			.select({ id: proposalAuthors.proposalId })
			.from(proposalAuthors)
			.where(and(eq(proposalAuthors.workerId, actor.workerId), inArray(proposalAuthors.proposalId, ids)))
			.all()
			.map((r) => r.id)
	);
	const mergedAuthored = new Set(
		db
			.select({ into: proposals.mergedIntoId })
			.from(proposalAuthors)
			.innerJoin(proposals, eq(proposals.id, proposalAuthors.proposalId))
			.where(and(eq(proposalAuthors.workerId, actor.workerId), inArray(proposals.mergedIntoId, ids)))
			.all()
			.map((r) => r.into)
	);
	const reviewing = new Set(
		db
			.select({ id: proposalReviews.proposalId })
			.from(proposalReviews)
			.where(and(eq(proposalReviews.reviewerId, actor.userId), inArray(proposalReviews.proposalId, ids)))
			.all()
			.map((r) => r.id)
	);
	return new Map(
		contexts.map((ctx) => [
			ctx.p.id,
			{
				author: authored.has(ctx.p.id) || ctx.p.createdBy === actor.userId,
				mergedAuthor: mergedAuthored.has(ctx.p.id),
				reviewer: reviewing.has(ctx.p.id),
				colleague: actor.unitPath.startsWith(ctx.employerPath),
				finance: can(actor, 'proposal.confirm', { unitPath: ctx.handlingPath }),
				officer: can(actor, 'proposal.handle', { unitPath: ctx.handlingPath })
			}
		])
	);
}

/**
 * Proposals the actor may view, through the full-text index (a two-character Chinese
 * word finds them anywhere in the title or text), and the actor's own drafts (not
 * indexed until submitted) by substring: every word in the title first, the actor's
 * drafts after what was submitted, then the newest. The count reads every match once;
 * the hits listed walk the index from the newest down and stop at the limit (ordering
 * by bm25 scored every match, 7,000 of them for a common word, and marking each match
 * as titled or not cost as much again). Each hit returned is checked once more with
 * the policy itself.
 */
export function searchProposals(db: DB, actor: Actor, query: string, terms: string[], marks: string[], limit: number): Found<'proposals'> {
	const expr = matchExpression(query);
	// the writer's drafts (indexed only once submitted) by substring: few, read whole
	const drafts = db.all<{ id: number; in_title: number }>(sql`
		SELECT ${proposals.id} AS id, ${everyTermIn(terms, [proposals.title])} AS in_title FROM ${proposals}
		WHERE ${proposals.createdBy} = ${actor.userId} AND ${proposals.status} = 'draft' AND ${everyTermIn(terms, [proposals.title, proposals.problem, proposals.solution])}
		ORDER BY ${proposals.id} DESC`);
	// who may view each match is read from an index of the few columns that decide it:
	// a proposal's row, with its text, costs several times more to read
	const viewable = sql`proposal_search JOIN ${proposals} INDEXED BY proposals_visibility_idx ON ${proposals.id} = proposal_search.rowid
		WHERE ${proposals.status} <> 'draft' AND ${viewableBy(actor)}`;
	const submitted = expr ? (db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${viewable} AND proposal_search MATCH ${expr}`)?.n ?? 0) : 0;
	/** the newest matches of an expression the actor may view, walking the index from its end */
	const newest = (match: string, n: number) =>
		db.all<{ id: number }>(sql`SELECT proposal_search.rowid AS id FROM ${viewable} AND proposal_search MATCH ${match}
			ORDER BY proposal_search.rowid DESC LIMIT ${n}`).map((r) => r.id);
	const titled = expr && limit > 0 ? newest(`title : (${expr})`, limit) : [];
	// fewer titled than the limit means every titled match is among them
	const inTitle = new Set(titled);
	const others = expr && limit > titled.length ? newest(expr, limit + titled.length).filter((id) => !inTitle.has(id)) : [];
	const ranked = [
		...titled.map((id) => ({ id, in_title: 1 })),
		...drafts.filter((d) => d.in_title === 1),
		...others.map((id) => ({ id, in_title: 0 })),
		...drafts.filter((d) => d.in_title !== 1)
	];
	const shown = ranked.slice(0, limit);
	// a second guard: the policy itself on the few rows shown
	const contexts = loadProposals(db, shown.map((r) => r.id));
	const relations = relationsOf(db, actor, contexts);
	const byId = new Map(contexts.filter((ctx) => mayOn(db, actor, ctx, 'proposal.view', relations.get(ctx.p.id))).map((ctx) => [ctx.p.id, ctx.p]));
	const allowed = shown.filter((r) => byId.has(r.id));
	return {
		total: submitted + drafts.length - (shown.length - allowed.length),
		hits: allowed.map((r) => {
			const { id, serial, title, status, problem, solution } = byId.get(r.id)!;
			return {
				kind: 'proposals' as const,
				id,
				serial,
				title,
				status,
				inTitle: r.in_title === 1,
				link: `/proposals/${id}`,
				snippet: excerpt(`${problem} ${solution}`, marks) ?? (r.in_title === 1 ? null : opening(problem))
			};
		})
	};
}
