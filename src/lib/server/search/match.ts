import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Substring matching for the small tables (competitions, events, studios, profiles,
 * entrants' names): exact, by any part of a word, and with no pattern syntax at all
 * (instr, not LIKE), so `%`, `_` and quotes match themselves.
 */

/** The term occurs in the text (ASCII letters compared in lower case; terms come folded). */
export const contains = (field: SQLWrapper, term: string): SQL => sql`instr(lower(coalesce(${field}, '')), ${term}) > 0`;

/** Every term occurs in one of the fields (each term may be in a different one); no terms match nothing. */
export function everyTermIn(terms: string[], fields: SQLWrapper[]): SQL {
	if (terms.length === 0 || fields.length === 0) return sql`0`;
	return sql.join(
		terms.map((t) => sql`(${sql.join(fields.map((f) => contains(f, t)), sql` OR `)})`),
		sql` AND `
	);
}

/** 1 when every term occurs in the title field, else 0: titles rank first. */
export const titleRank = (terms: string[], title: SQLWrapper): SQL<number> => sql<number>`(CASE WHEN ${everyTermIn(terms, [title])} THEN 1 ELSE 0 END)`;

/** How many rows matched in all, before the limit (a window over the whole result). */
export const totalRows = sql<number>`count(*) OVER ()`;
