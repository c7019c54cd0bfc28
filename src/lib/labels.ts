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
