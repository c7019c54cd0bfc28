import net from 'node:net';
import { HTTPParser } from 'http-parser-js';

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
}

interface Due {
	bytes: Buffer;
	dueAt: number;
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
 * burst at full load, then idleness. Like autocannon, it writes raw HTTP/1.1 and parses
 * answers with http-parser-js, so one process can keep up with a fast server.
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
	const latencies: number[] = [];
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
	class Connection {
		socket = net.connect(Number(port), hostname);
		parser = new HTTPParser(HTTPParser.RESPONSE);
		current: Due | null = null;
		status = 0;
		constructor() {
			this.socket.setNoDelay(true);
			this.parser[HTTPParser.kOnHeadersComplete] = (info: { statusCode: number }) => {
				this.status = info.statusCode;
			};
			this.parser[HTTPParser.kOnBody] = () => {};
			this.parser[HTTPParser.kOnMessageComplete] = () => this.done(this.status);
			this.socket.on('data', (chunk) => this.parser.execute(chunk));
			this.socket.on('error', () => {
				if (this.current) {
					errors++;
					this.done(0);
				}
			});
		}
		send(d: Due) {
			this.current = d;
			this.socket.write(d.bytes);
		}
		done(status: number) {
			const d = this.current;
			if (!d) return;
			this.current = null;
			answered++;
			if (!d.warmup) latencies.push(performance.now() - d.dueAt);
			if (status < 200 || status >= 300) non2xx++;
			if (status >= 500) status5xx++;
			const waiting = queue.shift();
			if (waiting) this.send(waiting);
			else idle.push(this);
			settle();
		}
	}
	for (let i = 0; i < opts.connections; i++) idle.push(new Connection());

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
				maxLagMs = Math.max(maxLagMs, now - dueAt);
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
	await finished;
	const elapsed = (performance.now() - start) / 1000 - (opts.warmupSeconds ?? 0);
	for (const c of idle) c.socket.destroy();
	latencies.sort((a, b) => a - b);
	const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0);
	const round = (ms: number) => Math.round(ms * 10) / 10;
	return { rps: latencies.length / elapsed, p50: round(at(0.5)), p99: round(at(0.99)), requests: latencies.length, non2xx, status5xx, errors, maxLagMs: round(maxLagMs) };
}
