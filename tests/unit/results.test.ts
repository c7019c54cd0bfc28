import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { awards, honours, resultRows, resultVersions, sheets, stages } from '$lib/server/db/schema';
import { ForbiddenError, RuleError } from '$lib/server/errors';
import { deleteStage } from '$lib/server/competitions';
import { reopenSheet, saveSheet } from '$lib/server/judging/sheets';
import { lockStage } from '$lib/server/judging/stages';
import { finaliseResults, openCorrection, publishCorrection, publishResults, updateNotice } from '$lib/server/results/versions';
import { fileAppeal, ruleAppeal } from '$lib/server/results/appeals';
import { updateAwardRules } from '$lib/server/results/settings';
import { publicVersion, storedRows } from '$lib/server/results/rows';
import { verifyResults } from '$lib/server/results/verify';
import { auditSince, lastAuditId, thrown } from './helpers';
import { makeContest, marksOf, scoreStage1, type Contest } from './contest-fixture';

const HOUR = 3_600_000;

/**
 * A one-stage event scored as in the judging tests: totals 36.08, 35.20, 35.20 (a
 * shared rank), 35.13 and 29.20 for workerA, ta1b, ta1c, ta2a and ta2b.
 */
async function lockedContest() {
	const c = await makeContest();
	deleteStage(c.db, c.officer, c.stages.final.id);
	updateAwardRules(c.db, c.officer, c.event.id, {
		rule: { kind: 'rank', tiers: [{ name: '一等奖', count: 1, honour: '技术能手' }, { name: '二等奖', count: 1 }, { name: '三等奖', count: 2 }] },
		excellenceMin: '100',
		excellenceName: '优秀奖'
	});
	scoreStage1(c);
	lockStage(c.db, c.judges.chief, c.stages.s1.id);
	return c;
}

function publish(c: Contest, hoursLeft = 2) {
	const now = Date.now();
	return publishResults(c.db, c.officer, c.stages.s1.id, { noticeStartsAt: new Date(now - HOUR), noticeEndsAt: new Date(now + hoursLeft * HOUR), showNames: false });
}

const rowsOf = (c: Contest, versionId: number) => Object.fromEntries(storedRows(c.db, versionId).map((r) => [r.entryId, r]));

function byWorker(c: Contest, versionId: number) {
	const rows = rowsOf(c, versionId);
	const pick = (w: { id: number }) => rows[c.entryOf(w.id)];
	return { A: pick(c.w.workerA), b: pick(c.w.ta1b), c: pick(c.w.ta1c), d: pick(c.w.ta2a), e: pick(c.w.ta2b) };
}

const later = (h: number) => new Date(Date.now() + h * HOUR);

describe('publishing results (公示)', () => {
	it('needs a locked stage and the organiser, and computes ranks, awards and the standardised score from raw marks', async () => {
		const c = await makeContest();
		deleteStage(c.db, c.officer, c.stages.final.id);
		scoreStage1(c);
		const early = await thrown(RuleError, () => publish(c));
		expect(early.errors._).toMatch(/签字锁定/);
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		await thrown(ForbiddenError, () => publishResults(c.db, c.actors.officerEA1, c.stages.s1.id, { noticeStartsAt: new Date(), noticeEndsAt: later(3), showNames: false }));
		const bad = await thrown(RuleError, () => publishResults(c.db, c.officer, c.stages.s1.id, { noticeStartsAt: new Date(), noticeEndsAt: later(0.5), showNames: false }));
		expect(Object.keys(bad.errors)).toEqual(['noticeEndsAt']);
		expect(c.db.select().from(resultVersions).all()).toHaveLength(0);
		const { versionId } = publish(c);
		const r = byWorker(c, versionId);
		expect([r.A, r.b, r.c, r.d, r.e].map((x) => [x.rank, x.total])).toEqual([
			[1, '36.08'],
			[2, '35.20'],
			[2, '35.20'],
			[4, '35.13'],
			[5, '29.20']
		]);
		// no award rules yet: nobody gets one
		expect([r.A, r.b, r.c, r.d, r.e].every((x) => x.awardName === null && !x.excellent)).toBe(true);
		// criteria: theory 理论考试 90; the practical criterion 零件加工 12.98 (one criterion per module)
		expect(Object.values(r.A.criteria).sort()).toEqual(['12.98', '90.00']);
		// median 35.20 → 100; MAD of (0.88, 0, 0, 0.07, 6) = 0.07, ×1.4826 → spread
		expect(r.b.standardised).toBe('100.0');
		expect(Number(r.A.standardised)).toBeCloseTo(100 + (0.88 / (0.07 * 1.4826)) * 10, 1);
		const audit = auditSince(c.db).filter((a) => a.action === 'result.publish');
		expect(JSON.parse(audit[0].after!).rowsHash).toBe(c.db.select().from(resultVersions).get()!.rowsHash);
		const again = await thrown(RuleError, () => publish(c));
		expect(again.errors._).toMatch(/公示中/);
	});

	it('awards by rank give everyone tied at a cut the better award, and excellence by standardised score', async () => {
		const c = await lockedContest();
		const { versionId } = publish(c);
		const r = byWorker(c, versionId);
		expect([r.A, r.b, r.c, r.d, r.e].map((x) => x.awardName)).toEqual(['一等奖', '二等奖', '二等奖', '三等奖', null]);
		expect([r.A, r.b, r.c, r.d, r.e].map((x) => x.excellent)).toEqual([true, true, true, false, false]);
		// nothing is issued while the results are provisional
		expect(c.db.select().from(awards).all()).toHaveLength(0);
	});
});

