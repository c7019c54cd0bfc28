import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { DB } from '$lib/server/db';
import { appeals, entries, notifications, sheets, studios, users } from '$lib/server/db/schema';
import { RuleError } from '$lib/server/errors';
import { NOTIFICATION_KINDS } from '$lib/server/notifications';
import { createCompetition, createEvent, deleteStage, moveCompetition } from '$lib/server/competitions';
import { decideEntry, registerFor, registerSelf } from '$lib/server/competitions/entries';
import { daysFromToday } from '$lib/server/competitions/context';
import { reopenSheet } from '$lib/server/judging/sheets';
import { lockStage } from '$lib/server/judging/stages';
import { publishResults } from '$lib/server/results/versions';
import { appealForm, fileAppeal, ruleAppeal } from '$lib/server/results/appeals';
import { recordHonour } from '$lib/server/studios/honours';
import { registerStudio, type StudioInput } from '$lib/server/studios/registry';
import { takeStudioStep } from '$lib/server/studios/designation';
import { REASSESS_NOTICE_DAYS, reassessors, remindReassessments } from '$lib/server/studios/reminders';
import { notificationText } from '$lib/labels';
import { auditSince, countRows, fixtureHash, insertAccount, insertWorker, lastAuditId, makeFixture, thrown, type Fixture } from './helpers';
import { makeContest, marksOf, scoreAll, scoreStage1, type Contest } from './contest-fixture';

/** Notifications after `afterId`, oldest first, without their id and time. */
const all = (db: DB, afterId = 0) =>
	db
		.select()
		.from(notifications)
		.where(gt(notifications.id, afterId))
		.orderBy(notifications.id)
		.all()
		.map(({ userId, kind, params, link, readAt }) => ({ userId, kind, params, link, readAt }));

const lastNotificationId = (db: DB) => (db.$client.prepare('select coalesce(max(id), 0) as id from notifications').get() as { id: number }).id;

/** The contest of the judging tests; its organiser entered workerA, the only entrant with an account, who was told. */
async function contest(opts: Parameters<typeof makeContest>[0] = {}) {
	const c = await makeContest(opts);
	expect(all(c.db).map((n) => [n.userId, n.kind, n.params.event])).toEqual([[c.userIds.workerA, 'entry_approved', '数控车工']]);
	return { c, mark: lastNotificationId(c.db) };
}

/** Makes every insert into `table` (optionally only rows matching `when`) fail, as a broken write inside a transaction would. */
function breakInserts(db: DB, table: string, when = '1') {
	db.$client.exec(`CREATE TRIGGER broken_${table} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'broken'); END`);
	return () => db.$client.exec(`DROP TRIGGER broken_${table}`);
}

/* ----------------------------------------------------------------- entries */

