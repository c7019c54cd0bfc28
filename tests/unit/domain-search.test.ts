import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, indexText, matchExpression, similarExpression } from '$lib/domain/search';

/** Any expression matchExpression makes: quoted letters/digits/spaces, optional prefix star, joined with AND. */
const SAFE_MATCH = /^"[\p{L}\p{N} ]+"\*?( AND "[\p{L}\p{N} ]+"\*?)*$/u;
const SAFE_SIMILAR = /^"[\p{L}\p{N}]+"( OR "[\p{L}\p{N}]+")*$/u;

const NASTY = [
	`a" OR 1=1 --`,
	`"焊接" OR "x"`,
	'NEAR(焊接 工艺, 3)',
	'title:焊接',
	'{title body}: 焊接',
	'^焊接',
	'焊接*',
	'*',
	'-焊接',
	'a AND b OR NOT c',
	'a + b',
	"'; DROP TABLE s; --",
	'"',
	'""""',
	'(焊接',
	'焊接)',
	'\\"焊接\\"',
	'col : "x" * ^ ( ) { } [ ] + - :',
	'\u0000焊接\u0000',
	'焊\u200b接'
];

describe('indexText', () => {
	it('Chinese becomes overlapping bigrams', () => {
		expect(indexText('焊接工艺')).toBe('焊接 接工 工艺 艺');
		expect(indexText('焊接')).toBe('焊接 接');
		expect(indexText('焊接工')).toBe('焊接 接工 工');
	});

	it('a single Han character stays as it is', () => {
		expect(indexText('焊')).toBe('焊');
		expect(indexText('焊 接')).toBe('焊 接');
	});

	it('Latin letters and digits are whole lowercase words, split from Han stretches', () => {
		expect(indexText('CO2焊机改造')).toBe('co2 焊机 机改 改造 造');
		expect(indexText('第3车间')).toBe('第 3 车间 间');
		expect(indexText('焊a接')).toBe('焊 a 接');
		expect(indexText('Hello World')).toBe('hello world');
		expect(indexText('Pumps 水泵')).toBe('pumps 水泵 泵');
		expect(indexText('ISO9001质量体系')).toBe('iso9001 质量 量体 体系 系');
	});

	it('full-width and compatibility characters are normalised by NFKC', () => {
		expect(indexText('ＡＢＣ１２')).toBe('abc12');
		expect(indexText('ＣＯ２焊机')).toBe('co2 焊机 机');
		expect(indexText('①号泵')).toBe('1 号泵 泵');
		expect(indexText('Café')).toBe('café');
		expect(indexText('Cafe\u0301')).toBe('café'); // combining accent composed
	});

	it('punctuation and whitespace separate words and are dropped', () => {
		expect(indexText('焊接，工艺！(改进)')).toBe('焊接 接 工艺 艺 改进 进');
		expect(indexText('焊接\u3000工艺\n\t改进')).toBe('焊接 接 工艺 艺 改进 进');
		expect(indexText('“节能”、《降耗》')).toBe('节能 能 降耗 耗');
		expect(indexText('a-b_c.d')).toBe('a b c d');
		expect(indexText('')).toBe('');
		expect(indexText('，。！？、；：')).toBe('');
		expect(indexText('   ')).toBe('');
	});
});

