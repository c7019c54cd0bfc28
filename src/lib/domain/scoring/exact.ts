import Fraction from 'fraction.js';

/**
 * Exact arithmetic for scores. Published results are compared to the hundredth
 * of a point, and a mean of three judges (x/3) summed over many elements can land
 * exactly on a rounding boundary: binary floats or fixed-precision decimals can put
 * it a hair below, so every sum, mean and product here is an exact rational and
 * rounding happens only where the rules say.
 */
export type Exact = Fraction;

/** Marks, maxima, weights and coefficients are written with at most this many decimals. */
export const MAX_DECIMALS = 4;

// up to 12 integer digits: every stored figure (totals included) must read back
const DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

export const ZERO = new Fraction(0);
export const ONE = new Fraction(1);

/** A canonical decimal string, or null when the text is not a plain decimal number. */
export function parseDecimal(text: string): Exact | null {
	const t = text.trim();
	if (!DECIMAL.test(t)) return null;
	return new Fraction(t);
}

export function exact(value: string | number): Exact {
	if (typeof value === 'number') {
		if (!Number.isInteger(value)) throw new RangeError(`not an integer: ${value}`);
		return new Fraction(value);
	}
	const f = parseDecimal(value);
	if (!f) throw new RangeError(`not a decimal: ${value}`);
	return f;
}

/** 四舍五入: half away from zero, as contest rules and spreadsheets' ROUND do. */
export function roundHalfUp(x: Exact, decimals: number): Exact {
	return x.s < 0 ? x.abs().round(decimals).neg() : x.round(decimals);
}

/** Fixed decimals, exact for values already rounded to them; otherwise rounded half-up first. */
export function formatExact(x: Exact, decimals: number): string {
	const r = roundHalfUp(x, decimals);
	const scale = 10n ** BigInt(decimals);
	const scaled = (r.n * scale) / r.d; // exact after rounding
	const abs = scaled < 0n ? -scaled : scaled;
	const sign = r.s < 0 && abs !== 0n ? '-' : '';
	const digits = abs.toString().padStart(decimals + 1, '0');
	return decimals === 0
		? sign + digits
		: `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The shortest decimal text of a value that has a finite decimal expansion of ≤ 4 places. */
export function canonical(x: Exact): string {
	const s = formatExact(x, MAX_DECIMALS);
	return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** True when `x` is a whole multiple of `step` counted from `origin`. */
export function onStep(x: Exact, step: Exact, origin: Exact = ZERO): boolean {
	if (step.n === 0n) return true;
	const k = x.sub(origin).div(step);
	return k.d === 1n;
}

export const sum = (xs: Exact[]) => xs.reduce((a, b) => a.add(b), ZERO);
