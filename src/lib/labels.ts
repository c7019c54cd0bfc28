import { m } from '$lib/paraglide/messages';
import { isLocale } from '$lib/paraglide/runtime';
import { markRange, type AspectDef, type MarkProblem } from '$lib/domain/scoring/scheme';
import { canonical } from '$lib/domain/scoring/exact';

type Labels = Record<string, (() => string) | undefined>;

/** Display names of stored codes, in the user's language. */
export const unitTypeLabel = (t: string) =>
	(<Labels>{
		federation: m.unit_type_federation,
		district: m.unit_type_district,
		industry: m.unit_type_industry,
		enterprise: m.unit_type_enterprise,
		workshop: m.unit_type_workshop,
		team: m.unit_type_team
	})[t]?.() ?? t;

export const skillLevelLabel = (s: string) =>
	(<Labels>{
		none: m.skill_none,
		junior: m.skill_junior,
		intermediate: m.skill_intermediate,
		senior: m.skill_senior,
		technician: m.skill_technician,
		senior_technician: m.skill_senior_technician
	})[s]?.() ?? s;

export const roleLabel = (r: string) =>
	(<Labels>{ worker: m.role_worker, judge: m.role_judge, officer: m.role_officer, finance: m.role_finance, admin: m.role_admin })[r]?.() ?? r;

export const genderLabel = (g: string | null) => (g === 'male' ? m.gender_male() : g === 'female' ? m.gender_female() : '—');

/** The Intl locale a page's language formats dates and numbers in. */
export const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN');

