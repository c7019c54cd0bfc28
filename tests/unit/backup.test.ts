import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrateDb, openDb, type DB } from '$lib/server/db';
import { seedDemoIfEmpty } from '$lib/server/demo/seed';
import { BackupError, backupDatabase, restoreDatabase } from '$lib/server/db/backup';
import { verifyResults } from '$lib/server/results/verify';

/**
 * The backup drill: the demo database on disk, open in this process as the app holds
 * it, while another process commits transactions of two rows each as fast as it can;
 * the backup taken meanwhile (the CLI's function) is restored (the CLI's function) to
 * a new place and compared with the source as it was at one moment.
 */

const MIGRATIONS = 'drizzle';
let dir: string;
let source: string;
let app: DB;
let userId: number;

/**
 * Another process writing: transactions of two notification rows (seq, part 1 and 2),
 * with a kilobyte of text each so the database grows while the backup runs. It prints
 * the last committed seq after every batch and stops on a line on stdin.
 */
const WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.env.DRILL_DB, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const insert = db.prepare("insert into notifications (user_id, kind, params, link, created_at) values (?, 'backup_drill', ?, '/me', ?)");
const pad = 'x'.repeat(1000);
const write = db.transaction((seq) => {
	insert.run(Number(process.env.DRILL_USER), JSON.stringify({ seq, part: 1, pad }), Date.now());
	insert.run(Number(process.env.DRILL_USER), JSON.stringify({ seq, part: 2, pad }), Date.now());
});
let seq = 0;
let stop = false;
process.stdin.on('data', () => { stop = true; });
(function batch() {
	for (let i = 0; i < 25 && !stop; i++) write(++seq);
	process.stdout.write(seq + '\\n');
	if (!stop) setImmediate(batch);
	else { db.close(); process.stdout.write('done ' + seq + '\\n'); process.stdin.destroy(); }
})();
`;

class Writer {
	readonly child: ChildProcessWithoutNullStreams;
	committed = 0;
	finished: Promise<number>;
	#waiters: { at: number; resolve: () => void }[] = [];

	constructor(file: string, user: number) {
		this.child = spawn(process.execPath, ['-e', WRITER], { env: { ...process.env, DRILL_DB: file, DRILL_USER: String(user) } });
		let buffered = '';
		let stderr = '';
		this.child.stderr.on('data', (d) => (stderr += d));
		this.finished = new Promise((resolve, reject) => {
			this.child.on('exit', (code) => (code === 0 ? resolve(this.committed) : reject(new Error(`writer exited ${code}: ${stderr}`))));
		});
		this.child.stdout.on('data', (d) => {
			buffered += d;
			const lines = buffered.split('\n');
			buffered = lines.pop()!;
			for (const line of lines) this.committed = Number(line.replace(/^done /, ''));
			this.#waiters = this.#waiters.filter((w) => (this.committed >= w.at ? (w.resolve(), false) : true));
		});
	}

	/** Resolves once at least `seq` transactions are committed. */
	reach(seq: number): Promise<void> {
		return new Promise((resolve) => (this.committed >= seq ? resolve() : this.#waiters.push({ at: seq, resolve })));
	}

	async stop(): Promise<number> {
		this.child.stdin.write('stop\n');
		return this.finished;
	}
}

function tableNames(db: Database.Database): string[] {
	return (db.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name);
}

/** Row count and an order-independent hash of a table's (or a query's) rows. */
function digest(db: Database.Database, query: string): { rows: number; hash: string } {
	const rows = (db.prepare(query).raw().all() as unknown[][]).map((row) => JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : typeof v === 'bigint' ? `big:${v}` : v))));
	rows.sort();
	return { rows: rows.length, hash: createHash('sha256').update(rows.join('\n')).digest('hex') };
}

const DRILL_SEQ = "json_extract(params, '$.seq')";

/** The writer's last committed transaction, as a connection of the app sees it now. */
const committedIn = (db: Database.Database) => (db.prepare(`select coalesce(max(${DRILL_SEQ}), 0) as k from notifications where kind = 'backup_drill'`).get() as { k: number }).k;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'jiangong-backup-'));
	source = join(dir, 'live.db');
	app = openDb(source);
	migrateDb(app, MIGRATIONS);
	expect(await seedDemoIfEmpty(app)).not.toBeNull();
	userId = (app.$client.prepare('select min(id) as id from users').get() as { id: number }).id;
});

afterAll(() => {
	try {
		app.$client.close();
	} catch {
		// closed by a test
	}
	rmSync(dir, { recursive: true, force: true });
});

describe('backup while another process writes, then restore', () => {
	let backupFile: string;
	let restored: string;
	let snapshot: number;
	let before: number;
	let after: number;
	let final: number;

	beforeAll(async () => {
		const writer = new Writer(source, userId);
		try {
			// let the database grow (about 10 MB) so that the copy takes a while under writes
			await writer.reach(5_000);
			before = committedIn(app.$client);
			backupFile = join(dir, 'backup.db');
			const result = await backupDatabase(source, backupFile);
			after = committedIn(app.$client);
			expect(result.file).toBe(backupFile);
			expect(result.bytes).toBeGreaterThan(10_000_000);
			expect(result.tables).toBeGreaterThan(50);
			// the writer goes on after the backup
			await writer.reach(after + 100);
		} finally {
			final = await writer.stop();
		}
		restored = join(dir, 'restored', 'jiangong.db');
		mkdirSync(join(dir, 'restored'));
		const r = restoreDatabase(backupFile, restored, { migrationsFolder: MIGRATIONS });
		expect(r.replaced).toBeNull();
		expect(r.pendingMigrations).toBe(0);
		const copy = new Database(restored, { readonly: true });
		snapshot = committedIn(copy);
		copy.close();
	}, 120_000);

	it('was taken while the writer committed, and is one moment of it', () => {
		expect(before).toBeGreaterThanOrEqual(5_000);
		// the writer was not held up: it committed while the backup ran
		expect(after).toBeGreaterThan(before);
		// what was committed when the backup started is in it; what came after it ended is not
		expect(snapshot).toBeGreaterThanOrEqual(before);
		expect(snapshot).toBeLessThanOrEqual(after);
		expect(final).toBeGreaterThanOrEqual(after + 100);
	});

	it('is a single file with integrity ok, restored beside nothing stale', () => {
		expect(readdirSync(dir).filter((n) => n.startsWith('backup.db') || n.startsWith('.backup.db'))).toEqual(['backup.db']);
		expect(readdirSync(join(dir, 'restored')).filter((n) => !n.endsWith('-wal') && !n.endsWith('-shm'))).toEqual(['jiangong.db']);
		const copy = new Database(restored, { readonly: true });
		expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(copy.pragma('foreign_key_check')).toEqual([]);
		copy.close();
	});

	it('holds a prefix of the committed transactions, each whole: no gap, no half transaction', () => {
		const copy = new Database(restored, { readonly: true });
		const groups = copy
			.prepare(`select ${DRILL_SEQ} as seq, group_concat(json_extract(params, '$.part'), ',') as parts, count(*) as n from notifications where kind = 'backup_drill' group by seq order by seq`)
			.all() as { seq: number; parts: string; n: number }[];
		copy.close();
		expect(groups).toHaveLength(snapshot);
		const broken = groups.filter((g, i) => g.seq !== i + 1 || g.n !== 2 || g.parts.split(',').sort().join(',') !== '1,2');
		expect(broken).toEqual([]);
	});

	it('every table equals the source as it was at that moment', () => {
		const src = new Database(source, { readonly: true });
		const copy = new Database(restored, { readonly: true });
		const names = tableNames(src);
		expect(tableNames(copy)).toEqual(names);
		const differing: string[] = [];
		for (const name of names) {
			// the writer's rows after the moment of the backup are not in it
			const where = name === 'notifications' ? ` where kind != 'backup_drill' or ${DRILL_SEQ} <= ${snapshot}` : '';
			const a = digest(src, `select * from "${name}"${where}`);
			const b = digest(copy, `select * from "${name}"`);
			if (a.rows !== b.rows || a.hash !== b.hash) differing.push(`${name}: source ${a.rows} rows, restored ${b.rows}`);
		}
		expect(differing).toEqual([]);
		// the autoincrement counters too: the same, the writer's table at its last row then
		const lastDrillId = (src.prepare(`select max(id) as id from notifications where kind != 'backup_drill' or ${DRILL_SEQ} <= ${snapshot}`).get() as { id: number }).id;
		const counters = (db: Database.Database) => Object.fromEntries((db.prepare('select name, seq from sqlite_sequence').all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq]));
		expect(counters(copy)).toEqual({ ...counters(src), notifications: lastDrillId });
		src.close();
		copy.close();
	});

	it('the restored database passes the verification of every published result and the audit chain', () => {
		const db = openDb(restored);
		migrateDb(db, MIGRATIONS);
		const report = verifyResults(db);
		db.$client.close();
		expect(report.problems).toEqual([]);
		// not vacuous: the demo has audited sheets and published results
		expect(report.checked.auditRows).toBeGreaterThan(100);
		expect(report.checked.sheets).toBeGreaterThan(10);
		expect(report.checked.versions).toBeGreaterThan(0);
		expect(report.checked).toEqual(verifyResults(app).checked);
	});

	it('refuses to replace an existing file unless forced', async () => {
		const bytes = readFileSync(backupFile);
		await expect(backupDatabase(source, backupFile)).rejects.toThrow(BackupError);
		expect(readFileSync(backupFile).equals(bytes)).toBe(true);
		const forced = await backupDatabase(source, backupFile, { force: true });
		expect(forced.bytes).toBeGreaterThan(0);
		await expect(backupDatabase(source, source, { force: true })).rejects.toThrow(/itself/);
		await expect(backupDatabase(join(dir, 'none.db'), join(dir, 'x.db'))).rejects.toThrow(/no such database/);
		expect(existsSync(join(dir, 'x.db'))).toBe(false);
	});

	it('restore refuses a damaged file and a backup of a newer version, and leaves the target as it was', () => {
		const target = join(dir, 'restored', 'jiangong.db');
		const targetBytes = readFileSync(target);
		const junk = join(dir, 'junk.db');
		writeFileSync(junk, Buffer.alloc(8192, 7));
		expect(() => restoreDatabase(junk, target, { migrationsFolder: MIGRATIONS })).toThrow(BackupError);
		const newer = join(dir, 'newer.db');
		copyFileSync(backupFile, newer);
		const n = new Database(newer);
		n.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.now() + 86_400_000 * 365);
		n.close();
		expect(() => restoreDatabase(newer, target, { migrationsFolder: MIGRATIONS })).toThrow(/newer version/);
		expect(readFileSync(target).equals(targetBytes)).toBe(true);
		expect(readdirSync(join(dir, 'restored')).filter((f) => f.includes('restoring'))).toEqual([]);
	});

	it('restore refuses a database in use, and over a stopped one keeps the old file and drops its log', () => {
		expect(() => restoreDatabase(backupFile, source, { migrationsFolder: MIGRATIONS })).toThrow(/in use: stop the app first/);
		app.$client.close();
		const live = new Database(source, { readonly: true });
		const oldRows = digest(live, 'select * from notifications');
		live.close();
		const r = restoreDatabase(backupFile, source, { migrationsFolder: MIGRATIONS });
		expect(r.replaced).toMatch(/live\.db\.replaced-/);
		expect(existsSync(`${source}-wal`)).toBe(false);
		expect(existsSync(`${source}-shm`)).toBe(false);
		expect(readFileSync(source).equals(readFileSync(backupFile))).toBe(true);
		// the replaced database is whole, with the writes the backup did not have
		const kept = new Database(r.replaced!, { readonly: true });
		expect(digest(kept, 'select * from notifications')).toEqual(oldRows);
		expect(kept.pragma('integrity_check', { simple: true })).toBe('ok');
		kept.close();
	});
});
