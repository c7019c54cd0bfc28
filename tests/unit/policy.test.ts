import { beforeAll, describe, expect, it } from 'vitest';
import { authorize, can, isAdmin, POLICY, scopeOf, type Action, type Rule } from '$lib/server/auth/policy';
import type { Actor } from '$lib/server/auth/actor';
import { loadActor } from '$lib/server/auth/actor';
import { ForbiddenError, NotSignedInError } from '$lib/server/errors';
import { users } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { makeFixture, type Fixture } from './helpers';

type Who = 'anonymous' | 'worker' | 'officerOfUnit' | 'officerOfAncestor' | 'officerOfSibling' | 'admin';
const WHO: Who[] = ['anonymous', 'worker', 'officerOfUnit', 'officerOfAncestor', 'officerOfSibling', 'admin'];

/**
 * What each rule kind allows, for a record in the "record unit" (EA1) that belongs
 * to someone else (`other`) or to the actor (`own`). Keyed by every Rule, so a new
 * rule kind does not type-check (and fails at run time) until it is added here.
 */
const EXPECTED: Record<Rule, { other: Who[]; own: Who[] }> = {
	signedIn: {
		other: ['worker', 'officerOfUnit', 'officerOfAncestor', 'officerOfSibling', 'admin'],
		own: ['worker', 'officerOfUnit', 'officerOfAncestor', 'officerOfSibling', 'admin']
	},
	self: { other: [], own: ['worker', 'officerOfUnit', 'officerOfAncestor', 'officerOfSibling', 'admin'] },
	subtree: { other: ['officerOfUnit', 'officerOfAncestor', 'admin'], own: ['officerOfUnit', 'officerOfAncestor', 'admin'] },
	strictSubtree: { other: ['officerOfAncestor', 'admin'], own: ['officerOfAncestor', 'admin'] },
	officer: {
		other: ['officerOfUnit', 'officerOfAncestor', 'officerOfSibling', 'admin'],
		own: ['officerOfUnit', 'officerOfAncestor', 'officerOfSibling', 'admin']
	},
	admin: { other: ['admin'], own: ['admin'] },
	// none of these actors sits on the record's panel; see 'judging rules' below
	panel: { other: [], own: [] },
	chief: { other: [], own: [] },
	chiefOrSubtree: { other: ['officerOfUnit', 'officerOfAncestor', 'admin'], own: ['officerOfUnit', 'officerOfAncestor', 'admin'] },
	selfOrSubtree: {
		other: ['officerOfUnit', 'officerOfAncestor', 'admin'],
		own: ['worker', 'officerOfUnit', 'officerOfAncestor', 'officerOfSibling', 'admin']
	},
	// owning a record is not a relation: the service says who is a party; see 'party rules' below
	party: { other: [], own: [] },
	partyOrSubtree: { other: ['officerOfUnit', 'officerOfAncestor', 'admin'], own: ['officerOfUnit', 'officerOfAncestor', 'admin'] },
	// none of these actors holds a finance role; see 'party rules' below
	finance: { other: ['admin'], own: ['admin'] }
};

/** The policy as reviewed: changing who may do what must change this table too. */
const REVIEWED: Record<Action, Rule> = {
	'account.read': 'self',
	'account.changePassword': 'self',
	'officer.area': 'officer',
	'admin.area': 'admin',
	'unit.read': 'subtree',
	'unit.create': 'subtree',
	'unit.update': 'subtree',
	'unit.move': 'strictSubtree',
	'unit.delete': 'strictSubtree',
	'worker.read': 'subtree',
	'worker.create': 'subtree',
	'worker.update': 'subtree',
	'worker.import': 'subtree',
	'code.issue': 'subtree',
	'account.disable': 'subtree',
	'request.decide': 'subtree',
	'role.grant': 'strictSubtree',
	'role.grantAdmin': 'admin',
	'audit.read': 'officer',
	'competition.create': 'subtree',
	'competition.read': 'subtree',
	'competition.manage': 'subtree',
	'entry.register': 'signedIn',
	'entry.withdraw': 'self',
	'entry.registerFor': 'subtree',
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
	'board.jury': 'chiefOrSubtree',
	'board.freeze': 'chiefOrSubtree',
	'result.publish': 'subtree',
	'result.correct': 'subtree',
	'appeal.file': 'selfOrSubtree',
	'appeal.rule': 'chiefOrSubtree',
	'award.print': 'selfOrSubtree',
	'points.manage': 'admin',
	'proposal.create': 'signedIn',
	'proposal.edit': 'self',
	'proposal.view': 'partyOrSubtree',
	'proposal.read': 'partyOrSubtree',
	'proposal.support': 'party',
	'proposal.review': 'party',
	'proposal.reviews.read': 'partyOrSubtree',
	'proposal.handle': 'subtree',
	'proposal.confirm': 'finance',
	'proposal.queue': 'officer',
	'proposal.stats': 'officer',
	'proposal.settings': 'admin',
	'role.grantFinance': 'subtree',
	'honour.record': 'subtree',
	'honour.revoke': 'subtree',
	'profile.edit': 'self',
	'profile.approve': 'subtree',
	'studio.register': 'subtree',
	'studio.manage': 'subtree',
	'studio.designate': 'subtree',
	'studio.review': 'party',
	'studio.read': 'partyOrSubtree',
	'studio.settings': 'admin',
	'target.read': 'subtree',
	'target.set': 'subtree'
};

