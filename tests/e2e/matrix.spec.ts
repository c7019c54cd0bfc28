import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { discoverRoutes } from './matrix-routes';
import { ACCOUNTS, FILES, MARKER, ROLES, SETUP, TABLE, resolveIds, type Case, type FormBody, type Ids, type Outcome, type Role, type SignedIn } from './matrix-table';

/**
 * The authorisation matrix (issue #8): every page, form action and endpoint method,
 * found in src/routes, walked for every role against the api server. See
 * matrix-table.ts for what each cell means.
 *
 * Runs in the 'api' project, whose server has a fresh demo database of its own
 * (tests/e2e/.data/api.db), read here read-only to find demo records and to check
 * that refused requests changed nothing.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** the database of the 'api' project's server (playwright.config.ts) */
const DB_FILE = `${ROOT}tests/e2e/.data/api.db`;
const PASSWORD = 'Jiangong2026';
const CONCURRENCY = 4;

let origin = '';
const jar = {} as Record<Role, APIRequestContext>;
let db: Database.Database;
let ids: Ids;

type Kind = 'page' | 'action' | 'endpoint';
interface Cell {
	key: string;
	kind: Kind;
	label?: string;
	role: Role;
	url: string;
	want: string;
	/** the role may do it (an allowed role posts the invalid body) */
	allowed?: boolean;
	got?: string;
	skipped?: string;
}
const cells: Cell[] = [];
const started = Date.now();
// The tests run in order in one worker (the config is not fullyParallel); after a failure
// Playwright goes on in a new worker, which signs in again (the setup is done once per database).

/* ----------------------------------------------------------------- helpers */

/**
 * Sends a request once more when a kept-alive connection was closed by the server just
 * as it was reused (ECONNRESET before any answer): nothing reached the app.
 */
async function send(fn: () => Promise<APIResponse>): Promise<APIResponse> {
	try {
		return await fn();
	} catch (e) {
		if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
		return fn();
	}
}

function form(body: FormBody): { data?: string; multipart?: FormData; headers: Record<string, string> } {
	const hasFile = Object.values(body).some((v) => typeof v === 'object' && !Array.isArray(v));
	if (hasFile) {
		const fd = new FormData();
		for (const [k, v] of Object.entries(body)) {
			if (Array.isArray(v)) v.forEach((x) => fd.append(k, x));
			else if (typeof v === 'string') fd.append(k, v);
			else fd.append(k, new File([new Uint8Array(v.buffer)], v.name, { type: v.mimeType }));
		}
		return { multipart: fd, headers: {} };
	}
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v as string]) p.append(k, x);
	return { data: p.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** Posts a form action the way `use:enhance` does, so the answer is Kit's JSON. */
function postAction(ctx: APIRequestContext, url: string, body: FormBody): Promise<APIResponse> {
	const f = form(body);
	return send(() => ctx.post(url, { ...f, headers: { ...f.headers, origin, 'x-sveltekit-action': 'true', accept: 'application/json' }, maxRedirects: 0 }));
}

/** The sign-in page, with the way back to where the visitor was. */
const toLogin = (url: string) => `/login?redirectTo=${encodeURIComponent(url)}`;

const fromStatus = (url: string, status: number, location: string | undefined): string => {
	if (status === 200) return 'ok';
	if (status >= 300 && status < 400) return location === toLogin(url) ? 'login' : `redirect:${location}`;
	return String(status);
};

async function actionOutcome(url: string, res: APIResponse): Promise<string> {
	let body: { type?: string; status?: number; location?: string };
	try {
		body = await res.json();
	} catch {
		return `http${res.status()}`;
	}
	switch (body.type) {
		case 'failure':
			return `fail${body.status}`;
		case 'redirect':
			return body.location === toLogin(url) ? 'login' : `redirect:${body.location}`;
		case 'success':
			return 'success';
		case 'error':
			return String(res.status());
		default:
			return `http${res.status()}`;
	}
}

/** What the walk must see for an expected outcome. */
function wanted(kind: Kind, method: string, o: Outcome, c?: Case): string {
	if (o !== 'ok') return String(o);
	if (kind === 'action') return c?.allowedResult ?? 'fail400';
	return method === 'GET' ? 'ok' : '400';
}

/** A server-sent event stream: the status and type, then hang up. */
async function streamOutcome(role: Role, url: string): Promise<string> {
	const cookies = (await jar[role].storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	const abort = new AbortController();
	try {
		const res = await fetch(origin + url, { headers: cookies ? { cookie: cookies } : {}, redirect: 'manual', signal: abort.signal });
		const outcome = fromStatus(url, res.status, res.headers.get('location') ?? undefined);
		if (outcome === 'ok') expect(res.headers.get('content-type'), url).toContain('text/event-stream');
		return outcome;
	} finally {
		abort.abort();
	}
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: n }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}

/**
 * Every row of every table, hashed by its key, except what merely reading or signing
 * in writes (sessions, the sign-in throttle, sign-in audit lines) and the full-text
 * index's internals (the proposals themselves are compared).
 */
type Snapshot = Map<string, Map<string, string>>;

function snapshot(): Snapshot {
	const out: Snapshot = new Map();
	const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string }[];
	const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
	const json = (row: unknown) => JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v));
	for (const { name, sql } of all) {
		if (name === 'sessions' || name === 'auth_throttle' || virtual.some((v) => name === v || name.startsWith(`${v}_`))) continue;
		const rows = new Map<string, string>();
		const where = name === 'audit_log' ? " WHERE action NOT LIKE 'auth.%'" : '';
		const withRowid = !/WITHOUT ROWID/i.test(sql);
		for (const row of db.prepare(`SELECT ${withRowid ? 'rowid AS "#", ' : ''}* FROM "${name}"${where}`).all() as Record<string, unknown>[]) {
			const hash = createHash('sha1').update(json(row)).digest('hex');
			rows.set(withRowid ? String(row['#']) : hash, hash);
		}
		out.set(name, rows);
	}
	return out;
}

