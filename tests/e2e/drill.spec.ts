import { expect, test } from '@playwright/test';
import { runDrill } from '../drill/crash';

/**
 * The quick crash drill (the full one is `npm run drill:crash`, tests/drill/crash.ts):
 * three cycles of submissions under load, each ended by SIGKILL, on a generated dataset
 * and a server of its own (E2E_PORT + 30), so the api server's database is untouched.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173) + 30;

test('crash drill: SIGKILL under submission load loses no acknowledged sheet and leaves nothing half-written', async () => {
	// generating the dataset takes most of it; the drill itself is a few seconds a cycle
	test.setTimeout(180_000);
	const seed = Number(process.env.DRILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
	test.info().annotations.push({ type: 'seed', description: String(seed) });
	const lines: string[] = [];
	const report = await runDrill({ cycles: 3, seed, port: PORT, minMs: 800, maxMs: 2000, log: (line) => lines.push(line) });
	const context = `seed ${seed}\n${lines.join('\n')}`;
	expect(report.problems, context).toEqual([]);
	expect(report.totals.cycles).toBe(3);
	// the drill did what it claims: sheets acknowledged, every one found, refusals seen, kills mid-flight
	expect(report.totals.submissionsAcked, context).toBeGreaterThan(0);
	expect(report.totals.submissionsFound, context).toBe(report.totals.submissionsAcked);
	expect(report.totals.draftsAcked, context).toBeGreaterThan(0);
	expect(report.totals.resubmissionsRefused, context).toBeGreaterThan(0);
	expect(report.totals.killedInFlight, context).toBeGreaterThan(0);
	expect(report.totals.unanswered, context).toBeGreaterThan(0);
});
