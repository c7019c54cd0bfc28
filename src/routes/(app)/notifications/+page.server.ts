import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, noFields, pageParam, serve } from '$lib/server/http';
import { markRead, myNotifications, notificationOf } from '$lib/server/notifications';
import { z } from 'zod';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const page = pageParam(event.url);
		return { page, ...myNotifications(event.locals.db, event.locals.actor, page) };
	});

export const actions: Actions = {
	/** Opens a notification: marks it read and goes to its record. */
	open: async (event) => {
		let link = '/notifications';
		const result = await formAction(event, 'open', z.object({ id: z.coerce.number().int().positive() }), (d) => {
			const own = notificationOf(event.locals.db, event.locals.actor, d.id);
			markRead(event.locals.db, event.locals.actor, [d.id]);
			link = own?.link ?? link;
		});
		if (result) return result;
		// only links the app wrote itself, to its own pages
		redirect(303, link.startsWith('/') && !link.startsWith('//') ? link : '/notifications');
	},
	readAll: (event) => formAction(event, 'readAll', noFields, () => markRead(event.locals.db, event.locals.actor, 'all'))
};
