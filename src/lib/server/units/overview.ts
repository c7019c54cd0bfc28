import { count, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { units, users, workers } from '../db/schema';
import { depthOf, treeOrder } from '$lib/domain/units';

/** Public headline figures of the federation (no personal data). */
export function federationOverview(db: DB) {
	const root = db.select({ name: units.name }).from(units).where(isNull(units.parentId)).get();
	const countType = (type: 'district' | 'industry' | 'enterprise' | 'team') =>
		db.select({ n: count() }).from(units).where(eq(units.type, type)).get()!.n;
	return {
		federation: root?.name ?? null,
		unions: countType('district') + countType('industry'),
		enterprises: countType('enterprise'),
		teams: countType('team'),
		workers: db.select({ n: count() }).from(workers).get()!.n,
		accounts: db.select({ n: count() }).from(users).get()!.n
	};
}

/** Units a person can ask to join (enterprise level and below), grouped by enterprise, for the public request form. */
export function joinableUnits(db: DB) {
	const all = db.select({ id: units.id, type: units.type, code: units.code, name: units.name, path: units.path }).from(units).all();
	const enterprises = treeOrder(all.filter((u) => u.type === 'enterprise'));
	return enterprises.map((e) => ({
		name: e.name,
		options: treeOrder(all.filter((u) => u.path.startsWith(e.path))).map((u) => ({ code: u.code, name: u.id === e.id ? u.name : `${'　'.repeat(depthOf(u.path) - depthOf(e.path))}${u.name}` }))
	}));
}
