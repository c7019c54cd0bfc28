import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { entries, events, sheets, stageEntries, standings, stages, users } from '$lib/server/db/schema';
import { ForbiddenError, RuleError } from '$lib/server/errors';
import { chiefStage, declareConflict, judgeStage, openSheet, overrideRecusal, reopenSheet, saveSheet } from '$lib/server/judging/sheets';
import { advanceFrom, lockStage, startStage } from '$lib/server/judging/stages';
import { recomputeStage, standingsPage } from '$lib/server/judging/standings';
import { appointJudge, updateStage } from '$lib/server/competitions';
import { candidatesFor, drawLots, registerFor } from '$lib/server/competitions/entries';
import { exportBreakdown } from '$lib/server/judging/exchange';
import { drawLots as replay } from '$lib/domain/lots';
import { actorOf, auditSince, countRows, lastAuditId, thrown } from './helpers';
import { makeContest, marksOf, scoreAll, scoreStage1, setUpFinal, type Contest } from './contest-fixture';

/** Stored standings of a stage, in the shape recomputeStage returns, by entry id. */
function stored(c: Contest, stageId: number) {
	return c.db
		.select()
		.from(standings)
		.where(eq(standings.stageId, stageId))
		.all()
		.map(({ updatedAt: _u, ...r }) => r)
		.sort((a, b) => a.entryId - b.entryId);
}

function recomputed(c: Contest, stageId: number) {
	return recomputeStage(c.db, stageId).map(({ updatedAt: _u, rank: _r, ...r }) => r);
}

describe('lot draw', () => {
	it('gives every approved entry a distinct code that anyone can redo from the recorded seed', async () => {
		const c = await makeContest({ start: false });
		const rows = c.db.select().from(entries).where(eq(entries.eventId, c.event.id)).all();
		expect(new Set(rows.map((r) => r.code)).size).toBe(5);
		expect(rows.every((r) => /^A0[1-5]$/.test(r.code!))).toBe(true);
		const ids = rows.map((r) => r.id).sort((a, b) => a - b);
		const order = replay(ids, c.draw.seed);
		order.forEach((entryId, i) => expect(rows.find((r) => r.id === entryId)!.code).toBe(`A0${i + 1}`));
		const audit = auditSince(c.db).filter((a) => a.action === 'event.draw');
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].after!).seed).toBe(c.draw.seed);
	});

	it('cannot be redrawn once the first stage is scoring', async () => {
		const c = await makeContest();
		const e = await thrown(RuleError, () => drawLots(c.db, c.officer, c.event.id));
		expect(Object.values(e.errors)[0]).toMatch(/评分|scoring/);
	});
});

