import type { Actor } from './actor';
import { ForbiddenError, NotSignedInError } from '../errors';

/**
 * The one place that answers "may this actor do this to this record?".
 * Every load, action and endpoint asks `authorize` (or `can`); the table
 * below is also what the authorisation tests enumerate.
 */
export type Rule =
	/** any signed-in account */
	| 'signedIn'
	/** the record belongs to the actor (target.userId) */
	| 'self'
	/** an officer whose unit is the record's unit or an ancestor of it, or an admin */
	| 'subtree'
	/** an officer whose unit is a strict ancestor of the record's unit, or an admin */
	| 'strictSubtree'
	/** anyone holding an officer role anywhere, or an admin */
	| 'officer'
	| 'admin'
	/** a judge (or the chief judge) appointed to the record's event */
	| 'panel'
	/** the chief judge of the record's event */
	| 'chief'
	/** the chief judge of the record's event, or an officer over the organising unit */
	| 'chiefOrSubtree'
	/** the record's own person (target.userId), or an officer over the record's unit */
	| 'selfOrSubtree'
	/** the actor stands in the relation to the record the service checked (target.party) */
	| 'party'
	/** target.party, or an officer over the record's unit */
	| 'partyOrSubtree'
	/** a finance role over the record's unit, or an admin */
	| 'finance';

