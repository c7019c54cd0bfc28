import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { intParam } from '$lib/server/http';
import { studioPublic } from '$lib/server/studios/public';
import { qrSvg } from '$lib/server/qr';
import { m } from '$lib/paraglide/messages';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	const studio = studioPublic(locals.db, intParam(params.id));
	if (!studio) error(404, m.err_not_found());
	setHeaders({ 'Cache-Control': 'public, max-age=0, s-maxage=120' });
	const address = `${url.origin}/studios/${studio.id}`;
	return { ...forReader({ studio, address }), qr: await qrSvg(address) };
};
