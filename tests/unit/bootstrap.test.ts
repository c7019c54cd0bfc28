import { describe, expect, it } from 'vitest';
import { activate, signIn } from '$lib/server/accounts';
import { bootstrapIfEmpty, seedDemoIfEmpty } from '$lib/server/demo/seed';
import { loadActor } from '$lib/server/auth/actor';
import { units, workers } from '$lib/server/db/schema';
import { RuleError } from '$lib/server/errors';
import { freshDb, thrown } from './helpers';

describe('a real installation (DEMO_DATA=0)', () => {
	it('starts with the federation and an admin whose password only the holder of the printed code can set', async () => {
		const db = freshDb();
		const first = (await bootstrapIfEmpty(db, { federationName: '江城市总工会', federationCode: 'JC' }))!;
		expect(first.employeeNo).toBe('admin');
		expect(db.select().from(units).all().map((u) => [u.type, u.code, u.name, u.path])).toEqual([['federation', 'JC', '江城市总工会', '/1/']]);
		expect(db.select().from(workers).all()).toHaveLength(1);
		// No password works before the code is redeemed.
		expect(await signIn(db, { identifier: 'admin', password: 'Jiangong2026', ip: '10.0.0.9' })).toMatchObject({ ok: false });
		const userId = await activate(db, { employeeNo: 'admin', code: first.code, password: 'MyOwnPass99', ip: '10.0.0.9' });
		const actor = loadActor(db, userId)!;
		expect(actor.roles).toEqual(['worker', 'admin', 'officer']);
		expect(actor.officerScopes.map((s) => s.path)).toEqual(['/1/']);
		expect(await signIn(db, { identifier: 'admin', password: 'MyOwnPass99', ip: '10.0.0.9' })).toEqual({ ok: true, userId });
		// The code works once, and a second start changes nothing (nor seeds the demo).
		await thrown(RuleError, () => activate(db, { employeeNo: 'admin', code: first.code, password: 'Another99x', ip: '10.0.0.9' }));
		expect(await bootstrapIfEmpty(db, { federationName: 'x', federationCode: 'X' })).toBeNull();
		expect(await seedDemoIfEmpty(db)).toBeNull();
		expect(db.select().from(units).all()).toHaveLength(1);
	});
});