/** One formatter per language and style: making one costs far more than formatting (a 50-row list formats 100 times). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${options.timeStyle ?? ''}`;
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'Asia/Shanghai' })));
	return f;
}

export const formatTime = (d: Date | string | number, locale: string) => formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d));

export const formatDate = (d: Date | string | number, locale: string) => formatter(locale, { dateStyle: 'medium' }).format(new Date(d));

/** Audit actions and record types, for people rather than machines. */
const ACTIONS: Labels = {
	'auth.sign_in': m.act_auth_sign_in,
	'auth.sign_in_failed': m.act_auth_sign_in_failed,
	'auth.locked': m.act_auth_locked,
	'auth.sign_out': m.act_auth_sign_out,
	'unit.create': m.act_unit_create,
	'unit.update': m.act_unit_update,
	'unit.move': m.act_unit_move,
	'worker.create': m.act_worker_create,
	'worker.update': m.act_worker_update,
	'worker.import.create': m.act_worker_import_create,
	'worker.import.update': m.act_worker_import_update,
	'code.issue.activation': m.act_code_issue_activation,
	'code.issue.reset': m.act_code_issue_reset,
	'code.refuse': m.act_code_refuse,
	'account.activate': m.act_account_activate,
	'account.reset_password': m.act_account_reset_password,
	'account.change_password': m.act_account_change_password,
	'account.disable': m.act_account_disable,
	'account.enable': m.act_account_enable,
	'unit.delete': m.act_unit_delete,
	'request.create': m.act_request_create,
	'request.approve': m.act_request_approve,
	'request.reject': m.act_request_reject,
	'role.grant': m.act_role_grant,
	'role.revoke': m.act_role_revoke,
	'demo.seed': m.act_demo_seed,
	'install.bootstrap': m.act_install_bootstrap,
	'competition.create': m.act_competition_create,
	'competition.update': m.act_competition_update,
	'competition.status': m.act_competition_status,
	'event.create': m.act_event_create,
	'event.update': m.act_event_update,
	'event.delete': m.act_event_delete,
	'event.draw': m.act_event_draw,
	'stage.create': m.act_stage_create,
	'stage.update': m.act_stage_update,
	'stage.delete': m.act_stage_delete,
	'stage.start': m.act_stage_start,
	'stage.lock': m.act_stage_lock,
	'stage.advance': m.act_stage_advance,
	'stage.times': m.act_stage_times,
	'judge.appoint': m.act_judge_appoint,
	'judge.remove': m.act_judge_remove,
	'scheme.create': m.act_scheme_create,
	'scheme.update': m.act_scheme_update,
	'scheme.version': m.act_scheme_version,
	'entry.register': m.act_entry_register,
	'entry.approve': m.act_entry_approve,
	'entry.reject': m.act_entry_reject,
	'entry.withdraw': m.act_entry_withdraw,
	'sheet.save': m.act_sheet_save,
	'sheet.submit': m.act_sheet_submit,
	'sheet.reopen': m.act_sheet_reopen,
	'sheet.import': m.act_sheet_import,
	'recusal.declare': m.act_recusal_declare,
	'recusal.override': m.act_recusal_override,
	'result.publish': m.act_result_publish,
	'result.notice': m.act_result_notice,
	'result.revise': m.act_result_revise,
	'result.finalise': m.act_result_finalise,
	'result.correction': m.act_result_correction,
	'result.correct': m.act_result_correct,
	'appeal.file': m.act_appeal_file,
	'appeal.rule': m.act_appeal_rule,
	'board.freeze': m.act_board_freeze,
	'board.unfreeze': m.act_board_unfreeze,
	'event.awards': m.act_event_awards,
	'points.set': m.act_points_set,
	'proposal.draft.create': m.act_proposal_draft_create,
	'proposal.draft.update': m.act_proposal_draft_update,
	'proposal.draft.delete': m.act_proposal_draft_delete,
	'proposal.settings': m.act_proposal_settings,
	'notification.read': m.act_notification_read,
	'target.set': m.act_target_set,
	'honour.record': m.act_honour_record,
	'honour.revoke': m.act_honour_revoke,
	'profile.save': m.act_profile_save,
	'profile.approve': m.act_profile_approve,
	'profile.withdraw': m.act_profile_withdraw,
	'studio.settings': m.act_studio_settings,
	'studio.sheet': m.act_studio_sheet,
	'studio.remind': m.notify_act_studio_remind
};
export const auditActionLabel = (a: string): string =>
	ACTIONS[a]?.() ??
	(a.startsWith('proposal.') ? m.act_proposal_step({ step: proposalActionLabel(a.slice('proposal.'.length)) }) : a.startsWith('studio.') ? m.act_studio_step({ step: studioActionLabel(a.slice('studio.'.length)) }) : a);

const ENTITIES: Labels = {
	unit: m.ent_unit,
	worker: m.ent_worker,
	user: m.ent_user,
	account_request: m.ent_account_request,
	competition: m.ent_competition,
	event: m.ent_event,
	stage: m.ent_stage,
	scheme: m.ent_scheme,
	entry: m.ent_entry,
	sheet: m.ent_sheet,
	result: m.ent_result,
	appeal: m.ent_appeal,
	points: m.ent_points,
	proposal: m.ent_proposal,
	proposal_settings: m.ent_proposal_settings,
	job: m.notify_ent_job,
	studio: m.ent_studio,
	studio_settings: m.ent_studio_settings,
	assessment_sheet: m.ent_assessment_sheet
};
export const entityLabel = (e: string) => ENTITIES[e]?.() ?? e;

/** A list of names, joined the way each language writes lists. */
export const listOf = (items: string[], locale: string) => items.join(locale === 'en' ? ', ' : '、');

export const accountStateLabel = (a: string) => (<Labels>{ active: m.account_active, disabled: m.account_disabled, none: m.account_none })[a]?.() ?? a;

/* competitions and judging */
const pick = (table: Labels) => (code: string) => table[code]?.() ?? code;

