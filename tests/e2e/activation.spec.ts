import { expect, test } from './fixtures';
import { DEMO, DH_TEAM, activate, addWorker, expectNoSideScroll, issueActivationCode, signIn, signOut, uid, uniquePhone } from './helpers';

test('an officer adds a worker and issues a code; the worker activates, signs out and signs in by phone', async ({ page }, testInfo) => {
	const id = uid(testInfo);
	const name = `激活${id.slice(-4)}`;
	const employeeNo = `A${id}`;
	const phone = uniquePhone();
	const password = `Huo${id}8`;

	await signIn(page, DEMO.officerDH.employeeNo);
	const worker = await addWorker(page, { name, employeeNo, phone });
	await expect(page.getByText('未开通', { exact: true })).toBeVisible();

	const code = await issueActivationCode(page);
	await expect(page.getByText('激活码只显示这一次', { exact: false })).toBeVisible();
	await expectNoSideScroll(page);

	// Shown once: a new visit to the page only says a code is pending.
	await page.goto(`/officer/workers/${worker.id}`);
	await expect(page.getByText(code)).toHaveCount(0);
	await expect(page.getByText(/^有一个未使用的激活码，有效期至 /)).toBeVisible();
	await signOut(page);

	await activate(page, employeeNo, code, password);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的信息');
	const facts = page.locator('dl.facts');
	await expect(facts.locator('dt:text-is("姓名") + dd')).toHaveText(name);
	await expect(facts.locator('dt:text-is("单位") + dd')).toHaveText(DH_TEAM.name);
	await expect(facts.locator('dt:text-is("工号") + dd')).toHaveText(employeeNo);
	await expect(facts.locator('dt:text-is("手机号") + dd')).toHaveText(phone);
	await expect(page.locator('header .who')).toHaveText(name);

	await signOut(page);
	await page.goto('/me');
	await expect(page).toHaveURL('/login?redirectTo=%2Fme');

	await signIn(page, phone, password);
	await expect(page).toHaveURL('/me');
	await expect(page.locator('header .who')).toHaveText(name);

	// The code was good for one use only.
	await signOut(page);
	await page.goto('/activate');
	await page.getByRole('textbox', { name: '工号' }).fill(employeeNo);
	await page.getByRole('textbox', { name: '激活码' }).fill(code);
	await page.getByRole('textbox', { name: '新密码', exact: true }).fill(`${password}x`);
	await page.getByRole('textbox', { name: '再次输入密码', exact: true }).fill(`${password}x`);
	await page.getByRole('button', { name: '激活并登录' }).click();
	await expect(page.locator('#f-code-error')).toHaveText('工号或激活码不正确，或激活码已失效');
	await expect(page).toHaveURL('/activate');
});
