import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectFieldError, signOut, workerWithAccount } from './helpers';

/**
 * Sends one sign-in through the (enhanced) form. A refusal must come back as the
 * action's failure with status 400: never a 500.
 */
async function attempt(page: Page, identifier: string, password: string) {
	await page.getByRole('textbox', { name: '手机号或工号' }).fill(identifier);
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(password);
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
		page.getByRole('button', { name: '登录' }).click()
	]);
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({ type: 'failure', status: 400 });
	await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
}

/**
 * One wrong password from a browser without JavaScript: the server itself must
 * answer 400 with the message at the password field and the identifier kept.
 */
async function attemptWithoutJavaScript(browser: Browser, baseURL: string | undefined, identifier: string, wrong: string) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByRole('textbox', { name: '手机号或工号' }).fill(identifier);
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(wrong);
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
		page.getByRole('button', { name: '登录' }).click()
	]);
	expect(response.status()).toBe(400);
	await expectFieldError(page.getByRole('textbox', { name: '密码', exact: true }), '账号或密码不正确');
	await expect(page.getByRole('textbox', { name: '手机号或工号' })).toHaveValue(identifier);
	await expect(page.getByRole('textbox', { name: '密码', exact: true })).toHaveValue('');
	await context.close();
}

// Ten wrong passwords per project (see the budget in helpers.ts), for an account
// made in this test so no other test's sign-in is locked out.
test('the 10th wrong password in a row locks the account for 15 minutes', async ({ page, browser, baseURL }, testInfo) => {
	const worker = await workerWithAccount(page, testInfo, '锁定');
	await signOut(page);
	await page.goto('/login');
	const password = page.getByRole('textbox', { name: '密码', exact: true });

	for (let i = 1; i <= 9; i++) {
		if (i === 5) {
			await attemptWithoutJavaScript(browser, baseURL, worker.employeeNo, `Wrong${i}pass`);
			continue;
		}
		await attempt(page, worker.employeeNo, `Wrong${i}pass`);
		await expectFieldError(password, '账号或密码不正确');
	}
	await attempt(page, worker.employeeNo, 'Wrong10pass');
	await expectFieldError(password, '尝试次数过多，请 15 分钟后再试');
	await expect(page.getByRole('textbox', { name: '手机号或工号' })).toHaveValue(worker.employeeNo);

	// While locked even the right password is refused (and not checked).
	await attempt(page, worker.phone, worker.password);
	await expectFieldError(password, '尝试次数过多，请 15 分钟后再试');
	await expect(page).toHaveURL('/login');

	// The same refusal without JavaScript: a plain form post answers 400, not 500.
	const plain = await page.request.post('/login', {
		form: { identifier: worker.employeeNo, password: worker.password, redirectTo: '' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(plain.status()).toBe(400);
	expect(await plain.text()).toContain('尝试次数过多，请 15 分钟后再试');
});
