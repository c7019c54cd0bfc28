import { asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, awards, marks, resultVersions, sheets, stages, standings } from '../db/schema';
import { verifyAuditChain } from '../audit';
import { recomputeStage } from '../judging/standings';
import { computeResultRows, hashRows, storedRows, type ResultRow } from './rows';

export type Problem =
	| { kind: 'chain'; auditId: number }
	| { kind: 'mark'; sheetId: number; aspectId: number; stored: string | null; audited: string | null }
	| { kind: 'sheet_unaudited'; sheetId: number }
	| { kind: 'standing'; stageId: number; entryId: number; field: string; stored: unknown; recomputed: unknown }
	| { kind: 'tally'; stageId: number; stored: { entries: number; scored: number } | null; counted: { entries: number; scored: number } }
	| { kind: 'rows_hash'; versionId: number; stored: string; computed: string; audited: string | null }
	| { kind: 'result'; versionId: number; entryId: number; field: string; published: unknown; recomputed: unknown }
	| { kind: 'status'; versionId: number; stored: string; audited: string | null }
	| { kind: 'award'; awardId: number | null; code: string; problem: 'unaudited' | 'not_in_results' | 'missing' };

export interface VerifyReport {
	problems: Problem[];
	checked: { auditRows: number; sheets: number; stages: number; versions: number; recomputed: number };
	skipped: { versionId: number; why: 'stage_reopened' | 'correction_open' }[];
}

const MARK_ACTIONS = ['sheet.save', 'sheet.submit', 'sheet.import'];
const ROWS_ACTIONS = ['result.publish', 'result.revise', 'result.finalise', 'result.correct'];
/** The status each audited results action leaves a version in. */
const STATUS_AFTER: Record<string, string> = { 'result.publish': 'notice', 'result.finalise': 'final', 'result.correction': 'correction', 'result.correct': 'final' };
const FIELDS: (keyof ResultRow)[] = ['rank', 'total', 'own', 'previous', 'modules', 'criteria', 'standardised', 'awardTier', 'awardName', 'excellent'];

