import type { PageServerLoad } from './$types';
import { federationOverview } from '$lib/server/units/overview';

export const load: PageServerLoad = ({ locals }) => ({ overview: federationOverview(locals.db) });
