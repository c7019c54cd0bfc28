/**
 * `npm run restore -- FILE [--db path]`, with the app stopped: replaces the database by
 * the backup FILE after checking it (integrity; no migration newer than this app's).
 * The replaced database is kept beside it. Exit code 1 on any failure.
 */
import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from '../db';
import { databaseFile, restoreDatabase } from '../db/backup';
import { commandLine } from './args';

const cli = commandLine(['db']);
const target = databaseFile(cli.option('db') ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL));
const file = cli.words[0];

if (!file || cli.lacking()) {
	console.error('usage: npm run restore -- FILE [--db path]   (stop the app first)');
	process.exit(2);
}
try {
	const r = restoreDatabase(file, target, { migrationsFolder: process.env.MIGRATIONS_DIR ?? resolve('drizzle') });
	console.log(`restored      ${file}`);
	console.log(`into          ${r.file}`);
	console.log(`size          ${(r.bytes / 1024 / 1024).toFixed(2)} MB, ${r.tables} tables, integrity ok`);
	console.log(`previous      ${r.replaced ?? '(there was none)'}`);
	console.log(`migrations    ${r.pendingMigrations === 0 ? 'up to date' : `${r.pendingMigrations} to apply when the app starts`}`);
} catch (e) {
	console.error(`restore failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exitCode = 1;
}
