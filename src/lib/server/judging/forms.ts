import { z } from 'zod';
import type { SheetInput } from './sheets';

const MARK_FIELD = /^m(\d{1,9})$/;

/** Marks typed on a sheet form: fields named m<aspect id>. */
export function marksFromForm(form: FormData): Record<number, string> {
	const marks: Record<number, string> = {};
	for (const [key, value] of form.entries()) {
		const match = MARK_FIELD.exec(key);
		if (match && typeof value === 'string') marks[Number(match[1])] = value.slice(0, 32);
	}
	return marks;
}

export function versionFromForm(form: FormData): number | null {
	const v = form.get('version');
	if (typeof v !== 'string' || v === '') return null;
	const n = Number(v);
	return Number.isSafeInteger(n) && n >= 0 ? n : -1;
}

/** What a tablet sends when it saves a draft in the background. */
export const autosaveSchema = z.object({
	version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
	marks: z.record(z.string().regex(/^\d{1,9}$/), z.string().max(32)).refine((r) => Object.keys(r).length <= 500)
});

export const toSheetInput = (data: z.infer<typeof autosaveSchema>, submit: boolean): SheetInput => ({
	version: data.version,
	marks: Object.fromEntries(Object.entries(data.marks).map(([k, v]) => [Number(k), v])),
	submit
});
