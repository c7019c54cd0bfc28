import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { myAccount } from '$lib/server/accounts';
import { studioReviewsFor } from '$lib/server/studios/public';

export const load: PageServerLoad = (event) =>
	serve(event, () => ({
		account: myAccount(event.locals.db, event.locals.actor),
		studioReviews: studioReviewsFor(event.locals.db, event.locals.actor),
		welcome: event.url.searchParams.has('welcome')
	}));
