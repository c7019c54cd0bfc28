import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, NotSignedInError, RuleError } from './errors';
import { parseForm } from './validation';

function signInRedirect(event: RequestEvent): never {
	const back = event.url.pathname + event.url.search;
	redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
}

export function rethrow(event: RequestEvent, e: unknown): never {
	if (e instanceof NotSignedInError) signInRedirect(event);
	if (e instanceof ForbiddenError) error(403, e.reason ?? m.err_forbidden());
	if (e instanceof NotFoundError) error(404, m.err_not_found());
	if (e instanceof RuleError) error(400, Object.values(e.errors).join(' '));
	throw e;
}

/** Runs a service call for a `load` or endpoint, turning service errors into HTTP answers. */
export async function serve<T>(event: RequestEvent, fn: () => T | Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		rethrow(event, e);
	}
}

/**
 * Runs a service call for a form action. A broken rule comes back as
 * `fail(400)` with per-field messages and the values typed.
 */
export async function perform<T>(event: RequestEvent, values: Record<string, string>, fn: () => T | Promise<T>) {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof RuleError) return fail(400, { errors: e.errors, values });
		rethrow(event, e);
	}
}

/**
 * Like `perform`, for a page with several forms: a broken rule comes back as
 * `fail(400, { [key]: errors })` so each form shows only its own messages.
 */
export async function performAs<K extends string, T>(
	event: RequestEvent,
	key: K,
	fn: () => T | Promise<T>
): Promise<T | ActionFailure<{ [P in K]: Record<string, string> }>> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof RuleError) return fail(400, { [key]: e.errors } as { [P in K]: Record<string, string> });
		rethrow(event, e);
	}
}

/** Reads a submitted form; a body that is not a form is answered 400, never 500. */
export async function formOf(event: RequestEvent): Promise<FormData> {
	try {
		return await event.request.formData();
	} catch {
		error(400, m.err_bad_form());
	}
}

/** Reads a positive integer route parameter or answers 404. */
export function intParam(value: string | undefined): number {
	const n = Number(value);
	if (!Number.isSafeInteger(n) || n <= 0) error(404, m.err_not_found());
	return n;
}

/**
 * One form of a page with several: validates the form against `schema`, runs the
 * service call, and answers a failure as `fail(400, { form: key, errors, values })`
 * so the page shows the messages beside the form that was sent, with what was typed.
 */
export async function formAction<K extends string, S extends z.ZodType, T>(
	event: RequestEvent,
	key: K,
	schema: S,
	fn: (data: z.infer<S>) => T | Promise<T>
) {
	const parsed = parseForm(schema, await formOf(event));
	if (!parsed.ok) return fail(400, { form: key, errors: parsed.errors, values: parsed.values });
	try {
		return await fn(parsed.data);
	} catch (e) {
		if (e instanceof RuleError) return fail(400, { form: key, errors: e.errors, values: parsed.values });
		rethrow(event, e);
	}
}

export const noFields = z.object({});

/** The `?page=` of a list: a whole number from 1; anything else reads as the first page. */
export function pageParam(url: URL): number {
	const n = Number(url.searchParams.get('page'));
	return Number.isSafeInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}
