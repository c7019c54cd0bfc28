import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { employeeNo, parseForm, password, phone, text } from '$lib/server/validation';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
};

describe('parseForm', () => {
	it('gives per-field messages in Chinese and keeps what was typed', () => {
		const r = parseForm(z.object({ name: text(4), phone, employeeNo }), form({ name: '  太长的名字啊 ', phone: '123', employeeNo: 'A 1' }));
		expect(r).toEqual({
			ok: false,
			errors: { name: '不能超过 4 个字符', phone: '请输入 11 位手机号码', employeeNo: '工号只能包含字母、数字、下划线和短横线' },
			values: { name: '  太长的名字啊 ', phone: '123', employeeNo: 'A 1' }
		});
	});

	it('never sends a password or a code back to the page, whether the form passes or fails', () => {
		const secrets = { password: 'Secret123', confirm: 'Secret123', current: 'Old12345', next: 'New12345', code: 'ABCDE-FGHJK' };
		const failing = parseForm(z.object({ name: text(10), password }), form({ ...secrets, name: '' }));
		const passing = parseForm(z.object({ name: text(10) }), form({ ...secrets, name: '张三' }));
		for (const r of [failing, passing]) {
			expect(Object.keys(r.values)).toEqual(['name']);
			expect(JSON.stringify(r)).not.toMatch(/Secret123|Old12345|New12345|ABCDE/);
		}
	});

	it('trims, and refuses a missing field as required', () => {
		expect(parseForm(z.object({ name: text(10) }), form({ name: '  李四 ' }))).toMatchObject({ ok: true, data: { name: '李四' } });
		expect(parseForm(z.object({ name: text(10) }), form({}))).toMatchObject({ ok: false, errors: { name: '此项必填' } });
	});
});
