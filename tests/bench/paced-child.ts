/**
 * The paced part of `npm run bench` in a process of its own: the leaderboard at a steady
 * rate while score sheets go in at theirs, both open-loop (paced.ts). A fresh process
 * with nothing else in its heap: run from the bench's own process, which by then holds
 * the datasets' sheet lists and autocannon's runs, the sender's pauses measured 14–24 ms
 * and were charged to the server as waiting.
 *
 *   tsx tests/bench/paced-child.ts JOB.json   prints {"board": PacedRun, "sheets": PacedRun}
 */
import { readFileSync } from 'node:fs';
import { paced, type PacedRequest } from './paced';

export interface PacedJob {
	origin: string;
	seconds: number;
	warmupSeconds: number;
	board: { path: string; rate: number; connections: number };
	/** every sheet the run may send, in order (rate × (seconds + warm-up) at least) */
	sheets: { rate: number; connections: number; requests: PacedRequest[] };
}

const job: PacedJob = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { origin, seconds, warmupSeconds } = job;
const boardRequest = { path: job.board.path };
const [board, sheets] = await Promise.all([
	paced({ origin, rate: job.board.rate, seconds, warmupSeconds, connections: job.board.connections, next: () => boardRequest }),
	paced({ origin, rate: job.sheets.rate, seconds, warmupSeconds, connections: job.sheets.connections, next: (i) => job.sheets.requests[i] ?? null })
]);
process.stdout.write(JSON.stringify({ board, sheets }));
