import { m } from '$lib/paraglide/messages';

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
	(<Labels>{ worker: m.role_worker, judge: m.role_judge, officer: m.role_officer, admin: m.role_admin })[r]?.() ?? r;

export const genderLabel = (g: string | null) => (g === 'male' ? m.gender_male() : g === 'female' ? m.gender_female() : '—');

export const formatTime = (d: Date | string | number, locale: string) =>
	new Date(d).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });

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
};
export const auditActionLabel = (a: string) => ACTIONS[a]?.() ?? a;

const ENTITIES: Labels = {
	unit: m.ent_unit,
	worker: m.ent_worker,
	user: m.ent_user,
	account_request: m.ent_account_request,
};
export const entityLabel = (e: string) => ENTITIES[e]?.() ?? e;

/** A list of names, joined the way each language writes lists. */
export const listOf = (items: string[], locale: string) => items.join(locale === 'en' ? ', ' : '、');

export const accountStateLabel = (a: string) => (<Labels>{ active: m.account_active, disabled: m.account_disabled, none: m.account_none })[a]?.() ?? a;
