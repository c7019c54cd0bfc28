import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, DH_TEAM, expectNoSideScroll, signIn, uid, uniquePhone } from './helpers';

const HEADER = '单位代码,工号,姓名,性别,工种,技能等级,手机号';

async function upload(page: Page, name: string, text: string) {
	await page.getByLabel('职工表文件').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
	await page.getByRole('button', { name: '检查并导入' }).click();
}

async function countFound(page: Page, q: string) {
	await page.goto(`/officer/workers?q=${encodeURIComponent(q)}`);
	return page.getByRole('status');
}

test('the officer downloads the template and imports a CSV all or nothing', async ({ page }, testInfo) => {
	const id = uid(testInfo);
	const no = (n: number) => `I${id}${n}`;
	const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
	const row = (n: number, name: string, gender: string, level: string, phone: string) => `${DH_TEAM.code},${no(n)},${name}${id.slice(-3)},${gender},电工,${level},${phone}`;
	const bad = [HEADER, row(1, '导入甲', '男', '高级工', phones[0]), row(2, '导入乙', '女', '中级工', '1380013800'), row(3, '导入丙', '男', '技师', phones[2])].join('\n');
	const good = [HEADER, row(1, '导入甲', '男', '高级工', phones[0]), row(2, '导入乙', '女', '中级工', phones[1]), row(3, '导入丙', '男', '技师', phones[2])].join('\n');

	await signIn(page, DEMO.officerDH.employeeNo);
	await page.goto('/officer/workers/import');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入职工');

	// The template is a real workbook with the columns the import reads.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载模板（.xlsx）' }).click()]);
	expect(download.suggestedFilename()).toBe('职工导入模板.xlsx');
	const bytes = await readFile((await download.path())!);
	expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	expect(workbook.worksheets.map((s) => s.name)).toEqual(['职工', '单位代码']);
	expect((workbook.getWorksheet('职工')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER.split(','));

	// One bad row: the report names it, and nothing is stored.
	await upload(page, 'workers.csv', bad);
	const report = page.locator('section').filter({ has: page.getByRole('heading', { level: 2 }) });
	await expect(report.getByRole('heading', { level: 2 })).toHaveText('文件有 1 处错误，未导入');
	await expect(report.getByText('请修改下列行后重新上传整个文件。', { exact: true })).toBeVisible();
	const rows = report.getByRole('row');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0).getByRole('columnheader')).toHaveText(['行号', '原因']);
	await expect(rows.nth(1).getByRole('cell')).toHaveText(['3', '请输入 11 位手机号码']);
	await expect(page.getByText(/^导入完成/)).toHaveCount(0);
	await expectNoSideScroll(page);

	await expect(await countFound(page, no(1))).toHaveText('共 0 人');
	await expect(page.getByText('没有符合条件的职工。')).toBeVisible();
	await expect(await countFound(page, no(3))).toHaveText('共 0 人');

	// Fixed: all three are created.
	await page.goto('/officer/workers/import');
	await upload(page, 'workers.csv', good);
	await expect(page.getByRole('status')).toHaveText('导入完成：新增 3 人，更新 0 人，0 人无变化。');
	await expect(page.getByRole('heading', { name: /未导入/ })).toHaveCount(0);

	// The same file again changes nothing.
	await upload(page, 'workers.csv', good);
	await expect(page.getByRole('status')).toHaveText('导入完成：新增 0 人，更新 0 人，3 人无变化。');

	await expect(await countFound(page, `I${id}`)).toHaveText('共 3 人');
	const imported = page.getByRole('row').filter({ hasText: no(2) });
	await expect(imported.getByRole('link')).toHaveText(`导入乙${id.slice(-3)}`);
	await expect(imported.getByRole('cell').nth(2)).toHaveText(DH_TEAM.name);
	await expect(imported.getByRole('cell').nth(4)).toHaveText('中级工');
});
