import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalText, parseForm, text } from '$lib/server/validation';
import { checkWorkerSheet } from '$lib/domain/worker-import';

/** Bugs the fuzzer (tests/e2e/fuzz.spec.ts) found in form reading and text fields. */

describe('parseForm', () => {
	const schema = z.object({ a: z.string(), 'b[]': z.array(z.string()) });

	it('keeps the first value of a plain field and every value of a `name[]` field', () => {
		const fd = new FormData();
		for (const [k, v] of [['a', '1'], ['b[]', 'x'], ['a', '2'], ['b[]', 'y']]) fd.append(k, v);
		const r = parseForm(schema, fd);
		expect(r.ok && r.data).toEqual({ a: '1', 'b[]': ['x', 'y'] });
	});

	it('reads a form of 100,000 distinct fields in one pass (a scan per field took minutes)', () => {
		const fd = new FormData();
		for (let i = 0; i < 100_000; i++) fd.append(`k${i}`, String(i));
		const started = performance.now();
		const r = parseForm(schema, fd);
		expect(r.ok).toBe(false);
		expect(performance.now() - started).toBeLessThan(3000);
	});
});

describe('text fields', () => {
	it('drop control characters, so a text of only those is empty', () => {
		expect(text(10).safeParse('\u0000').success).toBe(false);
		expect(text(10).safeParse(' \u001b\u0007 ').success).toBe(false);
		expect(text(10).parse('a\u0000b\u007f')).toBe('ab');
		expect(optionalText(10).parse('\u0000\u0001')).toBe('');
	});

	it('keep tabs, line breaks and every other character', () => {
		expect(optionalText(50).parse(' 第一行\r\n\t第二行 😀\u200d ')).toBe('第一行\r\n\t第二行 😀\u200d');
	});

	it('count the limit after control characters are dropped', () => {
		expect(text(3).parse('\u0000abc\u0000')).toBe('abc');
	});
});

describe('worker sheet', () => {
	it('drops control characters from cells: a name of only those is missing', () => {
		const { records, problems } = checkWorkerSheet([
			['单位代码', '工号', '姓名', '工种'],
			['DH-DL-T1', 'A1', '\u0000', 'x'],
			['DH-DL-T1', 'A2', '张\u0000三', '电\u001b工']
		]);
		expect(problems).toEqual([{ kind: 'required', row: 2, column: 'name' }]);
		expect(records.map((r) => [r.name, r.trade])).toEqual([['张三', '电工']]);
	});
});
