import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { awards, honours, resultRows, resultVersions, sheets, stages } from '$lib/server/db/schema';
import { ForbiddenError, NotSignedInError, RuleError } from '$lib/server/errors';
import { addStage, deleteStage, updateStage } from '$lib/server/competitions';
import { reopenSheet, saveSheet } from '$lib/server/judging/sheets';
import { advanceFrom, lockStage, startStage } from '$lib/server/judging/stages';
import { finaliseResults, openCorrection, publishCorrection, publishResults, updateNotice } from '$lib/server/results/versions';
import { fileAppeal, ruleAppeal } from '$lib/server/results/appeals';
import { DEFAULT_POINTS, setPointsTable, updateAwardRules } from '$lib/server/results/settings';
import { publicStageResults } from '$lib/server/results/public';
import { annualPoints, medalTable } from '$lib/server/results/tables';
import { certificate, verifyCertificate } from '$lib/server/results/certificates';
import { boardFingerprint, boardHistory, freezeBoard, liveBoard, publicBoard, screenBoard, unfreezeBoard } from '$lib/server/results/board';
import { publicVersion, storedRows } from '$lib/server/results/rows';
import { verifyResults } from '$lib/server/results/verify';
import { auditSince, lastAuditId, thrown } from './helpers';
import { makeContest, marksOf, scoreAll, scoreStage1, type Contest } from './contest-fixture';

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

/** A notice that has already run its course (as when results kept on paper are entered later). */
const publishEnded = (c: Contest) =>
	publishResults(c.db, c.officer, c.stages.s1.id, { noticeStartsAt: new Date(Date.now() - 3 * HOUR), noticeEndsAt: new Date(Date.now() - HOUR), showNames: false });

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

describe('a running notice', () => {
	it('can be extended and its names shown, never shortened or moved; awards and stages are fixed meanwhile', async () => {
		const c = await lockedContest();
		const { versionId } = publish(c);
		const v = () => c.db.select().from(resultVersions).where(eq(resultVersions.id, versionId)).get()!;
		const { noticeStartsAt, noticeEndsAt } = v();
		const shorter = await thrown(RuleError, () => updateNotice(c.db, c.officer, versionId, { noticeStartsAt: noticeStartsAt!, noticeEndsAt: new Date(noticeEndsAt!.getTime() - 60_000), showNames: false }));
		expect(shorter.errors.noticeEndsAt).toBe('公示已开始：开始时间不能再改，截止时间只能延后');
		const moved = await thrown(RuleError, () => updateNotice(c.db, c.officer, versionId, { noticeStartsAt: new Date(), noticeEndsAt: later(5), showNames: false }));
		expect(Object.keys(moved.errors)).toEqual(['noticeStartsAt']);
		updateNotice(c.db, c.officer, versionId, { noticeStartsAt: noticeStartsAt!, noticeEndsAt: later(24), showNames: true });
		expect([v().noticeEndsAt!.getTime() > noticeEndsAt!.getTime(), v().showNames]).toEqual([true, true]);
		const rules = await thrown(RuleError, () => updateAwardRules(c.db, c.officer, c.event.id, { rule: null, excellenceMin: null, excellenceName: '优秀奖' }));
		expect(rules.errors._).toBe('成绩公示期间不能修改奖项设置');
		const stage = await thrown(RuleError, () => addStage(c.db, c.officer, c.event.id, '总决赛'));
		expect(stage.errors.name).toBe('本项目已发布成绩，赛段设置不能再增删');
	});

	it('holds back the next stage, and hides who is behind each code while a later stage is judged', async () => {
		const c = await makeContest();
		scoreStage1(c);
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		updateStage(c.db, c.officer, c.stages.final.id, { name: '决赛', schemeId: c.scheme.id, carryMode: 'none', carryPct: '0', ownPct: '100', advanceKind: 'all', advanceCount: null, advanceMin: null, tieBreaks: [] });
		const { versionId } = publishResults(c.db, c.officer, c.stages.s1.id, { noticeStartsAt: new Date(Date.now() - 3 * HOUR), noticeEndsAt: new Date(Date.now() - HOUR), showNames: true });
		expect((await thrown(RuleError, () => advanceFrom(c.db, c.officer, c.stages.s1.id))).errors._).toMatch(/公示或更正中/);
		finaliseResults(c.db, c.officer, versionId);
		advanceFrom(c.db, c.officer, c.stages.s1.id);
		startStage(c.db, c.judges.chief, c.stages.final.id);
		const r = publicStageResults(c.db, c.stages.s1.id);
		expect([r.namesShown, r.blindForLaterStage]).toEqual([false, true]);
		expect(r.rows.every((row) => row.name === null && row.unit === '')).toBe(true);
		expect(JSON.stringify(r)).not.toMatch(/张三|东区机械厂/);
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
		// the type is read from the content: a script sent as application/pdf is refused
		const disguised = await thrown(RuleError, () =>
			fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '见附件', attachment: { name: 'scan.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('<script>alert(1)</script>') } })
		);
		expect(disguised.errors.attachment).toMatch(/PDF/);
		const late = await thrown(RuleError, () => fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '成绩有误' }, later(3)));
		expect(late.errors._).toBe('公示期已结束，不再受理申诉');
		const before = lastAuditId(c.db);
		fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '零件完成度评分偏低', attachment: { name: '照片.png', type: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]) } });
		const dup = await thrown(RuleError, () => fileAppeal(c.db, c.actors.officerEA1, versionId, A, { reason: '再次申诉' }));
		expect(dup.errors._).toMatch(/已提交过申诉/);
		fileAppeal(c.db, c.actors.officerEA1, versionId, c.entryOf(c.w.ta1b.id), { reason: '理论成绩核对' });
		const audit = auditSince(c.db, before);
		expect(audit.map((a) => a.action)).toEqual(['appeal.file', 'appeal.file']);
		expect(JSON.parse(audit[0].after!).attachment).toMatchObject({ name: '照片.png', bytes: 8 });
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
		const { versionId } = publishEnded(c);
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
		// a tally edited: it no longer counts the standings it stands for
		c.db.$client.prepare('UPDATE stage_tallies SET scored = scored - 1 WHERE stage_id = ?').run(c.stages.s1.id);
		expect(verifyResults(c.db).problems.filter((p) => p.kind === 'tally')).toEqual([
			{ kind: 'tally', stageId: c.stages.s1.id, stored: { entries: 5, scored: 4 }, counted: { entries: 5, scored: 5 } }
		]);
	});
});

