import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** What a service receives inside `db.transaction(...)`; it has the same query API as DB. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];

export const DEFAULT_DATABASE_URL = './data/jiangong.db';

/** Opens a database with the pragmas every connection needs. */
export function openDb(url: string = DEFAULT_DATABASE_URL): DB {
	const file = url.replace(/^file:/, '');
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	cacheStatements(sqlite);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return drizzle({ client: sqlite, schema }) as DB;
}

/**
 * Drizzle prepares every query it runs afresh; SQLite's prepare costs as much as running
 * a small indexed query. Keep the prepared statements by their SQL text (a bounded map;
 * texts with inlined lists make new ones), so a hot path such as a judge's submitted
 * sheet prepares nothing. A cached reader is put back in object mode, since drizzle
 * switches statements to raw mode for its column mapping.
 */
function cacheStatements(sqlite: Database.Database, limit = 1000): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		let stmt = cache.get(source);
		if (!stmt) {
			stmt = prepare(source);
			if (cache.size >= limit) cache.delete(cache.keys().next().value!);
			cache.set(source, stmt);
		} else if (stmt.reader) stmt.raw(false);
		return stmt;
	}) as typeof sqlite.prepare;
}

export function migrateDb(db: DB, migrationsFolder = process.env.MIGRATIONS_DIR ?? resolve('drizzle')): void {
	migrate(db, { migrationsFolder });
}

let appDb: DB | undefined;

/** The application's one connection, opened and migrated on first use. */
export function getDb(): DB {
	if (!appDb) {
		appDb = openDb(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
		migrateDb(appDb);
	}
	return appDb;
}

export { schema };
