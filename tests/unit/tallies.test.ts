import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { sheets } from '$lib/server/db/schema';
import { saveSheet, reopenSheet } from '$lib/server/judging/sheets';
import { advanceFrom, lockStage, startStage } from '$lib/server/judging/stages';
import { liveBoard } from '$lib/server/results/board';
import { makeContest, marksOf, scoreStage1, setUpFinal, type Contest } from './contest-fixture';

type Count = { stage_id: number; n: number; k: number };

/** Each stage's tally, as the triggers keep it (stages whose standings are all gone count 0). */
const tallied = (c: Contest) =>
	c.db.$client.prepare('SELECT stage_id, entries AS n, scored AS k FROM stage_tallies WHERE entries <> 0 OR scored <> 0 ORDER BY stage_id').all() as Count[];
/** The same counted from the standings themselves. */
const counted = (c: Contest) =>
	c.db.$client.prepare('SELECT stage_id, count(*) AS n, count(sort_key) AS k FROM standings GROUP BY stage_id ORDER BY stage_id').all() as Count[];

describe('stage tallies (what a venue board shows above its lines)', () => {
	it('count every stage’s standings and scored ones through scoring, reopening, advancing and deleting', async () => {
		const c = await makeContest();
		const s1 = c.stages.s1.id;
		const board = () => {
			const b = liveBoard(c.db, s1);
			return [b.entries, b.scored];
		};
		// started: five entrants, none scored
		expect(tallied(c)).toEqual([{ stage_id: s1, n: 5, k: 0 }]);
		expect(board()).toEqual([5, 0]);
		scoreStage1(c);
		expect(tallied(c)).toEqual(counted(c));
		expect(board()).toEqual([5, 5]);
		// a sheet reopened: its entry is incomplete again, and scored once more when resubmitted
		lockStage(c.db, c.judges.chief, s1);
		const entryId = c.entryOf(c.w.workerA.id);
		const sheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, entryId), eq(sheets.judgeId, c.judgeIds.fed))).get()!;
		reopenSheet(c.db, c.judges.chief, sheet.id, '录入错误');
		expect(board()).toEqual([5, 4]);
		expect(tallied(c)).toEqual(counted(c));
		saveSheet(c.db, c.judges.fed, s1, entryId, { version: sheet.version + 1, marks: marksOf(c, '', '2', '8.5', '1'), submit: true });
		expect(board()).toEqual([5, 5]);
		// the top three go on to the final, which starts with their standings unscored
		lockStage(c.db, c.judges.chief, s1);
		advanceFrom(c.db, c.officer, s1);
		setUpFinal(c);
		startStage(c.db, c.judges.chief, c.stages.final.id);
		expect(tallied(c)).toEqual(counted(c));
		expect(tallied(c).find((t) => t.stage_id === c.stages.final.id)).toEqual({ stage_id: c.stages.final.id, n: 3, k: 0 });
		// rows deleted, moved or changed behind the services' backs are still counted (the triggers, not the services, keep it)
		c.db.$client.prepare('DELETE FROM standings WHERE stage_id = ? AND entry_id = ?').run(s1, entryId);
		c.db.$client.prepare('UPDATE standings SET sort_key = NULL WHERE stage_id = ? AND sort_key IS NOT NULL AND entry_id = (SELECT min(entry_id) FROM standings WHERE stage_id = ? AND sort_key IS NOT NULL)').run(s1, s1);
		expect(tallied(c)).toEqual(counted(c));
		expect(board()).toEqual([4, 3]);
		// an entry gone takes its standings in every stage with it (a cascade fires the triggers too)
		c.db.$client.prepare('DELETE FROM entries WHERE id = ?').run(c.entryOf(c.w.ta1b.id));
		expect(tallied(c)).toEqual(counted(c));
	});
});