/**
 * What changed between two snapshots: rows changed or gone, and rows added. The api
 * server is shared with other request-level suites (headers.spec.ts saves drafts as
 * the worker while this file runs): a new proposal without this file's marker in its
 * title is theirs, and so are its authors, files and audit lines. Every other change is
 * reported.
 */
function changes(before: Snapshot, after: Snapshot): string[] {
	const out: string[] = [];
	const added = new Map<string, string[]>();
	for (const [table, rows] of after) {
		const was = before.get(table) ?? new Map<string, string>();
		for (const [key, hash] of was) if (rows.get(key) !== hash) out.push(`${table} #${key} ${rows.has(key) ? 'changed' : 'deleted'}`);
		added.set(table, [...rows.keys()].filter((k) => !was.has(k)));
	}
	const theirs = new Set<number>();
	for (const key of added.get('proposals') ?? []) {
		const p = db.prepare('SELECT id, title FROM proposals WHERE rowid = ?').get(Number(key)) as { id: number; title: string } | undefined;
		if (p && !p.title.includes(MARKER)) theirs.add(p.id);
	}
	const ofTheirs: Record<string, string> = {
		proposals: 'SELECT id AS p FROM proposals WHERE rowid = ?',
		proposal_authors: 'SELECT proposal_id AS p FROM proposal_authors WHERE rowid = ?',
		proposal_files: 'SELECT proposal_id AS p FROM proposal_files WHERE rowid = ?',
		audit_log: "SELECT entity_id AS p FROM audit_log WHERE rowid = ? AND entity_type = 'proposal' AND action LIKE 'proposal.draft.%'"
	};
	for (const [table, keys] of added) {
		for (const key of keys) {
			// audit_log.entity_id is text
			const p = ofTheirs[table] ? (db.prepare(ofTheirs[table]).get(Number(key)) as { p: number | string } | undefined)?.p : undefined;
			if (p === undefined || !theirs.has(Number(p))) out.push(`${table} #${key} added`);
		}
	}
	return out;
}

/* ------------------------------------------------------------------- setup */

async function signIn(ctx: APIRequestContext, identifier: string): Promise<void> {
	const res = await postAction(ctx, '/login', { identifier, password: PASSWORD });
	expect(await res.json(), `sign-in of ${identifier}`).toEqual({ type: 'redirect', status: 303, location: '/me' });
}

