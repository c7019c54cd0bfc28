/**
 * `npm run bench`: the production build on the large dataset, loaded from this
 * process (autocannon) while the server runs in its own. Prints one table of
 * throughput, latency and ratios measured in this run, each against its goal from
 * issue #8, and writes the same as JSON (data/bench/results.json). Maximum rates come
 * from autocannon at full load; latency at a given rate from a steady, open-loop sender
 * (paced.ts).
 *
 *   npm run bench                  the large dataset (generated into data/large.db once)
 *   npm run bench -- --scale small a quick run on the small one (the goals still apply)
 *   npm run bench -- --seconds 5   shorter runs (the submission run keeps its 60 s unless --quick)
 *   npm run bench -- --only sheets  only some parts (board, sheets, list, search), besides start-up and C1
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench   to profile the server
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScaleManifest } from '../../src/lib/server/demo/scale';
import { GENERATOR_VERSION } from '../../src/lib/server/demo/generator-version';
import { SERVER_ARGS } from '../server-command';
import { commandLine } from '../../src/lib/server/cli/args';
import type { PacedRequest, PacedRun } from './paced';
import type { PacedJob } from './paced-child';

const cli = commandLine(['scale', 'seconds', 'only']);
const flag = cli.option;
const scale = flag('scale') ?? 'large';
const seconds = Number(flag('seconds') ?? 10);
const quick = cli.given('quick');
const submitSeconds = quick ? seconds : 60;
const only = flag('only')?.split(',');
const part = (name: string) => !only || only.includes(name);
const PORT = Number(process.env.BENCH_PORT ?? 4300);
const ORIGIN = `http://localhost:${PORT}`;
const root = resolve(import.meta.dirname, '../..');
const source = resolve(root, `data/${scale}.db`);
const workDir = resolve(root, 'data/bench');
const dbFile = resolve(workDir, 'bench.db');

/* ------------------------------------------------------------------ dataset */
const builtBy = () => (JSON.parse(readFileSync(`${source}.json`, 'utf8')) as Partial<ScaleManifest>).generator;
if (!existsSync(source) || !existsSync(`${source}.json`) || builtBy() !== GENERATOR_VERSION) {
	console.log(`No ${scale} dataset from this generator yet: generating ${source} …`);
	const r = spawnSync('npx', ['tsx', 'src/lib/server/cli/gen.ts', '--scale', scale, '--out', source], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const manifest: ScaleManifest = JSON.parse(readFileSync(`${source}.json`, 'utf8'));
mkdirSync(workDir, { recursive: true });
for (const s of ['', '-wal', '-shm']) rmSync(dbFile + s, { force: true });
// every run starts from the same data: the submissions of the last run are gone
copyFileSync(source, dbFile);

const data = new Database(dbFile, { readonly: true });
const aspectsOf = (stageId: number) =>
	data.prepare('SELECT a.id, a.kind FROM scheme_aspects a JOIN stages s ON s.scheme_id = a.scheme_id WHERE s.id = ? ORDER BY a.id').all(stageId) as { id: number; kind: string }[];
const openPairs = (stageId: number, eventId: number) =>
	// every (judge, entry) of a scoring stage without a sheet yet, judges taking turns
	data
		.prepare(
			`SELECT j.user_id AS judge, se.entry_id AS entry FROM stage_entries se JOIN event_judges j ON j.event_id = ? AND j.chief = 0
			 WHERE se.stage_id = ? AND NOT EXISTS (SELECT 1 FROM sheets s WHERE s.stage_id = se.stage_id AND s.entry_id = se.entry_id AND s.judge_id = j.user_id)
			 ORDER BY se.entry_id, j.seat`
		)
		.all(eventId, stageId) as { judge: number; entry: number }[];
const employeeNoOf = (userId: number) =>
	(data.prepare('SELECT w.employee_no AS no FROM users u JOIN workers w ON w.id = u.worker_id WHERE u.id = ?').get(userId) as { no: string }).no;
const countSubmitted = (db: Database.Database, stageId: number) =>
	(db.prepare("SELECT count(*) AS n FROM sheets WHERE stage_id = ? AND status = 'submitted'").get(stageId) as { n: number }).n;

/* ------------------------------------------------------------------- server */
let server: ChildProcess | undefined;
let serverErrors = '';
let peakRss = 0;
let rssTimer: NodeJS.Timeout | undefined;

async function startServer(): Promise<number> {
	const started = performance.now();
	server = spawn('node', [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...SERVER_ARGS], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: dbFile, PORT: String(PORT), ORIGIN, BODY_SIZE_LIMIT: '50M', NODE_ENV: 'production' },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	server.stderr!.on('data', (chunk) => (serverErrors += chunk));
	for (;;) {
		try {
			const r = await fetch(`${ORIGIN}/api/health`);
			if (r.ok) break;
		} catch {
			/* not listening yet */
		}
		if (performance.now() - started > 30_000) throw new Error(`the server did not answer within 30 s\n${serverErrors}`);
		await sleep(10);
	}
	const ms = performance.now() - started;
	rssTimer = setInterval(() => {
		try {
			const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server!.pid}/status`, 'utf8'))?.[1] ?? 0);
			peakRss = Math.max(peakRss, kb / 1024);
		} catch {
			/* gone */
		}
	}, 100);
	return ms;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds the server has used: its main thread's, and all its threads' together. */
function serverCpu() {
	const seconds = (stat: string) => {
		const f = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
		return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 10 ms
	};
	const pid = server!.pid!;
	return { main: seconds(`/proc/${pid}/task/${pid}/stat`), all: seconds(`/proc/${pid}/stat`), at: performance.now() };
}
/** How busy the server was since `from`, in % of one core. */
const busySince = (from: ReturnType<typeof serverCpu>) => {
	const now = serverCpu();
	const wall = (now.at - from.at) / 1000;
	return { main: Math.round((100 * (now.main - from.main)) / wall), all: Math.round((100 * (now.all - from.all)) / wall) };
};

async function signIn(identifier: string): Promise<string> {
	const body = new URLSearchParams({ identifier, password: manifest.password, redirectTo: '' });
	const r = await fetch(`${ORIGIN}/login`, { method: 'POST', body, headers: { origin: ORIGIN, 'x-sveltekit-action': 'true' }, redirect: 'manual' });
	const cookie = r.headers.getSetCookie().find((c) => c.startsWith('jg_session='));
	if (!cookie) throw new Error(`could not sign in as ${identifier}: ${r.status} ${await r.text()}`);
	return cookie.split(';')[0];
}

/* ------------------------------------------------------------------ loading */
interface Run {
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
	errors: number;
	requests: number;
	status5xx: number;
}

async function load(opts: Omit<autocannon.Options, 'url'> & { url?: string }): Promise<Run> {
	const result = await autocannon({ connections: 16, duration: seconds, ...opts, url: opts.url ?? ORIGIN });
	const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
	return {
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		non2xx: result.non2xx,
		errors: result.errors + result.timeouts,
		requests: result.requests.total,
		status5xx: Object.entries(codes)
			.filter(([code]) => code.startsWith('5'))
			.reduce((s, [, v]) => s + v.count, 0)
	};
}

/** A submitted sheet per call, each (judge, entry) once, judges' sessions by cookie; null when all are used. */
function sheetSource(stageId: number, pairs: { judge: number; entry: number }[], cookies: Map<number, string>, aspects: { id: number; kind: string }[]) {
	let next = 0;
	return (): PacedRequest | null => {
		const pair = pairs[next++];
		if (!pair) return null;
		const body = new URLSearchParams({ version: '' });
		for (const a of aspects) body.set(`m${a.id}`, a.kind === 'measurement' ? String(60 + (pair.entry % 40)) : String((pair.entry + pair.judge) % 4));
		return {
			method: 'POST',
			path: `/judge/stages/${stageId}/entries/${pair.entry}?/submit`,
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'x-sveltekit-action': 'true', cookie: cookies.get(pair.judge)! },
			body: body.toString()
		};
	};
}

/**
 * The same sheets as autocannon requests. Should they all be used before the run ends, the
 * rest of it asks C1's endpoint instead (autocannon cannot stop a run early), and `used`
 * says so: the rate measured is then a lower bound.
 */
function sheetRequests(...source: Parameters<typeof sheetSource>) {
	const next = sheetSource(...source);
	const state = { used: false };
	const requests = [
		{
			setupRequest: (req: Record<string, unknown>) => {
				const r = next();
				if (!r) state.used = true;
				return { ...req, ...(r ?? { method: 'GET', path: '/api/health', headers: {}, body: undefined }) };
			}
		}
	] as unknown as autocannon.Request[];
	return { requests, state };
}

async function judgesCookies(pairs: { judge: number }[]) {
	const cookies = new Map<number, string>();
	for (const judge of new Set(pairs.map((p) => p.judge))) cookies.set(judge, await signIn(employeeNoOf(judge)));
	return cookies;
}

/**
 * A paced run from a fresh process of its own (paced-child.ts), so this one's heap never
 * pauses the sender; this one meanwhile goes on sampling the server's memory.
 */
async function sendPaced(job: PacedJob): Promise<{ board: PacedRun; sheets: PacedRun }> {
	const file = resolve(workDir, 'paced-job.json');
	writeFileSync(file, JSON.stringify(job));
	const child = spawn('npx', ['tsx', 'tests/bench/paced-child.ts', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout.on('data', (c) => (out += c));
	child.stderr.on('data', (c) => (err += c));
	const code = await new Promise<number | null>((r) => child.once('exit', r));
	rmSync(file, { force: true });
	if (code !== 0) throw new Error(`the paced sender failed (${code}):\n${err}`);
	return JSON.parse(out);
}

/** Latency of one client asking again and again (no queueing): percentiles from every request. */
async function sequential(path: string, cookie: string, n: number) {
	const times: number[] = [];
	let bad = 0;
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		const r = await fetch(`${ORIGIN}${path}`, { headers: { cookie } });
		await r.arrayBuffer();
		times.push(performance.now() - t);
		if (!r.ok) bad++;
	}
	times.sort((a, b) => a - b);
	const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
	return { p50: at(0.5), p95: at(0.95), p99: at(0.99), bad };
}

/* --------------------------------------------------------------------- main */
interface Row {
	measure: string;
	value: number;
	unit: string;
	goal: string;
	pass: boolean;
	detail: string;
}
const rows: Row[] = [];
const row = (measure: string, value: number, unit: string, goal: string, pass: boolean, detail = '') => {
	rows.push({ measure, value: Math.round(value * 100) / 100, unit, goal, pass, detail });
	console.log(`  ${pass ? 'ok  ' : 'MISS'} ${measure}: ${value.toFixed(2)} ${unit} (goal ${goal}) ${detail}`);
};

try {
	console.log(`Benchmark on the ${scale} dataset (${manifest.counts.entries} entries, ${manifest.counts.proposals} proposals), ${seconds} s per run`);
	const startup = await startServer();
	row('start-up to answering', startup, 'ms', '≤ 2000 ms', startup <= 2000);

	// C1: the ceiling
	const c1 = await load({ url: `${ORIGIN}/api/health` });
	row('C1 trivial endpoint', c1.rps, 'req/s', 'ceiling', c1.status5xx === 0 && c1.non2xx === 0, `p50 ${c1.p50} ms, p99 ${c1.p99} ms`);

	const writer = new Database(dbFile, { readonly: true });
	// the public leaderboard of the 20,000-entry event, and of a 100-entry one
	if (part('board')) {
	const board = `/screen/events/${manifest.big.eventId}`;
	const big = await load({ url: `${ORIGIN}${board}` });
	row('leaderboard, 20,000-entry event', big.rps, 'req/s', '≥ 50 % of C1', big.rps >= 0.5 * c1.rps && big.non2xx === 0, `${((big.rps / c1.rps) * 100).toFixed(0)} % of C1; p50 ${big.p50} ms, p99 ${big.p99} ms`);
	const small = await load({ url: `${ORIGIN}/screen/events/${manifest.hundred.eventId}` });
	row('leaderboard 20,000 / 100 entries', big.rps / small.rps, '×', '≥ 0.9×', big.rps >= 0.9 * small.rps, `100 entries: ${small.rps.toFixed(0)} req/s`);

	// p99 at 60 % of its maximum rate while 50 sheets/s are submitted to the same event:
	// both at a steady pace, latency counted from when each request was due (see paced.ts),
	// after a warm-up at the same pace
	const warmupSeconds = 2;
	const bigAspects = aspectsOf(manifest.big.stageId);
	const bigPairs = openPairs(manifest.big.stageId, manifest.big.eventId);
	const bigCookies = await judgesCookies(bigPairs);
	const before = countSubmitted(writer, manifest.big.stageId);
	const nextSheet = sheetSource(manifest.big.stageId, bigPairs, bigCookies, bigAspects);
	const sheetsNeeded = 50 * (seconds + warmupSeconds) + 50;
	const job: PacedJob = {
		origin: ORIGIN,
		seconds,
		warmupSeconds,
		board: { path: board, rate: Math.round(0.6 * big.rps), connections: 32 },
		sheets: { rate: 50, connections: 2, requests: Array.from({ length: sheetsNeeded }, () => nextSheet()).filter((r) => r !== null) }
	};
	const cpuBefore = serverCpu();
	const { board: loaded, sheets: background } = await sendPaced(job);
	const busy = busySince(cpuBefore);
	const submittedMeanwhile = countSubmitted(writer, manifest.big.stageId) - before;
	row(
		'leaderboard p99 at 60 % of max, 50 sheets/s',
		loaded.p99,
		'ms',
		'≤ 25 ms',
		loaded.p99 <= 25 && loaded.non2xx === 0 && loaded.errors === 0 && background.status5xx === 0,
		`${Math.round(0.6 * big.rps)} req/s asked, ${loaded.rps.toFixed(0)} answered; p50 ${loaded.p50} ms; p99 from the write ${loaded.p99Written} ms; ${(submittedMeanwhile / (seconds + warmupSeconds)).toFixed(1)} sheets/s stored (p99 ${background.p99} ms); sender lag ≤ ${Math.max(loaded.maxLagMs, background.maxLagMs)} ms; server's main thread ${busy.main} % busy (all its threads ${busy.all} % of a core)`
	);

	}
	// score sheets from concurrent judges, sustained
	if (part('sheets')) {
	const openAspects = aspectsOf(manifest.open.stageId);
	const pairs = openPairs(manifest.open.stageId, manifest.open.eventId);
	const cookies = await judgesCookies(pairs);
	const submitBefore = countSubmitted(writer, manifest.open.stageId);
	const errorsBefore = serverErrors.length;
	const source = sheetRequests(manifest.open.stageId, pairs, cookies, openAspects);
	const sheets = await load({ connections: 32, duration: submitSeconds, requests: source.requests });
	const stored = countSubmitted(writer, manifest.open.stageId) - submitBefore;
	const busy = (serverErrors.slice(errorsBefore).match(/SQLITE_BUSY|database is locked/g) ?? []).length;
	row(
		`score sheets submitted (${submitSeconds} s)`,
		stored / submitSeconds,
		'sheets/s',
		'≥ 1000, no busy, no 5xx',
		stored / submitSeconds >= 1000 && busy === 0 && sheets.status5xx === 0,
		`${source.state.used ? `all ${pairs.length} open sheets used before the end, so a lower bound; ` : ''}${stored} stored of ${sheets.requests} requests; ${busy} busy errors; ${sheets.status5xx} 5xx; p50 ${sheets.p50} ms, p99 ${sheets.p99} ms`
	);

	}
	// the officer's filtered, paged proposal list
	const officer = await signIn(manifest.officer);
	if (part('list')) {
	const list = await load({ url: `${ORIGIN}/officer/proposals?status=open&sort=due&page=2`, headers: { cookie: officer } });
	row('officer proposal list (open, page 2)', list.rps, 'req/s', '≥ 30 % of C1', list.rps >= 0.3 * c1.rps && list.non2xx === 0, `${((list.rps / c1.rps) * 100).toFixed(0)} % of C1; p99 ${list.p99} ms`);

	}
	// search for a Chinese word over every proposal, as that officer
	if (part('search')) {
	const search = await sequential(`/search?q=${encodeURIComponent(manifest.searchWord)}&kind=proposals`, officer, 200);
	row(`search "${manifest.searchWord}" over ${manifest.counts.proposals} proposals`, search.p95, 'ms p95', '≤ 50 ms', search.p95 <= 50 && search.bad === 0, `p50 ${search.p50.toFixed(1)} ms, p99 ${search.p99.toFixed(1)} ms`);

	}
	row('server memory (peak RSS under load)', peakRss, 'MB', '≤ 300 MB', peakRss <= 300);
	writer.close();
} finally {
	if (rssTimer) clearInterval(rssTimer);
	if (server) {
		server.kill('SIGTERM');
		await new Promise((r) => server!.once('exit', r));
	}
	data.close();
}

console.log('\n| measure | value | goal | met | detail |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.measure} | ${r.value} ${r.unit} | ${r.goal} | ${r.pass ? 'yes' : '**no**'} | ${r.detail} |`);
const out = resolve(workDir, 'results.json');
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), scale, seconds, submitSeconds, counts: manifest.counts, rows }, null, '\t'));
console.log(`\nwritten to ${out}`);
if (serverErrors.trim()) console.log(`\nserver stderr (last 2,000 characters):\n${serverErrors.slice(-2000)}`);
