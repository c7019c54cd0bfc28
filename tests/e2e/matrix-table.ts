import type Database from 'better-sqlite3';

/**
 * The authorisation matrix: for every page, form action and endpoint method of the
 * app (matrix-routes.ts finds them in src/routes), who may use it and what everyone
 * else gets. matrix.spec.ts walks it for every role against the api server.
 *
 * Outcomes
 * - 'ok': allowed. A page or GET endpoint answers 200. A form action (or the PUT
 *   endpoint) is sent a body that fails validation (`invalid`, empty by default) and
 *   answers with a failure (400), or `allowedResult`: the role is let through and
 *   nothing is stored. (Most actions validate before the service asks the policy, so
 *   this shows the role is not refused; the refusals are what the walk proves.)
 * - 'login': refused to an anonymous visitor: 303 to /login?redirectTo=<the address>
 *   (a page, an endpoint that uses `serve`, or an action).
 * - 401 / 403: refused. 404: refused where the app hides that the record exists, or
 *   an address whose ids do not belong together (a file of another record). 400: the
 *   same for an entry of another stage, which the rules refuse.
 * - 'redirect:/path': answered with a redirect there (e.g. /login when signed in).
 *
 * A refused role posts `valid`: a body that passes validation, so the request reaches
 * the service and only the policy stands between it and a change. The spec checks
 * that no row of the database changed during the walk.
 *
 * An action without input (or whose every body is valid) would act for an allowed
 * role: `skip` names those roles and why, unless the case picks a record on which the
 * rules refuse it (a locked stage for `lock`, an event with entries for `delete` …).
 *
 * Demo records are found by `resolveIds` in the api database (read-only), by what
 * they are (the stage being scored, the worker's own entry …), never by insert order.
 */

