import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { normaliseCode } from '$lib/server/accounts/codes';

/** A typed code goes to its verification page, so the address can be shared. */
export const load: PageServerLoad = ({ url }) => {
	const code = url.searchParams.get('code');
	if (code && normaliseCode(code)) redirect(303, `/verify/${encodeURIComponent(normaliseCode(code).slice(0, 40))}`);
	return {};
};
