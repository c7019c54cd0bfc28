import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '../../src/lib/server/db/schema';
import { verifyResults } from '../../src/lib/server/results/verify';
import { isDay } from '../../src/lib/server/validation';
import { z } from 'zod';
import { MAX_COAUTHORS, draftSchema } from '../../src/lib/server/proposals/forms';
import { competitionSchema, eventSchema, stageNameSchema } from '../../src/lib/server/competitions/forms';
import { workerSchema } from '../../src/lib/server/people/forms';
import { unitSchema } from '../../src/lib/server/units/forms';
import { achievementSchema, honourSchema, profileSchema, studioSchema, unitHonourSchema } from '../../src/lib/server/studios/forms';
import { appealSchema } from '../../src/lib/server/results/forms';
import {
	actionInput,
	bodyOf,
	discoverActions,
	discoverEndpoints,
	discoverPages,
	fill,
	formsOf,
	jsonBody,
	MARKER,
	paramsOf,
	queryNamesInSource,
	queryOf,
	rawBody,
	readable,
	snippet,
	unescapedInjections,
	hostileText,
	type ActionTarget,
	type Context,
	type FormField
} from './fuzz-input';

/**
 * Fuzzing (issue #8): fast-check drives every form action, page query and endpoint
 * of the app with random and hostile input, signed in as a role that may use it, on
 * a demo database of its own (project 'fuzz', tests/e2e/.data/fuzz.db). Properties:
 * no answer is a 5xx or the internal-error page; hostile text never comes back
 * unescaped (on the answer, the page, or any page afterwards); and afterwards the
 * database holds no invalid record.
 *
 * Quick by default (FUZZ_RUNS=3 per action, inside `npm test`); `npm run fuzz` runs
 * 200 per action. The seed is fixed and printed; FUZZ_SEED replays a run, FUZZ_ONLY
 * (a regular expression over "route ?/action") narrows it to some targets.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROUTES = join(ROOT, 'src/routes');
const DB_FILE = join(ROOT, 'tests/e2e/.data/fuzz.db');
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 3));
const FULL = RUNS > 20;
const SEED = Number(process.env.FUZZ_SEED ?? 20260808);
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;
const PASSWORD = 'Jiangong2026';

/** Demo accounts the fuzzer signs in as (employee numbers). */
const ACCOUNTS = {
	admin: 'ZGH001',
	officer: 'DH001',
	officerXJ: 'XJ001',
	chief: '0360021',
	judge: '0050004',
	judge2: '0300003',
	/** a judge of event 1 with sheets still to score in its first stage */
	judge3: '0300031',
	worker: '0050010',
	reviewer: '0050001',
	finance: '0050002',
	model: '0050038',
	/** an account of its own for /me/password, so a change there touches no other session */
	spare: '0050005'
} as const;
type Role = keyof typeof ACCOUNTS | 'anonymous';

/**
 * Actions the fuzzer does not drive, and why. Each would end the fuzzer's own
 * session; everything else is fuzzed (ids in route parameters are chosen so no
 * action disables or demotes an account the fuzzer signs in with).
 */
const SKIPPED: Record<string, string> = {
	'/logout ?/default': 'signs the fuzzer out (it takes no input besides the session cookie)'
};

/** Who tries each area first; the first role whose page shows the action's form is used. */
function rolesFor(route: string): Role[] {
	if (route === '/me/password') return ['spare'];
	if (['/login', '/activate', '/request-account'].includes(route)) return ['anonymous'];
	if (route.startsWith('/judge')) return ['chief', 'judge', 'judge2', 'judge3'];
	if (route.startsWith('/api/sheets')) return ['judge3', 'judge2', 'chief'];
	if (route.startsWith('/stages') || route.startsWith('/screen')) return ['officer', 'chief', 'admin'];
	if (route.startsWith('/officer')) return ['officer', 'admin', 'officerXJ'];
	if (route.startsWith('/proposals')) return ['worker', 'reviewer', 'officer', 'finance', 'admin'];
	if (route.startsWith('/contests') || route.startsWith('/appeals') || route.startsWith('/certificates')) return ['worker', 'judge', 'model', 'officer'];
	if (route.startsWith('/me') || route.startsWith('/notifications')) return ['worker', 'officer', 'model'];
	return ['anonymous', 'worker', 'officer', 'admin'];
}

// ---------------------------------------------------------------- the fuzz database

function readDb() {
	return new Database(DB_FILE, { readonly: true, fileMustExist: true });
}

/** Workers the fuzzer signs in as: never the subject of an account action. */
function ownWorkerIds(db: Database.Database): number[] {
	const nos = Object.values(ACCOUNTS);
	return db.prepare(`select id from workers where employee_no in (${nos.map(() => '?').join(',')})`).pluck().all(...nos) as number[];
}

/** First few and last few rows: the demo records, and the newest ones (made by the fuzz). */
function ends<T>(rows: T[], first = 3, last = 2): T[] {
	const picked = [...rows.slice(0, first), ...rows.slice(-last)];
	return picked.filter((r, i) => picked.findIndex((s) => JSON.stringify(s) === JSON.stringify(r)) === i);
}

