/**
 * `npm run drill:crash`: the crash drill of issue #8. The production server runs on a
 * generated dataset while judges submit score sheets, save drafts and try to submit
 * again; at a random moment it is killed with SIGKILL. Then the database is opened the
 * way a restart opens it (the log is recovered) and checked:
 *
 * - `PRAGMA integrity_check` is ok and `PRAGMA foreign_key_check` finds nothing;
 * - every write that was answered with success is there, exactly as sent (a submitted
 *   sheet with its marks, a draft at its version); a refused re-submission changed
 *   nothing;
 * - a write that got no answer is either wholly there or wholly absent;
 * - no submitted sheet lacks a mark, no sheet lacks its audited save, the audit chain is
 *   intact and every stored standing equals a full recompute (`verifyResults`);
 * - a session that was signed in before the crash is still valid after it.
 *
 *   npm run drill:crash                      50 cycles, a random seed (printed)
 *   npm run drill:crash -- --cycles 200      more cycles
 *   npm run drill:crash -- --seed 1234       the same choices and kill moments again
 *   npm run drill:crash -- --dataset FILE    reuse a dataset from `npm run gen` (copied, never changed)
 *   npm run drill:crash -- --port 4310 --rate 400 --keep   (the default port and rate; keep the work directory)
 *
 * Exit code 1 on any problem. The quick version (3 cycles) runs inside `npm test`
 * (tests/e2e/drill.spec.ts).
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDb } from '../../src/lib/server/db';
import { verifyResults, type Problem } from '../../src/lib/server/results/verify';
import type { ScaleManifest } from '../../src/lib/server/demo/scale';
import { rng } from '../../src/lib/server/demo/seed';
import { commandLine } from '../../src/lib/server/cli/args';
import { SERVER_ARGS } from '../server-command';

const root = resolve(import.meta.dirname, '../..');

export interface DrillOptions {
	cycles: number;
	/** drives every random choice: operations, marks and the moment of each kill */
	seed: number;
	port: number;
	/** a dataset written by `npm run gen` (with its .json); generated into the work directory when absent */
	dataset?: string;
	/** the load runs this long (uniformly at random) before the kill */
	minMs?: number;
	maxMs?: number;
	/** concurrent clients (each with its own share of the (judge, entry) pairs) */
	lanes?: number;
	/** at most this many requests a second in all, so that a cycle's load rarely uses up the stage's open pairs */
	rate?: number;
	/** keep the work directory (it is kept anyway when a problem is found) */
	keep?: boolean;
	log?: (line: string) => void;
}

export interface CycleReport {
	cycle: number;
	generation: number;
	startMs: number;
	loadMs: number;
	checkMs: number;
	sent: number;
	submissionsAcked: number;
	draftsAcked: number;
	resubmissionsRefused: number;
	/** requests in flight at the moment of the kill */
	inFlightAtKill: number;
	unanswered: number;
	/** unanswered writes found committed after the restart */
	unansweredPresent: number;
	/** this cycle's acknowledged submissions found as sent after the crash */
	found: number;
	/** checked by a connection of the drill's own while the restarted server had the database open (it recovered the log), rather than before the restart */
	checkedAfterRestart: boolean;
	problems: string[];
}

export interface DrillReport {
	seed: number;
	workDir: string;
	seconds: number;
	cycles: CycleReport[];
	totals: {
		cycles: number;
		generations: number;
		sent: number;
		submissionsAcked: number;
		submissionsFound: number;
		draftsAcked: number;
		resubmissionsRefused: number;
		killedInFlight: number;
		unanswered: number;
		unansweredPresent: number;
		problems: number;
	};
	problems: string[];
}

/* ------------------------------------------------------------------ helpers */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Marks = Record<string, string>;
type Known = { status: 'none' } | { status: 'draft' | 'submitted' | 'locked'; version: number; marks: Marks };
type Op = 'submit' | 'draft' | 'resubmit';

interface Pair {
	judge: number;
	judgeNo: string;
	entry: number;
	/** what the database must hold for this pair, as far as the answers tell */
	known: Known;
	/** a write that got no answer: it may or may not have been committed */
	pending?: { op: Op; marks: Marks; version: number | null };
	/** a submission acknowledged and not yet seen after a crash */
	ackedUnseen?: boolean;
}

const sameMarks = (a: Marks, b: Marks) => {
	const ka = Object.keys(a).sort();
	const kb = Object.keys(b).sort();
	return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};
const show = (m: Marks) => JSON.stringify(m);

