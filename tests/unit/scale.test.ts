import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb, actorOf, countRows } from './helpers';
import type { DB } from '$lib/server/db';
import { generate, type ScaleManifest } from '$lib/server/demo/scale';
import { proposalQueue } from '$lib/server/proposals/queries';
import { verifyResults } from '$lib/server/results/verify';

/**
 * The dataset generator (`npm run gen`), at the small scale: what it builds must look
 * to the app like what the app itself writes, or the benchmarks measure pages that
 * show something else than real ones would.
 */
let db: DB;
let manifest: ScaleManifest;

beforeAll(async () => {
	db = freshDb();
	manifest = await generate(db, 'small');
}, 60_000);

const rows = <T>(sql: string) => db.$client.prepare(sql).all() as T[];

describe('dataset generator (small)', () => {
	it('counts what it built as it says', () => {
		for (const table of ['proposals', 'entries', 'marks', 'studios'] as const) expect({ table, n: countRows(db, table) }).toEqual({ table, n: manifest.counts[table] });
	});

	it('gives every proposal its authors as the app numbers them: from 0, shares adding up to 100', () => {
		const bad = rows<{ id: number }>(
			`SELECT p.id FROM proposals p LEFT JOIN proposal_authors a ON a.proposal_id = p.id
			 GROUP BY p.id HAVING count(a.worker_id) = 0 OR min(a.position) <> 0 OR max(a.position) <> count(a.worker_id) - 1 OR sum(a.share) <> 100`
		);
		expect(bad).toEqual([]);
	});

	it("shows the officer's queue with a proposer on every row", () => {
		const [{ id }] = rows<{ id: number }>(
			`SELECT u.id FROM users u JOIN workers w ON w.id = u.worker_id WHERE w.employee_no = '${manifest.officer}'`
		);
		const queue = proposalQueue(db, actorOf(db, id), { status: 'open' });
		expect(queue.rows.length).toBeGreaterThan(0);
		expect(queue.rows.filter((r) => r.proposer === '')).toEqual([]);
	});

	it('stores standings and results that a full recompute from the marks confirms', () => {
		const report = verifyResults(db);
		expect(report.problems).toEqual([]);
		expect(report.checked.recomputed).toBeGreaterThan(0);
	});
});