/**
 * Concrete values for route parameters, from the fuzz database. A route whose
 * parameters match no rule fails the test: add a rule when adding such a route.
 */
function paramSets(route: string): Record<string, string>[] {
	const names = paramsOf(route);
	if (names.length === 0) return [{}];
	const db = readDb();
	try {
		const own = ownWorkerIds(db);
		const q = (sql: string, ...args: unknown[]) => (db.prepare(sql).all(...args) as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));
		if (/\/entries\/\[entryId\]$/.test(route) || /\/sheets\/\[stageId\]\/\[entryId\]$/.test(route)) {
			const key = names[0];
			// entries of a stage being scored, those with sheets still open first
			const rows = q(
				`select se.stage_id as ${key}, se.entry_id as entryId from stage_entries se join stages s on s.id = se.stage_id order by s.status = 'scoring' desc, (select count(*) from sheets h where h.stage_id = se.stage_id and h.entry_id = se.entry_id and h.status = 'draft') desc, (select count(*) from sheets h where h.stage_id = se.stage_id and h.entry_id = se.entry_id) , se.stage_id, se.entry_id`
			);
			return ends(rows, 5, 1);
		}
		if (/\/proposals\/\[id\]\/files\/\[fileId\]$/.test(route)) return ends(q('select proposal_id as id, id as fileId from proposal_files order by id'), 1, 2);
		if (/\/studios\/\[id\]\/files\/\[fileId\]$/.test(route)) return ends(q('select studio_id as id, id as fileId from studio_files order by id'), 1, 2);
		if (names.length !== 1) throw new Error(`no parameter rule for ${route}`);
		const parts = route.split('/');
		const segment = parts[parts.indexOf(`[${names[0]}]`) - 1];
		const one = (sql: string, first = 3, last = 2, ...args: unknown[]) => ends(q(sql, ...args).map((r) => ({ [names[0]]: Object.values(r)[0] })), first, last);
		switch (`${segment}/[${names[0]}]`) {
			case 'competitions/[id]':
				return one('select id from competitions order by id');
			case 'events/[id]':
				return one('select id from events order by id', 4);
			case 'schemes/[id]':
				return one('select id from schemes order by locked_at is not null, id');
			case 'stages/[id]':
				return one(`select id from stages order by status = 'scoring' desc, id`, 5);
			case 'studios/[id]':
				return one('select id from studios order by id');
			case 'units/[id]': {
				const dh = q(`select path from units where code = 'DH'`)[0]?.path ?? '/';
				return one(`select u.id from units u where u.path like ? || '%' and u.id not in (select unit_id from workers where id in (${own.join(',')})) order by exists (select 1 from units c where c.parent_id = u.id), u.id`, 2, 2, dh);
			}
			case 'model-workers/[id]':
				return one('select worker_id from model_profiles order by worker_id', 2, 1);
			case 'workers/[id]': {
				// workers of DH that the fuzzer does not sign in as (an account first), the newest, then those
				// with honours or a model-worker profile (whose forms only they show; profile approval ends no session)
				const others = one(
					`select w.id from workers w join units u on u.id = w.unit_id where u.path like (select path from units where code = 'DH') || '%' and w.id not in (${own.join(',')}) order by exists (select 1 from users where worker_id = w.id) desc, w.id`,
					2,
					2
				);
				return [...others, ...one(`select distinct worker_id from honours where revoked_at is null and worker_id not in (${own.join(',')}) order by worker_id`, 1, 0), ...one('select worker_id from model_profiles order by worker_id', 1, 0)];
			}
			case 'proposals/[id]':
				return one(`select min(id) from proposals group by status order by min(id)`, 12, 2);
			case 'appeals/[id]':
				return one('select id from appeals order by id', 1, 2);
			case 'certificates/[code]':
			case 'verify/[code]':
				return one('select code from awards order by id', 2, 1);
			default:
				throw new Error(`no parameter rule for ${route}: add one to paramSets in fuzz.spec.ts`);
		}
	} finally {
		db.close();
	}
}

/** Query strings under which a page shows its forms at all (not fuzzed input: the page's own links). */
function requiredQueries(route: string): string[] {
	const db = readDb();
	try {
		const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
		switch (route) {
			case '/appeals/new': {
				const r = rows<{ version: number; entry: number }>(`select v.id as version, r.entry_id as entry from result_versions v join result_rows r on r.version_id = v.id where v.status = 'notice' order by v.id desc, r.entry_id limit 3`);
				return r.length ? r.map((x) => `?version=${x.version}&entry=${x.entry}`) : ['?version=1&entry=1'];
			}
			case '/officer/codes':
				return rows<{ id: number }>(`select u.id from units u where u.code = 'DH' union all select unit_id from workers w where not exists (select 1 from users where worker_id = w.id) and unit_id in (select id from units where path like (select path from units where code = 'DH') || '%') limit 2`).map((u) => `?unit=${u.id}`);
			case '/officer/targets':
				return ['?edit', ''];
			default:
				return [''];
		}
	} finally {
		db.close();
	}
}

