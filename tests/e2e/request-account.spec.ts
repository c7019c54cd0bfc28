import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, DH_TEAM, chooseOption, expectFieldError, expectNoSideScroll, here, signIn, signOut, uid, uniquePhone } from './helpers';

interface Applicant {
	name: string;
	employeeNo: string;
	phone: string;
	password: string;
}

function applicant(tag: string, id: string): Applicant {
	return { name: `${tag}${id.slice(-5)}`, employeeNo: `R${id}`, phone: uniquePhone(), password: `Shen${id}7` };
}

/** Fills in and sends the request form for `a` (on /request-account). */
async function sendRequestForm(page: Page, a: Applicant) {
	await chooseOption(page.getByRole('combobox', { name: '所在单位（班组）' }), DH_TEAM.name);
	await page.getByRole('textbox', { name: '姓名' }).fill(a.name);
	await page.getByRole('textbox', { name: '工号' }).fill(a.employeeNo);
	await page.getByRole('textbox', { name: '手机号' }).fill(a.phone);
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(a.password);
	await page.getByRole('textbox', { name: '再次输入密码', exact: true }).fill(a.password);
	await page.getByRole('button', { name: '提交申请' }).click();
}

/** Anyone (not signed in) asks for an account in a DH team. */
async function requestAccount(page: Page, a: Applicant) {
	await page.goto('/request-account');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请账号');
	await sendRequestForm(page, a);
	await expect(page.getByRole('status')).toHaveText('申请已提交，请等待本单位工会干部审核。审核通过后用您设置的密码登录。');
}

/** The card of one request in /officer/requests (its heading holds the name and the unit). */
const requestCard = (page: Page, a: Applicant) => page.getByRole('article', { name: `${a.name} ${DH_TEAM.name}`, exact: true });

test('a person requests an account, the DH officer approves it, and the person signs in', async ({ page }, testInfo) => {
	const a = applicant('申请', uid(testInfo));
	await requestAccount(page, a);

	await signIn(page, DEMO.officerDH.employeeNo);
	await page.goto('/officer/requests');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号申请');
	const card = requestCard(page, a);
	await expect(card).toHaveCount(1);
	await expect(card.locator('dt:text-is("工号") + dd')).toHaveText(a.employeeNo);
	await expect(card.locator('dt:text-is("手机号") + dd')).toHaveText(a.phone);
	await expect(card.getByText('未找到同工号的职工档案，通过后将新建。')).toBeVisible();
	await expectNoSideScroll(page);

	await card.getByRole('button', { name: '通过' }).click();
	await expect(page.getByRole('status')).toHaveText('已通过，申请人现在可以登录。');
	await expect(requestCard(page, a)).toHaveCount(0);
	await page.getByRole('link', { name: '已通过' }).click();
	await expect(page).toHaveURL('/officer/requests?status=approved');
	await expect(requestCard(page, a)).toHaveCount(1);
	await expect(requestCard(page, a).getByRole('button')).toHaveCount(0);

	// The new worker record exists, with an account.
	await page.goto(`/officer/workers?q=${a.employeeNo}`);
	await expect(page.getByText('共 1 人')).toBeVisible();
	const row = page.getByRole('row').filter({ hasText: a.employeeNo });
	await expect(row.getByRole('link', { name: a.name, exact: true })).toBeVisible();
	await expect(row.getByText('已开通', { exact: true })).toBeVisible();
	await signOut(page);

	await signIn(page, a.employeeNo, a.password);
	expect(here(page)).toBe('/me');
	await expect(page.locator('dl.facts dt:text-is("姓名") + dd')).toHaveText(a.name);
	await expect(page.locator('dl.facts dt:text-is("单位") + dd')).toHaveText(DH_TEAM.name);
	await expect(page.locator('dl.facts dt:text-is("手机号") + dd')).toHaveText(a.phone);
});

test('rejecting a request needs a reason, shown next to the field', async ({ page }, testInfo) => {
	const a = applicant('驳回', uid(testInfo));
	await requestAccount(page, a);

	// The same request twice is refused while the first waits.
	await page.goto('/request-account');
	await sendRequestForm(page, a);
	await expectFieldError(page.getByRole('textbox', { name: '工号' }), '已有一份相同的申请在等待审核');
	await expect(page.getByRole('textbox', { name: '姓名' })).toHaveValue(a.name);

	await signIn(page, DEMO.officerDH.employeeNo);
	await page.goto('/officer/requests');
	const card = requestCard(page, a);
	const reason = card.getByRole('textbox', { name: '意见（驳回时必填）' });
	await card.getByRole('button', { name: '驳回' }).click();
	await expectFieldError(reason, '驳回时必须填写理由');
	await expect(card.getByRole('alert')).toHaveText('驳回时必须填写理由');
	// Only this card shows the error, and the request still waits.
	await expect(page.getByText('驳回时必须填写理由', { exact: true })).toHaveCount(1);
	await page.reload();
	await expect(requestCard(page, a)).toHaveCount(1);
	await expect(requestCard(page, a).getByRole('button', { name: '驳回' })).toBeVisible();

	await requestCard(page, a).getByRole('textbox', { name: '意见（驳回时必填）' }).fill('工号与本单位花名册不符');
	await requestCard(page, a).getByRole('button', { name: '驳回' }).click();
	await expect(page.getByRole('status')).toHaveText('已驳回。');
	await expect(requestCard(page, a)).toHaveCount(0);
	await page.goto('/officer/requests?status=rejected');
	await expect(requestCard(page, a).locator('dt:text-is("理由") + dd')).toHaveText('工号与本单位花名册不符');

	// A rejected request gives no account.
	await page.goto(`/officer/workers?q=${a.employeeNo}`);
	await expect(page.getByText('共 0 人')).toBeVisible();
	await signOut(page);
});