export const competitionTypeLabel = pick({ skills: m.ctype_skills, themed: m.ctype_themed, project: m.ctype_project, ankang: m.ctype_ankang, wuxiao: m.ctype_wuxiao });
export const competitionStatusLabel = pick({
	draft: m.cstatus_draft,
	registration: m.cstatus_registration,
	in_progress: m.cstatus_in_progress,
	scoring_closed: m.cstatus_scoring_closed,
	published: m.cstatus_published
});
export const eventKindLabel = pick({ individual: m.ekind_individual, team: m.ekind_team });
export const stageStatusLabel = pick({ pending: m.sstatus_pending, scoring: m.sstatus_scoring, locked: m.sstatus_locked });
export const entryStatusLabel = pick({ pending: m.entry_pending, approved: m.entry_approved, rejected: m.entry_rejected, withdrawn: m.entry_withdrawn });
export const sheetStatusLabel = (s: string | null) => pick({ draft: m.sheet_draft, submitted: m.sheet_submitted, locked: m.sheet_locked })(s ?? '') || m.sheet_none();
export const aspectKindLabel = pick({ measurement: m.akind_measurement, judgement: m.akind_judgement, deduction: m.akind_deduction, element: m.akind_element });
export const methodLabel = pick({ mean: m.method_mean, median: m.method_median, trimmed: m.method_trimmed });
export const combineLabel = pick({ mean: m.combine_mean, sum: m.combine_sum });
export const roundAtLabel = pick({ element: m.round_element, module: m.round_module, total: m.round_total });
export const carryModeLabel = pick({ none: m.carry_none, full: m.carry_full, weighted: m.carry_weighted });
export const advanceKindLabel = pick({ all: m.advance_all, top: m.advance_top, threshold: m.advance_threshold });
export const resultStatusLabel = pick({ notice: m.rstatus_notice, final: m.rstatus_final, superseded: m.rstatus_superseded, correction: m.rstatus_correction });
export const appealStatusLabel = pick({ open: m.appeal_open, upheld: m.appeal_upheld, dismissed: m.appeal_dismissed });
export const awardRuleKindLabel = pick({ none: m.award_kind_none, rank: m.award_kind_rank, share: m.award_kind_share, threshold: m.award_kind_threshold });

/** Tone of a status badge: green when done, amber while in hand, red when refused. */
export const statusTone = (s: string | null) =>
	({ approved: 'ok', published: 'ok', final: 'ok', upheld: 'ok', notice: 'warn', open: 'warn', correction: 'warn', dismissed: '', superseded: '', locked: 'ok', submitted: 'ok', pending: 'warn', draft: 'warn', scoring: 'warn', registration: 'warn', in_progress: 'warn', rejected: 'red', withdrawn: '' })[s ?? ''] ?? '';

export const tieBreakLabel = (t: { kind: string; moduleId?: number }, moduleName: (id: number) => string) =>
	t.kind === 'module' ? m.tb_module({ name: moduleName(t.moduleId!) }) : t.kind === 'time' ? m.tb_time() : t.kind === 'own' ? m.tb_own() : m.tb_previous();

export const recusalLabel = (r: { kind: string; overridden: boolean }) =>
	r.overridden ? m.recusal_overridden() : r.kind === 'auto' ? m.recusal_auto() : m.recusal_declared();

type Flag = { kind: string; submitted?: number; expected?: number; needed?: number; aspectId?: number; low?: string; high?: string };
/** What a standing's flag means, naming the aspect. */
export const flagLabel = (f: Flag, aspectName: (id: number) => string) => {
	switch (f.kind) {
		case 'awaiting':
			return m.flag_awaiting({ submitted: f.submitted!, expected: f.expected! });
		case 'panel_too_small':
			return m.flag_panel_too_small({ needed: f.needed!, expected: f.expected! });
		case 'missing':
			return m.flag_missing({ aspect: aspectName(f.aspectId!) });
		case 'spread':
			return m.flag_spread({ aspect: aspectName(f.aspectId!), low: f.low!, high: f.high! });
		case 'disagree':
			return m.flag_disagree({ aspect: aspectName(f.aspectId!) });
		default:
			return m.flag_no_previous();
	}
};

