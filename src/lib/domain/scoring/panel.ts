import { sum, type Exact } from './exact';
import type { ScoringRules } from './scheme';

const ascending = (xs: Exact[]) => [...xs].sort((a, b) => a.compare(b));

/**
 * One figure from the panel's marks for an aspect or element: mean, median, or
 * trimmed (drop the k highest and k lowest, then the mean or the sum of the rest,
 * as diving and many skills contests do). Null when there are too few marks.
 */
export function panelAggregate(values: Exact[], rules: Pick<ScoringRules, 'method' | 'trim' | 'combine'>): Exact | null {
	const n = values.length;
	if (n === 0) return null;
	switch (rules.method) {
		case 'mean':
			return sum(values).div(n);
		case 'median': {
			const s = ascending(values);
			const mid = Math.floor(n / 2);
			return n % 2 === 1 ? s[mid] : s[mid - 1].add(s[mid]).div(2);
		}
		case 'trimmed': {
			const k = rules.trim;
			if (n < 2 * k + 1) return null;
			const kept = ascending(values).slice(k, n - k);
			return rules.combine === 'sum' ? sum(kept) : sum(kept).div(kept.length);
		}
	}
}
