/**
 * Online backup and restore of the application's SQLite database.
 *
 * Backup: SQLite's backup API (better-sqlite3's `db.backup`) through a connection
 * of its own, while the app keeps reading and writing (WAL): the copy is one
 * consistent snapshot, every transaction committed before it wholly in it and
 * none after it. It is written beside the target, checked, and only then moved
 * into place, so a failed backup never leaves a half file under the target's name.
 *
 * Restore (the app stopped): the backup is copied beside the database, checked
 * (integrity, and no migration the app does not know), and renamed over it; the
 * database it replaces is kept under a new name, and its -wal/-shm are removed
 * first, so that SQLite never replays an old log onto the restored file.
 */
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** What a backup or a restored file holds, as printed by the CLI. */
export interface DatabaseFacts {
	file: string;
	bytes: number;
	pages: number;
	pageSize: number;
	tables: number;
	/** the latest migration applied to it (its folder time), or null when none */
	migratedTo: number | null;
}

export interface BackupResult extends DatabaseFacts {
	ms: number;
}

export class BackupError extends Error {}

/** A DATABASE_URL as a file path (the `file:` prefix openDb also accepts). */
export const databaseFile = (url: string) => url.replace(/^file:/, '');

/** A name beside `file` for work in progress (same directory, so the final rename is atomic). */
const besides = (file: string, what: string) => join(dirname(file), `.${basename(file)}.${what}-${process.pid}-${Date.now().toString(36)}`);