describe('blind judging', () => {
	it('a judge sees codes only, their own sheet status and their conflicts', async () => {
		const c = await makeContest();
		const view = judgeStage(c.db, c.judges.ea2, c.stages.s1.id);
		expect(view.entries.map((e) => e.code)).toEqual(['A01', 'A02', 'A03', 'A04', 'A05']);
		expect(view.entries.every((e) => e.names === null)).toBe(true);
		const conflicted = view.entries.filter((e) => e.conflict).map((e) => e.entryId).sort();
		expect(conflicted).toEqual([c.entryOf(c.w.ta2a.id), c.entryOf(c.w.ta2b.id)].sort());
		expect(JSON.stringify(view)).not.toContain('张三');
	});

	it('someone not on the panel cannot list or open the stage', async () => {
		const c = await makeContest();
		await thrown(ForbiddenError, () => judgeStage(c.db, c.actors.workerA, c.stages.s1.id));
		await thrown(ForbiddenError, () => openSheet(c.db, c.actors.officerDA, c.stages.s1.id, c.entryOf(c.w.workerA.id)));
	});

	it('a recused judge cannot open or mark a conflicted entry, and nothing is stored', async () => {
		const c = await makeContest();
		const conflicted = c.entryOf(c.w.ta2a.id);
		const e = await thrown(ForbiddenError, () => openSheet(c.db, c.judges.ea2, c.stages.s1.id, conflicted));
		expect(e.reason).toMatch(/回避/);
		const before = countRows(c.db, 'sheets');
		await thrown(ForbiddenError, () => saveSheet(c.db, c.judges.ea2, c.stages.s1.id, conflicted, { version: null, marks: marksOf(c, '', '2', '8', '0'), submit: true }));
		expect(countRows(c.db, 'sheets')).toBe(before);
	});

	it('the chief judge overrides a recusal with a reason, and the judge may then mark', async () => {
		const c = await makeContest();
		const conflicted = c.entryOf(c.w.ta2a.id);
		const mark = lastAuditId(c.db);
		await thrown(RuleError, () => overrideRecusal(c.db, c.judges.chief, c.stages.s1.id, { judgeId: c.judgeIds.ea2, entryId: conflicted, reason: ' ' }));
		await thrown(ForbiddenError, () => overrideRecusal(c.db, c.judges.eb1, c.stages.s1.id, { judgeId: c.judgeIds.ea2, entryId: conflicted, reason: '另一车间' }));
		overrideRecusal(c.db, c.judges.chief, c.stages.s1.id, { judgeId: c.judgeIds.ea2, entryId: conflicted, reason: '不同分公司，经审核无利害关系' });
		expect(openSheet(c.db, c.judges.ea2, c.stages.s1.id, conflicted).entry.code).toBe(c.codeOf(conflicted));
		const audit = auditSince(c.db, mark);
		expect(audit.map((a) => a.action)).toEqual(['recusal.override']);
		expect(JSON.parse(audit[0].after!).reason).toBe('不同分公司，经审核无利害关系');
	});

	it('a judge declares a conflict; the entry is then complete without them', async () => {
		const c = await makeContest();
		const entryId = c.entryOf(c.w.workerA.id);
		declareConflict(c.db, c.judges.fed, c.stages.s1.id, entryId, '选手是我的徒弟');
		await thrown(ForbiddenError, () => openSheet(c.db, c.judges.fed, c.stages.s1.id, entryId));
		scoreAll(c, entryId, { ea2: marksOf(c, '80', '2', '8', '0'), eb1: marksOf(c, '', '3', '9', '0') });
		const row = stored(c, c.stages.s1.id).find((r) => r.entryId === entryId)!;
		expect(row.complete).toBe(true);
	});
});