/* --------------------------------------------------------------------- drill */

export async function runDrill(opts: DrillOptions): Promise<DrillReport> {
	const log = opts.log ?? ((line: string) => console.log(line));
	const minMs = opts.minMs ?? 200;
	const maxMs = opts.maxMs ?? 3000;
	const laneCount = opts.lanes ?? 12;
	const rate = opts.rate ?? 400;
	// the kill moments from a sequence of their own: the lanes draw from theirs in whatever order the answers come
	const moment = rng(opts.seed);
	const random = rng(opts.seed ^ 0x9e3779b9);
	const ORIGIN = `http://localhost:${opts.port}`;
	const started = performance.now();

	const workDir = mkdtempSync(join(tmpdir(), 'jiangong-drill-'));
	let template = opts.dataset ? resolve(opts.dataset) : join(workDir, 'template.db');
	if (!opts.dataset) {
		log(`generating a small dataset into ${template} …`);
		const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/lib/server/cli/gen.ts', '--scale', 'small', '--out', template], { cwd: root, encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`npm run gen failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
	} else if (!existsSync(template) || !existsSync(`${template}.json`)) throw new Error(`no dataset at ${template} (with ${template}.json)`);
	const manifest: ScaleManifest = JSON.parse(readFileSync(`${template}.json`, 'utf8'));
	// one consistent file to copy: a dataset may still carry a log beside it
	if (opts.dataset) {
		const copy = join(workDir, 'template.db');
		const src = new Database(template, { readonly: true });
		await src.backup(copy);
		src.close();
		template = copy;
	}
	const dbFile = join(workDir, 'drill.db');
	const stageId = manifest.open.stageId;

	/* the stage's scheme and panel, read once from the template */
	const t = new Database(template, { readonly: true });
	const aspects = t.prepare('SELECT a.id, a.kind FROM scheme_aspects a JOIN stages s ON s.scheme_id = a.scheme_id WHERE s.id = ? ORDER BY a.id').all(stageId) as { id: number; kind: string }[];
	const judgeIds = new Map<string, number>();
	for (const no of manifest.open.judges)
		judgeIds.set(no, (t.prepare('SELECT u.id FROM users u JOIN workers w ON w.id = u.worker_id WHERE w.employee_no = ?').get(no) as { id: number }).id);
	const preexisting = (t.prepare('SELECT count(*) AS n FROM sheets WHERE stage_id = ?').get(stageId) as { n: number }).n;
	t.close();
	if (preexisting) throw new Error(`the dataset's open stage ${stageId} already has ${preexisting} sheets: use a fresh dataset`);

	/** the marks a judge gives an entry: a measurement every judge reads alike, judgements at random */
	const marksFor = (entry: number, only?: number): Marks => {
		const out: Marks = {};
		for (const [i, a] of aspects.entries()) {
			if (only !== undefined && i >= only) break;
			out[a.id] = a.kind === 'measurement' ? String(60 + (entry % 40)) : String(Math.floor(random() * 4));
		}
		return out;
	};

	let pairs: Pair[] = [];
	let generation = 0;
	const cookies = new Map<string, string>();
	function newGeneration() {
		generation++;
		for (const s of ['', '-wal', '-shm']) rmSync(dbFile + s, { force: true });
		copyFileSync(template, dbFile);
		pairs = [];
		for (const entry of manifest.open.entryIds)
			for (const no of manifest.open.judges) pairs.push({ judge: judgeIds.get(no)!, judgeNo: no, entry, known: { status: 'none' } });
		cookies.clear();
	}
	newGeneration();

	/* ------------------------------------------------------------- server */
	let server: ChildProcess | undefined;
	let serverLog = '';
	async function startServer() {
		const t0 = performance.now();
		serverLog = '';
		server = spawn(process.execPath, SERVER_ARGS, {
			cwd: root,
			env: { ...process.env, DATABASE_URL: dbFile, PORT: String(opts.port), ORIGIN, BODY_SIZE_LIMIT: '50M', NODE_ENV: 'production' },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		server.stderr!.on('data', (chunk) => (serverLog = (serverLog + chunk).slice(-20_000)));
		const exited = new Promise<number | null>((r) => server!.once('exit', (code) => r(code)));
		for (;;) {
			const code = await Promise.race([exited, sleep(0).then(() => undefined)]);
			if (code !== undefined) throw new Error(`the server exited (${code}) before answering:\n${serverLog}`);
			try {
				if ((await fetch(`${ORIGIN}/api/health`)).ok) break;
			} catch {
				/* not listening yet */
			}
			if (performance.now() - t0 > 60_000) throw new Error(`the server did not answer within 60 s\n${serverLog}`);
			await sleep(25);
		}
		return performance.now() - t0;
	}
	async function killServer() {
		const s = server;
		server = undefined;
		if (!s || s.exitCode !== null || s.signalCode !== null) return;
		const gone = new Promise((r) => s.once('exit', r));
		s.kill('SIGKILL');
		await gone;
	}

	/* -------------------------------------------------------------- requests */
	async function signIn(no: string): Promise<string> {
		const body = new URLSearchParams({ identifier: no, password: manifest.password, redirectTo: '' });
		const r = await fetch(`${ORIGIN}/login`, { method: 'POST', body, headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' }, redirect: 'manual' });
		const cookie = r.headers.getSetCookie().find((c) => c.startsWith('jg_session='));
		if (!cookie) throw new Error(`could not sign in as ${no}: ${r.status} ${await r.text()}`);
		return cookie.split(';')[0];
	}
	async function signedIn(cookie: string) {
		const r = await fetch(`${ORIGIN}/judge`, { headers: { cookie }, redirect: 'manual' });
		await r.arrayBuffer();
		return r.status === 200;
	}

	type Outcome = { answered: false; error: string } | { answered: true; ok: boolean; status: number; body: string; version?: number; refusedAs?: string };
	async function send(pair: Pair, op: Op, marks: Marks, version: number | null, signal: AbortSignal): Promise<Outcome> {
		const cookie = cookies.get(pair.judgeNo)!;
		try {
			if (op === 'draft') {
				const r = await fetch(`${ORIGIN}/api/sheets/${stageId}/${pair.entry}`, {
					method: 'PUT',
					body: JSON.stringify({ version, marks }),
					headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
					redirect: 'manual',
					signal
				});
				const body = await r.text();
				if (r.status >= 200 && r.status < 300) return { answered: true, ok: true, status: r.status, body, version: (JSON.parse(body) as { version: number }).version };
				return { answered: true, ok: false, status: r.status, body };
			}
			const form = new URLSearchParams({ version: version === null ? '' : String(version) });
			for (const [id, v] of Object.entries(marks)) form.set(`m${id}`, v);
			const r = await fetch(`${ORIGIN}/judge/stages/${stageId}/entries/${pair.entry}?/submit`, {
				method: 'POST',
				body: form,
				headers: { origin: ORIGIN, 'x-sveltekit-action': 'true', cookie },
				redirect: 'manual',
				signal
			});
			const body = await r.text();
			let type = '';
			let status = r.status;
			try {
				const j = JSON.parse(body) as { type: string; status?: number };
				type = j.type;
				status = j.status ?? r.status;
			} catch {
				/* not an action answer */
			}
			return { answered: true, ok: r.status >= 200 && r.status < 300 && type === 'success', status, body, refusedAs: type === 'failure' ? 'failure' : undefined };
		} catch (e) {
			return { answered: false, error: e instanceof Error ? `${e.name}: ${(e.cause as Error | undefined)?.message ?? e.message}` : String(e) };
		}
	}

	/* -------------------------------------------------------------- checking */
	const allProblems: string[] = [];
	const describe = (p: Problem) => JSON.stringify(p);
	/**
	 * Opens the database the way the restarted server does, and checks it against what
	 * the answers said. Resolves every unanswered write to what was committed.
	 */
	function check(c: CycleReport) {
		const problem = (text: string) => c.problems.push(text);
		const db = openDb(dbFile);
		try {
			const integrity = db.$client.pragma('integrity_check', { simple: true });
			if (integrity !== 'ok') problem(`integrity_check: ${String(integrity)}`);
			const fk = db.$client.pragma('foreign_key_check') as unknown[];
			if (fk.length) problem(`foreign_key_check: ${fk.length} rows, first ${JSON.stringify(fk[0])}`);

			const rows = db.$client.prepare('SELECT id, entry_id AS entry, judge_id AS judge, status, version FROM sheets WHERE stage_id = ?').all(stageId) as {
				id: number;
				entry: number;
				judge: number;
				status: 'draft' | 'submitted' | 'locked';
				version: number;
			}[];
			const marksBySheet = new Map<number, Marks>();
			for (const m of db.$client
				.prepare('SELECT m.sheet_id AS sheet, m.aspect_id AS aspect, m.value FROM marks m JOIN sheets s ON s.id = m.sheet_id WHERE s.stage_id = ?')
				.all(stageId) as { sheet: number; aspect: number; value: string }[])
				marksBySheet.set(m.sheet, { ...(marksBySheet.get(m.sheet) ?? {}), [m.aspect]: m.value });
			const byPair = new Map(rows.map((r) => [`${r.judge}|${r.entry}`, { ...r, marks: marksBySheet.get(r.id) ?? {} }]));

			// nothing half-written: a submitted sheet carries a mark for every aspect judges mark
			for (const r of byPair.values())
				if (r.status !== 'draft')
					for (const a of aspects) if (a.kind !== 'measurement' && r.marks[a.id] === undefined) problem(`sheet ${r.id} is ${r.status} without a mark for aspect ${a.id}`);

			const seen = new Set<string>();
			for (const p of pairs) {
				const key = `${p.judge}|${p.entry}`;
				seen.add(key);
				const row = byPair.get(key);
				const now: Known = row ? { status: row.status, version: row.version, marks: row.marks } : { status: 'none' };
				const matches = (k: Known) =>
					k.status === now.status && (k.status === 'none' || (now.status !== 'none' && k.version === now.version && sameMarks(k.marks, now.marks)));
				const who = `judge ${p.judgeNo}, entry ${p.entry}`;
				if (p.pending) {
					// not answered: either as before, or wholly what was sent
					const { op, marks, version } = p.pending;
					const before = p.known;
					const nextVersion = before.status === 'none' ? 1 : before.version + 1;
					const after: Known = { status: op === 'draft' ? 'draft' : 'submitted', version: nextVersion, marks };
					if (matches(before)) {
						// not committed (a refused re-submission leaves the acknowledged submission as it was)
						if (p.ackedUnseen) c.found++;
					} else if (op !== 'resubmit' && matches(after)) {
						c.unansweredPresent++;
					} else
						problem(
							`${who}: an unanswered ${op} (version ${version}) left ${now.status === 'none' ? 'no sheet' : `${now.status} v${now.version} ${show(now.marks)}`}; expected ${before.status === 'none' ? 'no sheet' : `${before.status} v${before.version} ${show(before.marks)}`} or ${after.status} v${nextVersion} ${show(marks)}`
						);
					p.pending = undefined;
					p.known = now;
				} else if (!matches(p.known)) {
					const k = p.known;
					problem(
						`${who}: answered ${k.status === 'none' ? 'nothing stored' : `${k.status} v${k.version} ${show(k.marks)}`}, but the database holds ${now.status === 'none' ? 'no sheet' : `${now.status} v${now.version} ${show(now.marks)}`}`
					);
					p.known = now;
				} else if (p.ackedUnseen) c.found++;
				p.ackedUnseen = false;
			}
			for (const key of byPair.keys()) if (!seen.has(key)) problem(`a sheet nobody wrote: judge/entry ${key}`);

			// every sheet audited with its marks, the chain intact, stored standings = a full recompute
			for (const p of verifyResults(db).problems) problem(`verify: ${describe(p)}`);
		} finally {
			db.$client.close();
		}
	}

	// never leave a server behind, whatever ends this process
	const orphan = () => server?.kill('SIGKILL');
	process.once('exit', orphan);

	/* ---------------------------------------------------------------- cycles */
	const reports: CycleReport[] = [];
	function finish(c: CycleReport, afterRestart: boolean, stderr: string) {
		const t1 = performance.now();
		c.checkedAfterRestart = afterRestart;
		check(c);
		c.checkMs = Math.round(performance.now() - t1);
		allProblems.push(...c.problems.map((p) => `cycle ${c.cycle}: ${p}`));
		log(
			`cycle ${String(c.cycle).padStart(3)}  gen ${c.generation}  up ${String(c.startMs).padStart(5)} ms  killed after ${String(c.loadMs).padStart(4)} ms with ${String(c.inFlightAtKill).padStart(2)} in flight  ` +
				`sent ${String(c.sent).padStart(4)}  acked ${String(c.submissionsAcked).padStart(4)} (+${c.draftsAcked} drafts, ${c.resubmissionsRefused} refused)  ` +
				`unanswered ${String(c.unanswered).padStart(2)} (${c.unansweredPresent} present)  found ${String(c.found).padStart(4)}  ` +
				`checked ${afterRestart ? 'after restart' : 'before restart'} in ${c.checkMs} ms  ${c.problems.length ? `PROBLEMS ${c.problems.length}` : 'ok'}`
		);
		for (const p of c.problems.slice(0, 20)) log(`    - ${p}`);
		if (c.problems.length && stderr.trim()) log(`    server stderr (end):\n${stderr.slice(-2000)}`);
	}
	/** a killed cycle whose check waits for the server to restart on its database */
	let deferred: { c: CycleReport; stderr: string } | undefined;
	try {
		for (let cycle = 1; cycle <= opts.cycles; cycle++) {
			// a new copy of the dataset when the pairs left may not last a cycle's load at full rate
			if (pairs.filter((p) => p.known.status !== 'submitted').length < (rate * maxMs) / 1000) {
				if (deferred) finish(deferred.c, false, deferred.stderr);
				deferred = undefined;
				newGeneration();
			}
			const c: CycleReport = {
				cycle,
				generation,
				startMs: 0,
				loadMs: 0,
				checkMs: 0,
				sent: 0,
				submissionsAcked: 0,
				draftsAcked: 0,
				resubmissionsRefused: 0,
				inFlightAtKill: 0,
				unanswered: 0,
				unansweredPresent: 0,
				found: 0,
				checkedAfterRestart: false,
				problems: []
			};
			reports.push(c);
			const loadFor = Math.round(minMs + moment() * (maxMs - minMs));
			c.startMs = Math.round(await startServer());
			if (deferred) {
				// the server has recovered the log and opened the database: check what it now serves from
				finish(deferred.c, true, deferred.stderr);
				deferred = undefined;
			}

			// sessions signed in before a crash must still be valid after it
			for (const no of manifest.open.judges) {
				const cookie = cookies.get(no);
				if (cookie && (await signedIn(cookie))) continue;
				if (cookie) c.problems.push(`the session of judge ${no}, signed in before the crash, is gone`);
				cookies.set(no, await signIn(no));
			}

			// the load: each lane works on its own pairs, one request at a time
			let stop = false;
			let inFlight = 0;
			const abort = new AbortController();
			let slot = performance.now();
			/** paces all lanes together to the rate */
			const turn = () => {
				slot = Math.max(slot + 1000 / rate, performance.now());
				return sleep(slot - performance.now());
			};
			const lanes = Array.from({ length: laneCount }, (_, lane) => pairs.filter((_, i) => i % laneCount === lane));
			const run = async (mine: Pair[]) => {
				while (!stop) {
					const fresh = mine.filter((p) => p.known.status === 'none');
					const drafts = mine.filter((p) => p.known.status === 'draft');
					const done = mine.filter((p) => p.known.status === 'submitted');
					const roll = random();
					let pair: Pair | undefined;
					let op: Op;
					if (roll < 0.1 && done.length) {
						pair = done[Math.floor(random() * done.length)];
						op = 'resubmit';
					} else if (roll < 0.25 && (fresh.length || drafts.length)) {
						const pool = drafts.length && random() < 0.3 ? drafts : fresh.length ? fresh : drafts;
						pair = pool[Math.floor(random() * pool.length)];
						op = 'draft';
					} else {
						const pool = drafts.length && random() < 0.5 ? drafts : fresh.length ? fresh : drafts;
						pair = pool[Math.floor(random() * pool.length)];
						op = 'submit';
					}
					if (!pair) return; // this lane has nothing left to write
					const k = pair.known;
					const version = k.status === 'none' ? null : k.version;
					// a re-submission sends other marks: had it been taken, the check would see them
					const marks =
						op === 'resubmit' && k.status !== 'none'
							? Object.fromEntries(Object.entries(k.marks).map(([id, v]) => [id, aspects.find((a) => String(a.id) === id)!.kind === 'measurement' ? v : String((Number(v) + 1) % 4)]))
							: marksFor(pair.entry, op === 'draft' ? 2 : undefined);
					await turn();
					if (stop) return;
					c.sent++;
					inFlight++;
					const out = await send(pair, op, marks, op === 'resubmit' && random() < 0.5 ? null : version, abort.signal);
					inFlight--;
					if (!out.answered) {
						c.unanswered++;
						pair.pending = { op, marks, version };
						return; // the server is gone: this lane is done for the cycle
					}
					const who = `judge ${pair.judgeNo}, entry ${pair.entry}`;
					if (op === 'resubmit') {
						if (out.ok) c.problems.push(`${who}: a second submission was accepted (${out.body.slice(0, 200)})`);
						else if (out.refusedAs === 'failure' && out.status === 400) c.resubmissionsRefused++;
						else c.problems.push(`${who}: a second submission answered ${out.status} ${out.body.slice(0, 200)}, not a refusal`);
					} else if (!out.ok) {
						c.problems.push(`${who}: a valid ${op} (version ${version}) was answered ${out.status} ${out.body.slice(0, 300)}`);
						return;
					} else if (op === 'draft') {
						c.draftsAcked++;
						pair.known = { status: 'draft', version: out.version!, marks };
					} else {
						c.submissionsAcked++;
						pair.known = { status: 'submitted', version: (version ?? 0) + 1, marks };
						pair.ackedUnseen = true;
					}
				}
			};
			const loading = Promise.all(lanes.map(run));
			const t0 = performance.now();
			await Promise.race([loading, sleep(loadFor)]);
			c.loadMs = Math.round(performance.now() - t0);
			// no new request from here: what is in flight stays in flight when the server dies
			stop = true;
			c.inFlightAtKill = inFlight;
			await killServer();
			// every request was on a connection to the killed process: none can hang, but never wait forever
			const guard = setTimeout(() => abort.abort(), 10_000);
			await loading;
			clearTimeout(guard);

			// Odd cycles are checked at once, by the first connection after the crash (it recovers
			// the log, and checkpoints it when it closes); even ones once the server has restarted
			// and recovered it itself. The last one is checked at once.
			if (cycle % 2 === 0 && cycle < opts.cycles) deferred = { c, stderr: serverLog };
			else finish(c, false, serverLog);
		}
	} finally {
		await killServer();
		process.off('exit', orphan);
	}

	const sum = (f: (c: CycleReport) => number) => reports.reduce((s, c) => s + f(c), 0);
	const report: DrillReport = {
		seed: opts.seed,
		workDir,
		seconds: Math.round((performance.now() - started) / 100) / 10,
		cycles: reports,
		totals: {
			cycles: reports.length,
			generations: generation,
			sent: sum((c) => c.sent),
			submissionsAcked: sum((c) => c.submissionsAcked),
			submissionsFound: sum((c) => c.found),
			draftsAcked: sum((c) => c.draftsAcked),
			resubmissionsRefused: sum((c) => c.resubmissionsRefused),
			killedInFlight: reports.filter((c) => c.inFlightAtKill > 0).length,
			unanswered: sum((c) => c.unanswered),
			unansweredPresent: sum((c) => c.unansweredPresent),
			problems: allProblems.length
		},
		problems: allProblems
	};
	if (!opts.keep && !allProblems.length) rmSync(workDir, { recursive: true, force: true });
	return report;
}

/* ---------------------------------------------------------------------- CLI */

function summary(r: DrillReport) {
	const t = r.totals;
	return [
		'',
		'| cycles | generations | requests | submissions acknowledged | found after the crash | drafts acknowledged | re-submissions refused | kills with requests in flight | unanswered | unanswered but present | problems |',
		'|---|---|---|---|---|---|---|---|---|---|---|',
		`| ${t.cycles} | ${t.generations} | ${t.sent} | ${t.submissionsAcked} | ${t.submissionsFound} | ${t.draftsAcked} | ${t.resubmissionsRefused} | ${t.killedInFlight} | ${t.unanswered} | ${t.unansweredPresent} | ${t.problems} |`,
		'',
		`seed ${r.seed}, ${r.seconds} s${t.problems ? `; the database is kept in ${r.workDir}` : ''}`
	].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const cli = commandLine(['seed', 'cycles', 'port', 'rate', 'dataset']);
	const flag = cli.option;
	const seed = Number(flag('seed') ?? Math.floor(Math.random() * 2 ** 31));
	const cycles = Number(flag('cycles') ?? 50);
	const port = Number(flag('port') ?? process.env.DRILL_PORT ?? 4310);
	const rate = Number(flag('rate') ?? 400);
	if ([cycles, seed, port, rate].some((n) => !Number.isSafeInteger(n) || n < 1)) {
		console.error('usage: npm run drill:crash -- [--cycles N] [--seed N] [--port N] [--rate requests/s] [--dataset FILE] [--keep]');
		process.exit(2);
	}
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
	console.log(`Crash drill: ${cycles} cycles, seed ${seed}, port ${port}`);
	const report = await runDrill({ cycles, seed, port, rate, dataset: flag('dataset'), keep: cli.given('keep') });
	console.log(summary(report));
	if (report.problems.length) {
		console.log(`\n${report.problems.length} problem(s):`);
		for (const p of report.problems.slice(0, 100)) console.log(`  - ${p}`);
	}
	process.exitCode = report.problems.length ? 1 : 0;
}
