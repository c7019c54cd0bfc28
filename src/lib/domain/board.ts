/** What live boards (venue screen, public and jury views) carry to the browser. */

/** One line of a board: blind code only, so the public never de-blinds the judges. */
export interface BoardRow {
	rank: number | null;
	code: string;
	/** null while the entry is still being marked */
	total: string | null;
	/** sheets in / sheets expected while incomplete */
	progress: string | null;
}

export interface Board {
	stageId: number;
	stageName: string;
	stageStatus: string;
	eventId: number;
	eventName: string;
	competitionTitle: string;
	scored: number;
	entries: number;
	rows: BoardRow[];
	/** when these standings were read (ms) */
	at: number;
	/** when the board was frozen (ms), if it is */
	frozenAt: number | null;
}

/** One entry's total after each change, for the standings-over-time chart. */
export interface HistoryLine {
	code: string;
	points: { at: number; total: number }[];
}

/** Bins of a histogram of totals: `width` wide from `start`, for the score distribution chart. */
export function histogram(totals: number[], bins = 10): { start: number; width: number; counts: number[] } | null {
	if (totals.length === 0) return null;
	const lo = Math.min(...totals);
	const hi = Math.max(...totals);
	if (lo === hi) return { start: lo, width: 1, counts: [totals.length] };
	const raw = (hi - lo) / bins;
	// a round bin width (1, 2, 2.5, 5 × 10^k) so the axis reads like a paper table
	const pow = 10 ** Math.floor(Math.log10(raw));
	const width = [1, 2, 2.5, 5, 10].map((f) => f * pow).find((w) => w >= raw)!;
	const start = Math.floor(lo / width) * width;
	const n = Math.floor((hi - start) / width) + 1;
	const counts = new Array(n).fill(0);
	for (const t of totals) counts[Math.min(n - 1, Math.floor((t - start) / width))]++;
	return { start, width, counts };
}
