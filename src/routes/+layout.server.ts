import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/auth/policy';
import { getLocale } from '$lib/paraglide/runtime';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	return {
		locale: getLocale(),
		me: actor
			? {
					name: actor.name,
					roles: actor.roles,
					isOfficer: can(actor, 'officer.area'),
					isAdmin: can(actor, 'admin.area'),
					scopes: actor.officerScopes.map((s) => s.name)
				}
			: null
	};
};
