import type { Browser, Locator, Page, TestInfo } from '@playwright/test';
import { randomInt } from 'node:crypto';
import { clickToNewDocument, expect, prepareContext, waitForHydrationOnLoad } from './fixtures';

/**
 * Shared steps for the end-to-end journeys.
 *
 * Both projects (desktop, phone) run every journey against the same server and
 * database, so a test never changes shared demo records: it makes the workers,
 * accounts, requests and units it needs, named uniquely per project and run.
 *
 * Wrong-password budget. The server locks a client address after 30 failed
 * sign-ins within 15 minutes, and every test connects from 127.0.0.1. Per
 * project the suite sends: login.spec (1) + rate-limit.spec (10) = 11, so 22 for
 * both projects. Keep any new wrong password within that budget (and keep
 * `retries: 0`, since a retry would spend it again). Wrong activation codes have
 * their own limit (20 per address): activation.spec spends 1 per project.
 */

export const PASSWORD = 'Jiangong2026';

/** Demo accounts printed by the seed (checked against `node build` start-up output). */
export const DEMO = {
	admin: { name: '周建国', phone: '13910007919', employeeNo: 'ZGH001' },
	officerDH: { name: '李秀英', phone: '13910015838', employeeNo: 'DH001' },
	officerXJ: { name: '白勇', phone: '13910023757', employeeNo: 'XJ001' },
	judge: { name: '田海涛', phone: '13910071271', employeeNo: '0050004' },
	worker: { name: '史立新', phone: '13910118785', employeeNo: '0050010' },
	chief: { name: '廖秀英', phone: '13911496691', employeeNo: '0360021' },
	judge2: { name: '郑立新', phone: '13911100741', employeeNo: '0300003' },
	// proposals: the finance role of 江城供电公司 and a colleague who reviews
	finance: { name: '贺梦琪', phone: '13910055433', employeeNo: '0050002' },
	reviewer: { name: '肖立新', employeeNo: '0050001' }
} as const;

/** A team of 江城供电公司工会 inside 东湖区总工会 (DH), from the deterministic seed. */
export const DH_TEAM = { code: 'DH-DL-T1', name: '带电作业一班' };
export const DH_WORKSHOP = { code: 'DH-DL-W1', name: '输电运检中心' };
export const XJ_ENTERPRISE = { code: 'XJ-DT', name: '江城地铁运营有限公司工会' };
/** A team of 江城地铁运营有限公司工会 (XJ), which the XJ officer looks after. */
export const XJ_TEAM = { name: '乘务一队' };

/**
 * A token unique to this project, test and run, usable in employee numbers and
 * unit codes ([A-Za-z0-9-]): e.g. "D3K9ZQ1A7X".
 */
export function uid(testInfo: TestInfo): string {
	const project = testInfo.project.name === 'phone' ? 'P' : 'D';
	const time = Date.now().toString(36).toUpperCase().slice(-6);
	const random = randomInt(36 ** 3).toString(36).toUpperCase().padStart(3, '0');
	return `${project}${time}${random}`;
}

/** A mobile number no seeded worker has (the seed uses 139…). */
export function uniquePhone(): string {
	return `15${String(randomInt(1e9)).padStart(9, '0')}`;
}

/** Path and query of the page's current URL. */
export function here(page: Page): string {
	const url = new URL(page.url());
	return url.pathname + url.search;
}

/** Chooses the option whose visible text (without the tree indentation) is `text`. */
export async function chooseOption(select: Locator, text: string): Promise<void> {
	const value = await select.evaluate((el, wanted) => {
		const option = [...(el as HTMLSelectElement).options].find((o) => (o.textContent ?? '').replace(/[\s\u3000]/g, '') === wanted);
		return option ? option.value : null;
	}, text);
	expect(value, `option "${text}"`).not.toBeNull();
	await select.selectOption(value!);
}

export async function signIn(page: Page, identifier: string, password = PASSWORD): Promise<void> {
	if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login');
	await page.getByRole('textbox', { name: '手机号或工号' }).fill(identifier);
	await page.getByRole('textbox', { name: '密码', exact: true }).fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page): Promise<void> {
	await clickToNewDocument(page, () => page.getByRole('button', { name: '退出' }).click());
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('link', { name: '登录' }).first()).toBeVisible();
}

/** A page in a fresh browser context (its own cookies), signed in as `identifier`. */
export async function pageAs(browser: Browser, baseURL: string | undefined, identifier: string, viewport?: { width: number; height: number }): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', ...(viewport ? { viewport } : {}) });
	await prepareContext(context);
	const page = waitForHydrationOnLoad(await context.newPage());
	await signIn(page, identifier);
	return page;
}

