import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openDb, migrateDb, writesElsewhere, type DB } from '$lib/server/db';
import { ForbiddenError, NotSignedInError, RuleError } from '$lib/server/errors';
import { savesInline, startSheetWriter, type SheetWriter } from '$lib/server/judging/sheet-writer';
import { saveSheet } from '$lib/server/judging/sheets';
import { auditSince, countRows, thrown } from './helpers';
import { makeContest, marksOf, type Contest } from './contest-fixture';

/**
 * The sheet writer as the server runs it: a worker thread with a connection of its own
 * (here the TypeScript module under tsx), on a database file the test reads through
 * another connection.
 */
const dir = mkdtempSync(join(tmpdir(), 'jg-writer-'));
const file = join(dir, 'writer.db');
let c: Contest;
let writer: SheetWriter;

beforeAll(async () => {
	const db: DB = openDb(file);
	migrateDb(db, 'drizzle');
	c = await makeContest({ db });
	const module = new URL('../../src/lib/server/judging/sheet-writer.ts', import.meta.url).href;
	// a worker cannot run TypeScript: tsx compiles the module for it, as for the scripts
	const underTsx = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module)}); })`;
	writer = startSheetWriter(file, (workerData) => new Worker(underTsx, { eval: true, workerData }));
}, 60_000);

afterAll(async () => {
	await writer.worker.terminate();
	c.db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

const rows = () => ({ sheets: countRows(c.db, 'sheets'), marks: countRows(c.db, 'marks'), standings: countRows(c.db, 'standings') });

describe('the sheet writer thread', () => {
	it('stores a submitted sheet, its standing and its audit row before it answers, and tells the page cache', async () => {
		const entryId = c.entryOf(c.w.workerA.id);
		const before = writesElsewhere();
		const audit = auditSince(c.db).length;
		const saved = await writer.save(c.judges.eb1, c.stages.s1.id, entryId, { version: null, marks: marksOf(c, '', '2', '8', '0'), submit: true });
		expect(saved).toMatchObject({ status: 'submitted', version: 1 });
		// read on the test's own connection: committed before the answer came
		expect(rows().sheets).toBe(1);
		expect(rows().marks).toBe(3);
		expect(rows().standings).toBeGreaterThan(0);
		const written = auditSince(c.db).slice(audit);
		expect(written.map((a) => a.action)).toEqual(['sheet.submit']);
		expect(written[0].actorUserId).toBe(c.judges.eb1.userId);
		expect(writesElsewhere()).toBe(before + 1);
	}, 60_000);

	it("answers a broken rule per field, in the request's language, and stores nothing", async () => {
		const entryId = c.entryOf(c.w.ta1b.id);
		const before = rows();
		const input = { version: null, marks: marksOf(c, '100.5', '4', '8.3', 'x'), submit: false };
		const en = await thrown(RuleError, () => writer.save(c.judges.eb1, c.stages.s1.id, entryId, input, 'en'));
		const zh = await thrown(RuleError, () => writer.save(c.judges.eb1, c.stages.s1.id, entryId, input, 'zh-Hans'));
		// the same fields as the service on this thread refuses
		const here = await thrown(RuleError, () => saveSheet(c.db, c.judges.eb1, c.stages.s1.id, entryId, input));
		expect(Object.keys(en.errors).sort()).toEqual(Object.keys(here.errors).sort());
		expect(zh.errors).toEqual(here.errors);
		expect(zh.errors[`m${c.aspects.theory.id}`]).toBe('分数须在 0 到 100 之间');
		expect(en.errors[`m${c.aspects.theory.id}`]).not.toBe(zh.errors[`m${c.aspects.theory.id}`]);
		expect(en.errors[`m${c.aspects.theory.id}`]).not.toMatch(/[\u4e00-\u9fff]/);
		expect(rows()).toEqual(before);
	}, 60_000);

	it('refuses a recused judge and a request without an account, as the service does, and tells the page cache of no write', async () => {
		const conflicted = c.entryOf(c.w.ta2a.id);
		const before = rows();
		const written = writesElsewhere();
		await thrown(ForbiddenError, () => writer.save(c.judges.ea2, c.stages.s1.id, conflicted, { version: null, marks: marksOf(c, '', '2', '8', '0'), submit: true }));
		await thrown(NotSignedInError, () => writer.save(null, c.stages.s1.id, conflicted, { version: null, marks: {}, submit: false }));
		expect(rows()).toEqual(before);
		// nothing was written, so the page cache keeps its pages
		expect(writesElsewhere()).toBe(written);
	}, 60_000);

	it('takes sheets sent at once one after another: a stale second copy of a draft is refused', async () => {
		const entryId = c.entryOf(c.w.ta1b.id);
		const draft = { version: null, marks: marksOf(c, '', '2', '', ''), submit: false };
		const [first, second] = await Promise.allSettled([writer.save(c.judges.eb1, c.stages.s1.id, entryId, draft), writer.save(c.judges.eb1, c.stages.s1.id, entryId, draft)]);
		expect(first).toMatchObject({ status: 'fulfilled', value: { status: 'draft', version: 1 } });
		expect(second.status).toBe('rejected');
		expect((second as PromiseRejectedResult).reason).toBeInstanceOf(RuleError);
	}, 60_000);
});

describe('where sheets are saved', () => {
	it('on the writer thread from a built module on a database file, on the calling thread otherwise', () => {
		const built = new URL('file:///srv/jiangong/build/server/chunks/sheet-writer.js');
		expect(savesInline(built, './data/jiangong.db', undefined)).toBe(false);
		expect(savesInline(built, 'file:/var/lib/jiangong.db', '')).toBe(false);
		// an in-memory database would be another, empty one on a second connection
		expect(savesInline(built, ':memory:', undefined)).toBe(true);
		expect(savesInline(built, 'file::memory:', undefined)).toBe(true);
		// asked for, for comparison
		expect(savesInline(built, './data/jiangong.db', 'inline')).toBe(true);
		// TypeScript (vite dev, Vitest) or a module not on disk cannot run as a worker
		expect(savesInline(new URL('file:///work/src/lib/server/judging/sheet-writer.ts'), './data/jiangong.db', undefined)).toBe(true);
		expect(savesInline(new URL('http://localhost:5173/src/lib/server/judging/sheet-writer.js'), './data/jiangong.db', undefined)).toBe(true);
	});
});

describe('write transactions', () => {
	it('take the write lock when they begin, so a transaction that read first never meets the other connection’s commit', () => {
		const other = new Database(file);
		other.pragma('busy_timeout = 0');
		c.db.transaction(() => {
			// nothing written yet, and the other connection cannot begin a write already
			expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/i);
		});
		other.exec('BEGIN IMMEDIATE');
		other.exec('ROLLBACK');
		other.close();
	});
});
