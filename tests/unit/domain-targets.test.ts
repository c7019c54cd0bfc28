import { describe, expect, it } from 'vitest';
import { forecast, METRIC_SHAPE, progressShare, roundMetric, standingOf, TARGET_METRICS, yearShareGone } from '$lib/domain/targets';

describe('forecast', () => {
	it('projects an additive count on a straight line from 1 January', () => {
		// 2 July 2026 is day 183 of 365
		expect(forecast('proposals', 183, 2026, '2026-07-02')).toBe(365);
		expect(forecast('contest_workers', 61, 2026, '2026-07-02')).toBeCloseTo((61 * 365) / 183, 12);
		// on 1 January one day of the year has gone
		expect(forecast('adopted', 2, 2026, '2026-01-01')).toBe(730);
		expect(forecast('adopted', 0, 2026, '2026-01-01')).toBe(0);
		// the last day: the forecast is what was done
		expect(forecast('innovations', 40, 2026, '2026-12-31')).toBe(40);
		expect(forecast('benefit_wan', 12.5, 2026, '2026-12-31')).toBe(12.5);
	});

	it('counts the days of a leap year (2028 has 366)', () => {
		expect(forecast('proposals', 366, 2028, '2028-12-31')).toBe(366);
		expect(forecast('proposals', 57, 2028, '2028-12-31')).toBe(57);
		// 2 July 2028 is day 184 (29 February comes first)
		expect(forecast('proposals', 92, 2028, '2028-07-02')).toBe(183);
		expect(forecast('proposals', 1, 2028, '2028-01-01')).toBe(366);
		// 1 March 2028 is day 61 of 366; in 2026 it is day 60 of 365
		expect(forecast('proposals', 61, 2028, '2028-03-01')).toBe(366);
		expect(forecast('proposals', 60, 2026, '2026-03-01')).toBe(365);
	});

	it('a past year ends where it ended; a future year has no forecast', () => {
		expect(forecast('proposals', 7, 2025, '2026-03-01')).toBe(7);
		expect(forecast('benefit_wan', 3.5, 2024, '2026-12-31')).toBe(3.5);
		expect(forecast('proposals', 0, 2027, '2026-12-31')).toBeNull();
		expect(forecast('adopted', 5, 2027, '2026-07-02')).toBeNull();
	});

	it('a rate does not grow with time: proposals_per_100 forecasts itself', () => {
		expect(forecast('proposals_per_100', 4.2, 2026, '2026-07-02')).toBe(4.2);
		expect(forecast('proposals_per_100', 4.2, 2026, '2026-01-01')).toBe(4.2);
		expect(forecast('proposals_per_100', 9.9, 2025, '2026-07-02')).toBe(9.9);
		// ... and a year not begun has no forecast, rate or not
		expect(forecast('proposals_per_100', 0, 2027, '2026-07-02')).toBeNull();
	});
});

describe('standingOf', () => {
	it('met as soon as the value reaches the goal, whatever the year', () => {
		expect(standingOf('proposals', 10, 10, 2026, '2026-01-05')).toBe('met');
		expect(standingOf('proposals', 10, 11, 2025, '2026-01-05')).toBe('met');
		expect(standingOf('proposals_per_100', 5, 5, 2026, '2026-02-01')).toBe('met');
		expect(standingOf('proposals', 0, 0, 2027, '2026-07-02')).toBe('met');
	});

	it('on track exactly when the forecast reaches the goal, behind one short of it', () => {
		// forecast of 183 on 2026-07-02 is exactly 365
		expect(standingOf('proposals', 365, 183, 2026, '2026-07-02')).toBe('on_track');
		expect(standingOf('proposals', 366, 183, 2026, '2026-07-02')).toBe('behind');
		expect(standingOf('proposals', 365, 182, 2026, '2026-07-02')).toBe('behind');
		// leap year: 92 by 2028-07-02 forecasts exactly 183
		expect(standingOf('adopted', 183, 92, 2028, '2028-07-02')).toBe('on_track');
		expect(standingOf('adopted', 184, 92, 2028, '2028-07-02')).toBe('behind');
		// nothing done yet this year is behind any positive goal
		expect(standingOf('adopted', 1, 0, 2026, '2026-01-01')).toBe('behind');
	});

	it('a rate is judged on its value, not extrapolated', () => {
		expect(standingOf('proposals_per_100', 5, 4.9, 2026, '2026-01-10')).toBe('behind');
		expect(standingOf('proposals_per_100', 5, 4.9, 2025, '2026-01-10')).toBe('ended_short');
	});

	it('ended short in a past year, not started in a future one', () => {
		expect(standingOf('proposals', 10, 9, 2025, '2026-01-01')).toBe('ended_short');
		expect(standingOf('benefit_wan', 0.5, 0.4, 2025, '2026-12-31')).toBe('ended_short');
		expect(standingOf('proposals', 10, 0, 2027, '2026-12-31')).toBe('not_started');
		expect(standingOf('proposals_per_100', 1, 0, 2027, '2026-12-31')).toBe('not_started');
	});
});

describe('progressShare', () => {
	it('is value / goal, clamped to 0…1', () => {
		expect(progressShare(10, 5)).toBe(0.5);
		expect(progressShare(3, 1)).toBe(1 / 3);
		expect(progressShare(10, 10)).toBe(1);
		expect(progressShare(10, 25)).toBe(1);
		expect(progressShare(10, -3)).toBe(0);
		expect(progressShare(10, 0)).toBe(0);
	});

	it('shows a goal of 0 (or less) as met', () => {
		expect(progressShare(0, 0)).toBe(1);
		expect(progressShare(0, 7)).toBe(1);
		expect(progressShare(-1, 0)).toBe(1);
	});
});

describe('yearShareGone', () => {
	it('is the day of the year over the year’s length', () => {
		expect(yearShareGone(2026, '2026-07-02')).toBe(183 / 365);
		expect(yearShareGone(2026, '2026-01-01')).toBe(1 / 365);
		expect(yearShareGone(2026, '2026-12-31')).toBe(1);
		expect(yearShareGone(2028, '2028-07-02')).toBe(184 / 366);
		expect(yearShareGone(2028, '2028-12-31')).toBe(1);
	});

	it('is 1 for a past year and 0 for a future one', () => {
		expect(yearShareGone(2025, '2026-01-01')).toBe(1);
		expect(yearShareGone(2027, '2026-12-31')).toBe(0);
	});
});

describe('roundMetric', () => {
	it('rounds each metric to its decimals', () => {
		expect(Object.fromEntries(TARGET_METRICS.map((k) => [k, METRIC_SHAPE[k].decimals]))).toEqual({
			proposals: 0,
			proposals_per_100: 1,
			adopted: 0,
			innovations: 0,
			benefit_wan: 1,
			contest_workers: 0,
			studios_city: 0,
			studio_achievements: 0
		});
		expect(roundMetric('proposals', 33.333)).toBe(33);
		expect(roundMetric('proposals', 2.5)).toBe(3);
		expect(roundMetric('adopted', 2.49)).toBe(2);
		expect(roundMetric('proposals_per_100', 100 / 3)).toBe(33.3);
		expect(roundMetric('proposals_per_100', 200 / 3)).toBe(66.7);
		expect(roundMetric('benefit_wan', 0.26)).toBe(0.3);
		expect(roundMetric('benefit_wan', 17)).toBe(17);
		expect(roundMetric('contest_workers', 0)).toBe(0);
	});

	it('only the rate is not additive', () => {
		expect(TARGET_METRICS.filter((k) => !METRIC_SHAPE[k].additive)).toEqual(['proposals_per_100']);
	});
});
