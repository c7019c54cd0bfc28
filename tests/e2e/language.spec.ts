import { clickToNewDocument, expect, test } from './fixtures';
import { DEMO, PASSWORD, here } from './helpers';

const cookie = async (context: import('@playwright/test').BrowserContext) => (await context.cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE')?.value;

test('the language is chosen in the header, kept in the address and remembered', async ({ page, context }) => {
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');

	await clickToNewDocument(page, () => page.getByRole('link', { name: 'English', exact: true }).click());
	expect(here(page)).toBe('/en/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page).toHaveTitle('Sign in · Jiangong');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(page.getByRole('textbox', { name: 'Phone number or employee number' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: '简体中文', exact: true })).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('link', { name: '繁體中文', exact: true })).toHaveAttribute('href', '/zh-Hant/login');
	expect(await cookie(context)).toBe('en');

	// The server answers in English too.
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveAccessibleDescription('Required');

	// Remembered: an address without a language opens in English, with /en in the address.
	await page.goto('/');
	expect(here(page)).toBe('/en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Labour competitions · innovation studios · proposals');
	await page.goto('/login');
	expect(here(page)).toBe('/en/login');
	await page.getByRole('textbox', { name: 'Phone number or employee number' }).fill(DEMO.officerDH.employeeNo);
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/en\/me$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My details');
	// a link written without a language is followed in the reader's
	await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workers', exact: true }).click();
	await expect(page).toHaveURL(/\/en\/officer\/workers$/);
	await page.goto('/officer/workers/new');
	expect(here(page)).toBe('/en/officer/workers/new');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a worker');
	await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Workers', exact: true })).toHaveAttribute('aria-current', 'page');

	// Traditional Chinese, on the same page.
	await clickToNewDocument(page, () => page.getByRole('link', { name: '繁體中文', exact: true }).click());
	expect(here(page)).toBe('/zh-Hant/officer/workers/new');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新增職工');
	expect(await cookie(context)).toBe('zh-Hant');

	// And back to Simplified Chinese.
	await clickToNewDocument(page, () => page.getByRole('link', { name: '简体中文', exact: true }).click());
	expect(here(page)).toBe('/zh-Hans/officer/workers/new');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新增职工');
	expect(await cookie(context)).toBe('zh-Hans');
	await page.goto('/officer/workers/new');
	expect(here(page)).toBe('/officer/workers/new');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新增职工');
});