describe('public results, medal table, points and certificates', () => {
	async function finalContest() {
		const c = await lockedContest();
		return { c, versionId: publishEnded(c).versionId };
	}

	it('hide names during a notice unless the organiser shows them, and show the breakdown only once final', async () => {
		const { c, versionId } = await finalContest();
		const during = publicStageResults(c.db, c.stages.s1.id);
		expect(during.namesShown).toBe(false);
		expect(during.rows.every((r) => r.name === null && Object.keys(r.criteria).length === 0)).toBe(true);
		expect(JSON.stringify(during)).not.toContain('张三');
		expect(during.rows.map((r) => r.unit)).toContain('东区机械厂工会');
		finaliseResults(c.db, c.officer, versionId);
		const final = publicStageResults(c.db, c.stages.s1.id);
		expect(final.rows[0]).toMatchObject({ rank: 1, name: '张三', total: '36.08', awardName: '一等奖' });
		expect(Object.keys(final.rows[0].criteria)).toHaveLength(2);
	});

	it('count medals per enterprise or per union below the organiser, and points per worker and unit by the federation table', async () => {
		const { c, versionId } = await finalContest();
		expect(medalTable(c.db, c.competition.id).rows).toEqual([]);
		finaliseResults(c.db, c.officer, versionId);
		// EA1: 一等 (张三), two 二等 (王五, 赵六); EA2: 三等 (孙七)
		expect(medalTable(c.db, c.competition.id).rows.map((r) => [r.unit, r.rank, r.gold, r.silver, r.bronze])).toEqual([
			['东区机械厂工会', 1, 1, 2, 0],
			['东区电力公司工会', 2, 0, 0, 1]
		]);
		// both enterprises are under the organiser (东区总工会) directly
		expect(medalTable(c.db, c.competition.id, 'branch').rows.map((r) => r.unit)).toEqual(['东区机械厂工会', '东区电力公司工会']);
		const year = c.competition.endsOn.slice(0, 4);
		const workers = annualPoints(c.db, { year, unitId: null, type: null, of: 'workers', page: 1 });
		// 10 + excellence 1; 6 + 1; 6 + 1; 3
		expect(workers.rows.map((r) => [r.name, r.points, r.rank])).toEqual([
			['张三', 11, 1],
			['王五', 7, 2],
			['赵六', 7, 2],
			['孙七', 3, 4]
		]);
		setPointsTable(c.db, c.actors.admin, { tiers: [20, 10, 5, 0, 0, 0], excellence: 0 });
		await thrown(ForbiddenError, () => setPointsTable(c.db, c.officer, DEFAULT_POINTS));
		const units = annualPoints(c.db, { year, unitId: null, type: null, of: 'units', page: 1 });
		expect(units.rows.map((r) => [r.name, r.points])).toEqual([
			['东区机械厂工会', 40],
			['东区电力公司工会', 5]
		]);
		expect(annualPoints(c.db, { year, unitId: c.u.EA2.id, type: null, of: 'workers', page: 1 }).rows.map((r) => r.name)).toEqual(['孙七']);
		expect(annualPoints(c.db, { year, unitId: null, type: 'ankang', of: 'workers', page: 1 }).rows).toEqual([]);
		expect(annualPoints(c.db, { year: String(Number(year) - 1), unitId: null, type: null, of: 'workers', page: 1 }).rows).toEqual([]);
	});

	it('verify a certificate by its code, tell a forged or malformed code apart, and print only for the holder or the organiser', async () => {
		const { c, versionId } = await finalContest();
		finaliseResults(c.db, c.officer, versionId);
		const award = c.db.select().from(awards).where(and(eq(awards.entryId, c.entryOf(c.w.workerA.id)), eq(awards.kind, 'rank'))).get()!;
		const ok = verifyCertificate(c.db, `${award.code.slice(0, 5).toLowerCase()}-${award.code.slice(5)}`);
		expect(ok).toMatchObject({ ok: true, award: { holder: '张三', name: '一等奖', revokedAt: null } });
		expect(JSON.stringify(ok)).not.toMatch(/organiserPath|workerIds/);
		expect(verifyCertificate(c.db, 'ABCDE23456')).toEqual({ ok: false, problem: 'unknown' });
		expect(verifyCertificate(c.db, '<script>')).toEqual({ ok: false, problem: 'format' });
		expect(certificate(c.db, c.actors.workerA, award.code).holder).toBe('张三');
		expect(certificate(c.db, c.officer, award.code).name).toBe('一等奖');
		await thrown(ForbiddenError, () => certificate(c.db, c.actors.workerB, award.code));
		await thrown(ForbiddenError, () => certificate(c.db, c.actors.officerEA1, award.code));
		await thrown(NotSignedInError, () => certificate(c.db, null, award.code));
	});
});

