import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { schemeAspects, schemeCriteria, schemeModules, schemes, stages } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize, can } from '../auth/policy';
import { writeAudit } from '../audit';
import { prepared } from '../db/prepared';
import { NotFoundError, RuleError } from '../errors';
import type { SchemeDef } from '$lib/domain/scoring/scheme';
import { loadCompetition } from './context';
import type { AspectInput, SchemeRulesInput } from './forms';

type Scheme = typeof schemes.$inferSelect;

/** Module letters A, B, C … make aspect codes like "B2.3" that people can say aloud. */
const moduleLetter = (position: number) => String.fromCharCode(64 + position);

export function loadScheme(db: DB | Tx, schemeId: number) {
	const scheme = db.select().from(schemes).where(eq(schemes.id, schemeId)).get();
	if (!scheme) throw new NotFoundError('scheme');
	return { scheme, ...loadCompetition(db, scheme.competitionId) };
}

/** The whole tree, in order, for pages and exports. */
export function schemeTree(db: DB | Tx, schemeId: number) {
	const modules = prepared(db, 'schemes.modules', (d) =>
		d.select().from(schemeModules).where(eq(schemeModules.schemeId, sql.placeholder('schemeId'))).orderBy(asc(schemeModules.position)).prepare()
	).all({ schemeId });
	const criteria = prepared(db, 'schemes.criteria', (d) =>
		d
			.select()
			.from(schemeCriteria)
			.where(inArray(schemeCriteria.moduleId, d.select({ id: schemeModules.id }).from(schemeModules).where(eq(schemeModules.schemeId, sql.placeholder('schemeId')))))
			.orderBy(asc(schemeCriteria.position))
			.prepare()
	).all({ schemeId });
	const aspects = prepared(db, 'schemes.aspects', (d) =>
		d.select().from(schemeAspects).where(eq(schemeAspects.schemeId, sql.placeholder('schemeId'))).orderBy(asc(schemeAspects.position)).prepare()
	).all({ schemeId });
	return modules.map((mod) => ({
		...mod,
		letter: moduleLetter(mod.position),
		criteria: criteria
			.filter((c) => c.moduleId === mod.id)
			.map((c) => ({ ...c, aspects: aspects.filter((a) => a.criterionId === c.id) }))
	}));
}

export type SchemeTree = ReturnType<typeof schemeTree>;

/** The scheme as the scoring maths sees it. */
export function schemeDef(scheme: Scheme, tree: SchemeTree): SchemeDef {
	return {
		rules: {
			method: scheme.method,
			trim: scheme.trim,
			combine: scheme.combine,
			factor: scheme.factor,
			decimals: scheme.decimals,
			roundAt: scheme.roundAt,
			judgementSpread: scheme.judgementSpread
		},
		modules: tree.map((mod) => ({
			id: mod.id,
			weight: mod.weight,
			aspects: mod.criteria.flatMap((c) => c.aspects.map((a) => ({ id: a.id, kind: a.kind, max: a.max, step: a.step, difficulty: a.difficulty })))
		}))
	};
}

