import type { PageServerLoad } from './$types';
import { modelGallery } from '$lib/server/studios/profiles';
import { galleryFilterOf } from '$lib/server/studios/forms';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	const filter = galleryFilterOf(url);
	setHeaders({ 'Cache-Control': 'public, max-age=0, s-maxage=120' });
	return forReader({ filter, workers: modelGallery(locals.db, filter) });
};