/**
 * `npm run verify`: checks that the audit chain is intact, that every sheet's marks are
 * the marks its last audited save wrote, that stored standings equal a recomputation
 * from raw marks (and each stage's tally their count), and that every published version is what was audited and, while its
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
		const storedRows_ = db.select().from(standings).where(eq(standings.stageId, stage.id)).all();
		for (const row of storedRows_) {
			const r = fresh.get(row.entryId);
			for (const field of ['total', 'complete', 'sortKey'] as const)
				if (!r || r[field] !== row[field]) problems.push({ kind: 'standing', stageId: stage.id, entryId: row.entryId, field, stored: row[field], recomputed: r?.[field] ?? null });
		}
		for (const [entryId, r] of fresh)
			if (!storedRows_.some((row) => row.entryId === entryId)) problems.push({ kind: 'standing', stageId: stage.id, entryId, field: 'row', stored: null, recomputed: r.total });
	}

	// each stage's tally against its standings (both kept in one transaction by triggers)
	for (const t of db.all<{ stage_id: number; entries: number | null; scored: number | null; n: number; k: number }>(sql`
		SELECT s.stage_id, t.entries, t.scored, s.n, s.k FROM (SELECT stage_id, count(*) AS n, count(sort_key) AS k FROM standings GROUP BY stage_id) s
		LEFT JOIN stage_tallies t ON t.stage_id = s.stage_id
		UNION ALL
		SELECT t.stage_id, t.entries, t.scored, 0, 0 FROM stage_tallies t
		WHERE NOT EXISTS (SELECT 1 FROM standings x WHERE x.stage_id = t.stage_id) AND (t.entries <> 0 OR t.scored <> 0)`))
		if (t.entries !== t.n || t.scored !== t.k)
			problems.push({ kind: 'tally', stageId: t.stage_id, stored: t.entries === null ? null : { entries: t.entries, scored: t.scored ?? 0 }, counted: { entries: t.n, scored: t.k } });

	// published versions against the audit log and against raw marks
	const auditedHash = new Map<number, string>();
	const auditedStatus = new Map<number, string>();
	const auditedCodes = new Set<string>();
	const resultAudit = db
		.select({ action: auditLog.action, entityId: auditLog.entityId, after: auditLog.after })
		.from(auditLog)
		.where(inArray(auditLog.action, [...new Set([...ROWS_ACTIONS, ...Object.keys(STATUS_AFTER)])]))
		.orderBy(asc(auditLog.id))
		.all();
	const allVersions = db.select().from(resultVersions).orderBy(asc(resultVersions.id)).all();
	for (const row of resultAudit) {
		const after = JSON.parse(row.after ?? '{}');
		const id = Number(row.entityId);
		if (after.rowsHash) auditedHash.set(id, after.rowsHash);
		if (STATUS_AFTER[row.action]) auditedStatus.set(id, STATUS_AFTER[row.action]);
		// a published correction supersedes the stage's earlier final version
		if (row.action === 'result.correct')
			for (const v of allVersions) if (v.stageId === after.stageId && v.id !== id && auditedStatus.get(v.id) === 'final') auditedStatus.set(v.id, 'superseded');
		for (const a of [...(after.awards ?? []), ...(after.issued ?? [])]) if (a.code) auditedCodes.add(a.code);
	}
	for (const v of allVersions)
		if (auditedStatus.get(v.id) !== v.status) problems.push({ kind: 'status', versionId: v.id, stored: v.status, audited: auditedStatus.get(v.id) ?? null });
	const versions = allVersions.filter((v) => v.status !== 'correction');
	const skipped: VerifyReport['skipped'] = [];
	let recomputed = 0;
	for (const v of versions) {
		const rows = storedRows(db, v.id);
		const computed = hashRows(rows);
		const audited = auditedHash.get(v.id) ?? null;
		if (computed !== v.rowsHash || computed !== audited) problems.push({ kind: 'rows_hash', versionId: v.id, stored: v.rowsHash ?? '', computed, audited });
		if (v.status === 'superseded') continue;
		const stage = started.find((s) => s.id === v.stageId);
		if (allVersions.some((o) => o.stageId === v.stageId && o.version > v.version && o.status === 'correction')) {
			// marks may already be corrected; the correction is checked when it is published
			skipped.push({ versionId: v.id, why: 'correction_open' });
			continue;
		}
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
		for (const [entryId, r] of fresh)
			if (!rows.some((row) => row.entryId === entryId)) problems.push({ kind: 'result', versionId: v.id, entryId, field: 'row', published: null, recomputed: r.total });
	}

	// standing awards: each one audited when issued, and each one what a final version's rows give
	const standing = db.select().from(awards).where(isNull(awards.revokedAt)).all();
	const finals = versions.filter((v) => v.status === 'final');
	const wanted = new Set<string>();
	for (const v of finals)
		for (const r of storedRows(db, v.id)) {
			if (r.awardName !== null) wanted.add(`${v.stageId}|${r.entryId}|rank|${r.awardName}`);
			if (r.excellent) wanted.add(`${v.stageId}|${r.entryId}|excellence`);
		}
	const stageOfVersion = new Map(allVersions.map((v) => [v.id, v.stageId]));
	const have = new Set<string>();
	for (const a of standing) {
		const key = a.kind === 'rank' ? `${stageOfVersion.get(a.versionId)}|${a.entryId}|rank|${a.name}` : `${stageOfVersion.get(a.versionId)}|${a.entryId}|excellence`;
		have.add(key);
		if (!auditedCodes.has(a.code)) problems.push({ kind: 'award', awardId: a.id, code: a.code, problem: 'unaudited' });
		else if (!wanted.has(key)) problems.push({ kind: 'award', awardId: a.id, code: a.code, problem: 'not_in_results' });
	}
	for (const key of wanted) if (!have.has(key)) problems.push({ kind: 'award', awardId: null, code: key, problem: 'missing' });
	return { problems, checked: { auditRows, sheets: allSheets.length, stages: started.length, versions: versions.length, recomputed }, skipped };
}
