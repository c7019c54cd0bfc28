import { expect, test } from './fixtures';
import { DEMO, DH_WORKSHOP, XJ_ENTERPRISE, chooseOption, expectNoSideScroll, here, pageAs, signIn, uid } from './helpers';

test('the DH officer cannot open or change a XJ unit', async ({ page, browser, baseURL }) => {
	// The XJ officer looks up the id of one of their units.
	const xj = await pageAs(browser, baseURL, DEMO.officerXJ.employeeNo);
	await xj.goto('/officer/units');
	const link = xj.getByRole('link', { name: XJ_ENTERPRISE.name, exact: true });
	const href = await link.getAttribute('href');
	expect(href).toMatch(/^\/officer\/units\/\d+$/);
	const xjUnit = href!;

	await signIn(page, DEMO.officerDH.employeeNo);
	// Not in the DH officer's list either.
	await page.goto('/officer/units');
	await expect(page.getByRole('link', { name: XJ_ENTERPRISE.name, exact: true })).toHaveCount(0);

	const response = await page.goto(xjUnit);
	expect(response?.status()).toBe(403);
	expect(here(page)).toBe(xjUnit);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');
	await expect(page).toHaveTitle('403 无权访问 · 建功');

	// A hand-made form post (as a browser without JavaScript would send it) is refused by the policy.
	const origin = new URL(page.url()).origin;
	const post = await page.request.post(`${xjUnit}?/update`, {
		form: { parentId: '', type: 'enterprise', code: XJ_ENTERPRISE.code, name: '被改名的单位' },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(post.status()).toBe(403);
	const body = await post.text();
	expect(body).toContain('无权访问');
	expect(body).not.toContain('Cross-site');
	// ... and the same through the enhanced (JSON) form protocol.
	const json = await page.request.post(`${xjUnit}?/update`, {
		form: { parentId: '', type: 'enterprise', code: XJ_ENTERPRISE.code, name: '被改名的单位' },
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	expect(json.status()).toBe(403);
	expect(await json.json()).toMatchObject({ type: 'error', error: { message: '您没有权限执行此操作或查看此页面。' } });

	// Nothing changed.
	await xj.reload();
	await expect(xj.getByRole('link', { name: XJ_ENTERPRISE.name, exact: true })).toHaveAttribute('href', xjUnit);
	await expect(xj.getByRole('link', { name: '被改名的单位' })).toHaveCount(0);
	await xj.goto(xjUnit);
	await expect(xj.getByRole('heading', { level: 1 })).toContainText(XJ_ENTERPRISE.name);
	await expect(xj.getByRole('textbox', { name: '名称' })).toHaveValue(XJ_ENTERPRISE.name);
	await expect(xj.getByRole('textbox', { name: '单位代码' })).toHaveValue(XJ_ENTERPRISE.code);
	await xj.context().close();
});

test('inside the subtree the DH officer creates a unit and renames it', async ({ page }, testInfo) => {
	const id = uid(testInfo);
	const code = `T-${id}`;
	const name = `测试班组${id.slice(-4)}`;
	const renamed = `${name}（改）`;

	await signIn(page, DEMO.officerDH.employeeNo);
	await page.goto('/officer/units');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('组织');
	await expectNoSideScroll(page);
	const form = page.locator('section').filter({ has: page.getByRole('heading', { name: '新建组织' }) });
	await chooseOption(form.getByRole('combobox', { name: '上级组织' }), DH_WORKSHOP.name);
	await form.getByRole('combobox', { name: '类型' }).selectOption({ label: '班组' });
	await form.getByRole('textbox', { name: '单位代码' }).fill(code);
	await form.getByRole('textbox', { name: '名称' }).fill(name);
	await form.getByRole('button', { name: '创建' }).click();

	await expect(page).toHaveURL(/\/officer\/units\/\d+\?created=1$/);
	const unitPath = new URL(page.url()).pathname;
	await expect(page.getByRole('status')).toHaveText('组织已创建。');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} 班组`);
	await expect(page.getByRole('navigation', { name: '上级组织' })).toHaveText(new RegExp(`^江城市总工会\\s*›\\s*东湖区总工会\\s*›\\s*江城供电公司工会\\s*›\\s*${DH_WORKSHOP.name}\\s*›\\s*${name}$`));

	await page.getByRole('textbox', { name: '名称' }).fill(renamed);
	await page.getByRole('button', { name: '保存' }).click();
	// (The page keeps ?created=1, so "组织已创建。" stays above it.)
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toHaveText('已保存。');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${renamed} 班组`);

	await page.goto(unitPath);
	await expect(page.getByRole('textbox', { name: '名称' })).toHaveValue(renamed);
	await expect(page.getByRole('textbox', { name: '单位代码' })).toHaveValue(code);
	await page.goto('/officer/units');
	await expect(page.getByRole('link', { name: renamed, exact: true })).toHaveAttribute('href', unitPath);
	await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});
