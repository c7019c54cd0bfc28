import type { PageServerLoad } from './$types';
import { homePortal } from '$lib/server/portal/home';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = ({ locals, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'public, max-age=0, s-maxage=60' });
	return forReader({ portal: homePortal(locals.db) });
};
