import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { publicCompetition } from '$lib/server/results/public';
import { forReader } from '$lib/server/hant';

export const load: PageServerLoad = (event) => serve(event, () => forReader(publicCompetition(event.locals.db, intParam(event.params.id))));
