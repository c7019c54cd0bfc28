/**
 * Full-text search that finds Chinese text by any part of a word. Chinese is not
 * written with spaces, so the text is indexed as overlapping character pairs
 * (bigrams), and the last character of a stretch once more on its own:
 * "焊接工艺" → "焊接 接工 工艺 艺", so every character begins some token and a
 * one-character query (a prefix match) finds it anywhere. A query of two or more characters is
 * then a phrase of its pairs, which matches exactly where the query occurs, and
 * SQLite's FTS5 answers it from the index. (The FTS5 trigram tokenizer needs three
 * characters and would scan the table for the many two-character Chinese words.)
 * Latin letters and digits are indexed as whole words and matched by prefix.
 */

const RUN = /[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;

function normalise(text: string): string {
	return text.normalize('NFKC').toLowerCase();
}

/** Splits a run of letters into Han stretches and the rest. */
function pieces(run: string): { han: boolean; text: string }[] {
	const out: { han: boolean; text: string }[] = [];
	for (const ch of run) {
		const han = HAN.test(ch);
		const last = out.at(-1);
		if (last && last.han === han) last.text += ch;
		else out.push({ han, text: ch });
	}
	return out;
}

function bigrams(chars: string[]): string[] {
	if (chars.length === 1) return chars;
	const out: string[] = [];
	for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
	return out;
}

/** For the index: the bigrams and the stretch's last character on its own. */
const indexTokens = (chars: string[]) => (chars.length === 1 ? chars : [...bigrams(chars), chars[chars.length - 1]]);

/** The text as stored in the index: space-separated tokens. */
export function indexText(text: string): string {
	const tokens: string[] = [];
	for (const run of normalise(text).match(RUN) ?? []) {
		for (const p of pieces(run)) tokens.push(...(p.han ? indexTokens([...p.text]) : [p.text]));
	}
	return tokens.join(' ');
}

export const MAX_QUERY_LENGTH = 100;

/**
 * An FTS5 MATCH expression for what a person typed, or null if nothing searchable
 * was typed. Every word must occur (AND). Tokens are quoted, so no query syntax
 * gets through.
 */
export function matchExpression(query: string): string | null {
	const parts: string[] = [];
	for (const run of normalise(query.slice(0, MAX_QUERY_LENGTH)).match(RUN) ?? []) {
		for (const p of pieces(run)) {
			const chars = [...p.text];
			if (p.han && chars.length === 1) parts.push(`"${p.text}"*`);
			else if (p.han) parts.push(`"${bigrams(chars).join(' ')}"`);
			else parts.push(`"${p.text}"*`);
		}
	}
	return parts.length ? parts.slice(0, 16).join(' AND ') : null;
}

/**
 * A loose expression for "something like this text": any of its tokens (up to 32,
 * first ones first), so the best matches are those sharing the most pairs (bm25).
 */
export function similarExpression(text: string): string | null {
	const tokens = [...new Set(indexText(text.slice(0, 400)).split(' ').filter((t) => [...t].length >= 2))].slice(0, 32);
	return tokens.length ? tokens.map((t) => `"${t}"`).join(' OR ') : null;
}