describe('the live board and 封榜', () => {
	it('freezes what the public sees while the jury board stays live, and only for the chief judge or the organiser', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		const A = c.entryOf(c.w.workerA.id);
		scoreAll(c, A, { ea2: marksOf(c, '', '2', '8', '0'), eb1: marksOf(c, '90', '3', '8.5', '0'), fed: marksOf(c, '', '2', '9', '1') });
		expect(publicBoard(c.db, s).scored).toBe(1);
		await thrown(ForbiddenError, () => freezeBoard(c.db, c.judges.eb1, s));
		await thrown(ForbiddenError, () => freezeBoard(c.db, c.actors.officerEA1, s));
		const key = boardFingerprint(c.db, s, false);
		freezeBoard(c.db, c.judges.chief, s);
		expect((await thrown(RuleError, () => freezeBoard(c.db, c.officer, s))).errors._).toBe('排行榜已封榜');
		scoreAll(c, c.entryOf(c.w.ta1b.id), { ea2: marksOf(c, '', '3', '10', '0'), eb1: marksOf(c, '80', '3', '10', '0'), fed: marksOf(c, '', '3', '10', '0') });
		const frozen = publicBoard(c.db, s);
		expect(frozen.frozenAt).not.toBeNull();
		expect(frozen.scored).toBe(1);
		expect(liveBoard(c.db, s).scored).toBe(2);
		// the public stream's fingerprint stays put while frozen; the jury's moves
		const frozenKey = boardFingerprint(c.db, s, false);
		expect(frozenKey).not.toBe(key);
		scoreAll(c, c.entryOf(c.w.ta1c.id), { ea2: marksOf(c, '', '3', '10', '0') });
		expect(boardFingerprint(c.db, s, false)).toBe(frozenKey);
		// codes only: no names on any board
		expect(JSON.stringify(liveBoard(c.db, s))).not.toContain('张三');
		unfreezeBoard(c.db, c.officer, s);
		expect(publicBoard(c.db, s).scored).toBe(2);
		expect(auditSince(c.db).filter((a) => a.action.startsWith('board.')).map((a) => a.action)).toEqual(['board.freeze', 'board.unfreeze']);
		// the standings-over-time lines come from the recorded history
		const lines = boardHistory(c.db, s);
		expect(lines.map((l) => l.code).sort()).toEqual([c.codeOf(A), c.codeOf(c.entryOf(c.w.ta1b.id))].sort());
		expect(lines.find((l) => l.code === c.codeOf(A))!.points.map((p) => p.total)).toEqual([36.08]);
	});

	it('tells the venue screen whether what it shows changed: not while the public board is frozen, but once it is lifted', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		const { board, fingerprint } = screenBoard(c.db, c.event.id);
		expect([board.stageId, board.scored, fingerprint.again()]).toEqual([s, 0, fingerprint.value]);
		// a sheet: the entry's progress on its line changes
		scoreAll(c, c.entryOf(c.w.workerA.id), { ea2: marksOf(c, '', '2', '8', '0') });
		const after = fingerprint.again();
		expect(after).not.toBe(fingerprint.value);
		// frozen, later sheets change nothing the public screen shows
		freezeBoard(c.db, c.judges.chief, s);
		const frozen = screenBoard(c.db, c.event.id).fingerprint;
		scoreAll(c, c.entryOf(c.w.ta1b.id), { ea2: marksOf(c, '', '3', '10', '0') });
		expect(frozen.again()).toBe(frozen.value);
		unfreezeBoard(c.db, c.officer, s);
		expect(frozen.again()).not.toBe(frozen.value);
	});
});

