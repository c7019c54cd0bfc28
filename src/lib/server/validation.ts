import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { SKILL_LEVELS, UNIT_TYPES } from './db/schema';
import { withoutControls } from '$lib/domain/text';

/**
 * Field schemas with messages in the user's language. Messages are functions
 * so they are rendered in the locale of the request that parses them.
 */
export const text = (max: number, min = 1) =>
	z
		.string({ error: () => m.err_required() })
		.overwrite(withoutControls)
		.trim()
		.min(min, { error: () => (min <= 1 ? m.err_required() : m.err_too_short({ min })) })
		.max(max, { error: () => m.err_too_long({ max }) });

export const optionalText = (max: number) =>
	z
		.string()
		.overwrite(withoutControls)
		.trim()
		.max(max, { error: () => m.err_too_long({ max }) })
		.optional()
		.transform((v) => v ?? '');

export const phone = z
	.string({ error: () => m.err_required() })
	.trim()
	.regex(/^1[3-9]\d{9}$/, { error: () => m.err_phone() });

export const optionalPhone = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : null))
	.refine((v) => v === null || /^1[3-9]\d{9}$/.test(v), { error: () => m.err_phone() });

export const employeeNo = z
	.string({ error: () => m.err_required() })
	.trim()
	.min(1, { error: () => m.err_required() })
	.max(32, { error: () => m.err_too_long({ max: 32 }) })
	.regex(/^[A-Za-z0-9_-]+$/, { error: () => m.err_employee_no() });

export const unitCode = z
	.string({ error: () => m.err_required() })
	.trim()
	.regex(/^[A-Za-z0-9_-]{2,32}$/, { error: () => m.err_unit_code() });

export const password = z
	.string({ error: () => m.err_required() })
	.min(8, { error: () => m.err_password_short({ min: 8 }) })
	.max(128, { error: () => m.err_too_long({ max: 128 }) })
	.refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { error: () => m.err_password_weak() });

export const id = z.coerce
	.number({ error: () => m.err_required() })
	.int({ error: () => m.err_required() })
	.positive({ error: () => m.err_required() })
	.max(Number.MAX_SAFE_INTEGER, { error: () => m.err_required() });

export const skillLevel = z.enum(SKILL_LEVELS, { error: () => m.err_choice() });
export const unitType = z.enum(UNIT_TYPES, { error: () => m.err_choice() });
export const gender = z
	.enum(['male', 'female', ''], { error: () => m.err_choice() })
	.optional()
	.transform((v) => (v ? v : null));

/** Money as typed in yuan, up to two decimals, into fen. */
export const yuanToFen = (v: string): number | null => {
	const t = v.trim().replace(/,/g, '');
	if (!/^\d{1,11}(\.\d{1,2})?$/.test(t)) return null;
	const [a, b = ''] = t.split('.');
	return Number(a) * 100 + Number((b + '00').slice(0, 2));
};

/** A real calendar day written YYYY-MM-DD (2026-02-30 and 2026-13-01 are not). */
export function isDay(v: string | null | undefined): v is string {
	if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export type FormResult<T> =
	| { ok: true; data: T; values: Record<string, string> }
	| { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Fields whose text is never sent back to the page, even when the form fails. */
const SECRET_FIELDS = new Set(['password', 'confirm', 'current', 'next', 'code']);

/** Validates a form; on failure returns per-field messages and what was typed (never secrets). */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
	// one pass over the entries: `getAll` per key would scan the whole form for every key,
	// so a body of many distinct keys would hold the server for minutes
	const strings = new Map<string, string[]>();
	for (const [key, v] of form.entries()) {
		const all = strings.get(key) ?? [];
		if (!strings.has(key)) strings.set(key, all);
		if (typeof v === 'string') all.push(v);
	}
	const raw: Record<string, unknown> = {};
	for (const [key, all] of strings) raw[key] = key.endsWith('[]') ? all : all[0];
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data, values: typedValues(raw) };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? '_');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values: typedValues(raw) };
}

export function typedValues(raw: Record<string, unknown>): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && !SECRET_FIELDS.has(k)) values[k] = v.slice(0, 2000);
	return values;
}
