/**
 * Pure statistics behind the chief judge's consistency view: how far a panel
 * of judges agrees on the same entries, and which judges or marks stand out.
 */

/**
 * Ranks in the statistics convention (1 = smallest). Ties share the average of
 * the ranks they span, so the ranks always sum to n(n+1)/2 and rank-based
 * statistics stay unbiased when judges give equal scores.
 */
export function rankWithTies(values: number[]): number[] {
	const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
	const ranks = new Array<number>(values.length);
	let start = 0;
	while (start < order.length) {
		let end = start;
		while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
		// Positions start..end hold ranks start+1..end+1; their average is the midpoint.
		const shared = (start + end) / 2 + 1;
		for (let p = start; p <= end; p++) ranks[order[p]] = shared;
		start = end + 1;
	}
	return ranks;
}

/** Throws on ragged input: a missing mark would silently skew every statistic below. */
function dimensions(scores: number[][]): { rows: number; cols: number } {
	const cols = scores.length > 0 ? scores[0].length : 0;
	for (const row of scores) {
		if (row.length !== cols) throw new RangeError('scores must be rectangular: every judge must score every entry');
	}
	return { rows: scores.length, cols };
}

/** Σ(t³ − t) over groups of equal values; feeds the tie correction of Kendall's W. */
function tieTerm(values: number[]): number {
	const counts = new Map<number, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	let sum = 0;
	for (const t of counts.values()) sum += t * t * t - t;
	return sum;
}

export interface KendallW {
	w: number;
	chiSquare: number;
	df: number;
	m: number;
	n: number;
}

/**
 * Kendall's coefficient of concordance, tie-corrected. `scores[j][i]` is judge
 * j's score for entry i. Returns null when agreement is undefined: fewer than
 * two judges or entries, or no judge separates any entries at all.
 */
export function kendallW(scores: number[][]): KendallW | null {
	const { rows: m, cols: n } = dimensions(scores);
	if (m < 2 || n < 2) return null;

	const rankSums = new Array<number>(n).fill(0);
	let ties = 0;
	for (const row of scores) {
		rankWithTies(row).forEach((r, i) => (rankSums[i] += r));
		ties += tieTerm(row);
	}

	// Every judge's ranks sum to n(n+1)/2, so the mean rank sum is known exactly.
	const meanRankSum = (m * (n + 1)) / 2;
	const s = rankSums.reduce((acc, r) => acc + (r - meanRankSum) ** 2, 0);
	const denominator = m * m * (n ** 3 - n) - m * ties;
	if (denominator === 0) return null;

	const w = (12 * s) / denominator;
	return { w, chiSquare: m * (n - 1) * w, df: n - 1, m, n };
}

export interface Icc {
	icc21: number;
	icc31: number;
	icc2k: number;
	icc3k: number;
}

/**
 * Intraclass correlations after Shrout & Fleiss (1979), from a two-way ANOVA of
 * entries (targets, n) × judges (raters, k). Takes the same judges-outer layout
 * as kendallW so callers can hand one matrix to both.
 */
