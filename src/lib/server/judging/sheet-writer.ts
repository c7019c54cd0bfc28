import { AsyncLocalStorage } from 'node:async_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { getLocale, overwriteServerAsyncLocalStorage, type Locale } from '$lib/paraglide/runtime';
import { DEFAULT_DATABASE_URL, noteCommitElsewhere, openDb, type DB } from '../db';
import type { Actor } from '../auth/actor';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from '../errors';
import { saveSheet, type SheetInput } from './sheets';

/**
 * Judges' sheets are written on a thread of their own.
 *
 * At a venue every judge submits at once, and `saveSheet` (checks, marks, the entry's
 * standing, the audit row, the commit) costs more than the request around it. On a
 * worker thread with a connection of its own, it runs beside the main thread, which goes
 * on answering requests (the venue's boards among them) meanwhile. The worker takes the
 * sheets one after another, as the main thread did; the answer goes out only once the
 * sheet's transaction has committed, so a judge's 200 always means a stored sheet.
 *
 * The worker runs this very module of the production build: `import.meta.url` is the
 * built chunk it is in, and a worker started there with the role below serves sheets.
 * Under Vite's dev server and in Vitest the module is TypeScript, which a worker cannot
 * run: there `writeSheet` calls `saveSheet` on the calling thread, the same service with
 * the same checks (sheet-writer.test.ts starts the worker under tsx).
 */
const ROLE = 'jiangong.sheet-writer';

interface SheetJob {
	id: number;
	actor: Actor | null;
	stageId: number;
	entryId: number;
	input: SheetInput;
	locale: Locale;
}

type Saved = ReturnType<typeof saveSheet>;
/** A service error as it crosses between threads (a class does not survive the copy). */
type WireError =
	| { kind: 'rule'; errors: Record<string, string> }
	| { kind: 'forbidden'; action: string; reason?: string }
	| { kind: 'notFound'; entity: string }
	| { kind: 'notSignedIn' }
	| { kind: 'crash'; message: string };
type SheetReply = { id: number; saved: Saved } | { id: number; error: WireError };

function toWire(e: unknown): WireError {
	if (e instanceof RuleError) return { kind: 'rule', errors: e.errors };
	if (e instanceof ForbiddenError) return { kind: 'forbidden', action: e.action, reason: e.reason };
	if (e instanceof NotFoundError) return { kind: 'notFound', entity: e.entity };
	if (e instanceof NotSignedInError) return { kind: 'notSignedIn' };
	return { kind: 'crash', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

function fromWire(e: WireError): Error {
	switch (e.kind) {
		case 'rule':
			return new RuleError(e.errors);
		case 'forbidden':
			return new ForbiddenError(e.action, e.reason);
		case 'notFound':
			return new NotFoundError(e.entity);
		case 'notSignedIn':
			return new NotSignedInError();
		default:
			return new Error(`sheet writer: ${e.message}`);
	}
}

/* ----------------------------------------------------------- the worker's side */
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[ROLE]) {
	const port = parentPort;
	// messages read the language from the request's store, as under the hooks
	const store = new AsyncLocalStorage<{ locale?: Locale }>();
	overwriteServerAsyncLocalStorage(store);
	const db = openDb((workerData as Record<string, string>).databaseUrl);
	port.on('message', (job: SheetJob) => {
		let reply: SheetReply;
		try {
			reply = { id: job.id, saved: store.run({ locale: job.locale }, () => saveSheet(db, job.actor, job.stageId, job.entryId, job.input)) };
		} catch (e) {
			reply = { id: job.id, error: toWire(e) };
		}
		port.postMessage(reply);
	});
}

/* ------------------------------------------------------------ the caller's side */
type Pending = { resolve: (saved: Saved) => void; reject: (e: Error) => void };
export type SheetWriter = ReturnType<typeof startSheetWriter>;

/**
 * Starts a writer: `start` runs this module on a worker with the data given (the server
 * runs its build; a test, the TypeScript under tsx). Should it fail or exit, the sheets
 * waiting for it are refused (the judge sees an error and the tablet keeps the marks)
 * and `gone` is called.
 */
export function startSheetWriter(databaseUrl: string, start: (workerData: object) => Worker, gone?: () => void) {
	const pending = new Map<number, Pending>();
	let next = 0;
	const worker = start({ [ROLE]: true, databaseUrl });
	worker.on('message', (reply: SheetReply) => {
		const p = pending.get(reply.id);
		pending.delete(reply.id);
		if ('error' in reply) return p?.reject(fromWire(reply.error));
		// the page cache learns of the write before the judge does (a refused sheet wrote nothing)
		noteCommitElsewhere();
		p?.resolve(reply.saved);
	});
	const fail = (e: Error) => {
		gone?.();
		for (const p of pending.values()) p.reject(e);
		pending.clear();
	};
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`sheet writer exited with code ${code}`)));
	// the server exits without waiting for it (after its listeners, which would ref it again)
	worker.unref();
	return {
		worker,
		save(actor: Actor | null, stageId: number, entryId: number, input: SheetInput, locale: Locale = getLocale()) {
			const id = ++next;
			return new Promise<Saved>((resolve, reject) => {
				pending.set(id, { resolve, reject });
				worker.postMessage({ id, actor, stageId, entryId, input, locale } satisfies SheetJob);
			});
		}
	};
}

/**
 * The writer's heap. Its live data is a few MB; left to V8's defaults its young generation
 * grows to 48 MB under a venue's load. Measured over 60 s of sheets (large dataset):
 * 1,738 and 1,883 sheets/s with an 8 MB young generation against 1,767 and 1,786
 * without, the worker's whole heap then at 25–27 MB.
 */
const WRITER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/**
 * Whether sheets are saved on the calling thread rather than the writer's: where this module
 * is not a built file a worker can run (TypeScript under vite dev and Vitest), for an
 * in-memory database (the main connection's alone: another connection would open an empty
 * one), and when `SHEET_WRITER=inline` asks so.
 */
export function savesInline(module: URL, database: string, mode: string | undefined): boolean {
	const inMemory = database.replace(/^file:/, '') === ':memory:';
	return module.protocol !== 'file:' || !module.pathname.endsWith('.js') || inMemory || mode === 'inline';
}

let writer: SheetWriter | null | undefined;

/** The server's writer, started on first use; null where this module cannot run as a worker. */
function serverWriter(): SheetWriter | null {
	if (writer !== undefined) return writer;
	const self = new URL(import.meta.url);
	const database = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
	if (savesInline(self, database, process.env.SHEET_WRITER)) return (writer = null);
	const started = startSheetWriter(
		database,
		(workerData) => new Worker(self, { workerData, resourceLimits: WRITER_HEAP }),
		// the next sheet starts a new one
		() => void (writer === started && (writer = undefined))
	);
	return (writer = started);
}

/** Saves or submits a judge's sheet as `saveSheet` does, on the writer's thread where there is one. */
export async function writeSheet(db: DB, actor: Actor | null, stageId: number, entryId: number, input: SheetInput): Promise<Saved> {
	const w = serverWriter();
	return w ? w.save(actor, stageId, entryId, input) : saveSheet(db, actor, stageId, entryId, input);
}