describe('entry decided', () => {
	let f: Fixture;
	let competitionId: number;
	let individual: number;
	let team: number;
	const TITLE = '东区职工技能大赛';

	beforeEach(async () => {
		f = await makeFixture();
		const officer = f.actors.officerDA;
		competitionId = createCompetition(f.db, officer, {
			unitId: f.u.DA.id,
			title: TITLE,
			type: 'skills',
			startsOn: daysFromToday(20),
			endsOn: daysFromToday(21),
			registrationOpens: daysFromToday(-1),
			registrationCloses: daysFromToday(10),
			rules: ''
		}).id;
		const event = { trade: '', quotaPerUnit: null, firstStage: '决赛' };
		individual = createEvent(f.db, officer, competitionId, { ...event, name: '数控车工', kind: 'individual', teamMin: 1, teamMax: 1, codePrefix: 'A' }).id;
		team = createEvent(f.db, officer, competitionId, { ...event, name: '班组技能赛', kind: 'team', teamMin: 2, teamMax: 3, codePrefix: 'T' }).id;
		moveCompetition(f.db, officer, competitionId, 'registration');
	});

	it('approving a worker’s own entry tells that worker, and nobody else, with a link to their contests page', () => {
		const entry = registerSelf(f.db, f.actors.workerA, individual);
		expect(countRows(f.db, 'notifications')).toBe(0);
		decideEntry(f.db, f.actors.officerDA, entry.id, { approve: true, note: '' });
		expect(all(f.db)).toEqual([
			{ userId: f.userIds.workerA, kind: 'entry_approved', params: { competition: TITLE, event: '数控车工' }, link: `/contests#c-${competitionId}`, readAt: null }
		]);
	});

	it('rejecting a team tells every member with an account, with the note; members without accounts are skipped', async () => {
		const ta1cUser = insertAccount(f.db, f.w.ta1c, await fixtureHash());
		// entered by the enterprise's officer: it waits for the organiser
		const [entry] = registerFor(f.db, f.actors.officerEA1, team, { workerIds: [f.w.workerA.id, f.w.ta1b.id, f.w.ta1c.id], captainId: f.w.workerA.id, teamName: '数控一班' });
		expect(entry.status).toBe('pending');
		expect(countRows(f.db, 'notifications')).toBe(0);
		decideEntry(f.db, f.actors.officerDA, entry.id, { approve: false, note: '  队员须来自同一班组  ' });
		const expected = { kind: 'entry_rejected', params: { competition: TITLE, event: '班组技能赛', note: '队员须来自同一班组' }, link: `/contests#c-${competitionId}`, readAt: null };
		expect(all(f.db).sort((a, b) => a.userId - b.userId)).toEqual([{ userId: f.userIds.workerA, ...expected }, { userId: ta1cUser, ...expected }].sort((a, b) => a.userId - b.userId));
	});

	it('an approved entry rejected later tells the entrant again; a refused decision tells nobody', async () => {
		const entry = registerSelf(f.db, f.actors.workerA, individual);
		decideEntry(f.db, f.actors.officerDA, entry.id, { approve: true, note: '' });
		await thrown(RuleError, () => decideEntry(f.db, f.actors.officerDA, entry.id, { approve: true, note: '' }));
		await thrown(RuleError, () => decideEntry(f.db, f.actors.officerDA, entry.id, { approve: false, note: ' ' }));
		expect(all(f.db).map((n) => n.kind)).toEqual(['entry_approved']);
		decideEntry(f.db, f.actors.officerDA, entry.id, { approve: false, note: '资格复核未通过' });
		expect(all(f.db).map((n) => [n.userId, n.kind, n.params.note])).toEqual([
			[f.userIds.workerA, 'entry_approved', undefined],
			[f.userIds.workerA, 'entry_rejected', '资格复核未通过']
		]);
	});

	it('an entry made and approved at once by the organiser tells the entrant; one waiting for approval tells nobody yet', () => {
		registerFor(f.db, f.actors.officerEA1, individual, { workerIds: [f.w.workerA.id], captainId: null, teamName: '' });
		expect(countRows(f.db, 'notifications')).toBe(0);
		registerFor(f.db, f.actors.officerDA, individual, { workerIds: [f.w.ta1b.id, f.w.ta1c.id], captainId: null, teamName: '' });
		// neither has an account
		expect(countRows(f.db, 'notifications')).toBe(0);
		const [entry] = registerFor(f.db, f.actors.officerDA, team, { workerIds: [f.w.ta2a.id, f.w.ta2b.id], captainId: f.w.ta2a.id, teamName: '运维一班' });
		expect(entry.status).toBe('approved');
		expect(countRows(f.db, 'notifications')).toBe(0);
	});

	it('an organiser entering a worker with an account tells them it is approved', () => {
		const [entry] = registerFor(f.db, f.actors.officerDA, individual, { workerIds: [f.w.workerA.id], captainId: null, teamName: '' });
		expect(entry.status).toBe('approved');
		expect(all(f.db)).toEqual([
			{ userId: f.userIds.workerA, kind: 'entry_approved', params: { competition: TITLE, event: '数控车工' }, link: `/contests#c-${competitionId}`, readAt: null }
		]);
	});

	it('is written in the decision’s transaction: a failed write keeps the entry pending and tells nobody', async () => {
		const entry = registerSelf(f.db, f.actors.workerA, individual);
		const mark = lastAuditId(f.db);
		const fix = breakInserts(f.db, 'audit_log');
		expect(() => decideEntry(f.db, f.actors.officerDA, entry.id, { approve: true, note: '' })).toThrow(/broken/);
		fix();
		expect(countRows(f.db, 'notifications')).toBe(0);
		expect(f.db.select().from(entries).where(eq(entries.id, entry.id)).get()!.status).toBe('pending');
		// and a notification that cannot be written undoes the decision
		const fix2 = breakInserts(f.db, 'notifications');
		expect(() => decideEntry(f.db, f.actors.officerDA, entry.id, { approve: true, note: '' })).toThrow(/broken/);
		fix2();
		expect(f.db.select().from(entries).where(eq(entries.id, entry.id)).get()!.status).toBe('pending');
		expect(auditSince(f.db, mark)).toEqual([]);
	});
});

