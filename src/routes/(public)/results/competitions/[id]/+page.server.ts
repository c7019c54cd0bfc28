import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { publicCompetition } from '$lib/server/results/public';

export const load: PageServerLoad = (event) => serve(event, () => publicCompetition(event.locals.db, intParam(event.params.id)));