export const ROLES = ['anonymous', 'worker', 'judge', 'judge2', 'chief', 'officerDH', 'officerXJ', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type SignedIn = Exclude<Role, 'anonymous'>;

/** Employee numbers of the demo accounts (password Jiangong2026), see README. */
export const ACCOUNTS: Record<SignedIn, string> = {
	worker: '0050010', // 史立新, 带电作业一班 of 江城供电公司 (东湖区)
	judge: '0050004', // 田海涛, same team; judge of 电工 and 电力线路工
	judge2: '0300003', // 郑立新, 江城地铁 (西江区); judge of 电工, 电力线路工 and 焊工
	chief: '0360021', // 廖秀英, chief judge of those three events
	officerDH: 'DH001', // 李秀英, officer of 东湖区总工会, which organises every demo competition
	officerXJ: 'XJ001', // 白勇, officer of 西江区总工会
	admin: 'ZGH001' // 周建国
};

export type Outcome = 'ok' | 'login' | 400 | 401 | 403 | 404 | `redirect:${string}`;
export type Expect = Record<Role, Outcome>;

/** A file field: name, MIME type claimed by the browser, bytes. */
export interface FilePart {
	name: string;
	mimeType: string;
	buffer: Buffer;
}
export type FormBody = Record<string, string | string[] | FilePart>;

export interface Case {
	/** what this case is about, when a route has several */
	label?: string;
	/** the concrete address, with query (and `?/action` for actions) */
	url: (ids: Ids) => string;
	expect: Expect;
	/** actions: what a refused role posts (valid, so only the policy refuses it); default {} */
	valid?: (ids: Ids) => FormBody;
	/** actions: what an allowed role posts (invalid, so nothing changes); default {} */
	invalid?: (ids: Ids) => FormBody;
	/** PUT endpoints: JSON bodies instead of forms */
	json?: { valid: (ids: Ids) => unknown; invalid: (ids: Ids) => unknown };
	/** actions: what an allowed role gets when it is not a failure (e.g. 'success' for a no-op) */
	allowedResult?: string;
	/** allowed roles that are not posted, with the reason (an action without input would act) */
	skip?: Partial<Record<Role, string>>;
	/** a server-sent event stream: read the status and headers, then hang up */
	stream?: boolean;
}

/* ------------------------------------------------------------- expectations */

const SIGNED: SignedIn[] = ['worker', 'judge', 'judge2', 'chief', 'officerDH', 'officerXJ', 'admin'];

/**
 * `ok` roles are allowed; anonymous gets the sign-in page, every other role 403;
 * `over` changes single cells.
 */
function allow(ok: readonly Role[], over: Partial<Expect> = {}): Expect {
	const e = {} as Expect;
	for (const r of ROLES) e[r] = ok.includes(r) ? 'ok' : r === 'anonymous' ? 'login' : 403;
	return { ...e, ...over };
}

const PUBLIC = allow(ROLES);
const SIGNED_IN = allow(SIGNED);
const OFFICERS = allow(['officerDH', 'officerXJ', 'admin']);
const ADMIN = allow(['admin']);
/** records under 东湖区总工会: its officer and the admin */
const DH = allow(['officerDH', 'admin']);
/** records under 西江区总工会 */
const XJ = allow(['officerXJ', 'admin']);
/** a page that sends a signed-in reader to /me */
const GUESTS = allow(['anonymous'], Object.fromEntries(SIGNED.map((r) => [r, 'redirect:/me'])) as Partial<Expect>);

/* ------------------------------------------------------------------ bodies */

/** In every text the walk posts, so records it made by mistake are told from other suites'. */
export const MARKER = '矩阵测试';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const FILES = {
	png: (name = 'photo.png'): FilePart => ({ name, mimeType: 'image/png', buffer: PNG }),
	pdf: (name = 'material.pdf'): FilePart => ({ name, mimeType: 'application/pdf', buffer: PDF })
};

const competitionForm = (unitId: number): FormBody => ({
	unitId: String(unitId),
	title: '矩阵测试竞赛',
	type: 'skills',
	startsOn: '2030-05-10',
	endsOn: '2030-05-12',
	registrationOpens: '2030-04-01',
	registrationCloses: '2030-05-01',
	rules: ''
});
const eventForm: FormBody = { name: '矩阵测试项目', kind: 'individual', trade: '', teamMin: '', teamMax: '', quotaPerUnit: '', codePrefix: '' };
const schemeRules: FormBody = { name: '矩阵测试标准', method: 'mean', trim: '', combine: 'mean', factor: '1', decimals: '2', roundAt: 'total', judgementSpread: '1' };
const stageForm: FormBody = { name: '初赛', schemeId: '', carryMode: 'none', carryPct: '0', ownPct: '100', advanceKind: 'all', advanceCount: '', advanceMin: '' };
const aspectForm: FormBody = { kind: 'measurement', name: '矩阵测试评分点', description: '', max: '10', step: '1', difficulty: '', d0: '', d1: '', d2: '', d3: '' };
const workerForm = (unitId: number): FormBody => ({ unitId: String(unitId), name: '矩阵测试', employeeNo: 'MX0001', gender: 'male', trade: '', skillLevel: 'senior', phone: '' });
const honourForm: FormBody = { kind: 'technical_expert', title: '技术能手', conferredOn: '2024', body: '江城市总工会', citation: '' };
const studioForm = (unitId: number, leaderNo: string): FormBody => ({
	name: '矩阵测试工作室',
	type: 'worker',
	level: 'enterprise',
	unitId: String(unitId),
	leaderNo,
	members: '',
	field: '测试',
	summary: '',
	foundedOn: '2024-01-01',
	funding: ''
});
const draftForm: FormBody = { kind: 'suggestion', category: 'safety', title: '矩阵测试建议', problem: '', solution: '', expectedBenefit: '', intent: 'save' };
const publishForm: FormBody = { noticeStartsAt: '2030-01-01T09:00', noticeEndsAt: '2030-01-06T09:00' };
/** fails the length check of a free-text field */
const TOO_LONG = 'x'.repeat(6000);

/* --------------------------------------------------------------------- ids */

export interface Ids {
	users: Record<SignedIn, { userId: number; workerId: number }>;
	/** a stage being scored; both judges sit on its panel, the chief judge chairs it */
	stageScoring: number;
	/** the next stage of the same event, not started */
	stagePending: number;
	/** a locked stage with final results, whose panel the first judge does not sit on */
	stageFinal: number;
	/** the locked stage whose results the setup put under notice; the worker is an entrant */
	stageNotice: number;
	eventScoring: number;
	eventFinal: number;
	/** an event whose competition is open for entries */
	eventOpen: number;
	competitionScoring: number;
	competitionFinal: number;
	/** the scheme of stageScoring and one of each of its parts */
	scheme: number;
	schemeModule: number;
	schemeCriterion: number;
	schemeAspect: number;
	/** an entry of stageScoring neither judge is recused from */
	entryScoring: number;
	/** an entry of stageScoring the first judge is recused from (his own enterprise) */
	entryRecused: number;
	entryFinal: number;
	/** the worker's own entry in stageNotice */
	entryNotice: number;
	sheetFinal: number;
	versionFinal: number;
	versionNotice: number;
	/** the appeal (with an attachment) the worker filed in the setup */
	appeal: number;
	awardCode: string;
	/** a worker with an account, under 东湖区 / 西江区, none of the test accounts */
	dhWorker: number;
	dhWorkerNo: string;
	xjWorker: number;
	xjWorkerNo: string;
	/** the honour the setup recorded on xjWorker */
	xjHonour: number;
	/** the district unions 东湖区总工会 and 西江区总工会 */
	dhDistrict: number;
	xjDistrict: number;
	/** a team under 东湖区 (the worker's), an enterprise union under 西江区 */
	dhUnit: number;
	xjUnit: number;
	/** a DH studio the first judge reviews this year; an achievement of it */
	dhStudio: number;
	dhAchievement: number;
	/** the studio the setup registered under 西江区, with one file */
	xjStudio: number;
	xjStudioFile: number;
	/** a pending account request under 东湖区 */
	request: number;
	/** the worker's draft and submitted proposal (setup), each with an attachment */
	draft: number;
	draftFile: number;
	submitted: number;
	submittedFile: number;
	/** someone else's submitted proposal in the worker's enterprise */
	dhProposal: number;
	/** a proposal the worker already supports */
	supported: number;
	/** a proposal under review that the first judge reviews */
	reviewing: number;
	/** a submitted proposal under 西江区 whose proposer works with judge2 */
	xjProposal: number;
	/** a notification of the worker */
	notification: number;
	/** the worker's own worker record (the setup gave it an unpublished photo) */
	photoWorker: number;
	/** a model worker with a published profile */
	modelWorker: number;
}

/** Finds the demo records the table needs; throws when the demo data no longer has one. */
export function resolveIds(db: Database.Database): Ids {
	const one = <T>(what: string, sql: string, ...args: unknown[]): T => {
		const row = db.prepare(sql).get(...args) as T | undefined;
		if (row === undefined) throw new Error(`matrix: no demo record for ${what}`);
		return row;
	};
	const id = (what: string, sql: string, ...args: unknown[]) => one<{ id: number }>(what, sql, ...args).id;
	const users = Object.fromEntries(
		(Object.keys(ACCOUNTS) as SignedIn[]).map((r) => [
			r,
			one<{ userId: number; workerId: number }>(`account ${ACCOUNTS[r]}`, 'SELECT u.id AS userId, w.id AS workerId FROM users u JOIN workers w ON w.id = u.worker_id WHERE w.employee_no = ?', ACCOUNTS[r])
		])
	) as Ids['users'];
	const seat = (stage: number, user: number) =>
		(db.prepare('SELECT ej.chief FROM event_judges ej JOIN stages s ON s.event_id = ej.event_id WHERE s.id = ? AND ej.user_id = ?').get(stage, user) as { chief: number } | undefined)?.chief;
	const { judge, judge2, chief, worker } = users;

	const stageScoring = id('a stage being scored', "SELECT id FROM stages WHERE status = 'scoring' ORDER BY id");
	const stageFinal = id('a stage with final results', "SELECT s.id FROM stages s JOIN result_versions v ON v.stage_id = s.id WHERE v.status = 'final' ORDER BY s.id");
	const stageNotice = id('the stage under notice', "SELECT s.id FROM stages s JOIN result_versions v ON v.stage_id = s.id WHERE v.status = 'notice' ORDER BY s.id");
	for (const [what, ok] of [
		['both judges and the chief on the scoring panel', seat(stageScoring, judge.userId) === 0 && seat(stageScoring, judge2.userId) === 0 && seat(stageScoring, chief.userId) === 1],
		['judge2 and the chief, not judge, on the final panel', seat(stageFinal, judge.userId) === undefined && seat(stageFinal, judge2.userId) === 0 && seat(stageFinal, chief.userId) === 1],
		['judge, judge2 and the chief on the notice panel', seat(stageNotice, judge.userId) === 0 && seat(stageNotice, judge2.userId) === 0 && seat(stageNotice, chief.userId) === 1]
	] as const)
		if (!ok) throw new Error(`matrix: the demo data no longer has ${what}`);
	const eventOf = (stage: number) => id('event', 'SELECT event_id AS id FROM stages WHERE id = ?', stage);
	const competitionOf = (event: number) => id('competition', 'SELECT competition_id AS id FROM events WHERE id = ?', event);
	const eventScoring = eventOf(stageScoring);
	const eventFinal = eventOf(stageFinal);
	const scheme = id('scheme', 'SELECT scheme_id AS id FROM stages WHERE id = ?', stageScoring);
	const schemeModule = id('module', 'SELECT id FROM scheme_modules WHERE scheme_id = ? ORDER BY id', scheme);
	const schemeCriterion = id('criterion', 'SELECT id FROM scheme_criteria WHERE module_id = ? ORDER BY id', schemeModule);
	const schemeAspect = id('aspect', 'SELECT id FROM scheme_aspects WHERE criterion_id = ? ORDER BY id', schemeCriterion);
	// recusal is by enterprise: a member working anywhere under the judge's enterprise union
	const employerPath = (userId: number) => one<{ path: string }>('employer', 'SELECT un.path FROM users u JOIN workers w ON w.id = u.worker_id JOIN units un ON un.id = w.employer_id WHERE u.id = ?', userId).path;
	const underAny = `EXISTS (SELECT 1 FROM entry_members em JOIN workers w ON w.id = em.worker_id JOIN units un ON un.id = w.unit_id WHERE em.entry_id = se.entry_id AND (un.path LIKE ? || '%' OR un.path LIKE ? || '%'))`;
	const entryScoring = id('an entry no judge is recused from', `SELECT se.entry_id AS id FROM stage_entries se WHERE se.stage_id = ? AND NOT ${underAny} ORDER BY se.entry_id`, stageScoring, employerPath(judge.userId), employerPath(judge2.userId));
	const entryRecused = id('an entry of the judge’s enterprise', `SELECT se.entry_id AS id FROM stage_entries se WHERE se.stage_id = ? AND ${underAny} ORDER BY se.entry_id`, stageScoring, employerPath(judge.userId), employerPath(judge.userId));
	const entryFinal = id('an entry of the final stage', 'SELECT entry_id AS id FROM stage_entries WHERE stage_id = ? ORDER BY entry_id', stageFinal);
	const entryNotice = id('the worker’s entry', 'SELECT se.entry_id AS id FROM stage_entries se JOIN entry_members em ON em.entry_id = se.entry_id WHERE se.stage_id = ? AND em.worker_id = ?', stageNotice, worker.workerId);
	const path = (code: string) => one<{ path: string }>(`unit ${code}`, 'SELECT path FROM units WHERE code = ?', code).path;
	const DH_PATH = path('DH');
	const XJ_PATH = path('XJ');
	const testWorkers = Object.values(users).map((u) => u.workerId);
	const notTest = `w.id NOT IN (${testWorkers.join(',')})`;
	const workerUnder = (p: string) =>
		one<{ id: number; employeeNo: string }>(`a worker with an account under ${p}`, `SELECT w.id, w.employee_no AS employeeNo FROM workers w JOIN users u ON u.worker_id = w.id JOIN units un ON un.id = w.unit_id WHERE un.path LIKE ? || '%' AND ${notTest} AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role <> 'worker') ORDER BY w.id`, p);
	const xj = workerUnder(XJ_PATH);
	const dh = workerUnder(DH_PATH);
	const dhStudio = id('a studio the judge reviews', 'SELECT s.id FROM studios s JOIN studio_reviewers r ON r.studio_id = s.id WHERE r.reviewer_id = ? ORDER BY s.id', judge.userId);
	const xjStudio = id('the XJ studio of the setup', 'SELECT id FROM studios WHERE leader_worker_id = ?', xj.id);
	const mine = (title: string) => id(`the worker’s proposal ${title}`, 'SELECT id FROM proposals WHERE created_by = ? AND title = ?', worker.userId, title);
	const draft = mine(SETUP.draftTitle);
	const submitted = mine(SETUP.submittedTitle);
	const fileOf = (proposal: number) => id('a proposal file', 'SELECT id FROM proposal_files WHERE proposal_id = ?', proposal);
	const employerOfWorker = one<{ id: number }>('employer', 'SELECT employer_id AS id FROM workers WHERE id = ?', worker.workerId).id;
	const employerOfJudge2 = one<{ id: number }>('employer', 'SELECT employer_id AS id FROM workers WHERE id = ?', judge2.workerId).id;
	const notAuthor = (userId: number) => `NOT EXISTS (SELECT 1 FROM proposal_authors a JOIN users u ON u.worker_id = a.worker_id WHERE a.proposal_id = p.id AND u.id = ${userId}) AND p.created_by <> ${userId}`;
	return {
		users,
		stageScoring,
		stagePending: id('a pending stage', "SELECT id FROM stages WHERE event_id = ? AND status = 'pending' ORDER BY position", eventScoring),
		stageFinal,
		stageNotice,
		eventScoring,
		eventFinal,
		eventOpen: id('an event open for entries', "SELECT e.id FROM events e JOIN competitions c ON c.id = e.competition_id WHERE c.status = 'registration' ORDER BY e.id"),
		competitionScoring: competitionOf(eventScoring),
		competitionFinal: competitionOf(eventFinal),
		scheme,
		schemeModule,
		schemeCriterion,
		schemeAspect,
		entryScoring,
		entryRecused,
		entryFinal,
		entryNotice,
		sheetFinal: id('a sheet of the final stage', 'SELECT id FROM sheets WHERE stage_id = ? ORDER BY id', stageFinal),
		versionFinal: id('final version', "SELECT id FROM result_versions WHERE stage_id = ? AND status = 'final'", stageFinal),
		versionNotice: id('notice version', "SELECT id FROM result_versions WHERE stage_id = ? AND status = 'notice'", stageNotice),
		appeal: id('the setup’s appeal', 'SELECT id FROM appeals WHERE filed_by = ? AND attachment IS NOT NULL', worker.userId),
		awardCode: one<{ code: string }>('an award', 'SELECT a.code FROM awards a JOIN result_versions v ON v.id = a.version_id WHERE v.stage_id = ? ORDER BY a.id', stageFinal).code,
		dhWorker: dh.id,
		dhWorkerNo: dh.employeeNo,
		xjWorker: xj.id,
		xjWorkerNo: xj.employeeNo,
		xjHonour: id('the setup’s honour', 'SELECT id FROM honours WHERE worker_id = ? AND kind = ?', xj.id, honourForm.kind),
		dhDistrict: id('unit DH', "SELECT id FROM units WHERE code = 'DH'"),
		xjDistrict: id('unit XJ', "SELECT id FROM units WHERE code = 'XJ'"),
		dhUnit: id('the worker’s unit', 'SELECT unit_id AS id FROM workers WHERE id = ?', worker.workerId),
		xjUnit: id('an XJ enterprise union', "SELECT id FROM units WHERE path LIKE ? || '%' AND type = 'enterprise' ORDER BY id", XJ_PATH),
		dhStudio,
		dhAchievement: id('an achievement', 'SELECT id FROM studio_achievements WHERE studio_id = ? ORDER BY id', dhStudio),
		xjStudio,
		xjStudioFile: id('the XJ studio’s file', 'SELECT id FROM studio_files WHERE studio_id = ?', xjStudio),
		request: id('a pending request under DH', "SELECT r.id FROM account_requests r JOIN units un ON un.id = r.unit_id WHERE r.status = 'pending' AND un.path LIKE ? || '%' ORDER BY r.id", DH_PATH),
		draft,
		draftFile: fileOf(draft),
		submitted,
		submittedFile: fileOf(submitted),
		dhProposal: id('someone else’s proposal', `SELECT p.id FROM proposals p WHERE p.status = 'submitted' AND p.employer_id = ? AND ${notAuthor(worker.userId)} AND ${notAuthor(judge.userId)} ORDER BY p.id`, employerOfWorker),
		supported: id('a proposal the worker supports', 'SELECT s.proposal_id AS id FROM proposal_supports s WHERE s.worker_id = ? ORDER BY s.proposal_id', worker.workerId),
		reviewing: id('a proposal the judge reviews', "SELECT p.id FROM proposals p JOIN proposal_reviews r ON r.proposal_id = p.id WHERE p.status = 'review' AND r.reviewer_id = ? ORDER BY p.id", judge.userId),
		xjProposal: id('an XJ proposal', `SELECT p.id FROM proposals p WHERE p.status = 'submitted' AND p.employer_id = ? AND ${notAuthor(judge2.userId)} ORDER BY p.id`, employerOfJudge2),
		notification: id('a notification of the worker', 'SELECT id FROM notifications WHERE user_id = ? ORDER BY id', worker.userId),
		photoWorker: worker.workerId,
		modelWorker: id('a published model worker', 'SELECT worker_id AS id FROM model_profiles WHERE consent_at IS NOT NULL AND approved_at IS NOT NULL ORDER BY worker_id')
	};
}

/** What the spec's setup makes through the app's own forms before the walk. */
export const SETUP = {
	draftTitle: '矩阵测试：别人看不到的草稿',
	submittedTitle: '矩阵测试：带附件的建议',
	studioName: '矩阵测试西江工作室',
	honour: honourForm,
	studioForm,
	publishForm: () => {
		// a notice that runs now, so the worker may appeal
		const at = (ms: number) => new Date(Date.now() + ms + 8 * 3_600_000).toISOString().slice(0, 16);
		return { noticeStartsAt: at(-3_600_000), noticeEndsAt: at(5 * 24 * 3_600_000) };
	}
};

/* ------------------------------------------------------------------- table */

/** the background save of a judge's tablet */
const sheetJson = {
	valid: () => ({ version: null, marks: {} }),
	// an aspect the scheme does not have
	invalid: () => ({ version: null, marks: { '999999999': '1' } })
};


type Table = Record<string, Case[]>;
const c = (url: Case['url'], expect: Expect, more: Omit<Case, 'url' | 'expect'> = {}): Case => ({ url, expect, ...more });
const fixed = (path: string) => () => path;

export const TABLE: Table = {
	/* ---------------------------------------------------------------- public */
	'GET /': [c(fixed('/'), PUBLIC)],
	'GET /activate': [c(fixed('/activate'), GUESTS)],
	'POST /activate': [c(fixed('/activate'), PUBLIC)],
	'GET /login': [c(fixed('/login'), GUESTS)],
	'POST /login': [c(fixed('/login'), PUBLIC)],
	'GET /request-account': [c(fixed('/request-account'), PUBLIC)],
	'POST /request-account': [c(fixed('/request-account'), PUBLIC)],
	'GET /logout': [c(fixed('/logout'), allow([], Object.fromEntries(ROLES.map((r) => [r, 'redirect:/'])) as Partial<Expect>))],
	// run last, each role with its own session (see the spec): signs everyone out
	'POST /logout': [c(fixed('/logout'), allow([], Object.fromEntries(ROLES.map((r) => [r, 'redirect:/'])) as Partial<Expect>))],
	'GET /model-workers': [c(fixed('/model-workers'), PUBLIC)],
	'GET /model-workers/[id]': [
		c((i) => `/model-workers/${i.modelWorker}`, PUBLIC, { label: 'a published profile' }),
		c((i) => `/model-workers/${i.photoWorker}`, allow([], Object.fromEntries(ROLES.map((r) => [r, 404])) as Partial<Expect>), { label: 'an unpublished profile: hidden from everyone' })
	],
	'GET /model-workers/[id]/photo': [
		// the worker's own photo, not published: only the worker sees it; it does not exist for anyone else
		c((i) => `/model-workers/${i.photoWorker}/photo`, allow(['worker'], { anonymous: 404, judge: 404, judge2: 404, chief: 404, officerDH: 404, officerXJ: 404, admin: 404 }), { label: 'an unpublished photo' })
	],
	'GET /proposals': [c(fixed('/proposals'), PUBLIC)],
	'GET /results': [c(fixed('/results'), PUBLIC)],
	'GET /results/competitions/[id]': [c((i) => `/results/competitions/${i.competitionFinal}`, PUBLIC)],
	'GET /results/competitions/[id]/medals': [c((i) => `/results/competitions/${i.competitionFinal}/medals`, PUBLIC)],
	'GET /results/competitions/[id]/medals/export': [c((i) => `/results/competitions/${i.competitionFinal}/medals/export?format=csv`, PUBLIC)],
	'GET /results/points': [c(fixed('/results/points'), PUBLIC)],
	'GET /results/stages/[id]': [
		c((i) => `/results/stages/${i.stageFinal}`, PUBLIC, { label: 'final results' }),
		c((i) => `/results/stages/${i.stageScoring}`, allow([], Object.fromEntries(ROLES.map((r) => [r, 404])) as Partial<Expect>), { label: 'a stage still being scored: no public results' })
	],
	'GET /results/stages/[id]/export': [c((i) => `/results/stages/${i.stageFinal}/export?format=csv`, PUBLIC)],
	'GET /search': [c(fixed('/search?q=%E5%AE%89%E5%85%A8'), PUBLIC)],
	'GET /studios': [c(fixed('/studios'), PUBLIC)],
	'GET /studios/[id]': [c((i) => `/studios/${i.dhStudio}`, PUBLIC)],
	'GET /studios/ranking': [c(fixed('/studios/ranking'), PUBLIC)],
	'GET /verify': [c(fixed('/verify'), PUBLIC)],
	'GET /verify/[code]': [c((i) => `/verify/${i.awardCode}`, PUBLIC)],
	'GET /screen/events/[id]': [c((i) => `/screen/events/${i.eventFinal}`, PUBLIC)],
	'GET /robots.txt': [c(fixed('/robots.txt'), PUBLIC)],
	'GET /api/health': [c(fixed('/api/health'), PUBLIC)],
	'GET /sitemap.xml': [c(fixed('/sitemap.xml'), PUBLIC)],
	'GET /api/v1/competitions': [c(fixed('/api/v1/competitions'), PUBLIC)],
	'GET /api/v1/competitions/[id]': [c((i) => `/api/v1/competitions/${i.competitionFinal}`, PUBLIC)],
	'GET /api/v1/competitions/[id]/medals': [c((i) => `/api/v1/competitions/${i.competitionFinal}/medals`, PUBLIC)],
	'GET /api/v1/points': [c(fixed('/api/v1/points'), PUBLIC)],
	'GET /api/v1/stages/[id]/board': [c((i) => `/api/v1/stages/${i.stageScoring}/board`, PUBLIC)],
	'GET /api/v1/stages/[id]/results': [c((i) => `/api/v1/stages/${i.stageFinal}/results`, PUBLIC)],
	'GET /api/live/events/[id]': [c((i) => `/api/live/events/${i.eventScoring}`, PUBLIC, { stream: true })],

	/* ------------------------------------------------------------- signed in */
	'GET /me': [c(fixed('/me'), SIGNED_IN)],
	'GET /me/password': [c(fixed('/me/password'), SIGNED_IN)],
	'POST /me/password': [c(fixed('/me/password'), SIGNED_IN, { valid: () => ({ current: 'Jiangong2026', next: 'Matrix2026x', confirm: 'Matrix2026x' }) })],
	'GET /me/profile': [c(fixed('/me/profile'), SIGNED_IN)],
	'POST /me/profile': [c(fixed('/me/profile'), SIGNED_IN, { valid: () => ({ story: '矩阵测试' }), invalid: () => ({ story: TOO_LONG }) })],
	'GET /notifications': [c(fixed('/notifications'), SIGNED_IN)],
	'POST /notifications?/open': [c(fixed('/notifications?/open'), SIGNED_IN, { valid: (i) => ({ id: String(i.notification) }) })],
	'POST /notifications?/readAll': [c(fixed('/notifications?/readAll'), SIGNED_IN, { skip: skipAll(SIGNED, 'no input: it would mark the role’s notifications read') })],
	'GET /contests': [c(fixed('/contests'), SIGNED_IN)],
	'POST /contests?/register': [c(fixed('/contests?/register'), SIGNED_IN, { valid: (i) => ({ id: String(i.eventOpen) }) })],
	'POST /contests?/withdraw': [
		// the worker's own entry: theirs to withdraw (the closed registration then refuses it); nobody else's
		c(fixed('/contests?/withdraw'), allow(['worker']), { label: 'the worker’s entry', valid: (i) => ({ id: String(i.entryNotice) }), invalid: (i) => ({ id: String(i.entryNotice) }) })
	],
	'GET /judge': [c(fixed('/judge'), SIGNED_IN)],
	'GET /proposals/mine': [c(fixed('/proposals/mine'), SIGNED_IN)],
	'GET /proposals/new': [c(fixed('/proposals/new'), SIGNED_IN)],
	'POST /proposals/new': [c(fixed('/proposals/new'), SIGNED_IN, { valid: () => draftForm })],
	'GET /api/proposals/colleague': [c((i) => `/api/proposals/colleague?no=${ACCOUNTS.judge}`, SIGNED_IN)],
	'GET /api/proposals/similar': [c(fixed('/api/proposals/similar?q=%E5%AE%89%E5%85%A8'), SIGNED_IN)],

	/* --------------------------------------------------------------- judging */
	'GET /judge/stages/[id]': [
		c((i) => `/judge/stages/${i.stageScoring}`, allow(['judge', 'judge2', 'chief']), { label: 'the panel’s stage' }),
		c((i) => `/judge/stages/${i.stageFinal}`, allow(['judge2', 'chief']), { label: 'a stage of another panel' })
	],
	'POST /judge/stages/[id]?/lock': [
		// a locked stage: the chief judge is let through and refused by the rules
		c((i) => `/judge/stages/${i.stageFinal}?/lock`, allow(['chief']))
	],
	'POST /judge/stages/[id]?/reopen': [c((i) => `/judge/stages/${i.stageFinal}?/reopen`, allow(['chief']), { valid: (i) => ({ id: String(i.sheetFinal), reason: '矩阵测试' }) })],
	'POST /judge/stages/[id]?/override': [
		c((i) => `/judge/stages/${i.stageScoring}?/override`, allow(['chief']), { valid: (i) => ({ pair: `${i.users.judge.userId}:${i.entryRecused}`, reason: '矩阵测试' }) })
	],
	'GET /judge/stages/[id]/consistency': [c((i) => `/judge/stages/${i.stageScoring}/consistency`, allow(['chief']))],
	'GET /judge/stages/[id]/entries/[entryId]': [
		c((i) => `/judge/stages/${i.stageScoring}/entries/${i.entryScoring}`, allow(['judge', 'judge2', 'chief']), { label: 'an entry of the panel' }),
		c((i) => `/judge/stages/${i.stageScoring}/entries/${i.entryRecused}`, allow(['judge2', 'chief']), { label: 'an entry the judge is recused from' }),
		c((i) => `/judge/stages/${i.stageFinal}/entries/${i.entryFinal}`, allow(['judge2', 'chief']), { label: 'another panel’s sheet' }),
		c((i) => `/judge/stages/${i.stageScoring}/entries/${i.entryFinal}`, allow([], { judge: 400, judge2: 400, chief: 400 }), { label: 'another panel’s entry through one’s own stage' })
	],
	'POST /judge/stages/[id]/entries/[entryId]?/save': sheetActions('save'),
	'POST /judge/stages/[id]/entries/[entryId]?/submit': sheetActions('submit'),
	'POST /judge/stages/[id]/entries/[entryId]?/declare': [
		c((i) => `/judge/stages/${i.stageScoring}/entries/${i.entryScoring}?/declare`, allow(['judge', 'judge2', 'chief']), { valid: () => ({ reason: '矩阵测试' }), invalid: () => ({ reason: '' }) }),
		c((i) => `/judge/stages/${i.stageFinal}/entries/${i.entryFinal}?/declare`, allow(['judge2', 'chief']), { label: 'another panel', valid: () => ({ reason: '矩阵测试' }), invalid: () => ({ reason: '' }) })
	],
	'PUT /api/sheets/[stageId]/[entryId]': [
		c((i) => `/api/sheets/${i.stageScoring}/${i.entryScoring}`, allow(['judge', 'judge2', 'chief'], { anonymous: 401 }), { label: 'the panel’s entry', json: sheetJson }),
		c((i) => `/api/sheets/${i.stageScoring}/${i.entryRecused}`, allow(['judge2', 'chief'], { anonymous: 401 }), { label: 'an entry the judge is recused from', json: sheetJson }),
		c((i) => `/api/sheets/${i.stageFinal}/${i.entryFinal}`, allow(['judge2', 'chief'], { anonymous: 401 }), { label: 'another panel’s sheet', json: sheetJson })
	],
	'GET /judge/stages/[id]/export': [c((i) => `/judge/stages/${i.stageScoring}/export?format=csv`, allow(['chief', 'officerDH', 'admin']))],
	'GET /judge/stages/[id]/import': [c((i) => `/judge/stages/${i.stageScoring}/import`, allow(['chief', 'officerDH', 'admin']))],
	'POST /judge/stages/[id]/import': [c((i) => `/judge/stages/${i.stageScoring}/import`, allow(['chief', 'officerDH', 'admin']), { valid: () => ({ file: FILES.pdf('marks.xlsx') }) })],
	'GET /judge/stages/[id]/import/template': [c((i) => `/judge/stages/${i.stageScoring}/import/template?format=csv`, allow(['chief', 'officerDH', 'admin']))],
	'GET /stages/[id]/live': [c((i) => `/stages/${i.stageScoring}/live`, allow(['chief', 'officerDH', 'admin']))],
	'GET /api/live/stages/[id]': [c((i) => `/api/live/stages/${i.stageScoring}`, allow(['chief', 'officerDH', 'admin']), { stream: true })],

	/* --------------------------------------------------------------- results */
	'GET /stages/[id]/results': [c((i) => `/stages/${i.stageFinal}/results`, allow(['chief', 'officerDH', 'admin']))],
	'POST /stages/[id]/results?/publish': [c((i) => `/stages/${i.stageFinal}/results?/publish`, DH, { valid: () => publishForm })],
	'POST /stages/[id]/results?/notice': [c((i) => `/stages/${i.stageNotice}/results?/notice`, DH, { valid: () => publishForm })],
	// final results: finalising again is refused by the rules
	'POST /stages/[id]/results?/finalise': [c((i) => `/stages/${i.stageFinal}/results?/finalise`, DH)],
	'POST /stages/[id]/results?/correction': [c((i) => `/stages/${i.stageFinal}/results?/correction`, DH, { valid: () => ({ reason: '矩阵测试' }) })],
	// no correction is open: publishing one is refused by the rules
	'POST /stages/[id]/results?/correct': [c((i) => `/stages/${i.stageFinal}/results?/correct`, DH)],
	'POST /stages/[id]/results?/rule': [
		c((i) => `/stages/${i.stageNotice}/results?/rule`, allow(['chief', 'officerDH', 'admin']), { valid: (i) => ({ appealId: String(i.appeal), decision: 'dismissed', ruling: '矩阵测试' }) })
	],
	// a locked stage: freezing its board is refused by the rules
	'POST /stages/[id]/results?/freeze': [c((i) => `/stages/${i.stageFinal}/results?/freeze`, allow(['chief', 'officerDH', 'admin']))],
	'POST /stages/[id]/results?/unfreeze': [c((i) => `/stages/${i.stageScoring}/results?/unfreeze`, allow(['chief', 'officerDH', 'admin']))],
	'GET /certificates/[code]': [c((i) => `/certificates/${i.awardCode}`, DH)],
	'GET /appeals/new': [
		c((i) => `/appeals/new?version=${i.versionNotice}&entry=${i.entryNotice}`, allow(['worker', 'officerDH', 'admin']), { label: 'the worker’s entry under notice' }),
		c((i) => `/appeals/new?version=${i.versionFinal}&entry=${i.entryNotice}`, allow([], { worker: 404, officerDH: 404, admin: 404 }), { label: 'the worker’s entry with results of another stage' })
	],
	'POST /appeals/new': [
		c((i) => `/appeals/new?version=${i.versionFinal}&entry=${i.entryFinal}`, DH, { label: 'an entry of final results', valid: (i) => ({ entryId: String(i.entryFinal), reason: '矩阵测试' }) })
	],
	'GET /appeals/[id]/attachment': [c((i) => `/appeals/${i.appeal}/attachment`, allow(['worker', 'chief', 'officerDH', 'admin']), { label: 'the worker’s appeal' })],

	/* --------------------------------------------------------- officer area */
	'GET /officer': [c(fixed('/officer'), OFFICERS)],
	'GET /officer/audit': [c(fixed('/officer/audit'), OFFICERS)],
	'GET /officer/codes': [
		c(fixed('/officer/codes'), OFFICERS),
		c((i) => `/officer/codes?unit=${i.xjUnit}`, XJ, { label: 'an XJ unit' })
	],
	'POST /officer/codes': [c(fixed('/officer/codes'), DH, { label: 'a DH worker', valid: (i) => ({ 'workerIds[]': [String(i.dhWorker)] }) })],
	'GET /officer/competitions': [c(fixed('/officer/competitions'), OFFICERS)],
	'POST /officer/competitions?/create': [c(fixed('/officer/competitions?/create'), DH, { label: 'organised by 东湖区', valid: (i) => competitionForm(i.dhDistrict) })],
	'GET /officer/competitions/[id]': [c((i) => `/officer/competitions/${i.competitionScoring}`, DH)],
	'POST /officer/competitions/[id]?/update': [c((i) => `/officer/competitions/${i.competitionScoring}?/update`, DH, { valid: (i) => competitionForm(i.dhDistrict) })],
	'POST /officer/competitions/[id]?/status': [c((i) => `/officer/competitions/${i.competitionScoring}?/status`, DH, { valid: () => ({ to: 'scoring_closed' }) })],
	'POST /officer/competitions/[id]?/addEvent': [c((i) => `/officer/competitions/${i.competitionScoring}?/addEvent`, DH, { valid: () => ({ ...eventForm, firstStage: '决赛' }) })],
	'POST /officer/competitions/[id]?/addScheme': [c((i) => `/officer/competitions/${i.competitionScoring}?/addScheme`, DH, { valid: () => schemeRules })],
	'GET /officer/events/[id]': [c((i) => `/officer/events/${i.eventScoring}`, DH)],
	'POST /officer/events/[id]?/awards': [c((i) => `/officer/events/${i.eventScoring}?/awards`, DH, { valid: () => ({ kind: 'none' }) })],
	'POST /officer/events/[id]?/update': [c((i) => `/officer/events/${i.eventScoring}?/update`, DH, { valid: () => eventForm })],
	// an event with entries: deleting it is refused by the rules
	'POST /officer/events/[id]?/delete': [c((i) => `/officer/events/${i.eventScoring}?/delete`, DH)],
	'POST /officer/events/[id]?/addStage': [c((i) => `/officer/events/${i.eventScoring}?/addStage`, DH, { valid: () => ({ name: '复赛' }) })],
	'POST /officer/events/[id]?/updateStage': [c((i) => `/officer/events/${i.eventScoring}?/updateStage`, DH, { valid: (i) => ({ ...stageForm, id: String(i.stagePending) }) })],
	'POST /officer/events/[id]?/deleteStage': [c((i) => `/officer/events/${i.eventScoring}?/deleteStage`, DH, { valid: (i) => ({ id: String(i.stagePending) }) })],
	'POST /officer/events/[id]?/startStage': [
		c((i) => `/officer/events/${i.eventScoring}?/startStage`, allow(['chief', 'officerDH', 'admin']), { valid: (i) => ({ id: String(i.stagePending) }) })
	],
	'POST /officer/events/[id]?/advance': [
		c((i) => `/officer/events/${i.eventScoring}?/advance`, allow(['chief', 'officerDH', 'admin']), { valid: (i) => ({ id: String(i.stageScoring) }) })
	],
	'POST /officer/events/[id]?/appoint': [c((i) => `/officer/events/${i.eventScoring}?/appoint`, DH, { valid: (i) => ({ identifier: i.xjWorkerNo }) })],
	'POST /officer/events/[id]?/removeJudge': [c((i) => `/officer/events/${i.eventScoring}?/removeJudge`, DH, { valid: (i) => ({ id: String(i.users.judge.userId) }) })],
	'POST /officer/events/[id]?/register': [
		// an event still open for entries (after the draw the rules refuse before the policy is asked)
		c((i) => `/officer/events/${i.eventOpen}?/register`, DH, { label: 'a DH worker', valid: (i) => ({ 'workerIds[]': [String(i.dhWorker)] }) })
	],
	'POST /officer/events/[id]?/decide': [c((i) => `/officer/events/${i.eventScoring}?/decide`, DH, { valid: (i) => ({ id: String(i.entryScoring), approve: '0', note: '' }) })],
	// stages have started: the draw is refused by the rules
	'POST /officer/events/[id]?/draw': [c((i) => `/officer/events/${i.eventScoring}?/draw`, DH)],
	'GET /officer/schemes/[id]': [c((i) => `/officer/schemes/${i.scheme}`, DH)],
	'POST /officer/schemes/[id]?/rules': [c((i) => `/officer/schemes/${i.scheme}?/rules`, DH, { valid: () => schemeRules })],
	'POST /officer/schemes/[id]?/addModule': [c((i) => `/officer/schemes/${i.scheme}?/addModule`, DH, { valid: () => ({ name: '矩阵测试模块', weight: '10' }) })],
	'POST /officer/schemes/[id]?/updateModule': [c((i) => `/officer/schemes/${i.scheme}?/updateModule`, DH, { valid: (i) => ({ id: String(i.schemeModule), name: '矩阵测试模块', weight: '10' }) })],
	'POST /officer/schemes/[id]?/addCriterion': [c((i) => `/officer/schemes/${i.scheme}?/addCriterion`, DH, { valid: (i) => ({ id: String(i.schemeModule), name: '矩阵测试' }) })],
	'POST /officer/schemes/[id]?/updateCriterion': [c((i) => `/officer/schemes/${i.scheme}?/updateCriterion`, DH, { valid: (i) => ({ id: String(i.schemeCriterion), name: '矩阵测试' }) })],
	'POST /officer/schemes/[id]?/addAspect': [c((i) => `/officer/schemes/${i.scheme}?/addAspect`, DH, { valid: (i) => ({ ...aspectForm, id: String(i.schemeCriterion) }) })],
	'POST /officer/schemes/[id]?/updateAspect': [c((i) => `/officer/schemes/${i.scheme}?/updateAspect`, DH, { valid: (i) => ({ ...aspectForm, id: String(i.schemeAspect) }) })],
	'POST /officer/schemes/[id]?/delete': [c((i) => `/officer/schemes/${i.scheme}?/delete`, DH, { valid: (i) => ({ id: String(i.schemeAspect), part: 'aspect' }) })],
	'POST /officer/schemes/[id]?/newVersion': [c((i) => `/officer/schemes/${i.scheme}?/newVersion`, DH, { skip: skipAll(SIGNED, 'no input: it would make a new version of the scheme') })],
	'GET /officer/stages/[id]': [c((i) => `/officer/stages/${i.stageScoring}`, DH)],
	// recording times is 'marks.import': the chief judge too
	'POST /officer/stages/[id]?/times': [c((i) => `/officer/stages/${i.stageScoring}?/times`, allow(['chief', 'officerDH', 'admin']), { invalid: (i) => ({ [`t${i.entryScoring}`]: 'abc' }) })],
	'GET /officer/points': [c(fixed('/officer/points'), ADMIN)],
	'POST /officer/points': [c(fixed('/officer/points'), ADMIN, { valid: () => ({ p0: '10', p1: '8', p2: '6', p3: '4', p4: '2', p5: '1', excellence: '1' }) })],
	'GET /officer/proposals': [c(fixed('/officer/proposals'), OFFICERS)],
	// the reviewer is one the other district's officer may appoint, so only the proposal is not theirs
	'POST /officer/proposals?/assign': [c(fixed('/officer/proposals?/assign'), DH, { label: 'a DH proposal', valid: (i) => ({ 'proposal[]': [String(i.dhProposal)], reviewers: i.xjWorkerNo }) })],
	'GET /officer/proposals/export': [c(fixed('/officer/proposals/export?format=csv'), OFFICERS)],
	'GET /officer/proposals/settings': [c(fixed('/officer/proposals/settings'), ADMIN)],
	'POST /officer/proposals/settings': [
		c(fixed('/officer/proposals/settings'), ADMIN, {
			valid: () => ({ 'gName[]': ['一等'], 'gAmount[]': ['1000'], 'gBenefit[]': [''], 'gScore[]': ['90'], 'cName[]': ['创新性'], 'cMax[]': ['100'] }),
			invalid: () => ({ 'gName[]': ['一等'], 'gAmount[]': ['abc'] })
		})
	],
	'GET /officer/proposals/stats': [
		c(fixed('/officer/proposals/stats'), OFFICERS),
		c((i) => `/officer/proposals/stats?unit=${i.xjUnit}`, XJ, { label: 'an XJ unit' })
	],
	'GET /officer/requests': [c(fixed('/officer/requests'), OFFICERS)],
	'POST /officer/requests': [c(fixed('/officer/requests'), DH, { label: 'a DH request', valid: (i) => ({ id: String(i.request), decision: 'reject', reason: '矩阵测试' }) })],
	'GET /officer/studios': [c(fixed('/officer/studios'), OFFICERS)],
	'GET /officer/studios/[id]': [
		// the first judge reviews this studio this year
		c((i) => `/officer/studios/${i.dhStudio}`, allow(['judge', 'officerDH', 'admin']), { label: 'a DH studio' }),
		c((i) => `/officer/studios/${i.xjStudio}`, XJ, { label: 'an XJ studio' })
	],
	'POST /officer/studios/[id]?/edit': [c((i) => `/officer/studios/${i.xjStudio}?/edit`, XJ, { label: 'an XJ studio', valid: (i) => studioForm(i.xjUnit, i.xjWorkerNo) })],
	'POST /officer/studios/[id]?/step': [c((i) => `/officer/studios/${i.xjStudio}?/step`, XJ, { label: 'an XJ studio', valid: () => ({ step: 'review', note: '' }) })],
	'POST /officer/studios/[id]?/achievement': [
		c((i) => `/officer/studios/${i.dhStudio}?/achievement`, DH, { label: 'a DH studio', valid: () => ({ kind: 'problem', title: '矩阵测试', on: '2026-01-05' }) })
	],
	'POST /officer/studios/[id]?/removeAchievement': [
		c((i) => `/officer/studios/${i.dhStudio}?/removeAchievement`, DH, { label: 'a DH studio', valid: (i) => ({ achievement: String(i.dhAchievement), reason: '矩阵测试' }) })
	],
	'POST /officer/studios/[id]?/reviewers': [c((i) => `/officer/studios/${i.dhStudio}?/reviewers`, DH, { valid: () => ({ reviewers: ACCOUNTS.worker, purpose: 'assessment' }) })],
	'POST /officer/studios/[id]?/marks': [
		// reviewers mark; officers appoint them but do not mark
		c((i) => `/officer/studios/${i.dhStudio}?/marks`, allow(['judge']), { valid: () => ({ purpose: 'assessment', note: '', mark_innovation: '10' }) })
	],
	'POST /officer/studios/[id]?/incidents': [c((i) => `/officer/studios/${i.dhStudio}?/incidents`, DH, { valid: () => ({ inc_safety: '1' }), invalid: () => ({ inc_safety: 'abc' }) })],
	'GET /officer/studios/[id]/files/[fileId]': [
		c((i) => `/officer/studios/${i.xjStudio}/files/${i.xjStudioFile}`, XJ, { label: 'an XJ studio’s application material' }),
		c((i) => `/officer/studios/${i.dhStudio}/files/${i.xjStudioFile}`, allow([], { judge: 404, officerDH: 404, admin: 404 }), { label: 'the XJ file through a DH studio' })
	],
	'GET /officer/studios/leaderboard': [c(fixed('/officer/studios/leaderboard'), OFFICERS)],
	'GET /officer/studios/new': [c(fixed('/officer/studios/new'), OFFICERS)],
	'POST /officer/studios/new': [c(fixed('/officer/studios/new'), XJ, { label: 'hosted under 西江区', valid: (i) => studioForm(i.xjUnit, i.xjWorkerNo) })],
	'GET /officer/studios/settings': [c(fixed('/officer/studios/settings'), ADMIN)],
	'POST /officer/studios/settings?/leaders': [
		c(fixed('/officer/studios/settings?/leaders'), ADMIN, {
			valid: () => ({ 'leader_model[]': ['national_model'], 'leader_craftsman[]': ['great_craftsman'], 'leader_worker[]': ['technical_expert'] }),
			invalid: () => ({ 'leader_model[]': ['no_such_honour'] })
		})
	],
	'POST /officer/studios/settings?/sheet': [
		c(fixed('/officer/studios/settings?/sheet'), ADMIN, {
			valid: () => ({ 'iName[]': ['专利'], 'iKind[]': ['count'], 'iAch[]': ['patent'], 'iPer[]': ['5'], 'iMax[]': ['20'] }),
			invalid: () => ({ 'iName[]': ['专利'], 'iKind[]': ['count'], 'iPer[]': ['5'], 'iMax[]': ['abc'] })
		})
	],
	'GET /officer/targets': [
		c(fixed('/officer/targets'), OFFICERS),
		c((i) => `/officer/targets?unit=${i.xjUnit}`, XJ, { label: 'an XJ unit' })
	],
	'POST /officer/targets?/save': [c(fixed('/officer/targets?/save'), XJ, { label: 'an XJ unit', valid: (i) => ({ unit: String(i.xjUnit), year: '2026' }) })],
	'GET /officer/units': [c(fixed('/officer/units'), OFFICERS)],
	'POST /officer/units?/create': [c(fixed('/officer/units?/create'), XJ, { label: 'under an XJ unit', valid: (i) => ({ parentId: String(i.xjUnit), type: 'team', code: 'MX-T1', name: '矩阵测试班' }) })],
	'GET /officer/units/[id]': [
		c((i) => `/officer/units/${i.dhUnit}`, DH, { label: 'a DH team' }),
		c((i) => `/officer/units/${i.xjUnit}`, XJ, { label: 'an XJ enterprise union' })
	],
	'POST /officer/units/[id]?/honour': [c((i) => `/officer/units/${i.xjUnit}?/honour`, XJ, { valid: () => ({ kind: 'pioneer', title: '工人先锋号', year: '2025', body: '江城市总工会', citation: '' }) })],
	// a unit with subunits and workers: deleting it is refused by the rules
	'POST /officer/units/[id]?/delete': [c((i) => `/officer/units/${i.xjUnit}?/delete`, XJ)],
	'POST /officer/units/[id]?/update': [c((i) => `/officer/units/${i.xjUnit}?/update`, XJ, { valid: (i) => ({ parentId: String(i.xjDistrict), type: 'enterprise', code: 'XJ-DT', name: '矩阵测试' }) })],
	'GET /officer/workers': [c(fixed('/officer/workers'), OFFICERS)],
	'GET /officer/workers/[id]': [
		c((i) => `/officer/workers/${i.dhWorker}`, DH, { label: 'a DH worker' }),
		c((i) => `/officer/workers/${i.xjWorker}`, XJ, { label: 'an XJ worker' })
	],
	'POST /officer/workers/[id]?/update': [c((i) => `/officer/workers/${i.xjWorker}?/update`, XJ, { label: 'an XJ worker', valid: (i) => workerForm(i.xjUnit) })],
	'POST /officer/workers/[id]?/code': [c((i) => `/officer/workers/${i.xjWorker}?/code`, XJ, { label: 'an XJ worker', skip: skipAll(SIGNED, 'no input: it would issue a code') })],
	'POST /officer/workers/[id]?/status': [c((i) => `/officer/workers/${i.xjWorker}?/status`, XJ, { label: 'an XJ worker', valid: () => ({ active: '0' }), invalid: () => ({ active: '1' }), allowedResult: 'success' })],
	'POST /officer/workers/[id]?/role': [c((i) => `/officer/workers/${i.xjWorker}?/role`, XJ, { label: 'an XJ worker', valid: (i) => ({ role: 'finance', unitId: String(i.xjUnit), grant: '1' }) })],
	'POST /officer/workers/[id]?/honour': [c((i) => `/officer/workers/${i.xjWorker}?/honour`, XJ, { label: 'an XJ worker', valid: () => honourForm })],
	'POST /officer/workers/[id]?/revokeHonour': [c((i) => `/officer/workers/${i.xjWorker}?/revokeHonour`, XJ, { label: 'an XJ worker’s honour', valid: (i) => ({ honour: String(i.xjHonour), reason: '矩阵测试' }) })],
	'POST /officer/workers/[id]?/profile': [c((i) => `/officer/workers/${i.xjWorker}?/profile`, XJ, { label: 'an XJ worker', valid: () => ({ approve: '1' }) })],
	'GET /officer/workers/export': [
		c(fixed('/officer/workers/export?format=csv'), OFFICERS),
		c((i) => `/officer/workers/export?format=csv&unit=${i.xjUnit}`, XJ, { label: 'an XJ unit' })
	],
	'GET /officer/workers/import': [c(fixed('/officer/workers/import'), OFFICERS)],
	'POST /officer/workers/import': [c(fixed('/officer/workers/import'), OFFICERS, { valid: () => ({ file: FILES.pdf('workers.xlsx') }) })],
	'GET /officer/workers/import/template': [c(fixed('/officer/workers/import/template?format=csv'), OFFICERS)],
	'GET /officer/workers/new': [c(fixed('/officer/workers/new'), OFFICERS)],
	'POST /officer/workers/new': [c(fixed('/officer/workers/new'), DH, { label: 'into a DH team', valid: (i) => workerForm(i.dhUnit) })],

	/* ------------------------------------------------------------- proposals */
	'GET /proposals/[id]': [
		// the author, colleagues of the proposer's enterprise, officers over it
		c((i) => `/proposals/${i.submitted}`, allow(['worker', 'judge', 'officerDH', 'admin']), { label: 'the worker’s submitted proposal' }),
		c((i) => `/proposals/${i.draft}`, allow(['worker']), { label: 'the worker’s draft: nobody else’s' }),
		c((i) => `/proposals/${i.xjProposal}`, allow(['judge2', 'officerXJ', 'admin']), { label: 'an XJ proposal' })
	],
	'POST /proposals/[id]?/support': [
		// colleagues support once; the worker already has
		c((i) => `/proposals/${i.supported}?/support`, allow(['worker', 'judge']), { label: 'a colleague’s proposal', skip: { judge: 'no input: it would support the proposal' } }),
		c((i) => `/proposals/${i.draft}?/support`, allow(['worker']), { label: 'the worker’s draft: nobody else may touch it' })
	],
	'POST /proposals/[id]?/step': [
		c((i) => `/proposals/${i.dhProposal}?/step`, DH, { label: 'a DH proposal', valid: () => ({ step: 'accept', note: '' }), invalid: () => ({ step: 'accept', note: TOO_LONG }) }),
		c((i) => `/proposals/${i.xjProposal}?/step`, XJ, { label: 'an XJ proposal', valid: () => ({ step: 'accept', note: '' }), invalid: () => ({ step: 'accept', note: TOO_LONG }) })
	],
	'POST /proposals/[id]?/assign': [c((i) => `/proposals/${i.xjProposal}?/assign`, XJ, { label: 'an XJ proposal', valid: (i) => ({ reviewers: i.dhWorkerNo }), invalid: () => ({ reviewers: TOO_LONG }) })],
	'POST /proposals/[id]?/unassign': [c((i) => `/proposals/${i.reviewing}?/unassign`, DH, { valid: (i) => ({ reviewer: String(i.users.judge.userId) }) })],
	'POST /proposals/[id]?/review': [c((i) => `/proposals/${i.reviewing}?/review`, allow(['judge']), { valid: () => ({ recommendation: 'adopt', note: '' }) })],
	'GET /proposals/[id]/edit': [
		c((i) => `/proposals/${i.draft}/edit`, allow(['worker']), { label: 'the worker’s draft' }),
		c((i) => `/proposals/${i.submitted}/edit`, allow([], { worker: 404 }), { label: 'a submitted proposal is no draft' })
	],
	'POST /proposals/[id]/edit?/save': [c((i) => `/proposals/${i.draft}/edit?/save`, allow(['worker']), { label: 'the worker’s draft', valid: () => draftForm })],
	'POST /proposals/[id]/edit?/delete': [c((i) => `/proposals/${i.draft}/edit?/delete`, allow(['worker']), { label: 'the worker’s draft', skip: { worker: 'no input: it would delete the draft' } })],
	'GET /proposals/[id]/files/[fileId]': [
		// colleagues read the proposal, not its attachments
		c((i) => `/proposals/${i.submitted}/files/${i.submittedFile}`, allow(['worker', 'officerDH', 'admin']), { label: 'the worker’s submitted proposal' }),
		c((i) => `/proposals/${i.draft}/files/${i.draftFile}`, allow(['worker']), { label: 'the worker’s draft' }),
		c((i) => `/proposals/${i.submitted}/files/${i.draftFile}`, allow([], { worker: 404, officerDH: 404, admin: 404 }), { label: 'the draft’s file through the submitted proposal' })
	]
};

function skipAll(roles: readonly Role[], why: string): Partial<Record<Role, string>> {
	return Object.fromEntries(roles.map((r) => [r, why]));
}


function sheetActions(action: 'save' | 'submit'): Case[] {
	const bodies = { valid: () => ({ version: '' }), invalid: () => ({ version: '', m999999999: '1' }) };
	return [
		c((i) => `/judge/stages/${i.stageScoring}/entries/${i.entryScoring}?/${action}`, allow(['judge', 'judge2', 'chief']), { label: 'the panel’s entry', ...bodies }),
		c((i) => `/judge/stages/${i.stageScoring}/entries/${i.entryRecused}?/${action}`, allow(['judge2', 'chief']), { label: 'an entry the judge is recused from', ...bodies }),
		c((i) => `/judge/stages/${i.stageFinal}/entries/${i.entryFinal}?/${action}`, allow(['judge2', 'chief']), { label: 'another panel’s sheet', ...bodies })
	];
}
