import type { CompetitionStatus, CompetitionType } from '$lib/domain/competition';
import type { ProposalStatus } from '$lib/domain/proposals';
import type { StudioLevel, StudioType } from '$lib/domain/studios';
import type { SearchKind } from '$lib/domain/site-search';

interface HitBase {
	id: number;
	title: string;
	link: string;
	/** the text around a match outside the title, or null */
	snippet: string | null;
	/** every word of the query occurs in the title */
	inTitle: boolean;
}

export interface CompetitionHit extends HitBase {
	kind: 'competitions';
	organiser: string;
	type: CompetitionType;
	status: CompetitionStatus;
	startsOn: string;
	endsOn: string;
}

/** A stage's published results; `title` is the event's name, `id` the stage's. */
export interface ResultHit extends HitBase {
	kind: 'results';
	competition: string;
	stage: string;
	versionStatus: 'notice' | 'final';
	/** the first entrants whose names match, as the results page shows them */
	entrants: { name: string; rank: number | null; award: string | null }[];
	/** how many entrants of the stage match in all */
	entrantsMatched: number;
}

export interface ProposalHit extends HitBase {
	kind: 'proposals';
	serial: string | null;
	status: ProposalStatus;
}

export interface StudioHit extends HitBase {
	kind: 'studios';
	type: StudioType;
	level: StudioLevel;
	unit: string;
	leader: string;
	field: string;
}

/** A published model-worker profile; `id` is the worker's. Never a phone or employee number. */
export interface ModelWorkerHit extends HitBase {
	kind: 'model_workers';
	unit: string;
	trade: string;
	honours: string[];
}

export type SearchHit = CompetitionHit | ResultHit | ProposalHit | StudioHit | ModelWorkerHit;
export type HitOf<K extends SearchKind> = Extract<SearchHit, { kind: K }>;

/** What one kind's search found: the first hits and how many matched in all. */
export interface Found<K extends SearchKind> {
	total: number;
	hits: HitOf<K>[];
}