/** Records plausible values refer to: people of DH the fuzzer does not sign in as, and proposal serials. */
function context(): Context {
	const db = readDb();
	try {
		const own = ownWorkerIds(db);
		const people = db
			.prepare(
				`select w.employee_no from workers w join units u on u.id = w.unit_id where u.path like (select path from units where code = 'DH') || '%' and w.id not in (${own.join(',')})
				 order by exists (select 1 from honours h where h.worker_id = w.id) desc, exists (select 1 from users where worker_id = w.id) desc, w.id limit 12`
			)
			.pluck()
			.all() as string[];
		const serials = db.prepare('select serial from proposals where serial is not null order by id limit 5').pluck().all() as string[];
		return { people, serials };
	} finally {
		db.close();
	}
}

function recordIds(): number[] {
	const db = readDb();
	try {
		return db.prepare('select id from workers order by id desc limit 3').pluck().all().concat([1, 2, 3, 2 ** 31, 2 ** 53 + 1]) as number[];
	} finally {
		db.close();
	}
}

// ---------------------------------------------------------------- HTTP

let baseURL = '';
const cookies = new Map<Role, string>();
/** How the app answered the fuzzed posts, by status: shows how far past validation the fuzz got. */
const answered = new Map<string, number>();

interface Answer {
	status: number;
	type: string;
	text: string;
	location: string | null;
}

/** A body as bytes with its content type (FormData and URLSearchParams encoded as fetch would). */
async function encoded(body: RequestInit['body']): Promise<{ bytes: Buffer; type: string | null }> {
	if (body === undefined || body === null) return { bytes: Buffer.alloc(0), type: null };
	if (typeof body === 'string') return { bytes: Buffer.from(body), type: null };
	if (body instanceof ArrayBuffer) return { bytes: Buffer.from(body), type: null };
	const request = new Request('http://x/', { method: 'POST', body });
	return { bytes: Buffer.from(await request.arrayBuffer()), type: request.headers.get('content-type') };
}

/**
 * One request on a connection of its own (node:http, not fetch): when the app answers
 * before reading a large body (an action that takes no input) and then closes the
 * connection, the answer still counts, where fetch would only report the reset.
 */
