import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { publicCompetitions } from '$lib/server/results/public';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = (event) => serve(event, () => forReader({ competitions: publicCompetitions(event.locals.db) }));
