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
	const db = drizzle({ client: sqlite, schema }) as DB;
	// Every write transaction takes the write lock when it begins. The app writes through
	// two connections (this one and the sheet writer's, see judging/sheet-writer.ts): a
	// deferred transaction that read first and then met the other's commit could not
	// upgrade and would fail with SQLITE_BUSY at once, where an immediate one waits its
	// turn under busy_timeout.
	const transaction = db.transaction.bind(db);
	db.transaction = ((fn, config) => transaction(fn, { behavior: 'immediate', ...config })) as DB['transaction'];
	return db;
}

let commitsElsewhere = 0;
/** The sheet writer reports each write it finished on its own connection (see page-cache.ts). */
export const noteCommitElsewhere = () => void commitsElsewhere++;
/** How many writes this process finished on its connections other than the app's. */
export const writesElsewhere = () => commitsElsewhere;

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