const ACTIONS = Object.keys(POLICY) as Action[];

let f: Fixture;
let actors: Record<Who, Actor | null>;
let recordPath: string;

beforeAll(async () => {
	f = await makeFixture();
	actors = {
		anonymous: null,
		worker: f.actors.workerA,
		officerOfUnit: f.actors.officerEA1,
		officerOfAncestor: f.actors.officerDA,
		officerOfSibling: f.actors.officerDB,
		admin: f.actors.admin
	};
	recordPath = f.u.EA1.path;
});

describe('the policy table', () => {
	it('is exactly the reviewed table', () => {
		expect(POLICY).toEqual(REVIEWED);
	});

	it('every rule kind used by an action has expectations here, and every expectation is exercised or is signedIn', () => {
		const used = new Set(Object.values(POLICY) as Rule[]);
		const covered = new Set(Object.keys(EXPECTED) as Rule[]);
		for (const rule of used) expect(covered.has(rule), `rule kind "${rule}" has no expectations`).toBe(true);
		expect([...covered].filter((r) => !used.has(r))).toEqual([]);
		expect([...used].sort()).toEqual([
			'admin',
			'chief',
			'chiefOrSubtree',
			'finance',
			'officer',
			'panel',
			'party',
			'partyOrSubtree',
			'self',
			'selfOrSubtree',
			'signedIn',
			'strictSubtree',
			'subtree'
		]);
	});
});

describe('can / authorize for every action', () => {
	for (const action of ACTIONS) {
		for (const who of WHO) {
			for (const ownership of ['other', 'own'] as const) {
				it(`${action} (${POLICY[action]}) by ${who} on ${ownership === 'own' ? 'their own' : "someone else's"} record`, () => {
					const actor = actors[who];
					const rule = POLICY[action] as Rule;
					const expectations = EXPECTED[rule];
					expect(expectations, `no expectations for rule kind ${rule}`).toBeDefined();
					const owner = ownership === 'own' && actor ? actor.userId : f.userIds.workerB;
					const target = { unitPath: recordPath, userId: owner };
					const allowed = expectations[ownership].includes(who);
					expect(can(actor, action, target)).toBe(allowed);
					if (allowed) expect(() => authorize(actor, action, target)).not.toThrow();
					else if (!actor) expect(() => authorize(actor, action, target)).toThrow(NotSignedInError);
					else {
						let err: unknown;
						try {
							authorize(actor, action, target);
						} catch (e) {
							err = e;
						}
						expect(err).toBeInstanceOf(ForbiddenError);
						expect((err as ForbiddenError).action).toBe(action);
					}
				});
			}
		}
	}
});

describe('judging rules', () => {
	const rules = ['panel', 'chief', 'chiefOrSubtree'] as const;
	const allowed = {
		judge: { panel: true, chief: false, chiefOrSubtree: false },
		chief: { panel: true, chief: true, chiefOrSubtree: true },
		none: { panel: false, chief: false, chiefOrSubtree: false }
	};
	for (const seat of ['judge', 'chief', 'none'] as const) {
		for (const rule of rules) {
			const action = (Object.keys(POLICY) as Action[]).find((a) => POLICY[a] === rule)!;
			it(`${rule} for a ${seat} of the event who is not an officer of it`, () => {
				const target = { unitPath: f.u.EB1.path, judge: seat === 'none' ? null : seat };
				expect(can(f.actors.workerA, action, target)).toBe(allowed[seat][rule]);
				// an officer of another branch gains nothing from being on the panel but the panel rights
				expect(can(f.actors.officerDA, action, target)).toBe(allowed[seat][rule]);
			});
		}
	}
});

describe('party rules', () => {
	it('a party is allowed whatever its units; anyone else only by subtree', () => {
		const target = { unitPath: f.u.EB1.path, party: true };
		expect(can(f.actors.workerA, 'proposal.support', target)).toBe(true);
		expect(can(f.actors.workerA, 'proposal.read', target)).toBe(true);
		expect(can(f.actors.workerA, 'proposal.read', { ...target, party: false })).toBe(false);
		expect(can(f.actors.officerDB, 'proposal.read', { ...target, party: false })).toBe(true);
		expect(can(f.actors.officerDB, 'proposal.support', { ...target, party: false })).toBe(false);
	});

	it('finance is a role over a subtree, not an officer role', () => {
		const finance: Actor = { ...f.actors.workerA, roles: ['worker', 'finance'], financeScopes: [{ unitId: f.u.DA.id, path: f.u.DA.path, name: 'x' }] };
		expect(can(finance, 'proposal.confirm', { unitPath: f.u.EA1.path })).toBe(true);
		expect(can(finance, 'proposal.confirm', { unitPath: f.u.EB1.path })).toBe(false);
		expect(can(finance, 'proposal.handle', { unitPath: f.u.EA1.path })).toBe(false);
		expect(can(f.actors.officerDA, 'proposal.confirm', { unitPath: f.u.EA1.path })).toBe(false);
	});
});

