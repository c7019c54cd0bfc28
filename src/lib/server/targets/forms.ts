import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id } from '../validation';
import { MAX_GOAL, METRIC_SHAPE, TARGET_METRICS, type TargetMetric } from '$lib/domain/targets';
import type { GoalInput } from '.';

const FIELD = /^g\.(\d{1,9})\.([a-z_0-9]+)$/;

/** The goals table: `g.<unit>.<metric>` cells, a blank one clearing that goal. */
export const goalsSchema = z
	.object({ unit: id, year: z.coerce.number({ error: () => m.err_choice() }).int({ error: () => m.err_choice() }).min(2000, { error: () => m.err_choice() }).max(2100, { error: () => m.err_choice() }) })
	.catchall(z.string().max(40, { error: () => m.err_too_long({ max: 40 }) }))
	.transform((d, ctx) => {
		const goals: GoalInput[] = [];
		for (const [key, raw] of Object.entries(d)) {
			const f = FIELD.exec(key);
			if (!f || typeof raw !== 'string') continue;
			const metric = f[2] as TargetMetric;
			if (!TARGET_METRICS.includes(metric)) continue;
			const text = raw.trim().replace(/[,，\s]/g, '');
			if (!text) {
				goals.push({ unitId: Number(f[1]), metric, goal: null });
				continue;
			}
			const decimals = METRIC_SHAPE[metric].decimals;
			const shape = decimals ? new RegExp(`^\\d{1,8}(\\.\\d{1,${decimals}})?$`) : /^\d{1,8}$/;
			const n = Number(text);
			if (!shape.test(text) || n > MAX_GOAL) {
				ctx.addIssue({ code: 'custom', path: [key], message: decimals ? m.target_err_decimal({ max: MAX_GOAL, decimals }) : m.err_whole_between({ min: 0, max: MAX_GOAL }) });
				continue;
			}
			goals.push({ unitId: Number(f[1]), metric, goal: n });
		}
		return { unitId: d.unit, year: d.year, goals };
	});
