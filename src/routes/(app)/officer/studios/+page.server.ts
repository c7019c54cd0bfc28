import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { studioRegistry } from '$lib/server/studios/public';
import { profilesToApprove } from '$lib/server/studios/profiles';
import { registryFilterOf } from '$lib/server/studios/forms';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const filter = registryFilterOf(event.url);
		return { filter, studios: studioRegistry(event.locals.db, event.locals.actor, filter), profiles: profilesToApprove(event.locals.db, event.locals.actor) };
	});