describe('score sheets', () => {
	it('validates every mark against range and step, per field, and stores nothing', async () => {
		const c = await makeContest();
		const entryId = c.entryOf(c.w.workerA.id);
		const e = await thrown(RuleError, () =>
			saveSheet(c.db, c.judges.eb1, c.stages.s1.id, entryId, { version: null, marks: marksOf(c, '100.5', '4', '8.3', 'x'), submit: false })
		);
		expect(e.errors[`m${c.aspects.theory.id}`]).toBe('分数须在 0 到 100 之间');
		expect(e.errors[`m${c.aspects.finish.id}`]).toBe('分数须在 0 到 3 之间');
		expect(e.errors[`m${c.aspects.part.id}`]).toBe('分数须是 0.5 的整数倍');
		expect(e.errors[`m${c.aspects.safety.id}`]).toBe('请输入数字');
		expect(countRows(c.db, 'sheets')).toBe(0);
		expect(countRows(c.db, 'marks')).toBe(0);
	});

	it('a submission needs every aspect the judge marks; the agreed measurement may be left to another judge', async () => {
		const c = await makeContest();
		const entryId = c.entryOf(c.w.workerA.id);
		const e = await thrown(RuleError, () =>
			saveSheet(c.db, c.judges.eb1, c.stages.s1.id, entryId, { version: null, marks: marksOf(c, '', '2', '', '0'), submit: true })
		);
		expect(Object.keys(e.errors)).toEqual([`m${c.aspects.part.id}`]);
		const ok = saveSheet(c.db, c.judges.eb1, c.stages.s1.id, entryId, { version: null, marks: marksOf(c, '', '2', '8', '0'), submit: true });
		expect(ok.status).toBe('submitted');
	});

	it('keeps drafts, refuses a stale version, a duplicate submission and marks for aspects of another scheme', async () => {
		const c = await makeContest();
		const entryId = c.entryOf(c.w.workerA.id);
		const s = c.stages.s1.id;
		const d1 = saveSheet(c.db, c.judges.eb1, s, entryId, { version: null, marks: marksOf(c, '', '2', '', ''), submit: false });
		expect(d1).toMatchObject({ status: 'draft', version: 1 });
		expect(openSheet(c.db, c.judges.eb1, s, entryId).marks).toEqual({ [c.aspects.finish.id]: '2' });
		const stale = await thrown(RuleError, () => saveSheet(c.db, c.judges.eb1, s, entryId, { version: null, marks: marksOf(c, '', '3', '', ''), submit: false }));
		expect(stale.errors._).toMatch(/其他设备/);
		await thrown(RuleError, () => saveSheet(c.db, c.judges.eb1, s, entryId, { version: 1, marks: { 999999: '1' }, submit: false }));
		const sub = saveSheet(c.db, c.judges.eb1, s, entryId, { version: 1, marks: marksOf(c, '', '2', '8.5', '0.5'), submit: true });
		expect(sub).toMatchObject({ status: 'submitted', version: 2 });
		const dup = await thrown(RuleError, () => saveSheet(c.db, c.judges.eb1, s, entryId, { version: 2, marks: marksOf(c, '', '3', '8.5', '0.5'), submit: true }));
		expect(dup.errors._).toMatch(/已提交/);
		expect(openSheet(c.db, c.judges.eb1, s, entryId).marks).toEqual({ [c.aspects.finish.id]: '2', [c.aspects.part.id]: '8.5', [c.aspects.safety.id]: '0.5' });
	});

	it('refuses a sheet for an entry that is not in the stage and marks from the chief judge', async () => {
		const c = await makeContest();
		const outsider = c.db.insert(entries).values({ eventId: c.event.id, workerId: c.w.workerB.id, employerId: c.u.EB1.id, status: 'rejected', createdAt: new Date() }).returning().get();
		const e = await thrown(RuleError, () => saveSheet(c.db, c.judges.eb1, c.stages.s1.id, outsider.id, { version: null, marks: marksOf(c, '', '2', '8', '0'), submit: true }));
		expect(e.errors._).toMatch(/不在本赛段/);
		const chief = await thrown(RuleError, () => saveSheet(c.db, c.judges.chief, c.stages.s1.id, c.entryOf(c.w.workerA.id), { version: null, marks: marksOf(c, '', '2', '8', '0'), submit: true }));
		expect(chief.errors._).toMatch(/裁判长/);
	});

	it('a judge does not see other judges’ marks before the stage is locked; the chief judge does', async () => {
		const c = await makeContest();
		const entryId = c.entryOf(c.w.workerA.id);
		scoreAll(c, entryId, { eb1: marksOf(c, '90', '2', '8', '0') });
		expect(openSheet(c.db, c.judges.fed, c.stages.s1.id, entryId).others).toEqual([]);
		expect(openSheet(c.db, c.judges.chief, c.stages.s1.id, entryId).others.length).toBe(4);
	});
});

