import { expect, test } from './fixtures';
import { DEMO, expectFieldError, pageAs, workerWithAccount } from './helpers';

test('an officer stops an account: the worker is signed out at once and told why; restored, they sign in again', async ({ page, browser, baseURL }, testInfo) => {
	const worker = await workerWithAccount(page, testInfo, '停用');
	await expect(page.locator('header .who')).toHaveText(worker.name);

	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	await officer.goto(`/officer/workers/${worker.id}`);
	await officer.getByRole('button', { name: '停用账号' }).click();
	await expect(officer.getByText('已停用', { exact: true })).toBeVisible();
	await expect(officer.getByRole('button', { name: '恢复账号' })).toBeVisible();

	// The worker's session ended server-side: the next page asks them to sign in.
	await page.goto('/me');
	await expect(page).toHaveURL('/login?redirectTo=%2Fme');
	await page.getByRole('textbox', { name: '手机号或工号' }).fill(worker.phone);
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(worker.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expectFieldError(page.getByRole('textbox', { name: '手机号或工号' }), '此账号已停用，请联系本单位工会干部');

	await officer.getByRole('button', { name: '恢复账号' }).click();
	await expect(officer.getByText('已开通', { exact: true })).toBeVisible();
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(worker.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/me');
	await officer.context().close();
});
