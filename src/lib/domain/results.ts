/**
 * Published results (公示 → 终审) as a workflow: what may happen to a version of a
 * stage's results, and when. Times are instants (ms); no I/O here.
 */

/** notice: 公示中, open to appeals; final: 终审; superseded: replaced by a correction; correction: being prepared, not public */
export const RESULT_STATUSES = ['notice', 'final', 'superseded', 'correction'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export const APPEAL_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const AWARD_KINDS = ['rank', 'excellence'] as const;

export interface NoticeWindow {
	noticeStartsAt: Date | null;
	noticeEndsAt: Date | null;
}

export type AppealRefusal = 'not_started' | 'closed' | 'not_notice';

/** Whether an appeal may be filed now against a version of results. */
export function appealRefusal(status: ResultStatus, w: NoticeWindow, now: Date): AppealRefusal | null {
	if (status !== 'notice') return 'not_notice';
	if (w.noticeStartsAt && now < w.noticeStartsAt) return 'not_started';
	if (w.noticeEndsAt && now >= w.noticeEndsAt) return 'closed';
	return null;
}

export type FinaliseRefusal = 'not_notice' | 'notice_running' | 'open_appeals' | 'stage_reopened';

/** Finalising needs the notice period over, every appeal ruled, and the stage locked again. */
export function finaliseRefusal(
	status: ResultStatus,
	w: NoticeWindow,
	now: Date,
	openAppeals: number,
	stageLocked: boolean
): FinaliseRefusal | null {
	if (status !== 'notice') return 'not_notice';
	if (w.noticeEndsAt && now < w.noticeEndsAt) return 'notice_running';
	if (openAppeals > 0) return 'open_appeals';
	if (!stageLocked) return 'stage_reopened';
	return null;
}

/** A 公示 period must end after it starts and last at least an hour. */
export function noticeProblem(startsAt: Date, endsAt: Date): 'order' | null {
	return endsAt.getTime() - startsAt.getTime() < 3_600_000 ? 'order' : null;
}

/**
 * Points the federation gives per award (tier 1 = the best rank award; excellence
 * awards score the `excellence` points). Ties in a points table share a rank.
 */
export interface PointsTable {
	tiers: number[];
	excellence: number;
}

export function pointsFor(table: PointsTable, award: { kind: 'rank' | 'excellence'; tier: number }): number {
	if (award.kind === 'excellence') return table.excellence;
	return table.tiers[award.tier] ?? 0;
}

/** Medal rows (gold, silver, bronze = the first three rank tiers) sorted as medal tables are. */
export interface MedalRow {
	key: number;
	gold: number;
	silver: number;
	bronze: number;
	other: number;
}

export function sortMedals<T extends MedalRow>(rows: T[]): (T & { rank: number; total: number })[] {
	const cmp = (a: T, b: T) => b.gold - a.gold || b.silver - a.silver || b.bronze - a.bronze || b.other - a.other;
	const sorted = [...rows].sort((a, b) => cmp(a, b) || a.key - b.key);
	let rank = 0;
	return sorted.map((r, i) => {
		if (i === 0 || cmp(sorted[i - 1], r) !== 0) rank = i + 1;
		return { ...r, rank, total: r.gold + r.silver + r.bronze + r.other };
	});
}

/** Standard competition ranks (1, 2, 2, 4) for values sorted best first. */
export function ranksOf(values: number[]): number[] {
	let rank = 0;
	return values.map((v, i) => {
		if (i === 0 || values[i - 1] !== v) rank = i + 1;
		return rank;
	});
}
