import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/auth/policy';
import { getLocale } from '$lib/paraglide/runtime';
import { sitsOnPanel } from '$lib/server/judging/sheets';
import { unreadCount } from '$lib/server/notifications';

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
					isJudge: sitsOnPanel(locals.db, actor),
					scopes: actor.officerScopes.map((s) => s.name),
					unread: unreadCount(locals.db, actor)
				}
			: null
	};
};
