import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { id, parseForm } from '$lib/server/validation';
import { intParam, perform, performAs, serve, formOf } from '$lib/server/http';
import { getWorkerForOfficer, updateWorker } from '$lib/server/people';
import { workerSchema } from '$lib/server/people/forms';
import { issueCodes, setAccountStatus, setRole } from '$lib/server/accounts';
import { unitOptions } from '$lib/server/units';
import { can, isAdmin } from '$lib/server/auth/policy';
import { auditForEntity } from '$lib/server/audit';
import { m } from '$lib/paraglide/messages';
import { honoursOf, recordHonour, revokeHonour } from '$lib/server/studios/honours';
import { approveProfile, profileState } from '$lib/server/studios/profiles';
import { honourSchema, reasonSchema } from '$lib/server/studios/forms';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = (event) =>
	serve(event, () => {
		const detail = getWorkerForOfficer(event.locals.db, event.locals.actor, intParam(event.params.id));
		return {
			...detail,
			units: unitOptions(event.locals.db, event.locals.actor),
			roleUnits: unitOptions(event.locals.db, event.locals.actor).filter((u) => can(event.locals.actor, 'role.grant', { unitPath: u.path })),
			canGrantAdmin: isAdmin(event.locals.actor),
			history: auditForEntity(event.locals.db, 'worker', detail.worker.id).slice(0, 20),
			honours: honoursOf(event.locals.db, detail.worker.id, true),
			profile: profileState(event.locals.db, detail.worker.id),
			created: event.url.searchParams.has('created')
		};
	});

const roleSchema = z.object({
	role: z.enum(['judge', 'officer', 'finance', 'admin'], { error: () => m.err_choice() }),
	unitId: z.union([z.literal(''), id]).optional().transform((v) => (v ? v : null)),
	grant: z.enum(['1', '0'])
});

export const actions: Actions = {
	update: async (event) => {
		const workerId = intParam(event.params.id);
		const form = parseForm(workerSchema, await formOf(event));
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		return perform(event, form.values, () => {
			updateWorker(event.locals.db, event.locals.actor, workerId, form.data);
			return { saved: true };
		});
	},
	code: async (event) => {
		const workerId = intParam(event.params.id);
		return perform(event, {}, () => ({ issued: issueCodes(event.locals.db, event.locals.actor, [workerId])[0] }));
	},
	status: async (event) => {
		const workerId = intParam(event.params.id);
		const active = (await formOf(event)).get('active') === '1';
		return performAs(event, 'statusErrors', () => {
			setAccountStatus(event.locals.db, event.locals.actor, { workerId, active });
			return { statusSaved: true };
		});
	},
	role: async (event) => {
		const workerId = intParam(event.params.id);
		const form = parseForm(roleSchema, await formOf(event));
		if (!form.ok) return fail(400, { roleErrors: form.errors, values: form.values });
		// Role errors are shown next to the role form, not the worker form.
		return performAs(event, 'roleErrors', () => {
			setRole(event.locals.db, event.locals.actor, { workerId, role: form.data.role, unitId: form.data.unitId, grant: form.data.grant === '1' });
			return { roleSaved: true };
		});
	},
	honour: (event) => formAction(event, 'honour', honourSchema, (d) => recordHonour(event.locals.db, event.locals.actor, intParam(event.params.id), d)),
	revokeHonour: (event) =>
		formAction(event, 'revokeHonour', reasonSchema.extend({ honour: z.coerce.number().int().positive() }), (d) => revokeHonour(event.locals.db, event.locals.actor, d.honour, d.reason)),
	profile: (event) =>
		formAction(event, 'profile', z.object({ approve: z.enum(['1', '0']) }), (d) => approveProfile(event.locals.db, event.locals.actor, intParam(event.params.id), d.approve === '1'))
};