describe('appeals (申诉)', () => {
	it('an entrant or their unit officer may appeal once per entry, during the notice only', async () => {
		const c = await lockedContest();
		const { versionId } = publish(c);
		const A = c.entryOf(c.w.workerA.id);
		const d = c.entryOf(c.w.ta2a.id);
		await thrown(ForbiddenError, () => fileAppeal(c.db, c.actors.workerB, versionId, A, { reason: '成绩有误' }));
		await thrown(ForbiddenError, () => fileAppeal(c.db, c.actors.workerA, versionId, d, { reason: '别人的成绩' }));
		// another unit's entry: the EA1 officer cannot appeal for EA2's entrant
		await thrown(ForbiddenError, () => fileAppeal(c.db, c.actors.officerEA1, versionId, d, { reason: '成绩有误' }));
		const empty = await thrown(RuleError, () => fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '  ' }));
		expect(empty.errors.reason).toBe('此项必填');
		const bigFile = await thrown(RuleError, () =>
			fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '见附件', attachment: { name: 'a.exe', type: 'application/x-msdownload', bytes: new Uint8Array(10) } })
		);
		expect(bigFile.errors.attachment).toMatch(/PDF/);
		const late = await thrown(RuleError, () => fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '成绩有误' }, later(3)));
		expect(late.errors._).toBe('公示期已结束，不再受理申诉');
		const before = lastAuditId(c.db);
		fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '零件完成度评分偏低', attachment: { name: '照片.png', type: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]) } });
		const dup = await thrown(RuleError, () => fileAppeal(c.db, c.actors.officerEA1, versionId, A, { reason: '再次申诉' }));
		expect(dup.errors._).toMatch(/已提交过申诉/);
		fileAppeal(c.db, c.actors.officerEA1, versionId, c.entryOf(c.w.ta1b.id), { reason: '理论成绩核对' });
		const audit = auditSince(c.db, before);
		expect(audit.map((a) => a.action)).toEqual(['appeal.file', 'appeal.file']);
		expect(JSON.parse(audit[0].after!).attachment).toMatchObject({ name: '照片.png', bytes: 4 });
	});

	it('an upheld appeal reopens sheets; the notice changes only when the stage is locked again, then finalising issues awards and honours', async () => {
		const c = await lockedContest();
		const { versionId } = publish(c);
		const s = c.stages.s1.id;
		const A = c.entryOf(c.w.workerA.id);
		const e = c.entryOf(c.w.ta2b.id);
		const appealA = fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '理论成绩录入有误' });
		const appealE = fileAppeal(c.db, c.officer, versionId, e, { reason: '复核' });
		await thrown(ForbiddenError, () => ruleAppeal(c.db, c.judges.eb1, appealA.id, { decision: 'dismissed', ruling: '维持', sheetIds: [] }));
		const noRuling = await thrown(RuleError, () => ruleAppeal(c.db, c.judges.chief, appealA.id, { decision: 'upheld', ruling: '', sheetIds: [] }));
		expect(noRuling.errors.ruling).toBe('此项必填');
		// finalising waits for the end of the notice and for every ruling
		expect((await thrown(RuleError, () => finaliseResults(c.db, c.officer, versionId))).errors._).toMatch(/公示期尚未结束/);
		expect((await thrown(RuleError, () => finaliseResults(c.db, c.officer, versionId, later(3)))).errors._).toMatch(/未裁决/);
		ruleAppeal(c.db, c.judges.chief, appealE.id, { decision: 'dismissed', ruling: '经复核，评分无误，维持原成绩。', sheetIds: [] });
		const eb1Sheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, A), eq(sheets.judgeId, c.judgeIds.eb1))).get()!;
		const upheld = ruleAppeal(c.db, c.judges.chief, appealA.id, { decision: 'upheld', ruling: '理论成绩应为 95 分，重新录入。', sheetIds: [eb1Sheet.id] });
		expect(upheld.reopened).toBe(1);
		expect(c.db.select().from(stages).where(eq(stages.id, s)).get()!.status).toBe('scoring');
		expect((await thrown(RuleError, () => ruleAppeal(c.db, c.judges.chief, appealA.id, { decision: 'dismissed', ruling: 'x', sheetIds: [] }))).errors._).toMatch(/已裁决/);
		// the public notice still shows the old result while re-marking goes on
		expect(byWorker(c, versionId).A.total).toBe('36.08');
		expect((await thrown(RuleError, () => finaliseResults(c.db, c.officer, versionId, later(3)))).errors._).toMatch(/重新签字锁定/);
		saveSheet(c.db, c.judges.eb1, s, A, { version: eb1Sheet.version + 1, marks: marksOf(c, '95', '3', '8.5', '0'), submit: true });
		expect(byWorker(c, versionId).A.total).toBe('36.08');
		const mark = lastAuditId(c.db);
		lockStage(c.db, c.judges.chief, s);
		// theory 95 × 30% = 28.5 instead of 27: 37.58
		expect(byWorker(c, versionId).A.total).toBe('37.58');
		const v = c.db.select().from(resultVersions).where(eq(resultVersions.id, versionId)).get()!;
		expect(v.revision).toBe(2);
		expect(auditSince(c.db, mark).map((a) => a.action)).toEqual(['stage.lock', 'result.revise']);
		finaliseResults(c.db, c.officer, versionId, later(3));
		const given = c.db.select().from(awards).all();
		expect(given.map((a) => [a.entryId, a.name]).sort()).toEqual(
			[
				[A, '一等奖'],
				[c.entryOf(c.w.ta1b.id), '二等奖'],
				[c.entryOf(c.w.ta1c.id), '二等奖'],
				[c.entryOf(c.w.ta2a.id), '三等奖'],
				...byWorkerExcellent(c, versionId).map((id) => [id, '优秀奖'])
			].sort()
		);
		expect(new Set(given.map((a) => a.code)).size).toBe(given.length);
		expect(c.db.select().from(honours).all().map((h) => [h.workerId, h.title])).toEqual([[c.w.workerA.id, '技术能手']]);
		// final: no more appeals, no reopening without a correction
		expect((await thrown(RuleError, () => fileAppeal(c.db, c.actors.officerEA1, versionId, c.entryOf(c.w.ta1c.id), { reason: 'x' }))).errors._).toMatch(/不在公示期/);
		const sheet = c.db.select().from(sheets).where(eq(sheets.entryId, A)).get()!;
		expect((await thrown(RuleError, () => reopenSheet(c.db, c.judges.chief, sheet.id, '再改'))).errors._).toMatch(/更正/);
	});
});

