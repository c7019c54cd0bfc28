import { redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { safeRedirect } from '$lib/redirect';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const { cookies } = event;
		const form = await formOf(event);
		const locale = form.get('locale');
		if (typeof locale === 'string' && isLocale(locale)) {
			cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
		}
		redirect(303, safeRedirect(form.get('redirectTo')));
	}
};