async function expectRedirect(res: APIResponse, to: RegExp, what: string): Promise<void> {
	const body = await res.json();
	expect(body, what).toMatchObject({ type: 'redirect' });
	expect(body.location, what).toMatch(to);
}

const row = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T | undefined;

/**
 * Records the demo lacks, made through the app's own forms (once per database): the
 * worker's draft and a submitted proposal with attachments, an unpublished profile
 * photo, a studio under 西江区 with its application material, results under notice
 * and the worker's appeal against them with an attachment.
 */
async function setUp(): Promise<void> {
	const w = row<{ id: number; workerId: number }>('SELECT u.id, w.id AS workerId FROM users u JOIN workers w ON w.id = u.worker_id WHERE w.employee_no = ?', ACCOUNTS.worker)!;
	const proposal = async (title: string, extra: FormBody, to: RegExp) => {
		if (row('SELECT id FROM proposals WHERE title = ? AND created_by = ?', title, w.id)) return;
		const res = await postAction(jar.worker, '/proposals/new', { kind: 'suggestion', category: 'safety', title, problem: '', solution: '', expectedBenefit: '', ...extra, files: FILES.png() });
		await expectRedirect(res, to, title);
	};
	await proposal(SETUP.draftTitle, { intent: 'save' }, /^\/proposals\/\d+\/edit\?saved=1$/);
	await proposal(SETUP.submittedTitle, { intent: 'submit', problem: '巡检记录靠手写，容易漏项。', solution: '改用扫码填报，自动汇总。' }, /^\/proposals\/\d+\?submitted=1$/);

	if (!row('SELECT photo FROM model_profiles WHERE worker_id = ? AND photo IS NOT NULL', w.workerId)) {
		const res = await postAction(jar.worker, '/me/profile', { story: '矩阵测试', photo: FILES.png() });
		expect((await res.json()).type, 'profile photo').toBe('success');
	}

	const xjPath = row<{ path: string }>("SELECT path FROM units WHERE code = 'XJ'")!.path;
	const xjUnit = row<{ id: number }>("SELECT id FROM units WHERE path LIKE ? || '%' AND type = 'enterprise' ORDER BY id", xjPath)!.id;
	const leader = row<{ id: number; no: string }>(
		`SELECT w.id, w.employee_no AS no FROM workers w JOIN users u ON u.worker_id = w.id JOIN units un ON un.id = w.unit_id
		 WHERE un.path LIKE ? || '%' AND w.employee_no NOT IN (${Object.values(ACCOUNTS).map(() => '?').join(',')})
		 AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role <> 'worker') ORDER BY w.id`,
		xjPath,
		...Object.values(ACCOUNTS)
	)!;
	if (!row('SELECT id FROM honours WHERE worker_id = ? AND kind = ?', leader.id, SETUP.honour.kind)) {
		const res = await postAction(jar.officerXJ, `/officer/workers/${leader.id}?/honour`, SETUP.honour);
		expect((await res.json()).type, 'honour').toBe('success');
	}
	if (!row('SELECT id FROM studios WHERE leader_worker_id = ?', leader.id)) {
		const res = await postAction(jar.officerXJ, '/officer/studios/new', { ...SETUP.studioForm(xjUnit, leader.no), name: SETUP.studioName, files: FILES.pdf() });
		await expectRedirect(res, /^\/officer\/studios\/\d+\?registered=1$/, 'studio');
	}

	// a locked stage without results, with the worker's entry: its results go under notice
	if (!row("SELECT id FROM result_versions WHERE status = 'notice'")) {
		const stage = row<{ id: number }>(
			`SELECT s.id FROM stages s JOIN stage_entries se ON se.stage_id = s.id JOIN entry_members em ON em.entry_id = se.entry_id
			 WHERE s.status = 'locked' AND em.worker_id = ? AND NOT EXISTS (SELECT 1 FROM result_versions v WHERE v.stage_id = s.id)`,
			w.workerId
		);
		expect(stage, 'a locked stage with the worker’s entry').toBeTruthy();
		const res = await postAction(jar.officerDH, `/stages/${stage!.id}/results?/publish`, SETUP.publishForm());
		expect(await res.json(), 'publish for notice').toMatchObject({ type: 'success' });
	}
	if (!row('SELECT id FROM appeals WHERE filed_by = ?', w.id)) {
		const v = row<{ versionId: number; entryId: number }>(
			`SELECT v.id AS versionId, em.entry_id AS entryId FROM result_versions v JOIN stage_entries se ON se.stage_id = v.stage_id
			 JOIN entry_members em ON em.entry_id = se.entry_id WHERE v.status = 'notice' AND em.worker_id = ?`,
			w.workerId
		)!;
		const res = await postAction(jar.worker, `/appeals/new?version=${v.versionId}&entry=${v.entryId}`, { entryId: String(v.entryId), reason: '矩阵测试：请复核评分。', attachment: FILES.pdf('evidence.pdf') });
		await expectRedirect(res, /^\/results\/stages\/\d+\?appealed=1$/, 'appeal');
	}
}

