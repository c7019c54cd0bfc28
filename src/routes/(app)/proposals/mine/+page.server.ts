import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { financeQueue, myProposals, myReviews } from '$lib/server/proposals/queries';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const { db, actor } = event.locals;
		return {
			proposals: myProposals(db, actor),
			reviews: myReviews(db, actor),
			finance: financeQueue(db, actor),
			deleted: event.url.searchParams.has('deleted')
		};
	});
