import { eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { DB } from '../db';
import { units, users, workers } from '../db/schema';
import type { Actor } from '../auth/actor';
import { can } from '../auth/policy';
import { RuleError } from '../errors';

export interface Appointee {
	userId: number;
	workerId: number;
	name: string;
}

/**
 * Active accounts an officer may appoint (as reviewers): named by employee number
 * (one match within the officer's area) or picked by account id. Any name that
 * does not resolve is refused under `field`, and so is an empty list.
 */
export function appointableAccounts(db: DB, actor: Actor, input: { employeeNos: string[]; userIds?: number[] }, field = 'reviewers'): Appointee[] {
	const columns = { userId: users.id, workerId: workers.id, name: workers.name, path: units.path, status: users.status };
	const mayAppoint = (r: { path: string; status: string }) => r.status === 'active' && can(actor, 'worker.read', { unitPath: r.path });
	const found = new Map<number, Appointee>();
	const unknown: string[] = [];
	for (const no of input.employeeNos) {
		const rows = db.select(columns).from(workers).innerJoin(users, eq(users.workerId, workers.id)).innerJoin(units, eq(units.id, workers.unitId)).where(eq(workers.employeeNo, no)).all().filter(mayAppoint);
		if (rows.length === 1) found.set(rows[0].userId, rows[0]);
		else unknown.push(no);
	}
	const ids = (input.userIds ?? []).slice(0, 50);
	if (ids.length) {
		for (const r of db.select(columns).from(users).innerJoin(workers, eq(workers.id, users.workerId)).innerJoin(units, eq(units.id, workers.unitId)).where(inArray(users.id, ids)).all()) {
			if (mayAppoint(r)) found.set(r.userId, r);
		}
		for (const id of ids) if (!found.has(id)) unknown.push(`#${id}`);
	}
	if (unknown.length) throw new RuleError({ [field]: m.err_reviewer_unknown({ list: unknown.join('、').slice(0, 200) }) });
	if (found.size === 0) throw new RuleError({ [field]: m.err_required() });
	return [...found.values()].map(({ userId, workerId, name }) => ({ userId, workerId, name }));
}