test.beforeAll(async ({ playwright }, testInfo) => {
	test.setTimeout(60_000);
	origin = new URL(String(testInfo.project.use.baseURL)).origin;
	db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
	for (const role of ROLES) jar[role] = await playwright.request.newContext({ baseURL: origin });
	await Promise.all((Object.keys(ACCOUNTS) as SignedIn[]).map((r) => signIn(jar[r], ACCOUNTS[r])));
	await setUp();
	ids = resolveIds(db);
});

test.afterAll(async () => {
	for (const role of ROLES) await jar[role]?.dispose();
	db?.close();
	printSummary();
});

/* ------------------------------------------------------------------- tests */

test('the table has exactly one entry for every page, action and endpoint method', () => {
	const found = discoverRoutes(ROOT);
	const keys = found.map((d) => d.key);
	// the parse finds what the app is known to have (a check on the parser itself)
	for (const known of ['POST /officer/workers/[id]?/role', 'POST /login', 'POST /judge/stages/[id]?/override', 'PUT /api/sheets/[stageId]/[entryId]', 'GET /api/v1/points', 'POST /stages/[id]/results?/unfreeze', 'GET /sitemap.xml'])
		expect(keys, known).toContain(known);
	expect(new Set(keys).size, 'route keys are unique').toBe(keys.length);
	const missing = keys.filter((k) => !(k in TABLE));
	const stale = Object.keys(TABLE).filter((k) => !keys.includes(k));
	expect(missing, 'routes without an entry in matrix-table.ts').toEqual([]);
	expect(stale, 'entries of matrix-table.ts without a route').toEqual([]);
	for (const [key, cases] of Object.entries(TABLE)) {
		expect(cases.length, key).toBeGreaterThan(0);
		const kind = found.find((d) => d.key === key)!.kind;
		for (const c of cases) {
			expect(Object.keys(c.expect).sort(), key).toEqual([...ROLES].sort());
			if (kind === 'action' && key.includes('?/')) expect(c.url(ids), key).toContain(`?/${key.split('?/')[1]}`);
			if (kind === 'action' && !key.includes('?/')) expect(c.url(ids), key).not.toContain('?/');
		}
	}
});

/** Builds (and records for the summary) the cells of the routes `which` picks. */
function cellsOf(which: (key: string, kind: Kind) => boolean): { cell: Cell; c: Case }[] {
	const found = new Map(discoverRoutes(ROOT).map((d) => [d.key, d.kind]));
	const out: { cell: Cell; c: Case }[] = [];
	for (const [key, cases] of Object.entries(TABLE)) {
		const kind = found.get(key);
		if (!kind || !which(key, kind) || key === 'POST /logout') continue;
		const method = key.split(' ')[0];
		for (const c of cases) {
			for (const role of ROLES) {
				const cell: Cell = { key, kind, label: c.label, role, url: c.url(ids), want: wanted(kind, method, c.expect[role], c), allowed: c.expect[role] === 'ok' };
				if (c.expect[role] === 'ok' && c.skip?.[role]) cell.skipped = c.skip[role];
				out.push({ cell, c });
				cells.push(cell);
			}
		}
	}
	return out;
}

const report = (list: Cell[]) =>
	list.filter((x) => !x.skipped && x.got !== x.want).map((x) => `${x.key}${x.label ? ` (${x.label})` : ''} as ${x.role}: ${x.url} → ${x.got}, expected ${x.want}`);

