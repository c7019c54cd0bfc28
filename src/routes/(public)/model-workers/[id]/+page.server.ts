import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { intParam } from '$lib/server/http';
import { modelProfile } from '$lib/server/studios/profiles';
import { m } from '$lib/paraglide/messages';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = ({ locals, params, setHeaders }) => {
	const profile = modelProfile(locals.db, intParam(params.id));
	if (!profile) error(404, m.err_not_found());
	setHeaders({ 'Cache-Control': 'public, max-age=0, s-maxage=120' });
	return forReader({ profile });
};