function byWorkerExcellent(c: Contest, versionId: number) {
	return storedRows(c.db, versionId)
		.filter((r) => r.excellent)
		.map((r) => r.entryId);
}

describe('corrections after final results', () => {
	it('are a new public version with a reason; changed awards are revoked and re-issued, unchanged ones keep their codes', async () => {
		const c = await lockedContest();
		const { versionId } = publish(c);
		// the organiser shortens the notice so that it has ended
		updateNotice(c.db, c.officer, versionId, { noticeStartsAt: new Date(Date.now() - 2 * HOUR), noticeEndsAt: new Date(Date.now() - HOUR + 1000), showNames: true });
		finaliseResults(c.db, c.officer, versionId);
		const before = c.db.select().from(awards).all();
		await thrown(ForbiddenError, () => openCorrection(c.db, c.actors.officerEA1, versionId, '更正'));
		expect((await thrown(RuleError, () => openCorrection(c.db, c.officer, versionId, ''))).errors.reason).toBe('此项必填');
		const { versionId: v2 } = openCorrection(c.db, c.officer, versionId, '裁判丙零件完成度录入错误，经裁判长核实更正');
		expect(publicVersion(c.db, c.stages.s1.id)!.id).toBe(versionId);
		// ta2a's (三等奖) part marks were 5: the fed judge's sheet is corrected to 10
		const d = c.entryOf(c.w.ta2a.id);
		const fedSheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, d), eq(sheets.judgeId, c.judgeIds.fed))).get()!;
		reopenSheet(c.db, c.judges.chief, fedSheet.id, '录入错误');
		expect((await thrown(RuleError, () => publishCorrection(c.db, c.officer, v2))).errors._).toMatch(/重新签字锁定/);
		saveSheet(c.db, c.judges.fed, c.stages.s1.id, d, { version: fedSheet.version + 1, marks: marksOf(c, '', '1', '10', '0'), submit: true });
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		const settled = publishCorrection(c.db, c.officer, v2);
		const versions = c.db.select().from(resultVersions).all();
		expect(versions.map((v) => [v.version, v.status, v.reason])).toEqual([
			[1, 'superseded', null],
			[2, 'final', '裁判丙零件完成度录入错误，经裁判长核实更正']
		]);
		expect(publicVersion(c.db, c.stages.s1.id)!.id).toBe(v2);
		// part mean (5+10)/2 = 7.5 × 1.2 = 9 instead of 6: practical +3 × 70% = +2.1 → 37.23, now first
		const r = byWorker(c, v2);
		expect([r.d.rank, r.d.total, r.d.awardName]).toEqual([1, '37.23', '一等奖']);
		expect([r.A.rank, r.A.awardName]).toEqual([2, '二等奖']);
		const active = c.db.select().from(awards).where(isNull(awards.revokedAt)).all();
		const kept = before.filter((a) => active.some((x) => x.id === a.id));
		expect(kept.length).toBeGreaterThan(0);
		for (const a of kept) expect(active.find((x) => x.id === a.id)!.code).toBe(a.code);
		const revoked = c.db.select().from(awards).all().filter((a) => a.revokedAt);
		expect(revoked.map((a) => a.revokedReason)).toEqual(revoked.map(() => '裁判丙零件完成度录入错误，经裁判长核实更正'));
		expect(settled.revoked.length).toBe(revoked.length);
		// the honour moved with the first prize
		const hs = c.db.select().from(honours).all();
		expect(hs.filter((h) => !h.revokedAt).map((h) => h.workerId)).toEqual([c.w.ta2a.id]);
		expect(hs.filter((h) => h.revokedAt).map((h) => h.workerId)).toEqual([c.w.workerA.id]);
		expect(c.db.select().from(resultRows).where(eq(resultRows.versionId, versionId)).all()).toHaveLength(5);
	});
});

