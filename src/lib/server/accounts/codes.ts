import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/** Letters and digits that cannot be misread on paper (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const CODE_VALID_MS = 1000 * 60 * 60 * 24 * 14;

export function generateCode(): string {
	const out: string[] = [];
	const bytes = new Uint8Array(CODE_LENGTH * 2);
	while (out.length < CODE_LENGTH) {
		crypto.getRandomValues(bytes);
		for (const b of bytes) {
			// Reject the tail of the byte range so every letter is equally likely.
			if (b < 248 && out.length < CODE_LENGTH) out.push(ALPHABET[b % ALPHABET.length]);
		}
	}
	return out.join('');
}

/** Codes are typed by people: ignore case, spaces and dashes. */
export const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export const hashCode = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseCode(code))));

export { formatCode } from '$lib/codes';
