import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, signIn } from './helpers';

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

test("an officer's pages have no serious accessibility problems", async ({ page }) => {
	await signIn(page, DEMO.officerDH.employeeNo);
	for (const path of ['/me', '/officer', '/officer/units', '/officer/workers', '/officer/workers/new', '/officer/workers/import', '/officer/codes', '/officer/requests', '/officer/audit'])
		await expectAccessible(page, path);
});
