import { exact, type Exact } from './scoring/exact';

/**
 * Award rules of an event (奖项设置): by rank (一等奖 the top N, 二等奖 the next M …,
 * or gold, silver, bronze), by share of the ranked entrants, or by score threshold.
 * Everyone sharing the rank at a cut gets the better award, as contests do.
 */
/** What an officer chooses in 奖项设置 ('none': no awards), and how many tiers a rule has at most. */
export const AWARD_RULE_KINDS = ['none', 'rank', 'share', 'threshold'] as const;
export const MAX_TIERS = 6;

export type AwardRule =
	| { kind: 'rank'; tiers: (Tier & { count: number })[] }
	| { kind: 'share'; tiers: (Tier & { percent: number })[] }
	| { kind: 'threshold'; tiers: (Tier & { min: string })[] };

/** A tier's name, and the title (技术能手, 首席职工 …) it confers on the winners, if any. */
export interface Tier {
	name: string;
	honour?: string;
}

export interface Ranked {
	entryId: number;
	/** null while unranked (incomplete); unranked entries never get an award */
	rank: number | null;
	total: Exact | null;
}

/** Entry id → index of the tier awarded (0 = the best), for entries that win one. */
export function assignAwards(rows: Ranked[], rule: AwardRule): Map<number, number> {
	const ranked = rows.filter((r) => r.rank !== null && r.total !== null);
	const out = new Map<number, number>();
	if (rule.kind === 'threshold') {
		const mins = rule.tiers.map((t) => exact(t.min));
		for (const r of ranked) {
			const tier = mins.findIndex((min) => r.total!.compare(min) >= 0);
			if (tier >= 0) out.set(r.entryId, tier);
		}
		return out;
	}
	// cumulative cut-offs in ranks: tier i goes to every rank ≤ cut[i] not taken by a better tier
	const cuts: number[] = [];
	let sum = 0;
	for (const t of rule.tiers) {
		sum += rule.kind === 'rank' ? (t as { count: number }).count : Math.floor((ranked.length * (t as { percent: number }).percent) / 100);
		cuts.push(sum);
	}
	for (const r of ranked) {
		const tier = cuts.findIndex((cut) => r.rank! <= cut);
		if (tier >= 0) out.set(r.entryId, tier);
	}
	return out;
}

/**
 * A standardised score, computed on read and never stored over raw marks: the
 * event's median maps to `centre`, and one robust spread (1.4826 × the median
 * absolute deviation, which equals the standard deviation for normal data) to
 * `spread` points. Robust, so one outstanding or failed entrant does not move
 * everyone else. Null when the spread is zero (everyone scored the same).
 */
export function standardise(totals: number[], centre = 100, spread = 10): ((x: number) => number) | null {
	if (totals.length === 0) return null;
	const median = medianOf(totals);
	const mad = medianOf(totals.map((x) => Math.abs(x - median))) * 1.4826;
	if (mad === 0) return null;
	return (x: number) => centre + ((x - median) / mad) * spread;
}

function medianOf(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