/* ------------------------------------------------------------ judging, appeals */

describe('score sheet reopened', () => {
	it('tells the judge whose sheet it is, by blind code, with the reason and a link to their sheet; not the other judges', async () => {
		const { c, mark } = await contest();
		const A = c.entryOf(c.w.workerA.id);
		scoreAll(c, A, { ea2: marksOf(c, '', '2', '8', '0'), eb1: marksOf(c, '90', '3', '8.5', '0'), fed: marksOf(c, '', '2', '9', '1') });
		const fedSheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, A), eq(sheets.judgeId, c.judgeIds.fed))).get()!;
		reopenSheet(c.db, c.judges.chief, fedSheet.id, '  安全扣分录入有误  ');
		const rows = all(c.db, mark);
		expect(rows).toEqual([
			{
				userId: c.judgeIds.fed,
				kind: 'sheet_reopened',
				params: { event: '数控车工', stage: '初赛', code: c.codeOf(A), reason: '安全扣分录入有误' },
				link: `/judge/stages/${c.stages.s1.id}/entries/${A}`,
				readAt: null
			}
		]);
		// judges are blind: the notification never names the entrant
		expect(JSON.stringify(rows)).not.toContain(c.w.workerA.name);
	});

	it('is written in the reopening’s transaction', async () => {
		const { c, mark } = await contest();
		const A = c.entryOf(c.w.workerA.id);
		scoreAll(c, A, { fed: marksOf(c, '', '2', '9', '1') });
		const fedSheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, A), eq(sheets.judgeId, c.judgeIds.fed))).get()!;
		const fix = breakInserts(c.db, 'notifications');
		expect(() => reopenSheet(c.db, c.judges.chief, fedSheet.id, '重评')).toThrow(/broken/);
		fix();
		expect(c.db.select().from(sheets).where(eq(sheets.id, fedSheet.id)).get()!.status).toBe('submitted');
		expect(lastNotificationId(c.db)).toBe(mark);
	});
});

