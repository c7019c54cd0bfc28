import type { PageServerLoad } from './$types';
import { serve } from '$lib/server/http';
import { myPanels } from '$lib/server/judging/sheets';

export const load: PageServerLoad = (event) => serve(event, () => ({ panels: myPanels(event.locals.db, event.locals.actor) }));
