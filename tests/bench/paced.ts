import net from 'node:net';
import { ResponseFramer } from './framer';

/** One request of a paced run. */
export interface PacedRequest {
	method?: string;
	path: string;
	headers?: Record<string, string>;
	body?: string;
}

export interface PacedRun {
	/** requests answered per second over the run */
	rps: number;
	p50: number;
	p99: number;
	requests: number;
	non2xx: number;
	status5xx: number;
	errors: number;
	/** how far behind its schedule the sender ever was, in ms (a sender that cannot keep up shows here) */
	maxLagMs: number;
	/** p99 from the moment each request was written to its socket (no wait in the sender counted) */
	p99Written: number;
}

interface Due {
	bytes: Buffer;
	dueAt: number;
	/** when it was written to a socket (later than due when all were busy or the sender was late) */
	sentAt?: number;
	/** part of the warm-up: answered, not counted */
	warmup: boolean;
}

/**
 * An open-loop load at a steady rate: request i is due at start + i/rate and goes out
 * then, on the first of `connections` kept-alive sockets that is free (it waits its
 * turn in the sender when all are busy). Its latency counts from when it was due, so
 * a server that falls behind is charged for the wait (no coordinated omission). This is
 * what "p99 at a given rate" means; autocannon's rate limit instead sends each
 * connection's quota for the second as fast as it can at the start of the second: a
 * burst at full load, then idleness. It writes raw HTTP/1.1 and reads of each answer only
 * its status and where it ends (framer.ts), so one process keeps up with a fast server
 * without collecting garbage in pauses it would charge to the server.
 */
export async function paced(opts: {
	origin: string;
	rate: number;
	seconds: number;
	connections: number;
	/** the i-th request, or null when there is nothing more to send */
	next: (i: number) => PacedRequest | null;
	/** seconds at the same rate before those measured: connections, JIT and caches settle */
	warmupSeconds?: number;
}): Promise<PacedRun> {
	const { hostname, port, host } = new URL(opts.origin);
	const queue: Due[] = [];
	let non2xx = 0;
	let status5xx = 0;
	let errors = 0;
	let sent = 0;
	let answered = 0;
	let maxLagMs = 0;
	let exhausted = false;
	const interval = 1000 / opts.rate;
	const warmup = Math.round(opts.rate * (opts.warmupSeconds ?? 0));
	const total = warmup + Math.round(opts.rate * opts.seconds);
	// typed and allocated once: a growing array of 100,000 numbers is garbage the sender
	// would collect while it should be sending
	const latencies = new Float64Array(total);
	/** from the moment each was written to its answer: the server's part alone */
	const answers = new Float64Array(total);
	let measured = 0;
	const encoded = new Map<PacedRequest, Buffer>();
	const encode = (r: PacedRequest) => {
		let bytes = encoded.get(r);
		if (!bytes) {
			const body = r.body === undefined ? undefined : Buffer.from(r.body);
			const head = [`${r.method ?? 'GET'} ${r.path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
			for (const [name, value] of Object.entries(r.headers ?? {})) head.push(`${name}: ${value}`);
			if (body) head.push(`content-length: ${body.length}`);
			bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body ?? Buffer.alloc(0)]);
			// a request object handed out again (a fixed GET) is encoded once
			if (body === undefined) encoded.set(r, bytes);
		}
		return bytes;
	};

	let allAnswered!: () => void;
	const finished = new Promise<void>((r) => (allAnswered = r));
	const settle = () => {
		if ((sent >= total || exhausted) && answered === sent) allAnswered();
	};

	const idle: Connection[] = [];
	let closing = false;
	class Connection {
		socket!: net.Socket;
		current: Due | null = null;
		constructor() {
			this.open();
		}
		/** A kept-alive socket; a new one when the server closes it (a request on it then counts as an error). */
		open() {
			const socket = net.connect(Number(port), hostname);
			const framer = new ResponseFramer((status) => this.done(status));
			this.socket = socket;
			socket.setNoDelay(true);
			socket.on('data', (chunk) => framer.execute(chunk));
			socket.on('error', () => {}); // 'close' follows
			let connected = false;
			socket.on('connect', () => (connected = true));
			socket.on('close', () => {
				if (closing || this.socket !== socket) return;
				// a server that went away is not called again and again: its requests stay unanswered
				if (connected) this.open();
				if (this.current) {
					errors++;
					this.done(0);
				}
			});
		}
		send(d: Due) {
			d.sentAt = performance.now();
			this.current = d;
			this.socket.write(d.bytes);
		}
		done(status: number) {
			const d = this.current;
			if (!d) return;
			this.current = null;
			answered++;
			if (!d.warmup) {
				const now = performance.now();
				latencies[measured] = now - d.dueAt;
				answers[measured++] = now - d.sentAt!;
			}
			if (status < 200 || status >= 300) non2xx++;
			if (status >= 500) status5xx++;
			const waiting = queue.shift();
			if (waiting) this.send(waiting);
			else idle.push(this);
			settle();
		}
	}
	const connections = Array.from({ length: opts.connections }, () => new Connection());
	idle.push(...connections);

	const start = performance.now();
	await new Promise<void>((sendersDone) => {
		const tick = () => {
			const now = performance.now();
			while (sent < total && !exhausted && start + sent * interval <= now) {
				const dueAt = start + sent * interval;
				const req = opts.next(sent);
				if (!req) {
					exhausted = true;
					break;
				}
				if (sent >= warmup) maxLagMs = Math.max(maxLagMs, now - dueAt);
				sent++;
				const d = { bytes: encode(req), dueAt, warmup: sent <= warmup };
				const free = idle.pop();
				if (free) free.send(d);
				else queue.push(d);
			}
			if (sent >= total || exhausted) sendersDone();
			else setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
		};
		tick();
	});
	settle();
	// answers still missing 30 s after the last request was due count as errors
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([finished, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
	clearTimeout(timer);
	errors += sent - answered;
	const elapsed = (performance.now() - start) / 1000 - (opts.warmupSeconds ?? 0);
	closing = true;
	for (const c of connections) c.socket.destroy();
	const sorted = (list: Float64Array) => list.subarray(0, measured).sort();
	const [byLatency, byAnswer] = [sorted(latencies), sorted(answers)];
	const pick = (list: Float64Array, q: number) => (list.length ? list[Math.min(list.length - 1, Math.floor(q * list.length))] : 0);
	const at = (q: number) => pick(byLatency, q);
	const round = (ms: number) => Math.round(ms * 10) / 10;
	return { rps: measured / elapsed, p50: round(at(0.5)), p99: round(at(0.99)), requests: measured, non2xx, status5xx, errors, maxLagMs: round(maxLagMs), p99Written: round(pick(byAnswer, 0.99)) };
}