describe('subtree rules on the edges', () => {
	it('an officer covers descendants of their unit but not the ancestors', () => {
		const officer = f.actors.officerEA1;
		expect(can(officer, 'worker.read', { unitPath: f.u.TA1.path })).toBe(true);
		expect(can(officer, 'worker.read', { unitPath: f.u.WA1.path })).toBe(true);
		expect(can(officer, 'worker.read', { unitPath: f.u.DA.path })).toBe(false);
		expect(can(officer, 'worker.read', { unitPath: f.u.FED.path })).toBe(false);
		expect(can(officer, 'worker.read', { unitPath: f.u.EA2.path })).toBe(false);
		expect(can(officer, 'unit.move', { unitPath: f.u.TA1.path })).toBe(true);
	});

	it('a scope matches whole path segments: unit 2 does not cover unit 20', () => {
		const officer: Actor = {
			userId: 99,
			workerId: 99,
			name: 'x',
			unitId: 2,
			unitPath: '/1/2/',
			roles: ['worker', 'officer'],
			officerScopes: [{ unitId: 2, path: '/1/2/', name: 'x' }],
			financeScopes: []
		};
		expect(can(officer, 'unit.read', { unitPath: '/1/2/7/' })).toBe(true);
		expect(can(officer, 'unit.read', { unitPath: '/1/20/' })).toBe(false);
		expect(can(officer, 'unit.read', { unitPath: '/1/' })).toBe(false);
	});

	it('a subtree rule without a unit path allows only an admin', () => {
		expect(can(f.actors.officerDA, 'worker.read', {})).toBe(false);
		expect(can(f.actors.officerDA, 'unit.move')).toBe(false);
		expect(can(f.actors.admin, 'worker.read', {})).toBe(true);
	});

	it('a self rule without an owner allows nobody', () => {
		expect(can(f.actors.admin, 'account.read', {})).toBe(false);
		expect(can(f.actors.workerA, 'account.read')).toBe(false);
	});

	it('an officer with several scopes is checked against each', () => {
		const both: Actor = { ...f.actors.officerEA1, officerScopes: [...f.actors.officerEA1.officerScopes, ...f.actors.officerDB.officerScopes] };
		expect(can(both, 'worker.update', { unitPath: f.u.TB1.path })).toBe(true);
		expect(can(both, 'worker.update', { unitPath: f.u.TA1.path })).toBe(true);
		expect(can(both, 'worker.update', { unitPath: f.u.TA2.path })).toBe(false);
	});
});

describe('scopeOf and isAdmin', () => {
	it('gives an admin everything and an officer their scopes', () => {
		expect(scopeOf(f.actors.admin)).toBe('all');
		expect(scopeOf(f.actors.officerDA)).toEqual([f.u.DA.path]);
		expect(isAdmin(f.actors.admin)).toBe(true);
		expect(isAdmin(f.actors.officerDA)).toBe(false);
		expect(isAdmin(null)).toBe(false);
	});

	it('refuses a plain worker and an anonymous visitor', () => {
		expect(() => scopeOf(f.actors.workerA)).toThrow(ForbiddenError);
		expect(() => scopeOf(null)).toThrow(NotSignedInError);
	});
});

describe('loadActor', () => {
	it('loads roles and officer scopes', () => {
		expect(f.actors.officerDA).toEqual({
			userId: f.userIds.officerDA,
			workerId: f.w.officerDA.id,
			name: '东区干部',
			unitId: f.u.DA.id,
			unitPath: f.u.DA.path,
			roles: ['worker', 'officer'],
			officerScopes: [{ unitId: f.u.DA.id, path: f.u.DA.path, name: '东区总工会' }],
			financeScopes: []
		});
		expect(f.actors.admin.roles).toEqual(['worker', 'admin']);
		expect(f.actors.admin.officerScopes).toEqual([]);
		expect(f.actors.workerA.roles).toEqual(['worker']);
	});

	it('is null for a disabled or unknown account', () => {
		expect(loadActor(f.db, 999_999)).toBeNull();
		f.db.update(users).set({ status: 'disabled' }).where(eq(users.id, f.userIds.workerB)).run();
		try {
			expect(loadActor(f.db, f.userIds.workerB)).toBeNull();
		} finally {
			f.db.update(users).set({ status: 'active' }).where(eq(users.id, f.userIds.workerB)).run();
		}
	});
});