async function send(role: Role, path: string, init: { method?: string; body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<Answer> {
	const { bytes, type } = await encoded(init.body);
	const headers: Record<string, string | number> = { origin: baseURL, accept: 'text/html', ...(role === 'anonymous' ? {} : { cookie: cookies.get(role) ?? '' }), ...(type ? { 'content-type': type } : {}), ...(init.headers ?? {}) };
	if (init.body !== undefined) headers['content-length'] = bytes.length;
	const method = init.method ?? 'GET';
	return new Promise<Answer>((resolve, reject) => {
		let answered = false;
		const req = http.request(baseURL + path, { method, headers, agent: false, timeout: 60_000 }, (res) => {
			answered = true;
			const ct = res.headers['content-type'] ?? '';
			const done = (text: string) => resolve({ status: res.statusCode ?? 0, type: ct, text, location: res.headers.location ?? null });
			// a live stream never ends: its headers are the answer
			if (ct.startsWith('text/event-stream')) {
				res.destroy();
				return done('');
			}
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => done(/html|json|^text\//.test(ct) ? Buffer.concat(chunks).toString('utf8') : ''));
			res.on('error', (e) => reject(new Error(`${method} ${path} as ${role}: answer cut off (${(e as NodeJS.ErrnoException).code ?? e.message})`)));
		});
		req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
		req.on('error', (e) => {
			// the upload may be cut once the answer has come: then the answer decides
			if (!answered) setTimeout(() => !answered && reject(new Error(`${method} ${path} as ${role}: no answer (${(e as NodeJS.ErrnoException).code ?? ''} ${e.message})`)), 100);
		});
		req.end(bytes);
	});
}

async function signIn(role: Role): Promise<void> {
	if (role === 'anonymous') return;
	const res = await fetch(`${baseURL}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: baseURL, accept: 'text/html' },
		body: new URLSearchParams({ identifier: ACCOUNTS[role], password: PASSWORD })
	});
	expect(res.status, `sign-in of ${role}`).toBe(303);
	cookies.set(role, res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
}

/** Texts of the internal-error page in every language. */
const INTERNAL = readdirSync(join(ROOT, 'src/lib/i18n/messages'))
	.filter((f) => f.endsWith('.json'))
	.flatMap((f) => {
		const msgs = JSON.parse(readFileSync(join(ROOT, 'src/lib/i18n/messages', f), 'utf8')) as Record<string, string>;
		return [msgs.err_internal, msgs.error_500_title].filter(Boolean);
	});

/** The properties every answer must have; throws a readable reason. */
function sound(what: string, a: Answer): void {
	let status = a.status;
	if (a.type.includes('json') && a.text.startsWith('{')) {
		try {
			const body = JSON.parse(a.text) as { type?: string; status?: number };
			if (body.type === 'error' && typeof body.status === 'number') status = Math.max(status, body.status);
		} catch {
			/* not JSON after all: the status line decides */
		}
	}
	if (status >= 500) throw new Error(`${what} → ${status}: ${a.text.slice(0, 300)}`);
	if (a.type.includes('html')) {
		const internal = INTERNAL.find((t) => a.text.includes(t));
		if (internal) throw new Error(`${what} → the internal-error page ("${internal}"), status ${a.status}`);
		const injected = unescapedInjections(a.text);
		if (injected.length) throw new Error(`${what} → hostile text rendered unescaped: ${injected.slice(0, 3).join('; ')} … ${snippet(a.text, injected[0].replace(/^raw "|…"$/g, '').slice(0, 12))}`);
	}
}

/** A GET that must be sound; returns the answer. */
async function visit(role: Role, path: string, what = `GET ${path} as ${role}`): Promise<Answer> {
	const a = await send(role, path, { headers: { accept: 'text/html' } });
	sound(what, a);
	return a;
}

function seedOf(key: string): number {
	let h = SEED | 0;
	for (const c of key) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
	return h;
}

interface Failure {
	target: string;
	message: string;
}

/** fast-check run whose failure reads well: the shortened counterexample, the seed and path to replay. */
const timings: [string, number][] = [];

async function check<T>(target: string, arb: fc.Arbitrary<T>, runs: number, predicate: (v: T) => Promise<void>): Promise<Failure | null> {
	const seed = seedOf(target);
	const started = Date.now();
	const out = await fc.check(fc.asyncProperty(arb, predicate), { numRuns: runs, seed, endOnFailure: !FULL });
	timings.push([target, Date.now() - started]);
	if (!out.failed) return null;
	const e = out.errorInstance;
	const cause = e instanceof Error && e.cause ? ` (cause: ${e.cause instanceof Error ? `${(e.cause as Error & { code?: string }).code ?? ''} ${e.cause.message}` : String(e.cause)})` : '';
	const error = (e instanceof Error ? e.message : String(e)) + cause;
	return {
		target,
		message: `${target}\n  ${error}\n  counterexample: ${readable(out.counterexample)}\n  replay: FUZZ_SEED=${SEED} FUZZ_ONLY='${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' (fast-check seed ${seed}, path ${out.counterexamplePath})`
	};
}

function report(kind: string, failures: Failure[], covered: number) {
	const slowest = timings.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)} s`);
	timings.length = 0;
	console.log(`[fuzz] ${kind}: ${covered} covered, ${failures.length} failing (seed ${SEED}, ${RUNS} runs each); slowest: ${slowest.join(', ')}`);
	expect(failures.map((f) => f.message), `${kind} that failed`).toEqual([]);
}

// ---------------------------------------------------------------- the suite

test.describe.configure({ mode: 'serial' });

const ACTIONS = discoverActions(ROUTES);
const PAGES = discoverPages(ROUTES);
const ENDPOINTS = discoverEndpoints(ROUTES);
const key = (a: ActionTarget) => `${a.route} ?/${a.name}`;

/** Creating actions first (their records then show up everywhere), removals and sign-in last. */
function rank(a: ActionTarget): number {
	if (['/login', '/activate', '/request-account'].includes(a.route)) return 3;
	if (/\/new$/.test(a.route) || /^(create|add)/.test(a.name)) return 0;
	if (/delete|remove|revoke|withdraw|unassign/i.test(a.name)) return 2;
	return 1;
}

test.beforeAll(async ({ baseURL: url }) => {
	baseURL = url!;
	console.log(`[fuzz] seed ${SEED} (FUZZ_SEED to replay), ${RUNS} runs per target; ${ACTIONS.length} actions, ${PAGES.length} pages, ${ENDPOINTS.length} endpoints found under src/routes`);
	for (const role of Object.keys(ACCOUNTS) as Role[]) await signIn(role);
});

interface Probe {
	role: Role;
	url: string;
	fields: FormField[];
	multipart: boolean;
	/** false when no page showed the action's form: the fields then come from the page's other forms */
	found: boolean;
}

/** Finds a page, parameters and role under which the action's form is shown, and reads its fields. */
async function probe(action: ActionTarget): Promise<Probe> {
	let fallback: Probe | null = null;
	let readOnly: Probe | null = null;
	for (const params of paramSets(action.route).slice(0, 14))
		for (const query of requiredQueries(action.route))
			for (const role of rolesFor(action.route)) {
				const url = fill(action.route, params) + query;
				const a = await send(role, url, { headers: { accept: 'text/html' } });
				if (a.status !== 200) continue;
				const forms = formsOf(a.text, url.split('?')[0]);
				const form = forms.find((f) => f.targets.includes(action.name));
				// a form shown read-only (a submitted sheet) is used only if no page shows it editable
				const editable = form && !form.fields.some((f) => 'readonly' in f.hints || 'disabled' in f.hints);
				if (form && editable) return { role, url, fields: form.fields, multipart: form.enctype.includes('multipart'), found: true };
				if (form) readOnly ??= { role, url, fields: form.fields, multipart: form.enctype.includes('multipart'), found: true };
				const seen = new Map(forms.filter((f) => f.method === 'POST').flatMap((f) => f.fields).map((f) => [f.name, f]));
				fallback ??= { role, url, fields: [...seen.values()], multipart: false, found: false };
			}
	return readOnly ?? fallback ?? { role: rolesFor(action.route)[0], url: fill(action.route, paramSets(action.route)[0] ?? {}) + requiredQueries(action.route)[0], fields: [], multipart: false, found: false };
}

const actionUrl = (url: string, name: string) => (name === 'default' ? url : `${url}${url.includes('?') ? '&' : '?'}/${name}`);

test('form actions: random and hostile fields never give a 5xx or an unescaped render', async () => {
	test.setTimeout(FULL ? 6 * 3600_000 : 240_000);
	const targets = ACTIONS.filter((a) => !SKIPPED[key(a)] && (!ONLY || ONLY.test(key(a)))).sort((a, b) => rank(a) - rank(b));
	const failures: Failure[] = [];
	const notRendered: string[] = [];
	const neverAccepted: string[] = [];
	const started = Date.now();
	for (const action of targets) {
		const p = await probe(action);
		if (!p.found) notRendered.push(`${key(action)} (as ${p.role} on ${p.url})`);
		const ctx = context();
		const arb = actionInput(p.fields, { ids: recordIds(), overlong: true, multipart: p.multipart, ctx });
		let accepted = 0;
		const failure = await check(key(action), arb, RUNS, async (input) => {
			const body = bodyOf(p.fields, input, ctx);
			const url = actionUrl(p.url, action.name);
			const a = await send(p.role, url, { method: 'POST', body, headers: input.enhanced ? { 'x-sveltekit-action': 'true', accept: 'application/json' } : { accept: 'text/html' } });
			sound(`POST ${url} as ${p.role}`, a);
			const outcome = a.type.includes('json') ? `${(JSON.parse(a.text) as { type: string }).type}` : String(a.status);
			answered.set(outcome, (answered.get(outcome) ?? 0) + 1);
			if (['success', 'redirect', '200', '303'].includes(outcome)) accepted++;
			if (a.location?.startsWith('/') && a.status >= 300 && a.status < 400) await visit(p.role, a.location, `GET ${a.location} (redirected from ${url}) as ${p.role}`);
			await visit(p.role, p.url, `GET ${p.url} as ${p.role} after POST ${url}`);
		});
		if (failure) failures.push(failure);
		if (accepted === 0) neverAccepted.push(`${key(action)} (as ${p.role})`);
		if (process.env.FUZZ_DEBUG) console.log(`[fuzz] ${key(action)} as ${p.role} on ${p.url}${p.found ? '' : ' (form not shown)'}: fields ${p.fields.map((f) => f.name).join(' ')}; ${accepted} of ${RUNS} accepted`);
		// the fuzzer's own sessions survive every action
		if (p.role !== 'anonymous') {
			const me = await send(p.role, '/me');
			expect(me.status, `session of ${p.role} after ${key(action)}`).toBe(200);
		}
	}
	console.log(`[fuzz] answers to fuzzed posts: ${[...answered].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
	console.log(`[fuzz] actions took ${((Date.now() - started) / 1000).toFixed(1)} s; skipped: ${Object.entries(SKIPPED).map(([k, v]) => `${k} (${v})`).join(', ')}`);
	if (notRendered.length) console.log(`[fuzz] ${notRendered.length} action(s) whose form no page showed in the current state, fuzzed with the page's other fields:\n  ${notRendered.join('\n  ')}`);
	console.log(`[fuzz] ${neverAccepted.length} action(s) accepted none of the fuzzed posts (validation, rules or permissions refused them all):\n  ${neverAccepted.join('\n  ')}`);
	report('form actions', failures, targets.length);
});

test('raw bodies: broken multipart, wrong content types and encodings never give a 5xx', async () => {
	test.setTimeout(FULL ? 3600_000 : 120_000);
	const targets = ACTIONS.filter((a) => !SKIPPED[key(a)] && (!ONLY || ONLY.test(key(a))));
	const failures: Failure[] = [];
	for (const action of targets) {
		const role = rolesFor(action.route)[0];
		const url = actionUrl(fill(action.route, paramSets(action.route)[0] ?? {}) + requiredQueries(action.route)[0], action.name);
		const failure = await check(`${key(action)} raw`, fc.tuple(rawBody, fc.boolean()), Math.max(1, Math.ceil(RUNS / 3)), async ([raw, enhanced]) => {
			const headers: Record<string, string> = { accept: enhanced ? 'application/json' : 'text/html', ...(enhanced ? { 'x-sveltekit-action': 'true' } : {}) };
			if (raw.contentType) headers['content-type'] = raw.contentType;
			const a = await send(role, url, { method: 'POST', body: raw.body, headers });
			sound(`POST ${url} as ${role} with ${raw.label}`, a);
		});
		if (failure) failures.push(failure);
	}
	// a form of 100,000 distinct keys is read in one pass, not once per key (which took minutes)
	const many = new URLSearchParams(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, String(i)]));
	const t0 = Date.now();
	sound('POST of 100,000 keys', await send('officer', '/officer/units?/create', { method: 'POST', body: many }));
	expect(Date.now() - t0, 'milliseconds to answer a form of 100,000 keys').toBeLessThan(10_000);
	// an action that does not exist, and a page without actions
	sound('POST to an unknown action', await send('officer', '/officer/workers?/nonexistent', { method: 'POST', body: new URLSearchParams({ a: '1' }) }));
	sound('POST to a page without actions', await send('officer', '/officer/audit', { method: 'POST', body: new URLSearchParams({ a: '1' }) }));
	report('raw bodies', failures, targets.length);
});

/** Names a page's GET forms (filters, search) send, read from the page. */
function queryNames(html: string, path: string): string[] {
	return [...new Set(formsOf(html, path).filter((f) => f.method === 'GET').flatMap((f) => f.fields.map((x) => x.name)))];
}

test('pages: hostile query strings and route parameters never give a 5xx or an unescaped render', async () => {
	test.setTimeout(FULL ? 3600_000 : 120_000);
	const failures: Failure[] = [];
	const pages = PAGES.filter((p) => !ONLY || ONLY.test(p.route));
	for (const { route, server } of pages) {
		let found: { role: Role; url: string; names: string[] } | null = null;
		for (const params of paramSets(route).slice(0, 2))
			for (const role of rolesFor(route)) {
				if (found) break;
				const url = fill(route, params) + requiredQueries(route)[0];
				const a = await send(role, url, { headers: { accept: 'text/html' } });
				sound(`GET ${url} as ${role}`, a);
				if (a.status === 200) found = { role, url, names: queryNames(a.text, url.split('?')[0]) };
			}
		const role = found?.role ?? rolesFor(route)[0];
		const base = found?.url ?? fill(route, paramSets(route)[0] ?? {});
		const names = [...new Set([...(found?.names ?? []), ...queryNamesInSource(server)])];
		const hostileParam = paramsOf(route).length ? hostileText({ ids: [1], overlong: false }).map((v) => fill(route, Object.fromEntries(paramsOf(route).map((n) => [n, v])))) : fc.constant(base.split('?')[0]);
		const failure = await check(`GET ${route}`, fc.tuple(queryOf(names, { ids: recordIds() }), hostileParam, fc.boolean()), RUNS, async ([query, path, keepParams]) => {
			const [p, q0] = (keepParams ? base : path).split('?');
			const qs = new URLSearchParams(q0 ?? '');
			for (const [k, v] of query) qs.append(k, v);
			await visit(role, `${p}?${qs}`);
		});
		if (failure) failures.push(failure);
	}
	report('pages', failures, pages.length);
});

test('endpoints: hostile parameters, queries, methods and JSON bodies never give a 5xx', async () => {
	test.setTimeout(FULL ? 3600_000 : 120_000);
	const failures: Failure[] = [];
	const endpoints = ENDPOINTS.filter((e) => !ONLY || ONLY.test(e.route));
	const aspectIds = (() => {
		const db = readDb();
		try {
			return db.prepare('select id from scheme_aspects order by id limit 40').pluck().all() as number[];
		} finally {
			db.close();
		}
	})();
	for (const ep of endpoints) {
		const role = rolesFor(ep.route).find((r) => r !== 'anonymous') ?? 'officer';
		const roles: Role[] = ['anonymous', role];
		const sets = paramSets(ep.route);
		const valid = fc.constantFrom(...(sets.length ? sets : [Object.fromEntries(paramsOf(ep.route).map((n) => [n, '1']))]));
		const params = paramsOf(ep.route).length ? fc.oneof(valid, hostileText({ ids: [1], overlong: false }).map((v) => Object.fromEntries(paramsOf(ep.route).map((n) => [n, v])))) : fc.constant({});
		for (const method of ep.methods) {
			const bodyArb = method === 'GET' ? fc.constant(null) : jsonBody({ ids: recordIds(), aspectIds });
			const failure = await check(`${method} ${ep.route}`, fc.tuple(params, queryOf(['q', 'worker', 'unit', 'year', 'status', 'format', 'page'], { ids: recordIds() }), fc.constantFrom(...roles), bodyArb), RUNS, async ([ps, query, who, body]) => {
				const qs = new URLSearchParams(query);
				const url = `${fill(ep.route, ps)}?${qs}`;
				const a = await send(who, url, body ? { method, body: body.body, headers: { 'content-type': 'application/json' } } : { method });
				sound(`${method} ${url} as ${who}${body ? ` with ${body.label}` : ''}`, a);
			});
			if (failure) failures.push(failure);
		}
		// methods an endpoint does not have are refused, never a 5xx
		const url = fill(ep.route, sets[0] ?? Object.fromEntries(paramsOf(ep.route).map((n) => [n, '1'])));
		for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'].filter((m) => !ep.methods.includes(m)).slice(0, FULL ? 4 : 1))
			sound(`${method} ${url}`, await send(role, url, { method, body: '{"a":1}', headers: { 'content-type': 'application/json' } }));
	}
	report('endpoints', failures, endpoints.length);
});

test('afterwards every page, as every role, renders the stored hostile records escaped', async () => {
	test.setTimeout(FULL ? 3600_000 : 120_000);
	const problems: string[] = [];
	let visited = 0;
	const roles: Role[] = ['anonymous', 'officer', 'admin', 'worker', 'chief', 'judge'];
	for (const { route } of PAGES) {
		if (ONLY && !ONLY.test(route)) continue;
		for (const params of paramSets(route))
			for (const role of roles) {
				const url = fill(route, params) + requiredQueries(route)[0];
				try {
					await visit(role, url);
				} catch (e) {
					problems.push((e as Error).message);
				}
				visited++;
			}
	}
	console.log(`[fuzz] crawl: ${visited} page views`);
	expect(problems).toEqual([]);
});

// ---------------------------------------------------------------- stored records

/** Text columns that hold a calendar day (YYYY-MM-DD). */
const DAY_COLUMN = /(_on|^registration_opens|^registration_closes)$/;
/** Text columns that hold a decimal as canonical text. */
const DECIMAL_COLUMNS: Record<string, string[]> = {
	schemes: ['factor'],
	scheme_modules: ['weight'],
	scheme_aspects: ['max', 'step', 'difficulty'],
	stages: ['carry_pct', 'own_pct', 'advance_min'],
	marks: ['value'],
	standings: ['total', 'own', 'previous'],
	events: ['excellence_min'],
	stage_entries: ['time'],
	proposals: ['mean_score'],
	proposal_reviews: ['score']
};
const DECIMAL = /^-?\d{1,15}(\.\d{1,12})?$/;
/** Day columns that may also hold a bare year (an honour conferred "in 2020"). */
const YEAR_OR_DAY = new Set(['honours.conferred_on']);

/** The object shape inside a schema wrapped in refinements and transforms. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
	let s = schema as unknown as { shape?: Record<string, z.ZodType>; _zod: { def: { in?: unknown; innerType?: unknown; schema?: unknown } } };
	while (!s.shape) s = (s._zod.def.in ?? s._zod.def.innerType ?? s._zod.def.schema) as typeof s;
	return s.shape;
}

/** A string schema's maximum length, looking through optional, pipes and transforms. */
function maxLengthOf(schema: unknown): number | null {
	const s = schema as { maxLength?: number | null; _zod?: { def: { in?: unknown; innerType?: unknown; schema?: unknown } } } | undefined;
	if (!s) return null;
	if (typeof s.maxLength === 'number') return s.maxLength;
	const d = s._zod?.def;
	return d ? (maxLengthOf(d.in) ?? maxLengthOf(d.innerType) ?? maxLengthOf(d.schema)) : null;
}

/** Stored texts and the form field (schema, field) that writes them. */
const COLUMN_LIMITS: [string, string, z.ZodType, string][] = [
	['competitions', 'title', competitionSchema, 'title'],
	['competitions', 'rules', competitionSchema, 'rules'],
	['events', 'name', eventSchema, 'name'],
	['events', 'trade', eventSchema, 'trade'],
	['stages', 'name', stageNameSchema, 'name'],
	['workers', 'name', workerSchema, 'name'],
	['workers', 'trade', workerSchema, 'trade'],
	['units', 'name', unitSchema, 'name'],
	['studios', 'name', studioSchema, 'name'],
	['studios', 'summary', studioSchema, 'summary'],
	['studio_achievements', 'title', achievementSchema, 'title'],
	['studio_achievements', 'note', achievementSchema, 'note'],
	['honours', 'title', honourSchema, 'title'],
	['honours', 'body', honourSchema, 'body'],
	['honours', 'citation', honourSchema, 'citation'],
	['unit_honours', 'title', unitHonourSchema, 'title'],
	['unit_honours', 'body', unitHonourSchema, 'body'],
	['unit_honours', 'citation', unitHonourSchema, 'citation'],
	['model_profiles', 'story', profileSchema, 'story'],
	['appeals', 'reason', appealSchema, 'reason'],
	['proposals', 'title', draftSchema, 'title'],
	['proposals', 'problem', draftSchema, 'problem'],
	['proposals', 'solution', draftSchema, 'solution'],
	['proposals', 'expected_benefit', draftSchema, 'expectedBenefit']
];

test('afterwards the database holds no invalid record', async () => {
	test.setTimeout(120_000);
	const sqlite = readDb();
	const problems: string[] = [];
	const all = <T>(sql: string) => sqlite.prepare(sql).all() as T[];
	try {
		expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(all('pragma foreign_key_check')).toEqual([]);

		// every column holds what its declaration says: types, enums, JSON, well-formed text, real days
		const tables = Object.values(schema).flatMap((t) => (is(t, SQLiteTable) ? [t] : []));
		let longest = 0;
		let stored = 0;
		for (const table of tables) {
			const config = getTableConfig(table);
			const rows = all<Record<string, unknown>>(`select * from "${config.name}"`);
			for (const col of config.columns) {
				const kind = col.columnType;
				const enumValues = (col as { enumValues?: string[] }).enumValues;
				for (const row of rows) {
					const v = row[col.name];
					const where = `${config.name}.${col.name} = ${readable(v)}`;
					if (v === null) {
						if (col.notNull) problems.push(`${where}: null in a not-null column`);
						continue;
					}
					if (kind.startsWith('SQLiteInteger') || kind === 'SQLiteTimestamp' || kind === 'SQLiteBoolean') {
						if (typeof v !== 'number' && typeof v !== 'bigint') problems.push(`${where}: not an integer`);
						else if (typeof v === 'number' && !Number.isSafeInteger(v)) problems.push(`${where}: not a safe integer`);
						if (kind === 'SQLiteBoolean' && v !== 0 && v !== 1) problems.push(`${where}: not a boolean`);
					} else if (kind === 'SQLiteText' || kind === 'SQLiteTextJson') {
						if (typeof v !== 'string') {
							problems.push(`${where}: not text`);
							continue;
						}
						if (v.includes(`<script>${MARKER}`) || v.includes(`onerror=${MARKER}`)) stored++;
						if (!v.isWellFormed()) problems.push(`${where}: lone surrogate`);
						if (kind === 'SQLiteText' && /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v)) problems.push(`${where}: a control character`);
						if (enumValues?.length && !enumValues.includes(v)) problems.push(`${where}: not one of ${enumValues.join('|')}`);
						if (kind === 'SQLiteTextJson') {
							try {
								JSON.parse(v);
							} catch {
								problems.push(`${where}: not JSON`);
							}
						} else longest = Math.max(longest, v.length);
						if (DAY_COLUMN.test(col.name) && !isDay(v) && !(YEAR_OR_DAY.has(`${config.name}.${col.name}`) && /^\d{4}$/.test(v))) problems.push(`${where}: not a calendar day`);
						if (DECIMAL_COLUMNS[config.name]?.includes(col.name) && !DECIMAL.test(v)) problems.push(`${where}: not a canonical decimal`);
					}
				}
			}
		}

		// no text longer than its form accepts (limits read from the zod schemas)
		for (const [table, column, schemaOf, field] of COLUMN_LIMITS) {
			const max = maxLengthOf(shapeOf(schemaOf)[field]);
			if (max === null) throw new Error(`no length limit found for ${field} (${table}.${column}): fix COLUMN_LIMITS`);
			for (const r of all<{ id: unknown; v: string }>(`select rowid as id, "${column}" as v from "${table}" where length("${column}") > ${max}`))
				problems.push(`${table}.${column} of row ${r.id}: ${r.v.length} characters, its form accepts ${max}`);
		}
		const max = Math.max(...COLUMN_LIMITS.map(([, , s, f]) => maxLengthOf(shapeOf(s)[f]) ?? 0));

		// domain rules cheap to state in SQL
		for (const r of all<{ proposal_id: number; total: number; n: number; bad: number }>(
			'select proposal_id, sum(share) total, count(*) n, sum(share < 1 or share > 100) bad from proposal_authors group by proposal_id'
		))
			if (r.total !== 100 || r.bad || r.n > MAX_COAUTHORS + 1) problems.push(`proposal ${r.proposal_id}: ${r.n} authors, shares total ${r.total}`);
		for (const r of all<{ sheet_id: number; aspect: string; value: string; max: string; kind: string }>(
			'select m.sheet_id, a.code aspect, m.value, a.max, a.kind from marks m join scheme_aspects a on a.id = m.aspect_id'
		)) {
			const v = Number(r.value);
			if (!Number.isFinite(v) || v < 0 || v > Number(r.max)) problems.push(`sheet ${r.sheet_id}, aspect ${r.aspect} (${r.kind}, max ${r.max}): mark ${r.value}`);
		}
		for (const r of all<{ id: number; starts_on: string; ends_on: string; registration_opens: string; registration_closes: string }>('select * from competitions'))
			if (r.starts_on > r.ends_on || r.registration_opens > r.registration_closes) problems.push(`competition ${r.id}: dates out of order (${r.registration_opens}–${r.registration_closes}, ${r.starts_on}–${r.ends_on})`);
		for (const r of all<{ reward_id: number; amount: number; total: number }>(
			'select s.reward_id, r.amount_fen amount, sum(s.amount_fen) total from proposal_reward_shares s join proposal_rewards r on r.id = s.reward_id group by s.reward_id'
		))
			if (r.amount !== r.total) problems.push(`reward ${r.reward_id}: shares pay ${r.total} fen of ${r.amount}`);
		for (const r of all<{ id: number; team_min: number; team_max: number }>('select id, team_min, team_max from events where team_min < 1 or team_max < team_min'))
			problems.push(`event ${r.id}: team size ${r.team_min}–${r.team_max}`);
		console.log(`[fuzz] database: ${tables.length} tables checked, ${stored} values hold a script marker; longest plain text ${longest} characters (forms accept up to ${max})`);
	} finally {
		sqlite.close();
	}

	// the results verifier: published figures equal the raw marks, the audit chain is intact
	const db = drizzle({ client: new Database(DB_FILE, { readonly: true }), schema });
	try {
		const verified = verifyResults(db as never);
		console.log(`[fuzz] verify: ${JSON.stringify(verified.checked)}`);
		expect(verified.problems).toEqual([]);
	} finally {
		db.$client.close();
	}
	expect(problems).toEqual([]);
});