describe('appeal ruled', () => {
	const HOUR = 3_600_000;
	async function onNotice() {
		const { c, mark } = await contest();
		deleteStage(c.db, c.officer, c.stages.final.id);
		scoreStage1(c);
		lockStage(c.db, c.judges.chief, c.stages.s1.id);
		const now = Date.now();
		const { versionId } = publishResults(c.db, c.officer, c.stages.s1.id, { noticeStartsAt: new Date(now - HOUR), noticeEndsAt: new Date(now + 2 * HOUR), showNames: false });
		return { c, versionId, mark };
	}
	const ids = (c: Contest) => ({ A: c.entryOf(c.w.workerA.id), e: c.entryOf(c.w.ta2b.id) });

	it('tells the account that filed it the outcome and ruling, linking to its appeal page; an upheld one also tells the judges of the reopened sheets', async () => {
		const { c, versionId, mark: start } = await onNotice();
		const { A, e } = ids(c);
		const byWorker = fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '理论成绩录入有误' });
		const byOfficer = fileAppeal(c.db, c.officer, versionId, e, { reason: '复核' });
		expect(lastNotificationId(c.db)).toBe(start);

		ruleAppeal(c.db, c.judges.chief, byOfficer.id, { decision: 'dismissed', ruling: '经复核，评分无误，维持原成绩。', sheetIds: [] });
		expect(all(c.db, start)).toEqual([
			{
				userId: c.officer.userId,
				kind: 'appeal_ruled',
				params: { event: '数控车工', stage: '初赛', code: c.codeOf(e), decision: 'dismissed', ruling: '经复核，评分无误，维持原成绩。' },
				link: `/appeals/new?version=${versionId}&entry=${e}`,
				readAt: null
			}
		]);

		const eb1Sheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, A), eq(sheets.judgeId, c.judgeIds.eb1))).get()!;
		const mark = lastNotificationId(c.db);
		ruleAppeal(c.db, c.judges.chief, byWorker.id, { decision: 'upheld', ruling: '理论成绩应为 95 分，重新录入。', sheetIds: [eb1Sheet.id] });
		expect(all(c.db, mark)).toEqual([
			{
				userId: c.judgeIds.eb1,
				kind: 'sheet_reopened',
				params: { event: '数控车工', stage: '初赛', code: c.codeOf(A), reason: '理论成绩应为 95 分，重新录入。' },
				link: `/judge/stages/${c.stages.s1.id}/entries/${A}`,
				readAt: null
			},
			{
				userId: c.userIds.workerA,
				kind: 'appeal_ruled',
				params: { event: '数控车工', stage: '初赛', code: c.codeOf(A), decision: 'upheld', ruling: '理论成绩应为 95 分，重新录入。' },
				link: `/appeals/new?version=${versionId}&entry=${A}`,
				readAt: null
			}
		]);
		// the link's page shows the appellant the outcome and the ruling
		expect(appealForm(c.db, c.actors.workerA, versionId, A).filed).toEqual({ id: byWorker.id, status: 'upheld', ruling: '理论成绩应为 95 分，重新录入。' });
	});

	it('a long ruling is quoted in part; the page holds the whole', async () => {
		const { c, versionId, mark } = await onNotice();
		const { A } = ids(c);
		const appeal = fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '成绩有误' });
		const ruling = '经仲裁组复核'.repeat(40);
		ruleAppeal(c.db, c.judges.chief, appeal.id, { decision: 'dismissed', ruling, sheetIds: [] });
		const [n, ...none] = all(c.db, mark);
		expect(none).toEqual([]);
		expect(String(n.params.ruling)).toHaveLength(120);
		expect(String(n.params.ruling).endsWith('…')).toBe(true);
		expect(ruling.startsWith(String(n.params.ruling).slice(0, -1))).toBe(true);
		expect(appealForm(c.db, c.actors.workerA, versionId, A).filed!.ruling).toBe(ruling);
	});

	it('is written in the ruling’s transaction: a failed notification leaves the appeal open and the sheets as they were', async () => {
		const { c, versionId, mark } = await onNotice();
		const { A } = ids(c);
		const appeal = fileAppeal(c.db, c.actors.workerA, versionId, A, { reason: '理论成绩录入有误' });
		const eb1Sheet = c.db.select().from(sheets).where(and(eq(sheets.entryId, A), eq(sheets.judgeId, c.judgeIds.eb1))).get()!;
		const fix = breakInserts(c.db, 'notifications', "NEW.kind = 'appeal_ruled'");
		expect(() => ruleAppeal(c.db, c.judges.chief, appeal.id, { decision: 'upheld', ruling: '重新录入', sheetIds: [eb1Sheet.id] })).toThrow(/broken/);
		fix();
		expect(c.db.select().from(appeals).where(eq(appeals.id, appeal.id)).get()!.status).toBe('open');
		expect(c.db.select().from(sheets).where(eq(sheets.id, eb1Sheet.id)).get()!.status).toBe('locked');
		// the judge's notification, written before the failure, went with it
		expect(lastNotificationId(c.db)).toBe(mark);
	});
});