test('every page and endpoint, for every role (reading changes nothing)', async () => {
	test.setTimeout(120_000);
	const todo = cellsOf((key) => key.startsWith('GET '));
	const before = snapshot();
	await pool(todo, CONCURRENCY, async ({ cell, c }) => {
		if (c.stream) cell.got = await streamOutcome(cell.role, cell.url);
		else {
			const res = await send(() => jar[cell.role].get(cell.url, { maxRedirects: 0 }));
			cell.got = fromStatus(cell.url, res.status(), res.headers()['location']);
		}
	});
	const after = snapshot();
	expect.soft(report(todo.map((t) => t.cell))).toEqual([]);
	expect(changes(before, after), 'rows changed by reading').toEqual([]);
});

test('every form action and write endpoint, for every role: refused without a change, or let through to validation', async () => {
	test.setTimeout(120_000);
	const todo = cellsOf((key) => !key.startsWith('GET '));
	const before = snapshot();
	await pool(todo, CONCURRENCY, async ({ cell, c }) => {
		if (cell.skipped) return;
		const allowed = cell.allowed;
		const json = c.json;
		if (json) {
			const res = await send(() => jar[cell.role].put(cell.url, { data: allowed ? json.invalid(ids) : json.valid(ids), headers: { origin }, maxRedirects: 0 }));
			cell.got = fromStatus(cell.url, res.status(), res.headers()['location']);
			return;
		}
		const body = allowed ? (c.invalid?.(ids) ?? {}) : (c.valid?.(ids) ?? {});
		cell.got = await actionOutcome(cell.url, await postAction(jar[cell.role], cell.url, body));
	});
	const after = snapshot();
	expect.soft(report(todo.map((t) => t.cell))).toEqual([]);
	expect(changes(before, after), 'rows changed by refused or invalid requests').toEqual([]);
});

test('a judge reads only their own marks while a stage is scored; the chief judge reads the panel’s', async () => {
	// __data.json is what the page's load returns, as the client router asks for it
	const sheetData = async (role: Role) => {
		const res = await send(() => jar[role].get(`/judge/stages/${ids.stageScoring}/entries/${ids.entryScoring}/__data.json`, { maxRedirects: 0 }));
		expect(res.status()).toBe(200);
		return res.text();
	};
	// judge2 submitted a sheet for this entry: its marks are not in the judge's page
	const submitted = db
		.prepare("SELECT m.value FROM sheets s JOIN marks m ON m.sheet_id = s.id WHERE s.stage_id = ? AND s.entry_id = ? AND s.judge_id = ? AND s.status = 'submitted'")
		.all(ids.stageScoring, ids.entryScoring, ids.users.judge2.userId) as { value: string }[];
	expect(submitted.length, 'judge2’s submitted marks in the demo').toBeGreaterThan(0);
	const othersOf = (text: string) => {
		const nodes = JSON.parse(text).nodes.filter(Boolean).map((n: { data: unknown[] }) => n.data);
		// devalue: the page's data object is the first entry of its node; `others` points at an array
		const page = nodes[nodes.length - 1];
		const root = page[0] as Record<string, number>;
		return (page[root.others] as number[]).map((i) => page[i]);
	};
	expect(othersOf(await sheetData('judge')), 'marks of other judges shown to a judge').toEqual([]);
	expect(othersOf(await sheetData('chief')).length, 'marks of the panel shown to the chief judge').toBeGreaterThan(0);
});