function syncFile(file: string): void {
	const fd = openSync(file, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** Makes a rename in `dir` durable (where the platform allows opening a directory). */
function syncDir(dir: string): void {
	try {
		syncFile(dir);
	} catch {
		// not supported here (Windows): the rename itself is still atomic
	}
}

/**
 * Integrity, size and migration state of a database file of our own (a backup being
 * made, a copy being restored); throws BackupError when it is damaged.
 */
export function inspectDatabase(file: string): DatabaseFacts {
	let db: Database.Database;
	try {
		db = new Database(file, { fileMustExist: true });
	} catch (e) {
		throw new BackupError(`${file}: cannot be opened (${e instanceof Error ? e.message : String(e)})`);
	}
	try {
		const check = db.pragma('integrity_check') as { integrity_check: string }[];
		if (check.length !== 1 || check[0].integrity_check !== 'ok') {
			throw new BackupError(`${file}: integrity check failed: ${check.slice(0, 5).map((r) => r.integrity_check).join('; ')}`);
		}
		const tables = (db.prepare("select count(*) as n from sqlite_schema where type = 'table' and name not like 'sqlite_%'").get() as { n: number }).n;
		const hasMigrations = db.prepare("select 1 from sqlite_schema where type = 'table' and name = '__drizzle_migrations'").get() !== undefined;
		const migratedTo = hasMigrations ? ((db.prepare('select max(created_at) as t from __drizzle_migrations').get() as { t: number | null }).t ?? null) : null;
		return {
			file,
			bytes: statSync(file).size,
			pages: db.pragma('page_count', { simple: true }) as number,
			pageSize: db.pragma('page_size', { simple: true }) as number,
			tables,
			migratedTo: migratedTo === null ? null : Number(migratedTo)
		};
	} catch (e) {
		if (e instanceof BackupError) throw e;
		throw new BackupError(`${file}: not a readable SQLite database (${e instanceof Error ? e.message : String(e)})`);
	} finally {
		db.close();
	}
}

/**
 * Copies the live database at `source` into `target` (a new file unless `force`).
 * Safe while other connections and processes read and write the source.
 */
export async function backupDatabase(source: string, target: string, options: { force?: boolean } = {}): Promise<BackupResult> {
	const started = performance.now();
	source = databaseFile(source);
	if (!existsSync(source)) throw new BackupError(`${source}: no such database`);
	if (resolve(source) === resolve(target)) throw new BackupError('the backup cannot be the database itself');
	if (existsSync(target) && !options.force) throw new BackupError(`${target} exists: choose a new file or pass --force to replace it`);
	if (!existsSync(dirname(resolve(target)))) throw new BackupError(`${dirname(target)}: no such directory`);

	const partial = besides(target, 'partial');
	const db = new Database(source, { fileMustExist: true, timeout: 5000 });
	try {
		// After the first step, copy everything in one step: one read transaction, so a
		// write by another connection cannot restart it (small steps could restart forever
		// under steady writes), and WAL readers never block the app's writers.
		await db.backup(partial, { progress: () => 0x7fffffff });
	} catch (e) {
		rmSync(partial, { force: true });
		throw new BackupError(`backup of ${source} failed: ${e instanceof Error ? e.message : String(e)}`);
	} finally {
		db.close();
	}
	try {
		// a backup is one file at rest: no -wal or -shm beside it
		const copy = new Database(partial, { fileMustExist: true });
		try {
			copy.pragma('journal_mode = DELETE');
		} finally {
			copy.close();
		}
		inspectDatabase(partial);
		syncFile(partial);
		renameSync(partial, target);
		syncDir(dirname(resolve(target)));
	} catch (e) {
		rmSync(partial, { force: true });
		throw e;
	}
	const facts = inspectDatabase(target);
	return { ...facts, ms: Math.round(performance.now() - started) };
}

/** The migrations this app would apply, by folder time. */
function appMigrations(migrationsFolder: string): number[] {
	return readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
}

/** True when no other connection (a running app) has the database open. */
function lockExclusively(file: string): Database.Database | null {
	const db = new Database(file, { fileMustExist: true, timeout: 250 });
	try {
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
		db.exec('COMMIT');
		return db;
	} catch {
		db.close();
		return null;
	}
}

export interface RestoreResult extends DatabaseFacts {
	/** where the database that was replaced is kept, or null when there was none */
	replaced: string | null;
	/** migrations the app will apply when it starts on the restored file */
	pendingMigrations: number;
}

/**
 * Replaces the database at `target` by the backup `source`. The app must be stopped:
 * refused while another connection has the database open.
 */
export function restoreDatabase(source: string, target: string, options: { migrationsFolder: string }): RestoreResult {
	target = databaseFile(target);
	if (!existsSync(source)) throw new BackupError(`${source}: no such backup`);
	if (resolve(source) === resolve(target)) throw new BackupError('the backup is the database itself');
	if (!existsSync(dirname(resolve(target)))) throw new BackupError(`${dirname(target)}: no such directory`);
	const known = appMigrations(options.migrationsFolder);

	// check the very bytes that will be installed
	const incoming = besides(target, 'restoring');
	copyFileSync(source, incoming);
	let facts: DatabaseFacts;
	try {
		facts = inspectDatabase(incoming);
		if (facts.migratedTo === null) throw new BackupError(`${source}: not a Jiangong database (no migrations table)`);
		const latest = Math.max(...known);
		if (facts.migratedTo > latest || !known.includes(facts.migratedTo)) {
			throw new BackupError(`${source} was made by a newer version of the app (migration of ${new Date(facts.migratedTo).toISOString()}, this app knows up to ${new Date(latest).toISOString()}): update the app first`);
		}
		syncFile(incoming);
	} catch (e) {
		rmSync(incoming, { force: true });
		throw e;
	}

	let replaced: string | null = null;
	try {
		if (existsSync(target)) {
			const current = lockExclusively(target);
			if (!current) throw new BackupError(`${target} is in use: stop the app first`);
			try {
				// fold the log into the file, so the copy kept aside is complete
				current.pragma('wal_checkpoint(TRUNCATE)');
			} finally {
				current.close();
			}
			replaced = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
			linkSync(target, replaced);
		}
		for (const stale of ['-wal', '-shm', '-journal']) rmSync(target + stale, { force: true });
		renameSync(incoming, target);
		syncDir(dirname(resolve(target)));
	} catch (e) {
		rmSync(incoming, { force: true });
		throw e;
	}
	return { ...facts, file: target, replaced, pendingMigrations: known.filter((t) => t > facts.migratedTo!).length };
}
