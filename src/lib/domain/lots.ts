import { sha256 } from '@oslojs/crypto/sha2';

/**
 * The lot draw (抽签) that gives entries their blind codes. It is a Fisher–Yates
 * shuffle driven by SHA-256 of a recorded seed, so anyone holding the seed and the
 * list of entries can redo the draw and check every code.
 */
function* randomWords(seed: string): Generator<number> {
	const encoder = new TextEncoder();
	for (let counter = 0; ; counter++) {
		const block = sha256(encoder.encode(`${seed}:${counter}`));
		const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
		for (let i = 0; i < block.length; i += 4) yield view.getUint32(i);
	}
}

/** A uniform integer in [0, bound) by rejection, so no code is more likely than another. */
function uniform(words: Generator<number>, bound: number): number {
	const limit = Math.floor(0x1_0000_0000 / bound) * bound;
	for (;;) {
		const w = words.next().value as number;
		if (w < limit) return w % bound;
	}
}

/** Returns `items` in drawn order; the i-th item receives number i + 1. */
export function drawLots<T>(items: readonly T[], seed: string): T[] {
	const out = [...items];
	const words = randomWords(seed);
	for (let i = out.length - 1; i > 0; i--) {
		const j = uniform(words, i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** 参赛编号: the event's prefix and the drawn number, zero-padded to the field's width. */
export function blindCode(prefix: string, n: number, count: number): string {
	return `${prefix}${String(n).padStart(Math.max(2, String(count).length), '0')}`;
}