describe('verify across finalisation and corrections', () => {
	it('stays clean through an honest correction and catches a forged award or a changed status', async () => {
		const c = await lockedContest();
		const { versionId } = publishEnded(c);
		finaliseResults(c.db, c.officer, versionId);
		expect(verifyResults(c.db).problems).toEqual([]);
		const { versionId: v2 } = openCorrection(c.db, c.officer, versionId, '录入错误');
		const d = c.entryOf(c.w.ta2a.id);
		const fedSheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, d), eq(sheets.judgeId, c.judgeIds.fed))).get()!;
		reopenSheet(c.db, c.judges.chief, fedSheet.id, '录入错误');
		saveSheet(c.db, c.judges.fed, c.stages.s1.id, d, { version: fedSheet.version + 1, marks: marksOf(c, '', '1', '10', '0'), submit: true });
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		// the old final rows no longer match the corrected marks, but that is what the open correction is for
		const during = verifyResults(c.db);
		expect(during.problems).toEqual([]);
		expect(during.skipped).toEqual([{ versionId, why: 'correction_open' }]);
		publishCorrection(c.db, c.officer, v2);
		expect(verifyResults(c.db).problems).toEqual([]);
		// an award typed into the database is not one the results gave
		c.db.$client
			.prepare("INSERT INTO awards (event_id, entry_id, version_id, kind, tier, name, code, issued_at) VALUES (?, ?, ?, 'rank', 0, '一等奖', 'FORGED2345', ?)")
			.run(c.event.id, c.entryOf(c.w.ta2b.id), v2, Date.now());
		expect(verifyResults(c.db).problems).toEqual([{ kind: 'award', awardId: expect.any(Number), code: 'FORGED2345', problem: 'unaudited' }]);
		c.db.$client.prepare("DELETE FROM awards WHERE code = 'FORGED2345'").run();
		// a final version quietly put back under notice
		c.db.$client.prepare("UPDATE result_versions SET status = 'notice' WHERE id = ?").run(v2);
		expect(verifyResults(c.db).problems).toContainEqual({ kind: 'status', versionId: v2, stored: 'notice', audited: 'final' });
	});
});
