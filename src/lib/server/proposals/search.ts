import { sql } from 'drizzle-orm';
import type { DB, Tx } from '../db';
import { indexText, matchExpression, similarExpression } from '$lib/domain/search';

/** Puts a submitted proposal into the full-text index (title weighted above the text). */
export function indexProposal(tx: Tx | DB, p: { id: number; title: string; problem: string; solution: string }) {
	tx.run(sql`DELETE FROM proposal_search WHERE rowid = ${p.id}`);
	tx.run(sql`INSERT INTO proposal_search (rowid, title, body) VALUES (${p.id}, ${indexText(p.title)}, ${indexText(`${p.problem}\n${p.solution}`)})`);
}

/** The same match as an SQL condition on proposals.id, ranked by the caller's own order. */
export function matchCondition(query: string, loose = false) {
	const expr = loose ? similarExpression(query) : matchExpression(query);
	if (!expr) return null;
	return sql`proposals.id IN (SELECT rowid FROM proposal_search WHERE proposal_search MATCH ${expr})`;
}

/** bm25 rank of a proposal for a query, as an ORDER BY expression (lower is better). */
export function rankExpression(query: string, loose = false) {
	const expr = loose ? similarExpression(query) : matchExpression(query);
	if (!expr) return null;
	return sql`(SELECT bm25(proposal_search, 10.0, 1.0) FROM proposal_search WHERE proposal_search MATCH ${expr} AND rowid = proposals.id)`;
}
