import { exact, roundHalfUp, type Exact } from './exact';

/**
 * Standings: totals ranked with standard competition ranking (equal totals share a
 * rank: 1, 1, 3) after a tie-break chain. Everything that decides an order is folded
 * into one fixed-width text key, so the database orders a stage's standings by an
 * index and a rank is "1 + how many keys are greater" — the same work at 20 entries
 * and at 20,000, with no re-ranking when one entry's score changes.
 */
export type TieBreak =
	/** higher score in this module first (e.g. the practical module) */
	| { kind: 'module'; moduleId: number }
	/** shorter completion time first */
	| { kind: 'time' }
	/** higher score in this stage alone (without what was carried forward) first */
	| { kind: 'own' }
	/** higher total in the previous stage first */
	| { kind: 'previous' };

export interface RankFigures {
	total: Exact;
	modules: { moduleId: number; raw: Exact }[];
	own: Exact;
	previous: Exact | null;
	/** completion time in seconds, if the stage records one */
	time: Exact | null;
}

const WIDTH = 16;
const OFFSET = 10n ** 15n;
const SCALE = 10n ** 4n;

function scaled(x: Exact, decimals: number): bigint {
	const r = roundHalfUp(x, decimals);
	return (r.n * SCALE * (r.s < 0 ? -1n : 1n)) / r.d;
}

const pad = (n: bigint) => n.toString().padStart(WIDTH, '0');
/** greater-is-better component; absent values sort last */
const higher = (x: Exact | null, decimals: number) => (x === null ? pad(0n) : pad(OFFSET + scaled(x, decimals)));
/** smaller-is-better component; absent values sort last */
const lower = (x: Exact | null, decimals: number) => (x === null ? pad(0n) : pad(OFFSET - scaled(x, decimals)));

/**
 * The order key of a complete entry: compare keys as text, greater is better.
 * Figures are compared as published, i.e. rounded to the scheme's decimals.
 */
export function sortKey(f: RankFigures, chain: TieBreak[], decimals: number): string {
	const parts = [higher(f.total, decimals)];
	for (const t of chain) {
		switch (t.kind) {
			case 'module':
				parts.push(higher(f.modules.find((m) => m.moduleId === t.moduleId)?.raw ?? null, decimals));
				break;
			case 'time':
				parts.push(lower(f.time, 4));
				break;
			case 'own':
				parts.push(higher(f.own, decimals));
				break;
			case 'previous':
				parts.push(higher(f.previous, decimals));
				break;
		}
	}
	return parts.join('');
}

/** Standard competition ranks for keys (null = not ranked yet), in input order. */
export function competitionRanks(keys: (string | null)[]): (number | null)[] {
	const ranked = keys.filter((k): k is string => k !== null).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
	const first = new Map<string, number>();
	ranked.forEach((k, i) => {
		if (!first.has(k)) first.set(k, i + 1);
	});
	return keys.map((k) => (k === null ? null : first.get(k)!));
}

/**
 * Ranks for one page of standings ordered by key (descending). `offset` is how many
 * ranked entries come before the page; `aboveFirst` is how many of them have a key
 * greater than the page's first key (fewer than `offset` when a tie crosses the page
 * border). 1, 1, 3 then carries across page borders.
 */
export function pageRanks(keysInOrder: string[], offset: number, aboveFirst: number): number[] {
	const ranks: number[] = [];
	keysInOrder.forEach((k, i) => {
		if (i === 0) ranks.push(aboveFirst + 1);
		else ranks.push(k === keysInOrder[i - 1] ? ranks[i - 1] : offset + i + 1);
	});
	return ranks;
}

export type Advancement = { kind: 'top'; count: number } | { kind: 'threshold'; min: string };

/**
 * Who goes on to the next stage: the top N by rank (everyone sharing the N-th rank
 * goes too), or everyone whose total reaches the threshold. Unranked entries never do.
 */
export function advancing<T extends { rank: number | null; total: Exact | null }>(rows: T[], rule: Advancement): T[] {
	if (rule.kind === 'top') return rows.filter((r) => r.rank !== null && r.rank <= rule.count);
	const min = exact(rule.min);
	return rows.filter((r) => r.rank !== null && r.total !== null && r.total.compare(min) >= 0);
}

