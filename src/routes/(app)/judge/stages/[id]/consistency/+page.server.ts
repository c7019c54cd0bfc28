import type { PageServerLoad } from './$types';
import { intParam, serve } from '$lib/server/http';
import { stageConsistency } from '$lib/server/judging/consistency';

export const load: PageServerLoad = (event) => serve(event, () => stageConsistency(event.locals.db, event.locals.actor, intParam(event.params.id)));