/** A scheme is locked when a stage using it starts scoring; see `lockSchemeFor`. */
function assertEditable(db: DB, actor: Actor | null, schemeId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadScheme(db, schemeId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	if (ctx.scheme.lockedAt) throw new RuleError({ _: m.err_scheme_locked() });
	return ctx;
}

export function getSchemeForOfficer(db: DB, actor: Actor | null, schemeId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadScheme(db, schemeId);
	authorize(actor, 'competition.read', { unitPath: ctx.organiserPath });
	const usedBy = db.select({ id: stages.id, name: stages.name, eventId: stages.eventId, status: stages.status }).from(stages).where(eq(stages.schemeId, schemeId)).all();
	const versions = db
		.select({ id: schemes.id, version: schemes.version, lockedAt: schemes.lockedAt })
		.from(schemes)
		.where(eq(schemes.familyId, ctx.scheme.familyId ?? ctx.scheme.id))
		.orderBy(asc(schemes.version))
		.all();
	return {
		scheme: ctx.scheme,
		competition: ctx.competition,
		tree: schemeTree(db, schemeId),
		usedBy,
		versions,
		canManage: can(actor, 'competition.manage', { unitPath: ctx.organiserPath })
	};
}

/** Codes follow positions, so they are renumbered after every change of an unlocked scheme. */
function renumber(tx: Tx, schemeId: number) {
	for (const [mi, mod] of schemeTree(tx, schemeId).entries()) {
		if (mod.position !== mi + 1) tx.update(schemeModules).set({ position: mi + 1 }).where(eq(schemeModules.id, mod.id)).run();
		for (const [ci, c] of mod.criteria.entries()) {
			if (c.position !== ci + 1) tx.update(schemeCriteria).set({ position: ci + 1 }).where(eq(schemeCriteria.id, c.id)).run();
			// two passes so a swap never collides with the unique (scheme, code) index
			for (const a of c.aspects) tx.update(schemeAspects).set({ code: `~${a.id}` }).where(eq(schemeAspects.id, a.id)).run();
			for (const [ai, a] of c.aspects.entries())
				tx.update(schemeAspects)
					.set({ position: ai + 1, code: `${moduleLetter(mi + 1)}${ci + 1}.${ai + 1}` })
					.where(eq(schemeAspects.id, a.id))
					.run();
		}
	}
}

export function createScheme(db: DB, actor: Actor | null, competitionId: number, input: SchemeRulesInput) {
	authorize(actor, 'officer.area');
	const ctx = loadCompetition(db, competitionId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	return db.transaction((tx) => {
		const created = tx.insert(schemes).values({ ...input, competitionId, createdAt: new Date() }).returning().get();
		tx.update(schemes).set({ familyId: created.id }).where(eq(schemes.id, created.id)).run();
		writeAudit(tx, actor, { action: 'scheme.create', entityType: 'scheme', entityId: created.id, unitPath: ctx.organiserPath, after: created });
		return created;
	});
}

export function updateSchemeRules(db: DB, actor: Actor | null, schemeId: number, input: SchemeRulesInput) {
	const ctx = assertEditable(db, actor, schemeId);
	return db.transaction((tx) => {
		const after = tx.update(schemes).set(input).where(eq(schemes.id, schemeId)).returning().get();
		writeAudit(tx, actor, { action: 'scheme.update', entityType: 'scheme', entityId: schemeId, unitPath: ctx.organiserPath, before: ctx.scheme, after });
		return after;
	});
}

type Part = 'module' | 'criterion' | 'aspect';

function audited<T>(db: DB, actor: Actor | null, schemeId: number, action: string, fn: (tx: Tx) => { before?: unknown; after?: unknown; result?: T }) {
	const ctx = assertEditable(db, actor, schemeId);
	return db.transaction((tx) => {
		const { before, after, result } = fn(tx);
		renumber(tx, schemeId);
		writeAudit(tx, actor, { action, entityType: 'scheme', entityId: schemeId, unitPath: ctx.organiserPath, before, after });
		return result as T;
	});
}

const nextPosition = (rows: { position: number }[]) => rows.reduce((p, r) => Math.max(p, r.position), 0) + 1;

export function addModule(db: DB, actor: Actor | null, schemeId: number, input: { name: string; weight: string }) {
	return audited(db, actor, schemeId, 'scheme.module.add', (tx) => {
		const position = nextPosition(tx.select({ position: schemeModules.position }).from(schemeModules).where(eq(schemeModules.schemeId, schemeId)).all());
		const row = tx.insert(schemeModules).values({ ...input, schemeId, position }).returning().get();
		return { after: row, result: row };
	});
}

export function addCriterion(db: DB, actor: Actor | null, schemeId: number, moduleId: number, input: { name: string }) {
	return audited(db, actor, schemeId, 'scheme.criterion.add', (tx) => {
		const mod = tx.select().from(schemeModules).where(and(eq(schemeModules.id, moduleId), eq(schemeModules.schemeId, schemeId))).get();
		if (!mod) throw new NotFoundError('module');
		const position = nextPosition(tx.select({ position: schemeCriteria.position }).from(schemeCriteria).where(eq(schemeCriteria.moduleId, moduleId)).all());
		const row = tx.insert(schemeCriteria).values({ ...input, moduleId, position }).returning().get();
		return { after: row, result: row };
	});
}

function criterionOf(tx: Tx, schemeId: number, criterionId: number) {
	const row = tx
		.select({ id: schemeCriteria.id })
		.from(schemeCriteria)
		.innerJoin(schemeModules, eq(schemeModules.id, schemeCriteria.moduleId))
		.where(and(eq(schemeCriteria.id, criterionId), eq(schemeModules.schemeId, schemeId)))
		.get();
	if (!row) throw new NotFoundError('criterion');
	return row;
}

export function addAspect(db: DB, actor: Actor | null, schemeId: number, criterionId: number, input: AspectInput) {
	return audited(db, actor, schemeId, 'scheme.aspect.add', (tx) => {
		criterionOf(tx, schemeId, criterionId);
		const position = nextPosition(tx.select({ position: schemeAspects.position }).from(schemeAspects).where(eq(schemeAspects.criterionId, criterionId)).all());
		const row = tx
			.insert(schemeAspects)
			.values({ ...input, schemeId, criterionId, position, code: `~new${Date.now()}` })
			.returning()
			.get();
		return { after: row, result: row };
	});
}

export function updateAspect(db: DB, actor: Actor | null, schemeId: number, aspectId: number, input: AspectInput) {
	return audited(db, actor, schemeId, 'scheme.aspect.update', (tx) => {
		const before = tx.select().from(schemeAspects).where(and(eq(schemeAspects.id, aspectId), eq(schemeAspects.schemeId, schemeId))).get();
		if (!before) throw new NotFoundError('aspect');
		const after = tx.update(schemeAspects).set(input).where(eq(schemeAspects.id, aspectId)).returning().get();
		return { before, after };
	});
}

export function renamePart(db: DB, actor: Actor | null, schemeId: number, part: Exclude<Part, 'aspect'>, id: number, input: { name: string; weight?: string }) {
	return audited(db, actor, schemeId, `scheme.${part}.update`, (tx) => {
		if (part === 'module') {
			const before = tx.select().from(schemeModules).where(and(eq(schemeModules.id, id), eq(schemeModules.schemeId, schemeId))).get();
			if (!before) throw new NotFoundError('module');
			const after = tx.update(schemeModules).set({ name: input.name, weight: input.weight ?? before.weight }).where(eq(schemeModules.id, id)).returning().get();
			return { before, after };
		}
		criterionOf(tx, schemeId, id);
		const before = tx.select().from(schemeCriteria).where(eq(schemeCriteria.id, id)).get();
		const after = tx.update(schemeCriteria).set({ name: input.name }).where(eq(schemeCriteria.id, id)).returning().get();
		return { before, after };
	});
}

export function deletePart(db: DB, actor: Actor | null, schemeId: number, part: Part, id: number) {
	return audited(db, actor, schemeId, `scheme.${part}.delete`, (tx) => {
		if (part === 'module') {
			const before = tx.select().from(schemeModules).where(and(eq(schemeModules.id, id), eq(schemeModules.schemeId, schemeId))).get();
			if (!before) throw new NotFoundError('module');
			tx.delete(schemeModules).where(eq(schemeModules.id, id)).run();
			return { before };
		}
		if (part === 'criterion') {
			criterionOf(tx, schemeId, id);
			const before = tx.select().from(schemeCriteria).where(eq(schemeCriteria.id, id)).get();
			tx.delete(schemeCriteria).where(eq(schemeCriteria.id, id)).run();
			return { before };
		}
		const before = tx.select().from(schemeAspects).where(and(eq(schemeAspects.id, id), eq(schemeAspects.schemeId, schemeId))).get();
		if (!before) throw new NotFoundError('aspect');
		tx.delete(schemeAspects).where(eq(schemeAspects.id, id)).run();
		return { before };
	});
}

/** A changed locked scheme is a new version: an unlocked copy in the same family. */
export function newSchemeVersion(db: DB, actor: Actor | null, schemeId: number) {
	authorize(actor, 'officer.area');
	const ctx = loadScheme(db, schemeId);
	authorize(actor, 'competition.manage', { unitPath: ctx.organiserPath });
	const familyId = ctx.scheme.familyId ?? ctx.scheme.id;
	return db.transaction((tx) => {
		const latest = tx.select({ v: schemes.version }).from(schemes).where(eq(schemes.familyId, familyId)).all().reduce((v, r) => Math.max(v, r.v), 0);
		const { id: _id, lockedAt: _l, createdAt: _c, ...rules } = ctx.scheme;
		const copy = tx.insert(schemes).values({ ...rules, familyId, version: latest + 1, createdAt: new Date() }).returning().get();
		for (const mod of schemeTree(tx, schemeId)) {
			const newMod = tx.insert(schemeModules).values({ schemeId: copy.id, position: mod.position, name: mod.name, weight: mod.weight }).returning().get();
			for (const c of mod.criteria) {
				const newC = tx.insert(schemeCriteria).values({ moduleId: newMod.id, position: c.position, name: c.name }).returning().get();
				for (const a of c.aspects) {
					const { id: _a, schemeId: _s, criterionId: _cr, ...fields } = a;
					tx.insert(schemeAspects).values({ ...fields, schemeId: copy.id, criterionId: newC.id }).run();
				}
			}
		}
		writeAudit(tx, actor, { action: 'scheme.version', entityType: 'scheme', entityId: copy.id, unitPath: ctx.organiserPath, before: { from: schemeId }, after: copy });
		return copy;
	});
}

/** Locks the scheme a stage scores with; called in the transaction that starts the stage. */
export function lockSchemeFor(tx: Tx, schemeId: number) {
	tx.update(schemes).set({ lockedAt: new Date() }).where(and(eq(schemes.id, schemeId), isNull(schemes.lockedAt))).run();
}
