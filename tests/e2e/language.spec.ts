import { clickToNewDocument, expect, test } from './fixtures';
import { DEMO, PASSWORD, here } from './helpers';

test('switching to English shows English labels and is remembered', async ({ page, context }) => {
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');

	await clickToNewDocument(page, () => page.getByRole('button', { name: 'English' }).click());
	expect(here(page)).toBe('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page).toHaveTitle('Sign in · Jiangong');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(page.getByRole('textbox', { name: 'Phone number or employee number' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('lang', 'zh-Hans');
	expect((await context.cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE')?.value).toBe('en');

	// The server answers in English too.
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveAccessibleDescription('Required');

	// Remembered on the next page load, also when signed in.
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Labour competitions · innovation studios · proposals');
	await page.goto('/login');
	await page.getByRole('textbox', { name: 'Phone number or employee number' }).fill(DEMO.officerDH.employeeNo);
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/me');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My details');
	await page.goto('/officer/workers/new');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a worker');
	await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workers', exact: true })).toHaveAttribute('aria-current', 'page');

	// And back to Chinese, on the same page.
	await clickToNewDocument(page, () => page.getByRole('button', { name: '中文' }).click());
	expect(here(page)).toBe('/officer/workers/new');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新增职工');
	expect((await context.cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE')?.value).toBe('zh-Hans');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新增职工');
});
