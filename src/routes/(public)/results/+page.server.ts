import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { publicCompetitions } from '$lib/server/results/public';

export const load: PageServerLoad = (event) => serve(event, () => ({ competitions: publicCompetitions(event.locals.db) }));