test('another unit’s private data stays out of an officer’s lists and exports', async () => {
	const xj = db.prepare("SELECT w.employee_no AS no FROM workers w JOIN units un ON un.id = w.unit_id WHERE un.path LIKE (SELECT path FROM units WHERE code = 'XJ') || '%'").all() as { no: string }[];
	const xjProposals = db.prepare("SELECT title FROM proposals p JOIN units un ON un.id = p.handling_unit_id WHERE un.path LIKE (SELECT path FROM units WHERE code = 'XJ') || '%' AND p.status <> 'draft'").all() as { title: string }[];
	expect(xj.length * xjProposals.length).toBeGreaterThan(0);
	const get = async (role: Role, url: string) => {
		const res = await send(() => jar[role].get(url, { maxRedirects: 0 }));
		expect(res.status(), url).toBe(200);
		return res.text();
	};
	// each list holds the officer's own records (so what it lacks means something) and none of the other district's
	const dhNo = (db.prepare('SELECT employee_no AS no FROM workers WHERE id = ?').get(ids.dhWorker) as { no: string }).no;
	for (const url of ['/officer/workers/export?format=csv', `/officer/workers?q=${dhNo.slice(0, 2)}`, '/officer/workers?q=03']) {
		const text = await get('officerDH', url);
		if (!url.endsWith('q=03')) expect(text, url).toContain(dhNo);
		expect(xj.filter((w) => text.includes(w.no)).map((w) => w.no), `${url} as the DH officer`).toEqual([]);
	}
	for (const url of ['/officer/proposals/export?format=csv', '/officer/proposals']) {
		const text = await get('officerDH', url);
		expect(text, url).toContain(SETUP.submittedTitle);
		expect(xjProposals.filter((p) => text.includes(p.title)).map((p) => p.title), `${url} as the DH officer`).toEqual([]);
	}
	const xjStudio = db.prepare('SELECT name FROM studios WHERE id = ?').get(ids.xjStudio) as { name: string };
	expect(await get('officerXJ', '/officer/studios'), 'the XJ officer’s studios').toContain(xjStudio.name);
	for (const url of ['/officer/studios', '/officer', '/officer/studios/leaderboard']) expect(await get('officerDH', url), `${url} as the DH officer`).not.toContain(xjStudio.name);
	const xjUnits = db.prepare("SELECT name FROM units WHERE path LIKE (SELECT path FROM units WHERE code = 'XJ') || '%'").all() as { name: string }[];
	const units = await get('officerDH', '/officer/units');
	expect(units, '/officer/units as the DH officer').toContain('东湖区总工会');
	expect(xjUnits.filter((u) => units.includes(u.name)).map((u) => u.name), '/officer/units as the DH officer').toEqual([]);
	// the XJ officer's audit log shows nothing the DH officer did (all of it under 东湖区)
	expect(await get('officerDH', '/officer/audit'), '/officer/audit as the DH officer').toContain('李秀英');
	expect(await get('officerXJ', '/officer/audit'), '/officer/audit as the XJ officer').not.toContain('李秀英');

	// a colleague's name by employee number: only within one's own enterprise
	const colleague = async (role: Role, no: string) => (await (await send(() => jar[role].get(`/api/proposals/colleague?no=${no}`))).json()).data;
	expect(await colleague('worker', ACCOUNTS.judge), 'a colleague’s name').toMatchObject({ name: expect.any(String) });
	expect(await colleague('worker', ids.xjWorkerNo), 'the name of a worker of another district').toBeNull();
	// proposals like the one being typed: the enterprise's own, never a draft
	const similar = async (role: Role) => JSON.stringify(await (await send(() => jar[role].get(`/api/proposals/similar?q=${encodeURIComponent(MARKER)}`))).json());
	expect(await similar('judge'), 'similar proposals for a colleague').toContain(SETUP.submittedTitle);
	for (const role of ['judge', 'worker'] as const) expect(await similar(role), `similar proposals for ${role}`).not.toContain(SETUP.draftTitle);
	expect(await similar('judge2'), 'similar proposals for a worker of another enterprise').not.toContain(SETUP.submittedTitle);

	// the worker's draft is in nobody else's lists or searches; the submitted proposal in no other unit's
	const q = encodeURIComponent('矩阵测试');
	for (const [role, url] of [
		['judge', '/proposals/mine'],
		['officerDH', '/officer/proposals'],
		['admin', '/officer/proposals/export?format=csv'],
		['anonymous', `/search?q=${q}`],
		['judge', `/search?q=${q}`],
		['admin', `/search?q=${q}`]
	] as const) {
		expect(await get(role, url), `${url} as ${role}`).not.toContain(SETUP.draftTitle);
	}
	expect(await get('worker', `/search?q=${q}`), '/search as the author').toContain(SETUP.submittedTitle);
	for (const role of ['anonymous', 'judge2', 'officerXJ'] as const) expect(await get(role, `/search?q=${q}`), `/search as ${role}`).not.toContain(SETUP.submittedTitle);
});

