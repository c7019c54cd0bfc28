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
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return drizzle({ client: sqlite, schema }) as DB;
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
