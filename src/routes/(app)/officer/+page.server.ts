import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { officerOverview } from '$lib/server/dashboard';

export const load: PageServerLoad = (event) => serve(event, () => ({ overview: officerOverview(event.locals.db, event.locals.actor) }));