describe('standings, lock and advancement', () => {
	/**
	 * EA1's three entrants are marked by all three judges; EA2's two by eb1 and fed
	 * (ea2 is recused). Theory is recorded once, by eb1.
	 *
	 * workerA: theory 90; finish 2,3,2 → mean 7/3 → /3×4 = 28/9; part 8,8.5,9 → 8.5 ×1.2 = 10.2;
	 *          safety 0,0,1 → 1/3 off. practical = 28/9 + 10.2 − 1/3 = 12.97777…
	 *          total = 90×0.3 + 12.9777…×0.7 = 27 + 9.08444… = 36.08444 → 36.08
	 * ta1b:    theory 80; finish 3,3,3 → 4; part 10,10,10 → 12; safety 0 → practical 16
	 *          total = 24 + 11.2 = 35.20
	 * ta1c:    theory 80; finish 3,3,3 → 4; part 10,10,10 → 12; safety 0 → 35.20 (tie with ta1b, same practical: shared rank)
	 * ta2a:    theory 100; finish 1,1 → 4/3; part 5,5 → 6; safety 0 → 7.3333…
	 *          total = 30 + 5.1333… = 35.13
	 * ta2b:    theory 60; finish 3,3 → 4; part 10,10 → 12 → 16; total = 18 + 11.2 = 29.20
	 */

	it('stores exact totals as sheets come in, ranks 1, 2, 2, 4, 5 and equals a full recompute', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		const partial = standingsPage(c.db, s);
		expect(partial.complete).toBe(0);
		expect(partial.rows.every((r) => r.rank === null && !r.complete)).toBe(true);
		scoreStage1(c);
		const page = standingsPage(c.db, s);
		const by = (w: { id: number }) => page.rows.find((r) => r.entryId === c.entryOf(w.id))!;
		expect([by(c.w.workerA), by(c.w.ta1b), by(c.w.ta1c), by(c.w.ta2a), by(c.w.ta2b)].map((r) => [r.total, r.rank])).toEqual([
			['36.08', 1],
			['35.20', 2],
			['35.20', 2],
			['35.13', 4],
			['29.20', 5]
		]);
		expect(by(c.w.workerA).modules).toEqual({ [c.modules.theory.id]: '90.00', [c.modules.practical.id]: '12.98' });
		expect(stored(c, s)).toEqual(recomputed(c, s));
	});

	it('flags a judgement spread and a measurement disagreement instead of ranking the entry', async () => {
		const c = await makeContest();
		const entryId = c.entryOf(c.w.workerA.id);
		scoreAll(c, entryId, { ea2: marksOf(c, '90', '0', '8', '0'), eb1: marksOf(c, '90.5', '3', '8', '0'), fed: marksOf(c, '', '1', '8', '0') });
		const row = stored(c, c.stages.s1.id).find((r) => r.entryId === entryId)!;
		expect(row.complete).toBe(false);
		expect(row.sortKey).toBeNull();
		expect(row.flags.map((f) => f.kind).sort()).toEqual(['disagree', 'spread']);
	});

	it('the chief judge locks only a complete stage, and locked marks cannot change', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		await thrown(ForbiddenError, () => lockStage(c.db, c.judges.eb1, s));
		const early = await thrown(RuleError, () => lockStage(c.db, c.judges.chief, s));
		expect(early.errors._).toContain('A01');
		scoreStage1(c);
		expect(lockStage(c.db, c.judges.chief, s).sheets).toBe(13);
		const e = await thrown(RuleError, () =>
			saveSheet(c.db, c.judges.eb1, s, c.entryOf(c.w.workerA.id), { version: 1, marks: marksOf(c, '', '2', '8', '0'), submit: true })
		);
		expect(e.errors._).toMatch(/锁定/);
		// after the lock every judge sees the panel's marks
		expect(openSheet(c.db, c.judges.fed, s, c.entryOf(c.w.workerA.id)).others.length).toBeGreaterThan(0);
	});

	it('reopening needs the chief judge and a reason, unlocks the stage, and keeps the old marks in the audit log', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		scoreStage1(c);
		lockStage(c.db, c.judges.chief, s);
		const entryId = c.entryOf(c.w.workerA.id);
		const sheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, entryId), eq(sheets.judgeId, c.judgeIds.fed))).get()!;
		await thrown(ForbiddenError, () => reopenSheet(c.db, c.judges.fed, sheet.id, '手误'));
		await thrown(RuleError, () => reopenSheet(c.db, c.judges.chief, sheet.id, ''));
		const mark = lastAuditId(c.db);
		reopenSheet(c.db, c.judges.chief, sheet.id, '裁判丙申请更正：零件完成度录入错误');
		expect(c.db.select().from(stages).where(eq(stages.id, s)).get()!.status).toBe('scoring');
		expect(stored(c, s).find((r) => r.entryId === entryId)!.complete).toBe(false);
		// the judge corrects 9 → 8.5: part 8,8.5,8.5 → 25/6 ×… see below
		saveSheet(c.db, c.judges.fed, s, entryId, { version: sheet.version + 1, marks: marksOf(c, '', '2', '8.5', '1'), submit: true });
		const audit = auditSince(c.db, mark);
		expect(audit.map((a) => a.action)).toEqual(['sheet.reopen', 'sheet.submit']);
		expect(JSON.parse(audit[0].before!).marks[c.aspects.part.id]).toBe('9');
		expect(JSON.parse(audit[1].after!).marks[c.aspects.part.id]).toBe('8.5');
		// part mean (8+8.5+8.5)/3 = 25/3 ×1.2 = 10; practical 28/9 + 10 − 1/3 = 12.7777…; total 27 + 8.9444… = 35.94
		expect(stored(c, s).find((r) => r.entryId === entryId)!.total).toBe('35.94');
		expect(stored(c, s)).toEqual(recomputed(c, s));
	});

	it('advances the top 3 with everyone tied at the cut, and carries totals into the final', async () => {
		const c = await makeContest();
		const s1 = c.stages.s1.id;
		scoreStage1(c);
		await thrown(RuleError, () => advanceFrom(c.db, c.officer, s1));
		lockStage(c.db, c.judges.chief, s1);
		const adv = advanceFrom(c.db, c.officer, s1);
		// ranks 1, 2, 2 are within the top 3
		expect(adv.count).toBe(3);
		const final = c.stages.final.id;
		setUpFinal(c);
		startStage(c.db, c.judges.chief, final);
		const inFinal = c.db.select().from(stageEntries).where(eq(stageEntries.stageId, final)).all().map((r) => r.entryId).sort();
		expect(inFinal).toEqual([c.entryOf(c.w.workerA.id), c.entryOf(c.w.ta1b.id), c.entryOf(c.w.ta1c.id)].sort());
		// ta1b and ta1c score the same final: 35.20 carried ×0.4 = 14.08 each, own 50 ×0.6 = 30 → 44.08, still tied
		for (const w of [c.w.ta1b, c.w.ta1c]) {
			const id = c.entryOf(w.id);
			for (const k of ['ea2', 'eb1', 'fed'] as const)
				saveSheet(c.db, c.judges[k], final, id, { version: null, marks: marksOf(c, k === 'eb1' ? '100' : '', '3', '10', '5'), submit: true });
		}
		// own: theory 100 → 30; practical 4 + 12 − 5 = 11 → 7.7; own = 37.7; total = 37.7×0.6 + 35.2×0.4 = 22.62 + 14.08 = 36.70
		const rows = standingsPage(c.db, final).rows.filter((r) => r.complete);
		expect(rows.map((r) => [r.total, r.previous, r.rank])).toEqual([
			['36.70', '35.2', 1],
			['36.70', '35.2', 1]
		]);
		expect(stored(c, final)).toEqual(recomputed(c, final));
	});

	it('every mutation is audited', async () => {
		const c = await makeContest();
		const mark = lastAuditId(c.db);
		scoreStage1(c);
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		const actions = auditSince(c.db, mark).map((a) => a.action);
		expect(actions.filter((a) => a === 'sheet.submit')).toHaveLength(13);
		expect(actions.at(-1)).toBe('stage.lock');
	});
});