export interface NewWorker {
	id: number;
	name: string;
	employeeNo: string;
	phone: string;
}

/** The signed-in officer adds a worker to `unitName` on /officer/workers/new. */
export async function addWorker(page: Page, input: { name: string; employeeNo: string; phone: string; unitName?: string; trade?: string }): Promise<NewWorker> {
	await page.goto('/officer/workers/new');
	await expect(page.getByRole('heading', { level: 1, name: '新增职工' })).toBeVisible();
	await chooseOption(page.getByRole('combobox', { name: '单位' }), input.unitName ?? DH_TEAM.name);
	await page.getByRole('textbox', { name: '姓名' }).fill(input.name);
	await page.getByRole('textbox', { name: '工号' }).fill(input.employeeNo);
	await page.getByRole('combobox', { name: '性别' }).selectOption({ label: '男' });
	await page.getByRole('combobox', { name: '技能等级' }).selectOption({ label: '高级工' });
	await page.getByRole('textbox', { name: '工种' }).fill(input.trade ?? '电力线路工');
	await page.getByRole('textbox', { name: '手机号' }).fill(input.phone);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page).toHaveURL(/\/officer\/workers\/\d+\?created=1$/);
	await expect(page.getByRole('status').filter({ hasText: '职工已添加。' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(input.name);
	const id = Number(new URL(page.url()).pathname.split('/').pop());
	return { id, name: input.name, employeeNo: input.employeeNo, phone: input.phone };
}

/** On a worker's page, the officer issues an activation code; returns it as shown (ABCDE-FGHJK). */
export async function issueActivationCode(page: Page): Promise<string> {
	await page.getByRole('button', { name: '发放激活码' }).click();
	const issued = page.getByRole('status').filter({ hasText: '激活码已生成，请交给本人：' });
	await expect(issued).toBeVisible();
	const code = (await issued.locator('.code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
	return code;
}

/** Activates an account at /activate; the person lands signed in on /me?welcome=1. */
export async function activate(page: Page, employeeNo: string, code: string, password: string): Promise<void> {
	await page.goto('/activate');
	await page.getByRole('textbox', { name: '工号' }).fill(employeeNo);
	await page.getByRole('textbox', { name: '激活码' }).fill(code);
	await page.getByRole('textbox', { name: '新密码', exact: true }).fill(password);
	await page.getByRole('textbox', { name: '再次输入密码', exact: true }).fill(password);
	await page.getByRole('button', { name: '激活并登录' }).click();
	await expect(page).toHaveURL('/me?welcome=1');
	await expect(page.getByRole('status')).toHaveText('账号已激活，欢迎使用建功。');
}

/**
 * Makes a worker with an active account: the DH officer (or `where.officer`) adds the
 * worker to DH_TEAM (or `where.unitName`) and issues a code, then the worker
 * activates it. Leaves `page` signed in as the worker.
 */
export async function workerWithAccount(page: Page, testInfo: TestInfo, label: string, where: { officer?: string; unitName?: string } = {}): Promise<NewWorker & { password: string }> {
	const id = uid(testInfo);
	await signIn(page, where.officer ?? DEMO.officerDH.employeeNo);
	const worker = await addWorker(page, { name: `${label}${id.slice(-4)}`, employeeNo: `E${id}`, phone: uniquePhone(), unitName: where.unitName });
	const code = await issueActivationCode(page);
	await signOut(page);
	const password = `Pass${id}9`;
	await activate(page, worker.employeeNo, code, password);
	return { ...worker, password };
}

/** The page can be used at its width without scrolling sideways. */
export async function expectNoSideScroll(page: Page): Promise<void> {
	const width = page.viewportSize()!.width;
	const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
	expect(scrollWidth, `scrollWidth of ${here(page)} at ${width}px`).toBeLessThanOrEqual(width);
}

/**
 * `input` shows `message` as its error: marked invalid, with the message in an
 * element that `aria-describedby` names (so a screen reader reads it with the field).
 */
export async function expectFieldError(input: Locator, message: string): Promise<void> {
	await expect(input).toHaveAttribute('aria-invalid', 'true');
	const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
	const page = input.page();
	const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
	expect(texts.map((t) => t?.trim())).toContain(message);
	await expect(input).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

/** `input` has no error. */
export async function expectNoFieldError(input: Locator): Promise<void> {
	await expect(input).not.toHaveAttribute('aria-invalid', 'true');
}
