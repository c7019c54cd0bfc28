import { asc, count, eq, inArray, ne } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, marks, resultVersions, sheets, stages, standings } from '../db/schema';
import { verifyAuditChain } from '../audit';
import { recomputeStage } from '../judging/standings';
import { computeResultRows, hashRows, storedRows, type ResultRow } from './rows';

export type Problem =
	| { kind: 'chain'; auditId: number }
	| { kind: 'mark'; sheetId: number; aspectId: number; stored: string | null; audited: string | null }
	| { kind: 'sheet_unaudited'; sheetId: number }
	| { kind: 'standing'; stageId: number; entryId: number; field: string; stored: unknown; recomputed: unknown }
	| { kind: 'rows_hash'; versionId: number; stored: string; computed: string; audited: string | null }
	| { kind: 'result'; versionId: number; entryId: number; field: string; published: unknown; recomputed: unknown };

export interface VerifyReport {
	problems: Problem[];
	checked: { auditRows: number; sheets: number; stages: number; versions: number; recomputed: number };
	skipped: { versionId: number; why: 'stage_reopened' }[];
}

const MARK_ACTIONS = ['sheet.save', 'sheet.submit', 'sheet.import'];
const ROWS_ACTIONS = ['result.publish', 'result.revise', 'result.finalise', 'result.correct'];
const FIELDS: (keyof ResultRow)[] = ['rank', 'total', 'own', 'previous', 'modules', 'criteria', 'standardised', 'awardTier', 'awardName', 'excellent'];

/**
 * `npm run verify`: checks that the audit chain is intact, that every sheet's marks are
 * the marks its last audited save wrote, that stored standings equal a recomputation
 * from raw marks, and that every published version is what was audited and, while its
 * stage stays locked, what the raw marks give today.
 */
export function verifyResults(db: DB): VerifyReport {
	const problems: Problem[] = verifyAuditChain(db).map((auditId) => ({ kind: 'chain' as const, auditId }));
	const auditRows = db.select({ n: count() }).from(auditLog).get()!.n;

	// marks against the audit log
	const lastAudited = new Map<number, Record<string, string>>();
	for (const row of db.select({ entityId: auditLog.entityId, after: auditLog.after }).from(auditLog).where(inArray(auditLog.action, MARK_ACTIONS)).orderBy(asc(auditLog.id)).all())
		lastAudited.set(Number(row.entityId), (JSON.parse(row.after ?? '{}').marks ?? {}) as Record<string, string>);
	const allSheets = db.select({ id: sheets.id }).from(sheets).all();
	const storedMarks = new Map<number, Record<string, string>>();
	for (const mk of db.select().from(marks).all()) storedMarks.set(mk.sheetId, { ...(storedMarks.get(mk.sheetId) ?? {}), [mk.aspectId]: mk.value });
	for (const { id } of allSheets) {
		const audited = lastAudited.get(id);
		if (!audited) {
			problems.push({ kind: 'sheet_unaudited', sheetId: id });
			continue;
		}
		const stored = storedMarks.get(id) ?? {};
		for (const aspectId of new Set([...Object.keys(stored), ...Object.keys(audited)]))
			if (stored[aspectId] !== audited[aspectId])
				problems.push({ kind: 'mark', sheetId: id, aspectId: Number(aspectId), stored: stored[aspectId] ?? null, audited: audited[aspectId] ?? null });
	}

	// stored standings against raw marks
	const started = db.select().from(stages).where(ne(stages.status, 'pending')).orderBy(asc(stages.id)).all();
	for (const stage of started) {
		const fresh = new Map(recomputeStage(db, stage.id).map((r) => [r.entryId, r]));
		for (const row of db.select().from(standings).where(eq(standings.stageId, stage.id)).all()) {
			const r = fresh.get(row.entryId);
			for (const field of ['total', 'complete', 'sortKey'] as const)
				if (!r || r[field] !== row[field]) problems.push({ kind: 'standing', stageId: stage.id, entryId: row.entryId, field, stored: row[field], recomputed: r?.[field] ?? null });
		}
	}

	// published versions against the audit log and against raw marks
	const auditedHash = new Map<number, string>();
	for (const row of db.select({ entityId: auditLog.entityId, after: auditLog.after }).from(auditLog).where(inArray(auditLog.action, ROWS_ACTIONS)).orderBy(asc(auditLog.id)).all()) {
		const h = JSON.parse(row.after ?? '{}').rowsHash;
		if (h) auditedHash.set(Number(row.entityId), h);
	}
	const versions = db.select().from(resultVersions).where(ne(resultVersions.status, 'correction')).orderBy(asc(resultVersions.id)).all();
	const skipped: VerifyReport['skipped'] = [];
	let recomputed = 0;
	for (const v of versions) {
		const rows = storedRows(db, v.id);
		const computed = hashRows(rows);
		const audited = auditedHash.get(v.id) ?? null;
		if (computed !== v.rowsHash || computed !== audited) problems.push({ kind: 'rows_hash', versionId: v.id, stored: v.rowsHash ?? '', computed, audited });
		if (v.status === 'superseded') continue;
		const stage = started.find((s) => s.id === v.stageId);
		if (!stage || stage.status !== 'locked') {
			skipped.push({ versionId: v.id, why: 'stage_reopened' });
			continue;
		}
		recomputed++;
		const fresh = new Map(computeResultRows(db, stage).map((r) => [r.entryId, r]));
		for (const row of rows) {
			const r = fresh.get(row.entryId);
			for (const field of FIELDS)
				if (JSON.stringify(row[field]) !== JSON.stringify(r?.[field] ?? null))
					problems.push({ kind: 'result', versionId: v.id, entryId: row.entryId, field, published: row[field], recomputed: r?.[field] ?? null });
		}
	}
	return { problems, checked: { auditRows, sheets: allSheets.length, stages: started.length, versions: versions.length, recomputed }, skipped };
}