describe('chief judge view', () => {
	it('shows every entry against every seat with conflicts', async () => {
		const c = await makeContest();
		const view = chiefStage(c.db, c.judges.chief, c.stages.s1.id);
		expect(view.judges.map((j) => j.seat)).toEqual([1, 2, 3]);
		const a04 = view.entries.find((e) => e.entryId === c.entryOf(c.w.ta2a.id))!;
		expect(a04.cells[0].conflict?.kind).toBe('auto');
		expect(a04.cells[1].conflict).toBeNull();
		await thrown(ForbiddenError, () => chiefStage(c.db, c.judges.eb1, c.stages.s1.id));
	});
});

describe('stored standings always equal a full recompute', () => {
	it('under random submissions, reopenings and resubmissions (property)', async () => {
		const c = await makeContest();
		const s = c.stages.s1.id;
		const ids = c.entrants.map((w) => c.entryOf(w.id));
		const keys = ['ea2', 'eb1', 'fed'] as const;
		const half = (n: number) => String(n / 2);
		const step = fc.record({
			entry: fc.integer({ min: 0, max: ids.length - 1 }),
			judge: fc.integer({ min: 0, max: 2 }),
			theory: fc.option(fc.integer({ min: 0, max: 200 }).map(half), { nil: '' }),
			finish: fc.integer({ min: 0, max: 3 }).map(String),
			part: fc.integer({ min: 0, max: 20 }).map(half),
			safety: fc.integer({ min: 0, max: 10 }).map(half),
			reopen: fc.boolean()
		});
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
				for (const st of steps) {
					const entryId = ids[st.entry];
					const judge = c.judges[keys[st.judge]];
					const sheet = c.db.select().from(sheets).where(and(eq(sheets.stageId, s), eq(sheets.entryId, entryId), eq(sheets.judgeId, judge.userId))).get();
					if (sheet && sheet.status !== 'draft') {
						if (st.reopen) reopenSheet(c.db, c.judges.chief, sheet.id, '复核');
						continue;
					}
					try {
						saveSheet(c.db, judge, s, entryId, { version: sheet?.version ?? null, marks: marksOf(c, st.theory, st.finish, st.part, st.safety), submit: true });
					} catch (e) {
						if (!(e instanceof ForbiddenError)) throw e; // recusal is the only expected refusal
						expect(e.reason).toMatch(/回避/);
					}
				}
				expect(stored(c, s)).toEqual(recomputed(c, s));
			}),
			{ numRuns: 25 }
		);
		expect(countRows(c.db, 'marks')).toBeGreaterThan(0);
	}, 60_000);
});


