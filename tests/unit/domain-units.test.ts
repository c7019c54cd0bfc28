import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ancestorIds, canContain, childPath, depthOf, employerOf, isWithin, treeOrder, UNIT_RANK, type UnitKind } from '$lib/domain/units';

const KINDS = Object.keys(UNIT_RANK) as UnitKind[];

describe('canContain', () => {
	// Written out in full so that a change to the hierarchy is a deliberate change to this table.
	const ALLOWED: Record<UnitKind, UnitKind[]> = {
		federation: ['district', 'industry', 'enterprise', 'workshop', 'team'],
		district: ['enterprise', 'workshop', 'team'],
		industry: ['enterprise', 'workshop', 'team'],
		enterprise: ['workshop', 'team'],
		workshop: ['team'],
		team: []
	};
	for (const parent of KINDS) {
		for (const child of KINDS) {
			const expected = ALLOWED[parent].includes(child);
			it(`${parent} ${expected ? 'may' : 'may not'} contain ${child}`, () => {
				expect(canContain(parent, child)).toBe(expected);
			});
		}
	}
});

describe('paths', () => {
	it('childPath builds the root and nested paths', () => {
		expect(childPath(null, 1)).toBe('/1/');
		expect(childPath('/1/', 4)).toBe('/1/4/');
		expect(childPath('/1/4/', 17)).toBe('/1/4/17/');
	});

	it('depthOf counts from 0 at the root', () => {
		expect(depthOf('/1/')).toBe(0);
		expect(depthOf('/1/4/')).toBe(1);
		expect(depthOf('/1/4/17/')).toBe(2);
		expect(depthOf('/1/4/17/203/')).toBe(3);
	});

	it('ancestorIds lists the chain from the root', () => {
		expect(ancestorIds('/1/4/17/')).toEqual([1, 4, 17]);
	});

	it('isWithin is a prefix test on whole path segments', () => {
		expect(isWithin('/1/4/17/', '/1/4/')).toBe(true);
		expect(isWithin('/1/4/', '/1/4/')).toBe(true);
		expect(isWithin('/1/40/', '/1/4/')).toBe(false);
		expect(isWithin('/1/', '/1/4/')).toBe(false);
	});

	it('childPath, depthOf and ancestorIds agree for any chain of ids', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 12 }), (ids) => {
				let path: string | null = null;
				for (const id of ids) path = childPath(path, id);
				expect(ancestorIds(path!)).toEqual(ids);
				expect(depthOf(path!)).toBe(ids.length - 1);
			})
		);
	});
});

describe('employerOf', () => {
	it('is the nearest enterprise at or above the unit', () => {
		const chain = [
			{ id: 1, type: 'federation' as const },
			{ id: 2, type: 'district' as const },
			{ id: 3, type: 'enterprise' as const },
			{ id: 4, type: 'workshop' as const },
			{ id: 5, type: 'team' as const }
		];
		expect(employerOf(chain)).toBe(3);
		expect(employerOf(chain.slice(0, 4))).toBe(3);
		expect(employerOf(chain.slice(0, 3))).toBe(3);
	});

	it('is the unit itself above enterprise level', () => {
		expect(employerOf([{ id: 1, type: 'federation' }, { id: 2, type: 'district' }])).toBe(2);
		expect(employerOf([{ id: 1, type: 'federation' }])).toBe(1);
		expect(employerOf([{ id: 7, type: 'federation' }, { id: 9, type: 'industry' }])).toBe(9);
	});

	it('is the nearest union for an office or team hung directly under a union (no enterprise in the chain)', () => {
		expect(employerOf([{ id: 1, type: 'federation' }, { id: 2, type: 'district' }, { id: 8, type: 'team' }])).toBe(2);
		expect(employerOf([{ id: 1, type: 'federation' }, { id: 2, type: 'district' }, { id: 6, type: 'workshop' }, { id: 8, type: 'team' }])).toBe(2);
		expect(employerOf([{ id: 1, type: 'federation' }, { id: 6, type: 'workshop' }])).toBe(1);
	});
});

describe('treeOrder', () => {
	const u = (id: number, path: string, name: string) => ({ id, path, name });

	it('sorts depth-first with siblings by name, whatever the input order', () => {
		const list = [
			u(5, '/1/3/5/', '甲班'),
			u(2, '/1/2/', 'B 区'),
			u(4, '/1/2/4/', '乙厂'),
			u(1, '/1/', '市总'),
			u(3, '/1/3/', 'A 区'),
			u(6, '/1/2/6/', '丙厂'),
			u(7, '/1/3/7/', '乙班')
		];
		// Names compare by code unit: 'A 区' < 'B 区'; 丙 (U+4E19) < 乙 (U+4E59); 甲 (U+7532) > 乙.
		expect(treeOrder(list).map((x) => x.id)).toEqual([1, 3, 7, 5, 2, 6, 4]);
		expect(treeOrder([...list].reverse()).map((x) => x.id)).toEqual([1, 3, 7, 5, 2, 6, 4]);
	});

	it('keeps a subtree together when a sibling name is a prefix of another', () => {
		const list = [u(1, '/1/', 'root'), u(2, '/1/2/', 'A'), u(3, '/1/3/', 'AB'), u(4, '/1/2/4/', 'Z')];
		expect(treeOrder(list).map((x) => x.id)).toEqual([1, 2, 4, 3]);
	});

	it('breaks ties between siblings of the same name by id', () => {
		const list = [u(1, '/1/', 'r'), u(50, '/1/50/', 'same'), u(5, '/1/5/', 'same'), u(9, '/1/5/9/', 'child')];
		expect(treeOrder(list).map((x) => x.id)).toEqual([1, 5, 9, 50]);
	});

	it('does not modify its input', () => {
		const list = [u(2, '/1/2/', 'b'), u(1, '/1/', 'a')];
		treeOrder(list);
		expect(list.map((x) => x.id)).toEqual([2, 1]);
	});

	/** A random tree: unit i + 2 hangs under one of the units before it. */
	const tree = (names: fc.Arbitrary<string>) =>
		fc
			.array(fc.tuple(fc.nat(), names), { minLength: 0, maxLength: 40 })
			.chain((spec) => fc.tuple(fc.constant(spec), names))
			.map(([spec, rootName]) => {
				const list = [u(1, '/1/', rootName)];
				spec.forEach(([pick, name], i) => {
					const parent = list[pick % list.length];
					list.push(u(i + 2, childPath(parent.path, i + 2), name));
				});
				return list;
			})
			.chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }));

	it('property: every unit comes after its parent, whatever the names', () => {
		fc.assert(
			fc.property(tree(fc.string()), (list) => {
				const ordered = treeOrder(list);
				expect(ordered).toHaveLength(list.length);
				const at = new Map(ordered.map((x, i) => [x.id, i]));
				for (const x of ordered) {
					const ids = ancestorIds(x.path);
					if (ids.length > 1) expect(at.get(ids[ids.length - 2])!).toBeLessThan(at.get(x.id)!);
				}
			})
		);
	});

	it('property: every subtree is one contiguous run right after its root', () => {
		fc.assert(
			fc.property(tree(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '工', '会', ' ', '1'), maxLength: 4 })), (list) => {
				const ordered = treeOrder(list);
				ordered.forEach((root, i) => {
					const size = list.filter((x) => x.path.startsWith(root.path)).length;
					const run = ordered.slice(i, i + size);
					expect(run.every((x) => x.path.startsWith(root.path))).toBe(true);
				});
			})
		);
	});
});