/** Why a typed mark was refused, naming the aspect's own range and step (0–3 for judgement). */
export function markProblemLabel(aspect: AspectDef, problem: MarkProblem): string {
	const { max, step } = markRange(aspect);
	if (problem === 'not_a_number') return m.err_mark_number();
	return problem === 'off_step' ? m.err_mark_step({ step: canonical(step) }) : m.err_mark_range({ max: canonical(max) });
}

/* proposals */
export const proposalKindLabel = pick({
	rationalisation: m.pkind_rationalisation,
	invention: m.pkind_invention,
	creation: m.pkind_creation,
	innovation: m.pkind_innovation,
	design: m.pkind_design,
	suggestion: m.pkind_suggestion
});
export const proposalCategoryLabel = pick({
	technology: m.pcat_technology,
	safety: m.pcat_safety,
	quality: m.pcat_quality,
	energy: m.pcat_energy,
	cost: m.pcat_cost,
	management: m.pcat_management,
	service: m.pcat_service,
	environment: m.pcat_environment,
	other: m.pcat_other
});
export const proposalStatusLabel = pick({
	draft: m.pstatus_draft,
	submitted: m.pstatus_submitted,
	review: m.pstatus_review,
	reserve: m.pstatus_reserve,
	adopted: m.pstatus_adopted,
	implementing: m.pstatus_implementing,
	trial: m.pstatus_trial,
	assessment: m.pstatus_assessment,
	confirmed: m.pstatus_confirmed,
	rewarded: m.pstatus_rewarded,
	rejected: m.pstatus_rejected,
	answered: m.pstatus_answered,
	merged: m.pstatus_merged
});
/** A step as the timeline tells it, and as the button that takes it reads. */
export const proposalActionLabel = pick({
	submit: m.pact_submit,
	answer: m.pact_answer,
	accept: m.pact_accept,
	assign: m.pact_assign,
	unassign: m.pact_unassign,
	forward: m.pact_forward,
	merge: m.pact_merge,
	adopt: m.pact_adopt,
	reject: m.pact_reject,
	reserve: m.pact_reserve,
	start: m.pact_start,
	trial: m.pact_trial,
	assess: m.pact_assess,
	return: m.pact_return,
	confirm: m.pact_confirm,
	reward: m.pact_reward,
	regrade: m.pact_regrade,
	support: m.pact_support,
	review: m.pact_review
});
export const recommendationLabel = pick({ adopt: m.prec_adopt, reject: m.prec_reject, reserve: m.prec_reserve });