describe('judges and entrants are different people', () => {
	it('a judge of the event cannot enter it, and an entrant cannot be appointed to its panel', async () => {
		const c = await makeContest({ start: false });
		const e = await thrown(RuleError, () => appointJudge(c.db, c.officer, c.event.id, { identifier: c.w.workerA.phone!, chief: false }));
		expect(e.errors.identifier).toBe('此人已报名本项目，不能担任裁判');
		// 裁判甲 works in 东区电力公司, inside the organiser's subtree, yet is no candidate
		const judgeWorker = c.db.select({ id: users.workerId }).from(users).where(eq(users.id, c.judgeIds.ea2)).get()!.id;
		expect(candidatesFor(c.db, c.officer, c.event.id, '裁判').map((w) => w.name)).toEqual([]);
		c.db.update(events).set({ drawnAt: null }).where(eq(events.id, c.event.id)).run(); // as before the draw
		const refused = await thrown(RuleError, () => registerFor(c.db, c.officer, c.event.id, { workerIds: [judgeWorker], captainId: null, teamName: '' }));
		expect(refused.errors.workerIds).toContain('担任本项目裁判的人员不能报名参赛');
	});
});

describe('results that are signed off stay put (review findings)', () => {
	const final = (c: Contest, tieBreaks: { kind: 'previous' }[] = [], carryMode: 'none' | 'full' = 'full') =>
		updateStage(c.db, c.officer, c.stages.final.id, { name: '决赛', schemeId: c.scheme.id, carryMode, carryPct: '0', ownPct: '100', advanceKind: 'all', advanceCount: null, advanceMin: null, tieBreaks });

	it('a conflict declared in the final does not change the locked first stage', async () => {
		const c = await makeContest();
		scoreStage1(c, '9');
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		advanceFrom(c.db, c.officer, c.stages.s1.id);
		final(c);
		startStage(c.db, c.judges.chief, c.stages.final.id);
		const before = stored(c, c.stages.s1.id);
		declareConflict(c.db, c.judges.fed, c.stages.final.id, c.entryOf(c.w.workerA.id), '决赛前得知是亲属');
		expect(stored(c, c.stages.s1.id)).toEqual(before);
		expect(recomputed(c, c.stages.s1.id)).toEqual(before);
		// and a recusal cannot be overridden in a stage that is not scoring
		const e = await thrown(RuleError, () => overrideRecusal(c.db, c.judges.chief, c.stages.s1.id, { judgeId: c.judgeIds.ea2, entryId: c.entryOf(c.w.ta2a.id), reason: '复核' }));
		expect(e.errors._).toBe('这个赛段不在评分中');
	});

	it('reopening a sheet after advancement sends the advancement back to be decided again', async () => {
		const c = await makeContest();
		scoreStage1(c, '9');
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		expect(advanceFrom(c.db, c.officer, c.stages.s1.id).count).toBe(3);
		const sheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, c.entryOf(c.w.workerA.id)), eq(sheets.judgeId, c.judgeIds.fed))).get()!;
		reopenSheet(c.db, c.judges.chief, sheet.id, '复核');
		expect(c.db.select().from(stageEntries).where(eq(stageEntries.stageId, c.stages.final.id)).all()).toEqual([]);
		final(c);
		const e = await thrown(RuleError, () => startStage(c.db, c.judges.chief, c.stages.final.id));
		expect(e.errors._).toBe('上一赛段尚未锁定');
	});

	it('the previous-stage tie-break works without carrying the total', async () => {
		const c = await makeContest();
		scoreStage1(c, '9');
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		advanceFrom(c.db, c.officer, c.stages.s1.id);
		final(c, [{ kind: 'previous' }], 'none');
		startStage(c.db, c.judges.chief, c.stages.final.id);
		// all three finalists score the same final: the first stage's totals decide
		const finalists = c.db.select().from(stageEntries).where(eq(stageEntries.stageId, c.stages.final.id)).all().map((r) => r.entryId);
		expect(finalists).toHaveLength(3);
		for (const entryId of finalists)
			for (const k of ['ea2', 'eb1', 'fed'] as const) {
				if (k === 'ea2' && entryId === c.entryOf(c.w.ta2a.id)) continue; // recused
				saveSheet(c.db, c.judges[k], c.stages.final.id, entryId, { version: null, marks: marksOf(c, k === 'eb1' ? '90' : '', '3', '10', '0'), submit: true });
			}
		const rows = standingsPage(c.db, c.stages.final.id).rows;
		// theory 90 × 0.3 = 27; practical 4 + 10 × 1.2 − 0 = 16 × 0.7 = 11.2 → 38.20 for everyone
		expect(new Set(rows.map((r) => r.total))).toEqual(new Set(['38.20']));
		const first = recomputeStage(c.db, c.stages.s1.id);
		const firstTotal = (entryId: number) => Number(first.find((r) => r.entryId === entryId)!.total);
		const byPrevious = [...finalists].sort((a, b) => firstTotal(b) - firstTotal(a));
		expect(byPrevious.map((id) => rows.find((r) => r.entryId === id)!.rank)).toEqual([1, 2, 3]);
		expect(rows.every((r) => r.previous !== null)).toBe(true);
		expect(stored(c, c.stages.final.id)).toEqual(recomputed(c, c.stages.final.id));
	});

	it('a chief judge who is an officer elsewhere still sees codes only in the export', async () => {
		const c = await makeContest({ start: false });
		appointJudge(c.db, c.officer, c.event.id, { identifier: c.w.officerDB.phone!, chief: true });
		const chief = actorOf(c.db, c.userIds.officerDB);
		startStage(c.db, chief, c.stages.s1.id);
		const csv = (await exportBreakdown(c.db, chief, c.stages.s1.id, 'csv')) as string;
		expect(csv.split(/\r?\n/)[0]).not.toContain('选手');
		expect(csv).not.toContain('张三');
	});
});
