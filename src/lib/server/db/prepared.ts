import type Database from 'better-sqlite3';
import type { DB, Tx } from '.';

/**
 * Drizzle queries prepared once per connection, for the hot paths (a judge's submitted
 * sheet, the standings it refreshes): building a query's SQL costs more than running it.
 * Build them with `sql.placeholder(...)` for the values; a query prepared on the
 * connection also runs inside any of its transactions.
 */
const byConnection = new WeakMap<Database.Database, Map<string, unknown>>();

/** The better-sqlite3 connection behind a database or a transaction on it. */
export function connectionOf(db: DB | Tx): Database.Database {
	const d = db as unknown as { $client?: Database.Database; session: { client: Database.Database } };
	return d.$client ?? d.session.client;
}

export function prepared<T>(db: DB | Tx, key: string, build: (db: DB | Tx) => T): T {
	const connection = connectionOf(db);
	let cache = byConnection.get(connection);
	if (!cache) byConnection.set(connection, (cache = new Map()));
	let query = cache.get(key) as T | undefined;
	if (query === undefined) cache.set(key, (query = build(db)));
	return query;
}
