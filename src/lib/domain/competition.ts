import { isWithin } from './units';

/**
 * The life of a competition, its stages, entries and score sheets, as state
 * machines: services ask these before they change a status, so a transition that
 * the rules do not allow cannot happen from any page.
 */
export const COMPETITION_TYPES = ['skills', 'themed', 'project', 'ankang', 'wuxiao'] as const;
export type CompetitionType = (typeof COMPETITION_TYPES)[number];

export const COMPETITION_STATUSES = ['draft', 'registration', 'in_progress', 'scoring_closed', 'published'] as const;
export type CompetitionStatus = (typeof COMPETITION_STATUSES)[number];

const COMPETITION_NEXT: Record<CompetitionStatus, CompetitionStatus[]> = {
	draft: ['registration'],
	registration: ['in_progress', 'draft'],
	in_progress: ['scoring_closed'],
	scoring_closed: ['published', 'in_progress'],
	published: []
};

export const canMoveCompetition = (from: CompetitionStatus, to: CompetitionStatus) =>
	COMPETITION_NEXT[from].includes(to);
export const nextCompetitionStatuses = (from: CompetitionStatus) => COMPETITION_NEXT[from];

export const EVENT_KINDS = ['individual', 'team'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const STAGE_STATUSES = ['pending', 'scoring', 'locked'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const ENTRY_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const SHEET_STATUSES = ['draft', 'submitted', 'locked'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

/** Dates are calendar days (YYYY-MM-DD) in the federation's time zone, compared as text. */
export function registrationOpen(
	c: { status: CompetitionStatus; registrationOpens: string; registrationCloses: string },
	today: string
): boolean {
	return c.status === 'registration' && c.registrationOpens <= today && today <= c.registrationCloses;
}

export type EligibilityProblem =
	| 'outside_organiser'
	| 'trade_mismatch'
	| 'quota_full'
	| 'already_entered'
	| 'judge_of_event'
	| 'registration_closed';

export interface EligibilityInput {
	/** the organiser unit's path and the worker's unit path */
	organiserPath: string;
	workerPath: string;
	/** the trade the event requires ('' when any trade may enter) and the worker's trade */
	eventTrade: string;
	workerTrade: string;
	/** entries per enterprise allowed (null = no quota) and how many that enterprise already has */
	quota: number | null;
	entriesFromEmployer: number;
	alreadyEntered: boolean;
	/** the worker sits on the event's panel */
	judgeOfEvent?: boolean;
	registrationOpen: boolean;
}

/** Why a worker may not enter an event, in the order a person would want to hear it. */
export function eligibilityProblems(e: EligibilityInput): EligibilityProblem[] {
	const problems: EligibilityProblem[] = [];
	if (!e.registrationOpen) problems.push('registration_closed');
	if (!isWithin(e.workerPath, e.organiserPath)) problems.push('outside_organiser');
	if (e.eventTrade.trim() !== '' && e.eventTrade.trim() !== e.workerTrade.trim()) problems.push('trade_mismatch');
	if (e.alreadyEntered) problems.push('already_entered');
	if (e.judgeOfEvent) problems.push('judge_of_event');
	if (e.quota !== null && e.entriesFromEmployer >= e.quota) problems.push('quota_full');
	return problems;
}

/**
 * 回避: a judge is kept from every entry with a member in the judge's own enterprise
 * union or below it. Judges without an employer (e.g. invited experts) have no
 * automatic conflicts; they declare them.
 */
export function autoConflict(judgeEmployerPath: string | null, memberPaths: string[]): boolean {
	if (!judgeEmployerPath) return false;
	return memberPaths.some((p) => isWithin(p, judgeEmployerPath));
}
