import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, pageAs, signIn } from './helpers';

/** axe-core on a page (opened at `path`, or as it is now): no serious or critical violation of the WCAG 2.1 A/AA rules. */
async function expectAccessible(page: Page, path?: string) {
	if (path) await page.goto(path);
	const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${page.url()}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('public pages have no serious accessibility problems', async ({ page }) => {
	for (const path of ['/', '/login', '/activate', '/request-account']) await expectAccessible(page, path);
	// A form showing its errors.
	await page.goto('/login');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByText('此项必填').first()).toBeVisible();
	await expectAccessible(page);
});

test('results pages have no serious accessibility problems', async ({ page, browser, baseURL }) => {
	test.setTimeout(120_000);
	// the finished demo contest (3) with final results on stage 5; the live electricians' event (1)
	for (const path of ['/results', '/results/competitions/3', '/results/stages/5', '/results/competitions/3/medals', '/results/points', '/verify', '/verify/ABCDE23456', '/screen/events/1'])
		await expectAccessible(page, path);
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	for (const path of ['/stages/5/results', '/stages/3/results', '/stages/1/results', '/stages/1/live']) await expectAccessible(officer, path);
	await officer.goto('/stages/5/results');
	await officer.getByRole('link', { name: '打印证书' }).first().click();
	await expect(officer.getByRole('heading', { level: 1 })).toHaveText('荣誉证书');
	await expectAccessible(officer);
	await officer.context().close();
});

test("an officer's pages have no serious accessibility problems", async ({ page }) => {
	await signIn(page, DEMO.officerDH.employeeNo);
	for (const path of ['/me', '/officer', '/officer/units', '/officer/workers', '/officer/workers/new', '/officer/workers/import', '/officer/codes', '/officer/requests', '/officer/audit'])
		await expectAccessible(page, path);
});

test('competition, judging and contest pages have no serious accessibility problems', async ({ page, browser, baseURL }) => {
	test.setTimeout(120_000);
	await signIn(page, DEMO.officerDH.employeeNo);
	for (const path of ['/officer/competitions', '/officer/competitions/1', '/officer/events/1', '/officer/schemes/1', '/officer/stages/1']) await expectAccessible(page, path);
	const judge = await pageAs(browser, baseURL, DEMO.judge.employeeNo);
	await expectAccessible(judge, '/judge');
	await expectAccessible(judge, '/judge/stages/1');
	// the last unmarked entry: the results journey, running alongside, marks the first ones
	await judge.locator('a.tile').filter({ hasText: '未评分' }).last().click();
	await expect(judge).toHaveURL(/\/judge\/stages\/1\/entries\/\d+$/);
	await expect(judge.locator('form').first()).toBeVisible();
	await expectAccessible(judge);
	await expectAccessible(judge, '/contests');
	const chief = await pageAs(browser, baseURL, DEMO.chief.employeeNo);
	for (const path of ['/judge/stages/1', '/judge/stages/1/consistency', '/judge/stages/1/import']) await expectAccessible(chief, path);
	await judge.context().close();
	await chief.context().close();
});

test('proposal pages have no serious accessibility problems', async ({ page, browser, baseURL }) => {
	// sixteen pages through axe: well over the default 45 s on a busy two-core machine
	test.setTimeout(150_000);
	await expectAccessible(page, '/proposals');
	const worker = await pageAs(browser, baseURL, DEMO.worker.employeeNo);
	for (const path of ['/proposals/mine', '/proposals/new', '/proposals/1', '/proposals/12', '/notifications']) await expectAccessible(worker, path);
	// the form showing its errors
	await worker.goto('/proposals/new');
	await worker.getByRole('button', { name: '提交建议' }).click();
	await expect(worker.getByText('此项必填').first()).toBeVisible();
	await expectAccessible(worker);
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	// a proposal awaiting triage, one under review, one awaiting its reward, the queue and the figures
	for (const path of ['/officer/proposals', '/officer/proposals/stats', '/proposals/8', '/proposals/7', '/proposals/2']) await expectAccessible(officer, path);
	const finance = await pageAs(browser, baseURL, DEMO.finance.employeeNo);
	await expectAccessible(finance, '/proposals/3');
	const admin = await pageAs(browser, baseURL, DEMO.admin.employeeNo);
	await expectAccessible(admin, '/officer/proposals/settings');
	for (const p of [worker, officer, finance, admin]) await p.context().close();
});

test('studio and model-worker pages have no serious accessibility problems', async ({ page, browser, baseURL }) => {
	test.setTimeout(150_000);
	for (const path of ['/studios', '/studios/1', '/studios/ranking', '/model-workers']) await expectAccessible(page, path);
	await page.goto('/model-workers');
	await page.getByRole('main').getByRole('listitem').getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 2, name: '荣誉称号' })).toBeVisible();
	await expectAccessible(page);
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	for (const path of ['/officer/studios', '/officer/studios/new', '/officer/studios/1', '/officer/studios/3', '/officer/studios/leaderboard']) await expectAccessible(officer, path);
	const admin = await pageAs(browser, baseURL, DEMO.admin.employeeNo);
	await expectAccessible(admin, '/officer/studios/settings');
	const worker = await pageAs(browser, baseURL, DEMO.worker.employeeNo);
	await expectAccessible(worker, '/me/profile');
	for (const p of [officer, admin, worker]) await p.context().close();
});

test('home, search and language pages have no serious accessibility problems', async ({ page }) => {
	// the home page in each language (and once with its chart data open), two searches, a Traditional page
	test.setTimeout(120_000);
	// in this order: an address in a language is remembered, and later ones without one follow it
	await expectAccessible(page, '/');
	// the home page's chart data opened
	await page.locator('details summary').first().click();
	await expect(page.locator('details table').first()).toBeVisible();
	await expectAccessible(page);
	for (const path of ['/search?q=工作室', '/zh-Hant', '/zh-Hant/studios', '/en', '/en/search?q=studio']) {
		await expectAccessible(page, path);
		expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
	}
});

test('target pages have no serious accessibility problems', async ({ page, browser, baseURL }) => {
	test.setTimeout(90_000);
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo, page.viewportSize() ?? undefined);
	// the board, the board being edited (goals locked from above among them), the dashboard's target bars
	for (const path of ['/officer/targets', '/officer/targets?edit=1']) await expectAccessible(officer, path);
	await expect(officer.getByRole('button', { name: '保存目标' })).toBeVisible();
	await expectAccessible(officer, '/officer');
	await expect(officer.getByRole('heading', { level: 2, name: '今年的工作目标' })).toBeVisible();
	await officer.context().close();
});
