import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeRedirect } from '$lib/redirect';

describe('safeRedirect', () => {
	it('keeps same-site paths', () => {
		expect(safeRedirect('/officer')).toBe('/officer');
		expect(safeRedirect('/officer/workers?unit=3&q=王')).toBe('/officer/workers?unit=3&q=王');
	});

	it('refuses other sites, schemes, and what parsers turn into them', () => {
		for (const bad of ['//evil.example', '/\\evil.example', 'http://evil.example', 'javascript:alert(1)', '/\t/evil.example', '/\n/evil.example', 'officer', '', null, undefined, 42])
			expect(safeRedirect(bad, '/me')).toBe('/me');
	});

	it('never returns anything a browser would resolve off-site', () => {
		fc.assert(
			fc.property(fc.string(), (s) => {
				const out = safeRedirect(s, '/');
				expect(new URL(out, 'https://jiangong.test').origin).toBe('https://jiangong.test');
			})
		);
	});
});