/* ---------------------------------------------------------------- studios */

describe('reassessment reminders', () => {
	let f: Fixture;
	/** 10 May 2026, noon in Beijing */
	const NOW = new Date('2026-05-10T04:00:00Z');
	const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

	const input = (over: Partial<StudioInput>): StudioInput => ({
		name: '',
		type: 'model',
		level: 'enterprise',
		unitId: f.u.EA1.id,
		leaderNo: '',
		memberNos: [],
		field: '数控加工',
		summary: '',
		foundedOn: '2021-05-01',
		fundingFen: 0,
		...over
	});
	const honour = (by: keyof Fixture['actors'], workerId: number) =>
		recordHonour(f.db, f.actors[by], workerId, { kind: 'provincial_model', title: '省劳动模范', conferredOn: '2020', body: '省人民政府', citation: '' });

	let dueSoon: number;
	let overdue: number;
	let notYet: number;
	let revoked: number;

	beforeEach(async () => {
		f = await makeFixture();
		for (const w of [f.w.workerA, f.w.ta1b]) honour('officerEA1', w.id);
		for (const w of [f.w.ta2a, f.w.ta2b]) honour('officerDA', w.id);
		// enterprise level in EA1, led by workerA (who has an account): due 1 June 2026, within the notice period
		dueSoon = registerStudio(f.db, f.actors.officerEA1, input({ name: '张三数控创新工作室', leaderNo: '1001' }), [], NOW).id;
		takeStudioStep(f.db, f.actors.officerEA1, dueSoon, { action: 'designate', level: 'enterprise', certificateNo: 'EA1-001', designatedOn: '2023-06-01' }, NOW);
		// city level in EA2, led by 孙七 (no account): due 1 March 2026, overdue
		overdue = registerStudio(f.db, f.actors.officerDA, input({ name: '孙七劳模创新工作室', unitId: f.u.EA2.id, leaderNo: '2001' }), [], NOW).id;
		takeStudioStep(f.db, f.actors.admin, overdue, { action: 'designate', level: 'city', certificateNo: 'CITY-001', designatedOn: '2023-03-01' }, NOW);
		// enterprise level in EA1: due 1 September 2026, beyond the notice period
		notYet = registerStudio(f.db, f.actors.officerEA1, input({ name: '王五创新工作室', leaderNo: '1002' }), [], NOW).id;
		takeStudioStep(f.db, f.actors.officerEA1, notYet, { action: 'designate', level: 'enterprise', certificateNo: 'EA1-002', designatedOn: '2023-09-01' }, NOW);
		// revoked: its date passed, but it has no title left to reassess
		revoked = registerStudio(f.db, f.actors.officerDA, input({ name: '周八创新工作室', unitId: f.u.EA2.id, leaderNo: '1003' }), [], NOW).id;
		takeStudioStep(f.db, f.actors.officerDA, revoked, { action: 'designate', level: 'enterprise', certificateNo: 'EA2-001', designatedOn: '2023-01-15' }, NOW);
		takeStudioStep(f.db, f.actors.officerDA, revoked, { action: 'revoke', note: '连续两年考核不合格' }, NOW);
		// an application has no date yet
		honour('officerEA1', f.w.ta1c.id);
		registerStudio(f.db, f.actors.officerEA1, input({ name: '赵六创新工作室', leaderNo: '1003' }), [], NOW);
		expect(f.db.select({ id: studios.id, due: studios.nextReassessOn }).from(studios).all()).toEqual([
			{ id: dueSoon, due: '2026-06-01' },
			{ id: overdue, due: '2026-03-01' },
			{ id: notYet, due: '2026-09-01' },
			{ id: revoked, due: '2026-01-15' },
			{ id: expect.any(Number), due: null }
		]);
		expect(countRows(f.db, 'notifications')).toBe(0);
	});

	it('tells the leader and the nearest union that may reassess, only for studios due within the notice period or overdue', () => {
		expect(REASSESS_NOTICE_DAYS).toBe(30);
		const mark = lastAuditId(f.db);
		expect(remindReassessments(f.db, NOW)).toEqual({ studios: 2, notifications: 3 });
		const rows = all(f.db);
		const expected = (userId: number, studioId: number, studio: string, due: string) => ({
			userId,
			kind: 'studio_reassess',
			params: { studioId, studio, due },
			link: `/officer/studios/${studioId}`,
			readAt: null
		});
		expect(rows).toEqual([
			// overdue first: a city studio is the federation's (no officer there: the admin), its leader has no account
			expected(f.userIds.admin, overdue, '孙七劳模创新工作室', '2026-03-01'),
			// the enterprise studio: its leader, and the enterprise union's officer rather than the district's
			expected(f.userIds.workerA, dueSoon, '张三数控创新工作室', '2026-06-01'),
			expected(f.userIds.officerEA1, dueSoon, '张三数控创新工作室', '2026-06-01')
		]);
		for (const other of [f.userIds.officerDA, f.userIds.officerDB, f.userIds.workerB]) expect(rows.some((r) => r.userId === other)).toBe(false);
		const audit = auditSince(f.db, mark);
		expect(audit.map((a) => [a.action, a.entityType, a.entityId, a.actorUserId, a.unitPath])).toEqual([['studio.remind', 'job', '2026-05-10', null, null]]);
		expect(JSON.parse(audit[0].after!)).toEqual({
			horizon: '2026-06-09',
			reminders: [
				{ studioId: overdue, due: '2026-03-01', users: [f.userIds.admin] },
				{ studioId: dueSoon, due: '2026-06-01', users: [f.userIds.workerA, f.userIds.officerEA1] }
			]
		});
	});

	it('is idempotent: later runs tell nobody twice and write no audit row; a new date or a new officer is told', async () => {
		remindReassessments(f.db, NOW);
		const mark = lastAuditId(f.db);
		expect(remindReassessments(f.db, NOW)).toEqual({ studios: 0, notifications: 0 });
		expect(remindReassessments(f.db, later(1))).toEqual({ studios: 0, notifications: 0 });
		expect(countRows(f.db, 'notifications')).toBe(3);
		expect(auditSince(f.db, mark)).toEqual([]);

		// a second officer of EA1 appointed later hears of the studio once
		const second = insertAccount(f.db, insertWorker(f.db, f.u.EA1, f.u.EA1, 'E002', '机械厂副主席'), await fixtureHash(), [{ role: 'officer', unitId: f.u.EA1.id }]);
		expect(remindReassessments(f.db, later(2))).toEqual({ studios: 1, notifications: 1 });
		expect(all(f.db).at(-1)).toMatchObject({ userId: second, kind: 'studio_reassess', params: { studioId: dueSoon, due: '2026-06-01' } });

		// reassessed and kept: the next date is three years on, nothing is due
		takeStudioStep(f.db, f.actors.officerEA1, dueSoon, { action: 'keep', note: '' }, NOW);
		expect(f.db.select().from(studios).where(eq(studios.id, dueSoon)).get()!.nextReassessOn).toBe('2029-05-10');
		expect(remindReassessments(f.db, later(3))).toEqual({ studios: 0, notifications: 0 });

		// the studio designated later comes due in its turn, once
		expect(remindReassessments(f.db, new Date('2026-08-05T04:00:00Z'))).toEqual({ studios: 1, notifications: 2 });
		expect(all(f.db).slice(-2).map((n) => [n.userId, n.params.studioId, n.params.due])).toEqual([
			[f.userIds.officerEA1, notYet, '2026-09-01'],
			[second, notYet, '2026-09-01']
		]);
		expect(remindReassessments(f.db, new Date('2026-08-06T04:00:00Z'))).toEqual({ studios: 0, notifications: 0 });
	});

	it('sends nothing when nothing is due', () => {
		const mark = lastAuditId(f.db);
		// the day before the enterprise studio enters its notice period, and the city one reassessed
		takeStudioStep(f.db, f.actors.admin, overdue, { action: 'keep', note: '' }, NOW);
		expect(remindReassessments(f.db, new Date('2026-04-30T04:00:00Z'))).toEqual({ studios: 0, notifications: 0 });
		expect(countRows(f.db, 'notifications')).toBe(0);
		expect(auditSince(f.db, mark).map((a) => a.action)).toEqual(['studio.keep']);
	});

	it('who reassesses: the nearest union whose authority covers the level, else the admins', async () => {
		expect(reassessors(f.db, f.u.TA1.path, 'enterprise')).toEqual([f.userIds.officerEA1]);
		expect(reassessors(f.db, f.u.EA1.path, 'enterprise')).toEqual([f.userIds.officerEA1]);
		// no officer at EA2: the district's
		expect(reassessors(f.db, f.u.EA2.path, 'enterprise')).toEqual([f.userIds.officerDA]);
		expect(reassessors(f.db, f.u.EB1.path, 'enterprise')).toEqual([f.userIds.officerDB]);
		// city, provincial and national levels are the federation's
		for (const level of ['city', 'province', 'national'] as const) expect(reassessors(f.db, f.u.EA1.path, level)).toEqual([f.userIds.admin]);
		const fedOfficer = insertAccount(f.db, insertWorker(f.db, f.u.FED, f.u.FED, 'F001', '市总干部'), await fixtureHash(), [{ role: 'officer', unitId: f.u.FED.id }]);
		expect(reassessors(f.db, f.u.EA1.path, 'city')).toEqual([fedOfficer]);
		// an officer of EA1 who is also the federation's acts for the federation
		const both = insertAccount(f.db, insertWorker(f.db, f.u.EA1, f.u.EA1, 'E003', '兼职干部'), await fixtureHash(), [
			{ role: 'officer', unitId: f.u.EA1.id },
			{ role: 'officer', unitId: f.u.FED.id }
		]);
		expect(reassessors(f.db, f.u.EA1.path, 'city')).toEqual([both]);
		expect(reassessors(f.db, f.u.EA1.path, 'enterprise').sort((a, b) => a - b)).toEqual([f.userIds.officerEA1, both].sort((a, b) => a - b));
		// a disabled account is told nothing: the next officer in line is
		f.db.update(users).set({ status: 'disabled' }).where(inArray(users.id, [f.userIds.officerEA1, both])).run();
		expect(reassessors(f.db, f.u.EA1.path, 'enterprise')).toEqual([f.userIds.officerDA]);
	});

	it('runs in one transaction: a failed audit row leaves no reminder behind', () => {
		const fix = breakInserts(f.db, 'audit_log');
		expect(() => remindReassessments(f.db, NOW)).toThrow(/broken/);
		fix();
		expect(countRows(f.db, 'notifications')).toBe(0);
		expect(remindReassessments(f.db, NOW)).toEqual({ studios: 2, notifications: 3 });
	});
});

