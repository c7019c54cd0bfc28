import { expect, test } from './fixtures';
import { DEMO, PASSWORD, expectNoSideScroll, here, signIn, signOut } from './helpers';

test('a worker gets the 403 page in the officer area', async ({ page }) => {
	await signIn(page, DEMO.worker.phone);
	await expect(page).toHaveURL('/me');
	// A worker's navigation offers no officer pages.
	await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link')).toHaveText(['首页', '竞赛成绩', '建议公开', '创新工作室', '劳模风采', '我的', '竞赛报名', '合理化建议', /^通知(（\d+）)?$/]);

	for (const path of ['/officer', '/officer/workers', '/officer/workers/import', '/officer/requests', '/officer/points', '/officer/proposals', '/officer/proposals/stats', '/officer/proposals/settings', '/officer/studios', '/officer/studios/new', '/stages/3/results', '/stages/1/live']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		expect(here(page)).toBe(path);
		await expect(page).toHaveTitle('403 无权访问 · 建功');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');
		await expect(page.getByText('您没有权限执行此操作或查看此页面。')).toBeVisible();
		await expect(page.getByRole('link', { name: '回到首页' })).toHaveAttribute('href', '/');
		await expectNoSideScroll(page);
	}

	// The template download is an endpoint: refused the same way.
	const download = await page.request.get('/officer/workers/import/template?format=xlsx');
	expect(download.status()).toBe(403);
});

test('an anonymous visitor is sent to sign in and comes back to /officer', async ({ page }) => {
	const response = await page.goto('/officer');
	expect(response?.status()).toBe(200);
	expect(here(page)).toBe('/login?redirectTo=%2Fofficer');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');

	await page.getByRole('textbox', { name: '手机号或工号' }).fill(DEMO.officerDH.phone);
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/officer');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
	await expect(page.getByText('管理范围：东湖区总工会', { exact: true })).toBeVisible();
	await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' })).toHaveAttribute('aria-current', 'page');
});

test('a return address off this site is ignored after sign-in', async ({ page, context }) => {
	// Were the app to send the browser away, this answers instead of the network.
	await context.route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'left the site' }));

	await page.goto('/login?redirectTo=%2F%2Fevil.example%2Fofficer');
	await signIn(page, DEMO.officerDH.employeeNo);
	await expect(page).toHaveURL('/me');
	await signOut(page);

	// Browsers drop a tab from a URL: "/<tab>/evil.example" would be "//evil.example".
	await page.goto('/login?redirectTo=%2F%09%2Fevil.example%2F');
	await signIn(page, DEMO.officerDH.employeeNo);
	await expect(page).toHaveURL('/me');
	await signOut(page);

	// A newline cannot go into a Location header: refused, not a 500.
	const response = await page.request.post('/login', {
		form: { identifier: DEMO.officerDH.employeeNo, password: PASSWORD, redirectTo: '/officer\n/x' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/me');
});