describe('verify (npm run verify)', () => {
	it('finds nothing wrong with honest data, and catches a mark, a published row or an audit row changed in the database', async () => {
		const c = await lockedContest();
		const { versionId } = publish(c);
		const clean = verifyResults(c.db);
		expect(clean.problems).toEqual([]);
		expect(clean.checked).toMatchObject({ stages: 1, versions: 1, recomputed: 1, sheets: 13 });
		const A = c.entryOf(c.w.workerA.id);
		const sheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, A), eq(sheets.judgeId, c.judgeIds.eb1))).get()!;
		// someone edits the theory mark 90 → 99 straight in the database
		c.db.$client.prepare('UPDATE marks SET value = ? WHERE sheet_id = ? AND aspect_id = ?').run('99', sheet.id, c.aspects.theory.id);
		const tampered = verifyResults(c.db).problems;
		expect(tampered).toContainEqual({ kind: 'mark', sheetId: sheet.id, aspectId: c.aspects.theory.id, stored: '99', audited: '90' });
		expect(tampered).toContainEqual({ kind: 'standing', stageId: c.stages.s1.id, entryId: A, field: 'total', stored: '36.08', recomputed: '38.78' });
		expect(tampered).toContainEqual({ kind: 'result', versionId, entryId: A, field: 'total', published: '36.08', recomputed: '38.78' });
		c.db.$client.prepare('UPDATE marks SET value = ? WHERE sheet_id = ? AND aspect_id = ?').run('90', sheet.id, c.aspects.theory.id);
		expect(verifyResults(c.db).problems).toEqual([]);
		// a published figure edited: the rows no longer hash to what was audited
		c.db.$client.prepare('UPDATE result_rows SET total = ? WHERE version_id = ? AND entry_id = ?').run('40.00', versionId, A);
		const kinds = verifyResults(c.db).problems.map((p) => p.kind);
		expect(kinds).toContain('rows_hash');
		expect(kinds).toContain('result');
		c.db.$client.prepare('UPDATE result_rows SET total = ? WHERE version_id = ? AND entry_id = ?').run('36.08', versionId, A);
		// and the audit log itself edited
		const row = auditSince(c.db).find((a) => a.action === 'sheet.submit' && a.after!.includes('"90"'))!;
		c.db.$client.prepare('UPDATE audit_log SET after = ? WHERE id = ?').run(row.after!.replace('"90"', '"99"'), row.id);
		expect(verifyResults(c.db).problems.filter((p) => p.kind === 'chain').map((p) => p.kind === 'chain' && p.auditId)).toEqual([row.id]);
	});
});
