import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, DH_TEAM, PASSWORD, chooseOption, expectFieldError, expectNoFieldError, expectNoSideScroll, signIn, uid } from './helpers';

/** Fills /officer/workers/new with an empty name and a malformed phone, and saves. */
async function submitBadWorker(page: Page, employeeNo: string) {
	await page.goto('/officer/workers/new');
	await chooseOption(page.getByRole('combobox', { name: '单位' }), DH_TEAM.name);
	await page.getByRole('textbox', { name: '工号' }).fill(employeeNo);
	await page.getByRole('combobox', { name: '技能等级' }).selectOption({ label: '技师' });
	await page.getByRole('textbox', { name: '工种' }).fill('焊工');
	await page.getByRole('textbox', { name: '手机号' }).fill('12345');
	await page.getByRole('button', { name: '保存' }).click();
}

async function expectErrorsAndValues(page: Page, employeeNo: string) {
	await expectFieldError(page.getByRole('textbox', { name: '姓名' }), '此项必填');
	await expectFieldError(page.getByRole('textbox', { name: '手机号' }), '请输入 11 位手机号码');
	// The phone's hint stays described too.
	await expect(page.getByRole('textbox', { name: '手机号' })).toHaveAccessibleDescription('仅本人及所属工会干部可见。 请输入 11 位手机号码');
	await expect(page.getByRole('alert')).toHaveText(['此项必填', '请输入 11 位手机号码']);
	for (const name of ['工号', '工种']) await expectNoFieldError(page.getByRole('textbox', { name }));
	await expectNoFieldError(page.getByRole('combobox', { name: '单位' }));

	// What was typed is kept.
	await expect(page.getByRole('combobox', { name: '单位' }).locator('option:checked')).toHaveText(new RegExp(`${DH_TEAM.name}$`));
	await expect(page.getByRole('textbox', { name: '姓名' })).toHaveValue('');
	await expect(page.getByRole('textbox', { name: '工号' })).toHaveValue(employeeNo);
	await expect(page.getByRole('combobox', { name: '技能等级' }).locator('option:checked')).toHaveText('技师');
	await expect(page.getByRole('textbox', { name: '工种' })).toHaveValue('焊工');
	await expect(page.getByRole('textbox', { name: '手机号' })).toHaveValue('12345');
	await expect(page).toHaveURL('/officer/workers/new');
}

async function expectNothingStored(page: Page, employeeNo: string) {
	await page.goto(`/officer/workers?q=${employeeNo}`);
	await expect(page.getByRole('status')).toHaveText('共 0 人');
}

test('bad input on the new-worker form is shown next to each field, kept, and not stored', async ({ page }, testInfo) => {
	const employeeNo = `F${uid(testInfo)}`;
	await signIn(page, DEMO.officerDH.employeeNo);
	await submitBadWorker(page, employeeNo);
	await expectErrorsAndValues(page, employeeNo);
	await expectNoSideScroll(page);

	// Fixing one field clears its error on the next try; the other stays.
	await page.getByRole('textbox', { name: '姓名' }).fill('表单测试');
	await page.getByRole('button', { name: '保存' }).click();
	await expectNoFieldError(page.getByRole('textbox', { name: '姓名' }));
	await expectFieldError(page.getByRole('textbox', { name: '手机号' }), '请输入 11 位手机号码');
	await expect(page.getByRole('alert')).toHaveText(['请输入 11 位手机号码']);
	await expectNothingStored(page, employeeNo);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the server answers 400 with the same messages and values', async ({ page }, testInfo) => {
		const employeeNo = `N${uid(testInfo)}`;
		await page.goto('/login');
		await page.getByRole('textbox', { name: '手机号或工号' }).fill(DEMO.officerDH.employeeNo);
		await page.getByRole('textbox', { name: '密码', exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL('/me');

		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/officer/workers/new'),
			submitBadWorker(page, employeeNo)
		]);
		expect(response.status()).toBe(400);
		await expectErrorsAndValues(page, employeeNo);
		await expectNothingStored(page, employeeNo);
	});
});