test('opening someone else’s notification neither reads it nor follows its link', async () => {
	const n = db.prepare('SELECT id, link FROM notifications WHERE user_id = ? AND read_at IS NULL AND link IS NOT NULL ORDER BY id').get(ids.users.worker.userId) as { id: number; link: string };
	expect(n, 'an unread notification of the worker').toBeTruthy();
	for (const role of ['judge', 'officerDH', 'admin'] as const) {
		const res = await postAction(jar[role], '/notifications?/open', { id: String(n.id) });
		expect(await res.json(), `open as ${role}`).toEqual({ type: 'redirect', status: 303, location: '/notifications' });
	}
	expect(db.prepare('SELECT read_at AS readAt FROM notifications WHERE id = ?').get(n.id), 'still unread').toEqual({ readAt: null });
});

test('signing out: everyone is sent home, and a signed-out session opens nothing', async () => {
	const [c] = TABLE['POST /logout'];
	for (const role of ROLES) {
		const cell: Cell = { key: 'POST /logout', kind: 'action', role, url: c.url(ids), want: wanted('action', 'POST', c.expect[role]) };
		cells.push(cell);
		cell.got = await actionOutcome(cell.url, await postAction(jar[role], cell.url, {}));
	}
	expect(report(cells.filter((x) => x.key === 'POST /logout'))).toEqual([]);
	for (const role of ROLES) {
		const res = await send(() => jar[role].get('/me', { maxRedirects: 0 }));
		expect(fromStatus('/me', res.status(), res.headers()['location']), `/me as ${role} after signing out`).toBe('login');
	}
});

/* ----------------------------------------------------------------- summary */

const SHORT: Record<Role, string> = { anonymous: 'anon', worker: 'wrkr', judge: 'judg', judge2: 'jdg2', chief: 'chf', officerDH: 'offDH', officerXJ: 'offXJ', admin: 'admin' };

/**
 * One line per route: each role's cells as a letter (+ allowed, L sign-in page,
 * 0 400, 1 401, 3 403, 4 404, r redirect, s skipped, ! not as expected), then totals.
 */
function printSummary(): void {
	if (cells.length === 0) return;
	const mark = (x: Cell) => {
		if (x.skipped) return 's';
		if (x.got !== x.want) return '!';
		if (x.allowed) return '+';
		if (x.want === 'login') return 'L';
		if (x.want.startsWith('redirect:')) return 'r';
		return { '400': '0', '401': '1', '403': '3', '404': '4' }[x.want] ?? '?';
	};
	const byKey = new Map<string, Cell[]>();
	for (const x of cells) byKey.set(x.key, [...(byKey.get(x.key) ?? []), x]);
	const width = Math.max(...[...byKey.keys()].map((k) => k.length));
	const lines = [`${'route'.padEnd(width)}  ${ROLES.map((r) => SHORT[r].padEnd(6)).join('')}`];
	for (const [key, list] of byKey) lines.push(`${key.padEnd(width)}  ${ROLES.map((r) => list.filter((x) => x.role === r).map(mark).join('').padEnd(6)).join('')}`);
	const count = (r: Role, f: (x: Cell) => boolean) => cells.filter((x) => x.role === r && !x.skipped && f(x)).length;
	const allowedCell = (x: Cell) => !!x.allowed || x.want.startsWith('redirect:');
	lines.push(`${'allowed'.padEnd(width)}  ${ROLES.map((r) => String(count(r, allowedCell)).padEnd(6)).join('')}`);
	lines.push(`${'refused'.padEnd(width)}  ${ROLES.map((r) => String(count(r, (x) => !allowedCell(x))).padEnd(6)).join('')}`);
	const checked = cells.filter((x) => !x.skipped && x.got !== undefined);
	const routes = new Set(cells.map((x) => x.key));
	lines.push(
		`${routes.size} routes/actions/methods, ${checked.length} cells checked (${cells.filter((x) => x.skipped).length} skipped, ${checked.filter((x) => x.got !== x.want).length} unexpected) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
			'   + allowed  L sign-in  0 400  1 401  3 403  4 404  r redirect  s skipped  ! unexpected'
	);
	console.log(`\nAuthorisation matrix\n${lines.join('\n')}\n`);
}