export const POLICY = {
	'account.read': 'self',
	'account.changePassword': 'self',
	// Officer-facing services ask this first, before any lookup: a stranger gets the
	// sign-in page or 403, never a 404 that tells whether a record exists.
	'officer.area': 'officer',
	'admin.area': 'admin',
	'unit.read': 'subtree',
	'unit.create': 'subtree', // target: the parent unit
	'unit.update': 'subtree',
	'unit.move': 'strictSubtree', // checked for the unit and for its new parent
	'unit.delete': 'strictSubtree', // an officer's own unit is not theirs to delete
	'worker.read': 'subtree',
	'worker.create': 'subtree',
	'worker.update': 'subtree',
	'worker.import': 'subtree',
	'code.issue': 'subtree',
	'account.disable': 'subtree',
	'request.decide': 'subtree',
	// Officers appoint officers for units below their own; a peer at their own unit is
	// appointed (and managed) by a higher officer, so peers cannot take over each other.
	'role.grant': 'strictSubtree', // target: the unit the role is scoped to
	'role.grantAdmin': 'admin',
	'audit.read': 'officer',
	// competitions: the target is the organising unit
	'competition.create': 'subtree',
	'competition.read': 'subtree',
	'competition.manage': 'subtree',
	// a worker enters for themself (eligibility is the service's business) ...
	'entry.register': 'signedIn',
	'entry.withdraw': 'self', // target.userId: the account that entered
	// ... or an officer enters workers of their subtree (target: the worker's unit)
	'entry.registerFor': 'subtree',
	// judging: target.judge is the actor's appointment on the record's event
	'panel.read': 'panel',
	'sheet.mark': 'panel',
	'recusal.declare': 'panel',
	'recusal.override': 'chief',
	'sheet.reopen': 'chief',
	'stage.lock': 'chief',
	'consistency.read': 'chief',
	'stage.start': 'chiefOrSubtree',
	'stage.advance': 'chiefOrSubtree',
	'marks.import': 'chiefOrSubtree',
	'marks.export': 'chiefOrSubtree',
	// results: the target is the organising unit, except where noted
	'board.jury': 'chiefOrSubtree',
	'board.freeze': 'chiefOrSubtree',
	'result.publish': 'subtree',
	'result.correct': 'subtree',
	// an entrant (target.userId) or an officer over the entrant's enterprise (target.unitPath)
	'appeal.file': 'selfOrSubtree',
	// the chief judge, or the organiser's officers sitting as the arbitration panel
	'appeal.rule': 'chiefOrSubtree',
	// a certificate: its holder, or an officer over the organising unit
	'award.print': 'selfOrSubtree',
	'points.manage': 'admin',
	// proposals: the target is the handling unit, except where noted
	'proposal.create': 'signedIn',
	'proposal.edit': 'self', // a draft, by the account that wrote it
	// the title, text and status: its people (below), colleagues of the proposer's enterprise,
	// officers over the handling unit or over the proposer's unit
	'proposal.view': 'partyOrSubtree',
	// everything else a proposer may see (timeline, attachments, benefit, reward): the
	// authors, authors of proposals merged into it, its reviewers and finance
	'proposal.read': 'partyOrSubtree',
	'proposal.support': 'party', // a colleague who is not an author
	'proposal.review': 'party', // an assigned reviewer
	'proposal.reviews.read': 'partyOrSubtree', // reviewers and officers read the scorecards and private notes
	'proposal.handle': 'subtree',
	'proposal.confirm': 'finance',
	'proposal.queue': 'officer',
	'proposal.stats': 'officer',
	'proposal.settings': 'admin',
	'role.grantFinance': 'subtree', // target: the unit the role is scoped to
	// honours: the target is the holder's unit
	'honour.record': 'subtree',
	'honour.revoke': 'subtree',
	// a model worker's public profile: written and consented to by the worker, approved by an officer over them
	'profile.edit': 'self',
	'profile.approve': 'subtree',
	// studios: the target is the host unit; the level one may designate at is the service's business
	'studio.register': 'subtree',
	'studio.manage': 'subtree',
	'studio.designate': 'subtree',
	'studio.review': 'party', // an appointed reviewer
	// applications, files and marks: the leader, members and reviewers, and officers over the host unit
	'studio.read': 'partyOrSubtree',
	'studio.settings': 'admin',
	'target.read': 'subtree',
	'target.set': 'subtree'
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

export interface Target {
	/** path of the unit the record belongs to */
	unitPath?: string;
	/** owner of the record */
	userId?: number;
	/** the actor's appointment on the record's event, if any */
	judge?: 'judge' | 'chief' | null;
	/** the actor stands in the relation the action needs (author, reviewer, colleague ...) */
	party?: boolean;
}

export const isAdmin = (actor: Actor | null) => !!actor?.roles.includes('admin');

function inScope(actor: Actor, path: string | undefined, strict: boolean, scopes = actor.officerScopes): boolean {
	if (path === undefined) return false;
	return scopes.some((s) => path.startsWith(s.path) && (!strict || path !== s.path));
}

export function can(actor: Actor | null, action: Action, target: Target = {}): boolean {
	if (!actor) return false;
	const rule = POLICY[action] as Rule;
	switch (rule) {
		case 'signedIn':
			return true;
		case 'self':
			return target.userId === actor.userId;
		case 'admin':
			return isAdmin(actor);
		case 'officer':
			return isAdmin(actor) || actor.officerScopes.length > 0;
		case 'subtree':
			return isAdmin(actor) || inScope(actor, target.unitPath, false);
		case 'strictSubtree':
			return isAdmin(actor) || inScope(actor, target.unitPath, true);
		case 'panel':
			return target.judge === 'judge' || target.judge === 'chief';
		case 'chief':
			return target.judge === 'chief';
		case 'chiefOrSubtree':
			return target.judge === 'chief' || isAdmin(actor) || inScope(actor, target.unitPath, false);
		case 'selfOrSubtree':
			return (target.userId !== undefined && target.userId === actor.userId) || isAdmin(actor) || inScope(actor, target.unitPath, false);
		case 'party':
			return target.party === true;
		case 'partyOrSubtree':
			return target.party === true || isAdmin(actor) || inScope(actor, target.unitPath, false);
		case 'finance':
			return isAdmin(actor) || inScope(actor, target.unitPath, false, actor.financeScopes);
	}
}

/** Throws NotSignedInError or ForbiddenError unless `can` says yes. */
export function authorize(actor: Actor | null, action: Action, target: Target = {}): asserts actor is Actor {
	if (!actor) throw new NotSignedInError();
	if (!can(actor, action, target)) throw new ForbiddenError(action);
}

/** The unit paths whose subtrees an officer manages: 'all' for an admin. */
export function scopeOf(actor: Actor | null): 'all' | string[] {
	authorize(actor, 'officer.area');
	if (isAdmin(actor)) return 'all';
	return actor.officerScopes.map((s) => s.path);
}
