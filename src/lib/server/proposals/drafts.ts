import { and, eq, inArray, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB, Tx } from '../db';
import { proposalAuthors, proposalFiles, proposals, proposalSerials, proposalSupports, units, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/policy';
import { writeAudit } from '../audit';
import { RuleError } from '../errors';
import { notify } from '../notifications';
import { checkUploads, sha256Hex, type Upload } from '../files';
import { serialOf, shareProblem } from '$lib/domain/proposals';
import { today } from '../competitions/context';
import { authorizeOn, authorsOf, loadProposal, proposalLink, recordStep, relationOf } from './context';
import { indexProposal } from './search';
import { MAX_COAUTHORS, type DraftInput } from './forms';

export { FILE_MAX_BYTES, MAX_FILES } from '../files';

function employerOf(db: DB | Tx, workerId: number) {
	return db
		.select({ id: units.id, code: units.code, path: units.path })
		.from(workers)
		.innerJoin(units, eq(units.id, workers.employerId))
		.where(eq(workers.id, workerId))
		.get()!;
}

/** Co-proposers are colleagues of the same enterprise, named by employee number. */
function resolveAuthors(db: DB | Tx, actor: Actor, employerId: number, input: DraftInput) {
	const errors: Record<string, string> = {};
	if (input.coauthors.length > MAX_COAUTHORS) errors.shares = m.err_coauthors_max({ max: MAX_COAUTHORS });
	const authors = [{ workerId: actor.workerId, share: input.ownShare }];
	input.coauthors.forEach((c, i) => {
		if (!c.employeeNo) {
			errors[`co${i}`] = m.err_required();
			return;
		}
		const w = db
			.select({ id: workers.id })
			.from(workers)
			.where(and(eq(workers.employerId, employerId), eq(workers.employeeNo, c.employeeNo)))
			.get();
		if (!w) errors[`co${i}`] = m.err_coauthor_unknown({ no: c.employeeNo.slice(0, 32) });
		else if (authors.some((a) => a.workerId === w.id)) errors[`co${i}`] = m.err_coauthor_twice();
		else authors.push({ workerId: w.id, share: c.share });
	});
	const problem = shareProblem(authors.map((a) => a.share));
	if (problem === 'total') errors.shares = m.err_shares_total({ total: authors.reduce((a, b) => a + (Number.isNaN(b.share) ? 0 : b.share), 0) });
	else if (problem === 'range') errors.shares = m.err_shares_range();
	return { authors, errors };
}

function nextSerial(tx: Tx, unitId: number, unitCode: string, now: Date): string {
	const year = Number(today(now).slice(0, 4));
	const row = tx
		.insert(proposalSerials)
		.values({ unitId, year, last: 1 })
		.onConflictDoUpdate({ target: [proposalSerials.unitId, proposalSerials.year], set: { last: sql`${proposalSerials.last} + 1` } })
		.returning({ last: proposalSerials.last })
		.get();
	return serialOf(unitCode, year, row.last);
}

/**
 * Creates or updates a draft, with its co-proposers and attachments; with `submit`
 * it is also checked for completeness and submitted, all in one transaction.
 */
export function saveDraft(db: DB, actor: Actor | null, proposalId: number | null, input: DraftInput, uploads: Upload[] = [], now = new Date()) {
	authorize(actor, 'proposal.create');
	const ctx = proposalId ? loadProposal(db, proposalId) : null;
	if (ctx) {
		authorizeOn(db, actor, ctx, 'proposal.edit');
		if (ctx.p.status !== 'draft') throw new RuleError({ _: m.err_proposal_not_draft() });
	}
	const employer = employerOf(db, actor.workerId);
	const { authors, errors } = resolveAuthors(db, actor, employer.id, input);
	const keptFiles = ctx
		? db.select({ id: proposalFiles.id }).from(proposalFiles).where(eq(proposalFiles.proposalId, ctx.p.id)).all().filter((f) => !input.removeFiles.includes(f.id))
		: [];
	const { files, error } = checkUploads(uploads, keptFiles.length);
	if (error) errors.files = error;
	if (input.submit) {
		if (!input.problem) errors.problem = m.err_required();
		if (!input.solution) errors.solution = m.err_required();
	}
	if (Object.keys(errors).length) throw new RuleError(errors);

	return db.transaction((tx) => {
		const values = {
			kind: input.kind,
			category: input.category,
			title: input.title,
			problem: input.problem,
			solution: input.solution,
			expectedBenefit: input.expectedBenefit,
			updatedAt: now
		};
		let id: number;
		if (ctx) {
			id = ctx.p.id;
			tx.update(proposals).set(values).where(eq(proposals.id, id)).run();
			tx.delete(proposalAuthors).where(eq(proposalAuthors.proposalId, id)).run();
			if (input.removeFiles.length) tx.delete(proposalFiles).where(and(eq(proposalFiles.proposalId, id), inArray(proposalFiles.id, input.removeFiles))).run();
		} else {
			id = tx
				.insert(proposals)
				.values({
					...values,
					createdBy: actor.userId,
					unitId: actor.unitId,
					employerId: employer.id,
					handlingUnitId: employer.id,
					status: 'draft',
					stateSince: now,
					createdAt: now
				})
				.returning({ id: proposals.id })
				.get().id;
		}
		tx.insert(proposalAuthors)
			.values(authors.map((a, i) => ({ proposalId: id, workerId: a.workerId, share: a.share, position: i })))
			.run();
		for (const f of files) {
			tx.insert(proposalFiles)
				.values({ proposalId: id, name: f.name, type: f.type, size: f.bytes.length, sha256: sha256Hex(f.bytes), bytes: Buffer.from(f.bytes), uploadedBy: actor.userId, createdAt: now })
				.run();
		}
		writeAudit(tx, actor, {
			action: ctx ? 'proposal.draft.update' : 'proposal.draft.create',
			entityType: 'proposal',
			entityId: id,
			unitPath: employer.path,
			after: {
				title: input.title,
				authors: authors.map((a) => [a.workerId, a.share]),
				added: files.map((f) => ({ name: f.name, type: f.type, bytes: f.bytes.length, sha256: sha256Hex(f.bytes) })),
				removed: input.removeFiles
			}
		});
		if (input.submit) submitInTx(tx, actor, id, employer, now);
		return { id };
	});
}

function submitInTx(tx: Tx, actor: Actor, id: number, employer: { id: number; code: string }, now: Date) {
	const serial = nextSerial(tx, employer.id, employer.code, now);
	const loaded = loadProposal(tx, id);
	const ctx = { ...loaded, p: { ...loaded.p, serial } };
	recordStep(tx, actor, ctx, { action: 'submit', to: 'submitted', set: { serial, submittedAt: now }, data: { serial } }, now);
	// The step tells the co-proposers they are named on it.
	indexProposal(tx, ctx.p);
}

/** Deletes a draft that was never submitted. */
export function deleteDraft(db: DB, actor: Actor | null, proposalId: number) {
	const ctx = loadProposal(db, proposalId);
	authorizeOn(db, actor, ctx, 'proposal.edit');
	if (ctx.p.status !== 'draft') throw new RuleError({ _: m.err_proposal_not_draft() });
	db.transaction((tx) => {
		tx.delete(proposals).where(eq(proposals.id, proposalId)).run();
		writeAudit(tx, actor, { action: 'proposal.draft.delete', entityType: 'proposal', entityId: proposalId, unitPath: ctx.employerPath, before: { title: ctx.p.title } });
	});
}

const SUPPORTABLE = ['submitted', 'review', 'reserve', 'adopted', 'implementing', 'trial', 'assessment', 'confirmed', 'rewarded'];

/** 附议: a colleague of the proposer's enterprise backs a proposal, once. */
export function supportProposal(db: DB, actor: Actor | null, proposalId: number, now = new Date()) {
	const ctx = loadProposal(db, proposalId);
	const rel = relationOf(db, actor, ctx);
	if (actor && rel.author) throw new RuleError({ _: m.err_support_own() });
	authorizeOn(db, actor, ctx, 'proposal.support', rel);
	if (!SUPPORTABLE.includes(ctx.p.status)) throw new RuleError({ _: m.err_support_closed() });
	if (db.select().from(proposalSupports).where(and(eq(proposalSupports.proposalId, proposalId), eq(proposalSupports.workerId, actor.workerId))).get()) {
		throw new RuleError({ _: m.err_support_twice() });
	}
	db.transaction((tx) => {
		// The primary key refuses a second support even if two requests race past the check.
		tx.insert(proposalSupports).values({ proposalId, workerId: actor.workerId, at: now }).run();
		tx.update(proposals).set({ supports: sql`${proposals.supports} + 1` }).where(eq(proposals.id, proposalId)).run();
		recordStep(tx, actor, ctx, { action: 'support', tellAuthors: false }, now);
		notify(tx, authorsOf(tx, proposalId).map((a) => a.userId).filter((u): u is number => u !== null), {
			kind: 'proposal_support',
			params: { serial: ctx.p.serial ?? '', title: ctx.p.title.slice(0, 60), name: actor.name },
			link: proposalLink(proposalId)
		}, now);
	});
}
