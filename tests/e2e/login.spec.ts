import { expect, test } from './fixtures';
import { DEMO, PASSWORD, expectFieldError, expectNoFieldError, expectNoSideScroll, here } from './helpers';

// One wrong password per project (see the budget in helpers.ts). The account is
// the demo judge, whom no other test signs in as; the right password afterwards
// clears the account's count again.
test('a wrong password is refused next to the password field and the identifier is kept', async ({ page }) => {
	await page.goto('/login?redirectTo=%2Fme%2Fpassword');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
	const identifier = page.getByRole('textbox', { name: '手机号或工号' });
	const password = page.getByRole('textbox', { name: '密码', exact: true });
	await identifier.fill(DEMO.judge.phone);
	await password.fill('Wrong-password-1');
	await page.getByRole('button', { name: '登录' }).click();

	await expectFieldError(password, '账号或密码不正确');
	await expectNoFieldError(identifier);
	await expect(page.getByRole('alert')).toHaveText('账号或密码不正确');
	await expect(identifier).toHaveValue(DEMO.judge.phone);
	expect(here(page)).toBe('/login?redirectTo=%2Fme%2Fpassword');
	await expectNoSideScroll(page);

	// The return address survives the failed attempt.
	await password.fill(PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/me/password');
	await expect(page.locator('header .who')).toHaveText(DEMO.judge.name);
});

test('empty fields are refused without a sign-in attempt', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: '登录' }).click();
	await expectFieldError(page.getByRole('textbox', { name: '手机号或工号' }), '此项必填');
	await expectFieldError(page.getByRole('textbox', { name: '密码', exact: true }), '此项必填');
	expect(here(page)).toBe('/login');
});

test('the employee number signs in as well as the phone number', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('textbox', { name: '手机号或工号' }).fill(DEMO.worker.employeeNo);
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/me');
	await expect(page.locator('dl.facts dt:text-is("工号") + dd')).toHaveText(DEMO.worker.employeeNo);
	await expect(page.locator('dl.facts dt:text-is("姓名") + dd')).toHaveText(DEMO.worker.name);
	// Signed in, /login sends the person on.
	await page.goto('/login');
	await expect(page).toHaveURL('/me');
});