/** Fen as yuan with two decimals and thousands separators: 1234567 → ¥12,345.67 */
export const formatYuan = (fen: number | null | undefined, locale = 'zh-Hans') =>
	fen === null || fen === undefined ? '—' : `¥${(fen / 100).toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A notification in the reader's language, from its kind and parameters. */
export function notificationText(kind: string, params: Record<string, string | number>, locale = 'zh-Hans'): string {
	const p = (k: string) => String(params[k] ?? '');
	const o = { locale: isLocale(locale) ? locale : undefined };
	switch (kind) {
		case 'proposal_step':
			return m.note_proposal_step({ serial: p('serial'), title: p('title'), step: proposalActionLabel(p('action')) }, o);
		case 'proposal_review':
			return m.note_proposal_review({ serial: p('serial'), title: p('title') }, o);
		case 'proposal_reward':
			return m.note_proposal_reward({ serial: p('serial'), grade: p('grade'), amount: formatYuan(Number(params.amountFen), locale) }, o);
		case 'proposal_support':
			return m.note_proposal_support({ serial: p('serial'), name: p('name') }, o);
		case 'studio_review':
			return m.note_studio_review({ studio: p('studio'), year: p('year') }, o);
		case 'entry_approved':
			return m.notify_entry_approved({ competition: p('competition'), event: p('event') }, o);
		case 'entry_rejected':
			return m.notify_entry_rejected({ competition: p('competition'), event: p('event'), note: p('note') }, o);
		case 'sheet_reopened':
			return m.notify_sheet_reopened({ event: p('event'), stage: p('stage'), code: p('code'), reason: p('reason') }, o);
		case 'appeal_ruled': {
			const ruled = p('decision') === 'upheld' ? m.notify_appeal_upheld : m.notify_appeal_dismissed;
			return ruled({ event: p('event'), stage: p('stage'), code: p('code'), ruling: p('ruling') }, o);
		}
		case 'studio_reassess':
			return m.notify_studio_reassess({ studio: p('studio'), due: p('due') }, o);
		default:
			return kind;
	}
}

/* studios and honours */
export const honourKindLabel = pick({
	national_model: m.hk_national_model,
	provincial_model: m.hk_provincial_model,
	city_model: m.hk_city_model,
	national_may1: m.hk_national_may1,
	provincial_may1: m.hk_provincial_may1,
	great_craftsman: m.hk_great_craftsman,
	provincial_craftsman: m.hk_provincial_craftsman,
	city_craftsman: m.hk_city_craftsman,
	technical_expert: m.hk_technical_expert,
	chief_worker: m.hk_chief_worker,
	contest: m.hk_contest,
	other: m.hk_other
});
export const unitHonourKindLabel = pick({ pioneer: m.uhk_pioneer, ankang_cup: m.uhk_ankang_cup, other: m.hk_other });
export const studioTypeLabel = pick({ model: m.stype_model, craftsman: m.stype_craftsman, worker: m.stype_worker });
export const studioLevelLabel = pick({ enterprise: m.slevel_enterprise, city: m.slevel_city, province: m.slevel_province, national: m.slevel_national });
export const studioStatusLabel = pick({
	applied: m.sst_applied,
	reviewing: m.sst_reviewing,
	designated: m.sst_designated,
	warned: m.sst_warned,
	rejected: m.sst_rejected,
	revoked: m.sst_revoked
});
export const studioActionLabel = pick({
	apply: m.sact_apply,
	update: m.sact_update,
	review: m.sact_review,
	designate: m.sact_designate,
	reject: m.sact_reject,
	keep: m.sact_keep,
	upgrade: m.sact_upgrade,
	warn: m.sact_warn,
	revoke: m.sact_revoke,
	assign: m.sact_assign,
	mark: m.sact_mark,
	achievement: m.sact_achievement,
	achievement_remove: m.sact_achievement_remove,
	incidents: m.sact_incidents
});
export const achievementKindLabel = pick({
	patent: m.ak_patent,
	technique: m.ak_technique,
	problem: m.ak_problem,
	award: m.ak_award,
	proposal: m.ak_proposal,
	apprentice: m.ak_apprentice,
	training: m.ak_training,
	benefit: m.ak_benefit
});
export const patentTypeLabel = pick({ invention: m.pt_invention, utility: m.pt_utility, design: m.pt_design });

export const targetMetricLabel = pick({
	proposals: m.tm_proposals,
	proposals_per_100: m.tm_proposals_per_100,
	adopted: m.tm_adopted,
	innovations: m.tm_innovations,
	benefit_wan: m.tm_benefit_wan,
	contest_workers: m.tm_contest_workers,
	studios_city: m.tm_studios_city,
	studio_achievements: m.tm_studio_achievements
});
export const targetStandingLabel = pick({ met: m.ts_met, on_track: m.ts_on_track, behind: m.ts_behind, ended_short: m.ts_ended_short, not_started: m.ts_not_started });
/** A studio's level and type together: 市级劳模创新工作室, "City model-worker innovation studio". */
export const studioKindLabel = (level: string, type: string, locale: string) => {
	const l = studioLevelLabel(level);
	return locale === 'en' ? `${l} ${studioTypeLabel(type).replace(/^./, (c) => c.toLowerCase())}` : `${l}${studioTypeLabel(type)}`;
};
