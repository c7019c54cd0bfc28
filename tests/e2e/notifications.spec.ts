import { expect, test } from './fixtures';
import { DEMO, pageAs, workerWithAccount } from './helpers';

/**
 * In-app notifications (issue #7): a new worker enters the demo's safety contest,
 * the district officer approves the entry in their own browser, and the worker
 * finds the unread count in the navigation, reads the notification and follows it
 * to the entry. No other journey enters this contest.
 *
 * It drives a second browser context itself, so it runs once (desktop).
 */
const CONTEST = '2026 年东湖区“安康杯”安全知识竞赛';
const EVENT = '安全知识笔试';

test.skip(({ isMobile }) => isMobile, 'one run drives both browsers itself');

test('a notification appears when an entry is approved', async ({ page, browser, baseURL }, testInfo) => {
	test.setTimeout(90_000);
	const worker = await workerWithAccount(page, testInfo, '通知');
	const nav = page.getByRole('navigation', { name: '主导航' });
	await expect(nav.getByRole('link', { name: '通知', exact: true })).toBeVisible();

	/* --- the worker enters the contest --- */
	await page.goto('/contests');
	const card = page.locator('section.card').filter({ hasText: CONTEST });
	await card.getByRole('button', { name: '报名参赛' }).click();
	await expect(page.getByRole('status')).toHaveText('报名已提交，等待工会审核');
	await expect(card).toContainText('待审核');

	/* --- the organiser's officer approves it --- */
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	await officer.goto('/officer/competitions');
	await officer.getByRole('link', { name: CONTEST }).click();
	await officer.getByRole('article').getByRole('link', { name: EVENT, exact: true }).click();
	const row = officer.getByRole('row').filter({ hasText: worker.name });
	await row.getByRole('button', { name: '通过' }).click();
	await expect(row).toContainText('已通过');
	await officer.context().close();

	/* --- the worker sees the unread count, reads the notification and opens the entry --- */
	await page.goto('/me');
	const unread = nav.getByRole('link', { name: '通知（1）' });
	await expect(unread).toBeVisible();
	await unread.click();
	await expect(page).toHaveURL('/notifications');
	await expect(page.getByRole('heading', { level: 1, name: '通知' })).toBeVisible();
	const note = page.getByRole('button').filter({ hasText: `「${CONTEST}」${EVENT}：您的报名已通过` });
	await expect(note).toBeVisible();
	await expect(page.getByLabel('未读')).toHaveCount(1);
	await note.click();
	await expect(page).toHaveURL(/\/contests#c-\d+$/);
	const entered = page.locator('section.card').filter({ hasText: CONTEST });
	await expect(entered).toContainText('已通过');
	// read now: the count is gone
	await expect(nav.getByRole('link', { name: '通知', exact: true })).toBeVisible();
});