/* ------------------------------------------------------------------ texts */

describe('notificationText', () => {
	const PARAMS: Record<(typeof NOTIFICATION_KINDS)[number], Record<string, string | number>> = {
		proposal_step: { serial: 'EA1-2026-0001', title: 'Heat recovery', action: 'adopt', status: 'adopted' },
		proposal_review: { serial: 'EA1-2026-0002', title: 'Tool change' },
		proposal_reward: { serial: 'EA1-2026-0001', grade: 'Second prize', amountFen: 200_000 },
		proposal_support: { serial: 'EA1-2026-0001', name: 'Wang Wu' },
		studio_review: { studio: 'Zhang San Studio', year: 2026 },
		entry_approved: { competition: 'East District Skills Contest', event: 'CNC turning' },
		entry_rejected: { competition: 'East District Skills Contest', event: 'Team event', note: 'members must share a team' },
		sheet_reopened: { event: 'CNC turning', stage: 'Heat 1', code: 'A03', reason: 'deduction typed wrong' },
		appeal_ruled: { event: 'CNC turning', stage: 'Heat 1', code: 'A03', decision: 'upheld', ruling: 'theory mark is 95' },
		studio_reassess: { studioId: 7, studio: 'Zhang San Studio', due: '2026-06-01' }
	};

	it('renders the new kinds in Chinese', () => {
		expect(notificationText('entry_approved', { competition: '东区职工技能大赛', event: '数控车工' })).toBe('「东区职工技能大赛」数控车工：您的报名已通过');
		expect(notificationText('entry_rejected', { competition: '东区职工技能大赛', event: '班组技能赛', note: '队员须来自同一班组' }, 'zh-Hans')).toBe(
			'「东区职工技能大赛」班组技能赛：您的报名未通过。队员须来自同一班组'
		);
		expect(notificationText('sheet_reopened', { event: '数控车工', stage: '初赛', code: 'A03', reason: '扣分录入有误' })).toBe('数控车工 · 初赛：参赛编号 A03 的评分表已退回重评（扣分录入有误）');
		expect(notificationText('appeal_ruled', { event: '数控车工', stage: '初赛', code: 'A03', decision: 'upheld', ruling: '重新录入' })).toBe('数控车工 · 初赛：参赛编号 A03 的申诉成立（重新录入）');
		expect(notificationText('appeal_ruled', { event: '数控车工', stage: '初赛', code: 'A03', decision: 'dismissed', ruling: '维持原成绩' })).toBe('数控车工 · 初赛：参赛编号 A03 的申诉被驳回（维持原成绩）');
		expect(notificationText('studio_reassess', { studioId: 7, studio: '张三数控创新工作室', due: '2026-06-01' })).toBe('创新工作室「张三数控创新工作室」应于 2026-06-01 前完成复评');
	});

	it('renders the new kinds in English when asked', () => {
		expect(notificationText('entry_approved', PARAMS.entry_approved, 'en')).toBe('“East District Skills Contest” CNC turning: your entry was approved');
		expect(notificationText('entry_rejected', PARAMS.entry_rejected, 'en')).toBe('“East District Skills Contest” Team event: your entry was not approved. members must share a team');
		expect(notificationText('sheet_reopened', PARAMS.sheet_reopened, 'en')).toBe('CNC turning · Heat 1: your sheet for entry A03 was reopened for re-marking (deduction typed wrong)');
		expect(notificationText('appeal_ruled', PARAMS.appeal_ruled, 'en')).toBe('CNC turning · Heat 1: the appeal for entry A03 was upheld (theory mark is 95)');
		expect(notificationText('appeal_ruled', { ...PARAMS.appeal_ruled, decision: 'dismissed' }, 'en')).toBe('CNC turning · Heat 1: the appeal for entry A03 was dismissed (theory mark is 95)');
		expect(notificationText('studio_reassess', PARAMS.studio_reassess, 'en')).toBe('The studio “Zhang San Studio” is due for reassessment by 2026-06-01');
	});

	it.each(NOTIFICATION_KINDS.flatMap((kind) => (['zh-Hans', 'en'] as const).map((locale) => [kind, locale] as const)))('renders %s in %s with every placeholder filled', (kind, locale) => {
		const text = notificationText(kind, PARAMS[kind], locale);
		expect(text).not.toBe(kind);
		expect(text).not.toMatch(/[{}]|undefined/);
		// the reader's language: English has no Chinese of its own (the parameters here are English), Chinese has some
		if (locale === 'en' && kind !== 'proposal_step') expect(text).not.toMatch(/[\u4e00-\u9fff]/);
		if (locale === 'zh-Hans') expect(text).toMatch(/[\u4e00-\u9fff]/);
	});
});