export function icc(scores: number[][]): Icc | null {
	const { rows: k, cols: n } = dimensions(scores);
	if (k < 2 || n < 2) return null;

	let total = 0;
	let maxAbs = 0;
	const entryMeans = new Array<number>(n).fill(0);
	const judgeMeans = scores.map((row) => row.reduce((a, b) => a + b, 0) / n);
	for (const row of scores) {
		row.forEach((x, i) => {
			entryMeans[i] += x / k;
			total += x;
			maxAbs = Math.max(maxAbs, Math.abs(x));
		});
	}
	const grand = total / (n * k);

	let ssTotal = 0;
	for (const row of scores) for (const x of row) ssTotal += (x - grand) ** 2;
	const ssEntries = k * entryMeans.reduce((acc, mu) => acc + (mu - grand) ** 2, 0);
	const ssJudges = n * judgeMeans.reduce((acc, mu) => acc + (mu - grand) ** 2, 0);
	const ssError = ssTotal - ssEntries - ssJudges;

	const bms = ssEntries / (n - 1);
	const jms = ssJudges / (k - 1);
	const ems = ssError / ((n - 1) * (k - 1));

	const d21 = bms + (k - 1) * ems + (k * (jms - ems)) / n;
	const d31 = bms + (k - 1) * ems;
	const d2k = bms + (jms - ems) / n;
	const d3k = bms;
	// Rounding leaves ~1e-16-relative residue where the exact value is 0 (e.g.
	// identical marks everywhere); treat that as zero rather than divide by noise.
	const tolerance = 1e-12 * maxAbs * maxAbs;
	if ([d21, d31, d2k, d3k].some((d) => Math.abs(d) <= tolerance)) return null;

	const between = bms - ems;
	return { icc21: between / d21, icc31: between / d31, icc2k: between / d2k, icc3k: between / d3k };
}

export interface PanelMark {
	judgeId: number;
	entryId: number;
	aspectId: number;
	value: number;
}

const cellKey = (mark: PanelMark) => `${mark.entryId}:${mark.aspectId}`;

function groupByCell(marks: PanelMark[]): Map<string, PanelMark[]> {
	const cells = new Map<string, PanelMark[]>();
	for (const mark of marks) {
		const key = cellKey(mark);
		const cell = cells.get(key);
		if (cell) cell.push(mark);
		else cells.set(key, [mark]);
	}
	return cells;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Marks that sit further than the aspect's threshold from the median of the
 * other judges on the same entry and aspect. The mark itself is left out of
 * the median so that, in a small panel, it cannot pull the reference towards
 * itself and hide.
 */
export function outlierMarks(marks: PanelMark[], threshold: (aspectId: number) => number): PanelMark[] {
	const cells = groupByCell(marks);
	return marks.filter((mark) => {
		const others = cells
			.get(cellKey(mark))!
			.filter((other) => other !== mark)
			.map((other) => other.value);
		if (others.length === 0) return false;
		return Math.abs(mark.value - median(others)) > threshold(mark.aspectId);
	});
}

export interface JudgeProfile {
	judgeId: number;
	marks: number;
	meanNormalised: number;
	meanDeviation: number;
	deviationSpread: number;
}

/**
 * Per-judge leniency and erraticness. Values are divided by the aspect's scale
 * so that aspects marked out of 5 and out of 20 weigh the same. A positive
 * meanDeviation means the judge is more generous than the panel; a large
 * deviationSpread means the judge's departures from the panel are inconsistent
 * rather than a steady bias.
 */
export function judgeProfiles(marks: PanelMark[], scaleOf: (aspectId: number) => number): JudgeProfile[] {
	const panelMean = new Map<string, number>();
	for (const [key, cell] of groupByCell(marks)) {
		panelMean.set(key, cell.reduce((acc, m) => acc + m.value, 0) / cell.length);
	}

	const byJudge = new Map<number, { normalised: number[]; deviations: number[] }>();
	for (const mark of marks) {
		const scale = scaleOf(mark.aspectId);
		let judge = byJudge.get(mark.judgeId);
		if (!judge) byJudge.set(mark.judgeId, (judge = { normalised: [], deviations: [] }));
		judge.normalised.push(mark.value / scale);
		judge.deviations.push((mark.value - panelMean.get(cellKey(mark))!) / scale);
	}

	const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
	return [...byJudge.entries()]
		.sort(([a], [b]) => a - b)
		.map(([judgeId, { normalised, deviations }]) => {
			const meanDeviation = mean(deviations);
			return {
				judgeId,
				marks: normalised.length,
				meanNormalised: mean(normalised),
				meanDeviation,
				deviationSpread: Math.sqrt(mean(deviations.map((d) => (d - meanDeviation) ** 2)))
			};
		});
}
