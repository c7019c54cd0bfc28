/** Pure rules of the union tree. */

export const UNIT_RANK = {
	federation: 0,
	district: 1,
	industry: 1,
	enterprise: 2,
	workshop: 3,
	team: 4
} as const;

export type UnitKind = keyof typeof UNIT_RANK;

/** A child must sit strictly lower in the hierarchy than its parent. */
export function canContain(parent: UnitKind, child: UnitKind): boolean {
	return UNIT_RANK[child] > UNIT_RANK[parent];
}

export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

export const isWithin = (path: string, ancestorPath: string) => path.startsWith(ancestorPath);

/**
 * The paths of a subtree as a range [path, end): every descendant's path starts with
 * `path` (which ends in '/'), and '0' follows '/' in code order. A range reads the path
 * index; `LIKE 'path%'` cannot (SQLite's LIKE ignores case).
 */
export const subtreeEnd = (path: string) => `${path.slice(0, -1)}0`;

export const depthOf = (path: string) => path.split('/').filter(Boolean).length - 1;

export const ancestorIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/**
 * The unit whose employee numbers must be unique: the nearest enterprise at or
 * above the unit; with no enterprise above it (a union's own office or team),
 * the nearest union (federation, district or industry union) above it.
 * `chain` runs from the root down to the unit itself.
 */
export function employerOf(chain: { id: number; type: UnitKind }[]): number {
	for (let i = chain.length - 1; i >= 0; i--) if (chain[i].type === 'enterprise') return chain[i].id;
	for (let i = chain.length - 1; i >= 0; i--) if (UNIT_RANK[chain[i].type] <= UNIT_RANK.industry) return chain[i].id;
	return chain[0].id;
}

/** Sorts a flat list of units into depth-first tree order (by path, then name within siblings). */
export function treeOrder<T extends { id: number; path: string; name: string }>(list: T[]): T[] {
	const byId = new Map(list.map((u) => [u.id, u]));
	// each unit's key once, not twice per comparison
	const keys = new Map(
		list.map((u) => [
			u,
			ancestorIds(u.path)
				.map((id) => `${byId.get(id)?.name ?? ''}\u0001${id}`)
				.join('\u0000')
		])
	);
	return [...list].sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
}