describe('matchExpression', () => {
	it('null when nothing searchable was typed', () => {
		expect(matchExpression('')).toBeNull();
		expect(matchExpression('   ')).toBeNull();
		expect(matchExpression('，。！？"*()')).toBeNull();
		expect(matchExpression('"')).toBeNull();
	});

	it('a two-character word is a quoted phrase', () => {
		expect(matchExpression('焊接')).toBe('"焊接"');
	});

	it('a longer word is a phrase of its bigrams', () => {
		expect(matchExpression('焊接工艺')).toBe('"焊接 接工 工艺"');
		expect(matchExpression('工艺改进')).toBe('"工艺 艺改 改进"');
		expect(matchExpression('焊接工')).toBe('"焊接 接工"');
	});

	it('one Han character is a prefix token', () => {
		expect(matchExpression('焊')).toBe('"焊"*');
	});

	it('Latin words and digits are lowercase prefix tokens', () => {
		expect(matchExpression('pump')).toBe('"pump"*');
		expect(matchExpression('PUMP')).toBe('"pump"*');
		expect(matchExpression('ＰＵＭＰ')).toBe('"pump"*');
		expect(matchExpression('2024')).toBe('"2024"*');
	});

	it('several words are joined with AND', () => {
		expect(matchExpression('焊接 工艺')).toBe('"焊接" AND "工艺"');
		expect(matchExpression('焊 接工艺 pump')).toBe('"焊"* AND "接工 工艺" AND "pump"*');
		expect(matchExpression('CO2焊机')).toBe('"co2"* AND "焊机"');
		expect(matchExpression('焊接，工艺')).toBe('"焊接" AND "工艺"');
	});

	it('double quotes and FTS5 syntax can never escape the quoting', () => {
		expect(matchExpression(`a" OR 1=1 --`)).toBe('"a"* AND "or"* AND "1"* AND "1"*');
		expect(matchExpression('title:焊接')).toBe('"title"* AND "焊接"');
		expect(matchExpression('NEAR(焊接 工艺, 3)')).toBe('"near"* AND "焊接" AND "工艺" AND "3"*');
		expect(matchExpression('a AND b OR NOT c')).toBe('"a"* AND "and"* AND "b"* AND "or"* AND "not"* AND "c"*');
		for (const q of NASTY) {
			const e = matchExpression(q);
			if (e !== null) expect({ q, safe: SAFE_MATCH.test(e) }).toEqual({ q, safe: true });
		}
	});

	it('at most 16 parts', () => {
		const words = 'abcdefghijklmnopqrst'.split('');
		const e = matchExpression(words.join(' '))!;
		expect(e).toBe(words.slice(0, 16).map((w) => `"${w}"*`).join(' AND '));
		expect(e.split(' AND ')).toHaveLength(16);
		expect(matchExpression(words.slice(0, 16).join(' '))!.split(' AND ')).toHaveLength(16);
		expect(matchExpression(words.slice(0, 15).join(' '))!.split(' AND ')).toHaveLength(15);
	});

	it('a query longer than MAX_QUERY_LENGTH is cut', () => {
		expect(MAX_QUERY_LENGTH).toBe(100);
		expect(matchExpression('x'.repeat(100) + '焊接')).toBe(`"${'x'.repeat(100)}"*`);
		expect(matchExpression('x'.repeat(99) + '焊接')).toBe(`"${'x'.repeat(99)}"* AND "焊"*`);
		expect(matchExpression(' '.repeat(100) + '焊接')).toBeNull();
		expect(matchExpression(' '.repeat(98) + '焊接工艺')).toBe('"焊接"');
	});
});

describe('similarExpression', () => {
	it('OR of the unique tokens of two or more characters', () => {
		expect(similarExpression('焊接工艺')).toBe('"焊接" OR "接工" OR "工艺"');
		expect(similarExpression('焊接 焊接 焊接工艺')).toBe('"焊接" OR "接工" OR "工艺"');
		expect(similarExpression('Pump a 焊接 b 焊')).toBe('"pump" OR "焊接"');
		expect(similarExpression('CO2焊机改造')).toBe('"co2" OR "焊机" OR "机改" OR "改造"');
	});

	it('null when nothing qualifies', () => {
		expect(similarExpression('')).toBeNull();
		expect(similarExpression('a 焊 b 1')).toBeNull();
		expect(similarExpression('，。！')).toBeNull();
	});

	it('at most 32 tokens, first ones first', () => {
		const words = Array.from({ length: 40 }, (_, i) => `w${i + 10}`);
		expect(similarExpression(words.join(' '))).toBe(
			words
				.slice(0, 32)
				.map((w) => `"${w}"`)
				.join(' OR ')
		);
	});

	it('only the first 400 characters are read', () => {
		expect(similarExpression('x'.repeat(399) + ' 焊接')).toBe(`"${'x'.repeat(399)}"`);
		expect(similarExpression(' '.repeat(398) + '焊接工艺')).toBe('"焊接"');
	});

	it('never lets syntax through', () => {
		for (const q of NASTY) {
			const e = similarExpression(q);
			if (e !== null) expect({ q, safe: SAFE_SIMILAR.test(e) }).toEqual({ q, safe: true });
		}
	});
});

