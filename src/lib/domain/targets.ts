/**
 * 工作目标: a union's yearly goals for itself and its subunits. Progress is never
 * typed in: each metric is counted from the records (proposals, entries, studios),
 * over the unit's whole subtree, so a subunit's work counts for every union above it.
 */

export const TARGET_METRICS = [
	'proposals',
	'proposals_per_100',
	'adopted',
	'innovations',
	'benefit_wan',
	'contest_workers',
	'studios_city',
	'studio_achievements'
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/**
 * Decimals a goal of this metric is written with, and whether the goals of a
 * union's subunits add up to something comparable with its own (a rate does not).
 */
export const METRIC_SHAPE: Record<TargetMetric, { decimals: number; additive: boolean }> = {
	proposals: { decimals: 0, additive: true },
	proposals_per_100: { decimals: 1, additive: false },
	adopted: { decimals: 0, additive: true },
	innovations: { decimals: 0, additive: true },
	benefit_wan: { decimals: 1, additive: true },
	contest_workers: { decimals: 0, additive: true },
	studios_city: { decimals: 0, additive: true },
	studio_achievements: { decimals: 0, additive: true }
};

/** The largest goal accepted (keeps a typo of extra zeros out). */
export const MAX_GOAL = 10_000_000;

export type Standing = 'met' | 'on_track' | 'behind' | 'ended_short' | 'not_started';

/** Day of the year (1…365/366) of a calendar day 'YYYY-MM-DD', and the year's length. */
function dayOfYear(day: string): { n: number; of: number } {
	const year = Number(day.slice(0, 4));
	const start = Date.UTC(year, 0, 1);
	const n = Math.round((Date.UTC(year, Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - start) / 86_400_000) + 1;
	const of = Math.round((Date.UTC(year + 1, 0, 1) - start) / 86_400_000);
	return { n, of };
}

/**
 * Where the year will end at the pace so far (a straight line from 1 January),
 * given the federation's calendar day `today`. A past year ends where it ended;
 * a future one has no forecast. A rate does not grow with time: its forecast is itself.
 */
export function forecast(metric: TargetMetric, value: number, year: number, today: string): number | null {
	const thisYear = Number(today.slice(0, 4));
	if (year > thisYear) return null;
	if (year < thisYear || !METRIC_SHAPE[metric].additive) return value;
	const { n, of } = dayOfYear(today);
	return (value * of) / n;
}

/** How a target stands: met already, on track (forecast reaches the goal), behind, or ended short. */
export function standingOf(metric: TargetMetric, goal: number, value: number, year: number, today: string): Standing {
	if (value >= goal) return 'met';
	const thisYear = Number(today.slice(0, 4));
	if (year > thisYear) return 'not_started';
	if (year < thisYear) return 'ended_short';
	const f = forecast(metric, value, year, today);
	return f !== null && f >= goal ? 'on_track' : 'behind';
}

/** Progress as a share of the goal, 0…1 (a met goal shows full). */
export const progressShare = (goal: number, value: number) => (goal <= 0 ? 1 : Math.min(1, Math.max(0, value / goal)));

/** The day by which a target needs its next 1/365 of the year, as a share of the year gone. */
export function yearShareGone(year: number, today: string): number {
	const thisYear = Number(today.slice(0, 4));
	if (year < thisYear) return 1;
	if (year > thisYear) return 0;
	const { n, of } = dayOfYear(today);
	return n / of;
}

/** Rounds a metric's value for display and comparison. */
export function roundMetric(metric: TargetMetric, value: number): number {
	const f = 10 ** METRIC_SHAPE[metric].decimals;
	return Math.round(value * f) / f;
}
