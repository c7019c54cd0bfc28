/**
 * `npm run backup -- FILE [--db path] [--force]`: a consistent copy of the database
 * while the app runs and writes (SQLite's online backup), checked before it is kept.
 * Exit code 1 on any failure; an existing FILE is kept unless --force.
 */
import { DEFAULT_DATABASE_URL } from '../db';
import { backupDatabase, databaseFile } from '../db/backup';
import { commandLine } from './args';

const cli = commandLine(['db']);
const source = databaseFile(cli.option('db') ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL));
const file = cli.words[0];

if (!file || cli.lacking()) {
	console.error('usage: npm run backup -- FILE [--db path] [--force]');
	process.exit(2);
}
try {
	const r = await backupDatabase(source, file, { force: cli.given('force') });
	console.log(`database      ${source}`);
	console.log(`backup        ${r.file}`);
	console.log(`size          ${(r.bytes / 1024 / 1024).toFixed(2)} MB (${r.pages} pages of ${r.pageSize} bytes)`);
	console.log(`tables        ${r.tables}`);
	console.log(`migrated to   ${r.migratedTo === null ? '(none)' : new Date(r.migratedTo).toISOString()}`);
	console.log(`integrity     ok`);
	console.log(`took          ${r.ms} ms`);
} catch (e) {
	console.error(`backup failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exitCode = 1;
}