describe('against a real SQLite FTS5 table', () => {
	function open(rows: [number, string, string][]) {
		const db = new Database(':memory:');
		db.exec(`CREATE VIRTUAL TABLE s USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`);
		const insert = db.prepare('INSERT INTO s (rowid, title, body) VALUES (?, ?, ?)');
		for (const [id, title, body] of rows) insert.run(id, indexText(title), indexText(body));
		const find = (expr: string | null) =>
			expr === null ? null : (db.prepare('SELECT rowid AS id FROM s WHERE s MATCH ? ORDER BY rowid').all(expr) as { id: number }[]).map((r) => r.id);
		return { db, search: (q: string) => find(matchExpression(q)), similar: (q: string) => find(similarExpression(q)) };
	}

	const rows: [number, string, string][] = [
		[1, '焊接工艺改进', '提高焊缝质量'],
		[2, '电焊机维修', '定期检查电缆'],
		[3, '工艺流程优化', '改进包装环节，减少浪费'],
		[4, '手工焊接技术', ''],
		[5, 'Pumps and valves', '水泵节能改造'],
		[6, '车间安全', '焊接烟尘治理'],
		[7, 'CO2焊机改造', 'ＡＢＣ１２型号']
	];

	it('a two-character word finds exactly the rows containing it, in title or body', () => {
		const { search } = open(rows);
		expect(search('焊接')).toEqual([1, 4, 6]);
		expect(search('工艺')).toEqual([1, 3]);
		expect(search('改进')).toEqual([1, 3]);
		expect(search('改造')).toEqual([5, 7]);
		expect(search('节能')).toEqual([5]);
		expect(search('质量')).toEqual([1]);
		expect(search('橡胶')).toEqual([]);
	});

	it('a word spanning a different boundary is found', () => {
		const { search } = open(rows);
		expect(search('接工')).toEqual([1]); // 焊接工艺改进
		expect(search('焊接工艺')).toEqual([1]);
		expect(search('艺改')).toEqual([1]);
		expect(search('泵节能')).toEqual([5]);
	});

	it('a longer word needs its characters adjacent: 工艺 and 改进 apart do not match 工艺改进', () => {
		const { search } = open(rows);
		expect(search('工艺改进')).toEqual([1]);
		expect(search('工艺 改进')).toEqual([1, 3]); // two words: AND, anywhere
		expect(search('改进工艺')).toEqual([]);
		expect(search('焊接技术')).toEqual([4]);
		expect(search('焊接 技术')).toEqual([4]);
		expect(search('焊接 烟尘')).toEqual([6]);
		expect(search('焊接 质量')).toEqual([1]);
		expect(search('焊接 水泵')).toEqual([]);
	});

	it('Latin words match by prefix, case- and width-insensitively', () => {
		const { search } = open(rows);
		expect(search('pump')).toEqual([5]);
		expect(search('PUMPS')).toEqual([5]);
		expect(search('ｐｕｍｐ')).toEqual([5]);
		expect(search('valve')).toEqual([5]);
		expect(search('pumpx')).toEqual([]);
		expect(search('ump')).toEqual([]); // prefix, not infix
		expect(search('co')).toEqual([7]);
		expect(search('co2 焊机')).toEqual([7]);
		expect(search('abc12')).toEqual([7]);
		expect(search('ABC')).toEqual([7]);
	});

	it('a single Han character finds bigrams starting with it', () => {
		const { search } = open(rows);
		expect(search('焊')).toEqual([1, 2, 4, 6, 7]); // 焊接 焊缝 焊机
		expect(search('泵')).toEqual([5]); // 泵节
	});

	it('hostile input runs without FTS5 syntax errors', () => {
		const { search, similar } = open(rows);
		for (const q of NASTY) {
			expect(() => search(q)).not.toThrow();
			expect(() => similar(q)).not.toThrow();
		}
		expect(search(`a" OR 1=1 --`)).toEqual([]);
		expect(search('"焊接" OR "x"')).toEqual([]); // '"焊接" AND "or"* AND "x"*'
		expect(search('title:焊接')).toEqual([]);
		expect(search('NEAR(焊接 工艺, 3)')).toEqual([]);
	});

	it('similarExpression finds texts sharing any pair, the closest first by bm25', () => {
		const { db, similar } = open(rows);
		expect(similar('焊接工艺的改进')).toEqual([1, 3, 4, 6]);
		const ranked = (db.prepare('SELECT rowid AS id FROM s WHERE s MATCH ? ORDER BY bm25(s, 10.0, 1.0)').all(similarExpression('焊接工艺改进')) as { id: number }[]).map((r) => r.id);
		expect(ranked[0]).toBe(1);
		expect([...ranked].sort()).toEqual([1, 3, 4, 6]);
		expect(similar('完全无关')).toEqual([]);
	});

	it('rows deleted from the contentless table are no longer found', () => {
		const { db, search } = open(rows);
		db.prepare('DELETE FROM s WHERE rowid = ?').run(4);
		expect(search('焊接')).toEqual([1, 6]);
	});

	// The last character of a stretch is indexed on its own, so a one-character prefix query finds it at a word's end.
	it('a single Han character is found at the end of a word too', () => {
		const { search } = open([
			[1, '离心泵', ''],
			[2, '手工电焊', '']
		]);
		expect(search('泵')).toEqual([1]);
		expect(search('焊')).toEqual([2]);
	});
});
