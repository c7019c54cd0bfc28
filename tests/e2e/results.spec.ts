import type { Page } from '@playwright/test';
import QRCode from 'qrcode';
import { expect, test } from './fixtures';
import { DEMO, expectFieldError, expectNoSideScroll, pageAs } from './helpers';

/**
 * The results journey of issue #4, end to end, on the demo contest: the officer
 * publishes the linemen's final for notice (公示); the entrant files an appeal on a
 * phone; the chief judge upholds it and a judge re-marks the sheet; the notice
 * updates when the stage is locked again; the officer finalises; the certificate
 * prints and its QR code opens the public verification page. Then the venue screen
 * follows the electricians' first stage live without reloading, and freezes (封榜):
 * a second browser keeps the frozen public view while the jury view moves on.
 *
 * It drives its own viewports and changes demo records, so it runs once (desktop).
 */
const PHONE = { width: 390, height: 844 };
const CONTEST = '东湖区第六届职工职业技能大赛';

/** A datetime-local value in Beijing time, `minutes` from now. */
const beijing = (minutes: number) => new Date(Date.now() + 8 * 3600_000 + minutes * 60_000).toISOString().slice(0, 16);

/** A judge's sheet for `code` in the stage open on `page`: pick the judgement, fill the numbers, submit. */
async function submitSheet(page: Page, code: string, marks: { judgement?: string; numbers: Record<string, string> }) {
	await page.getByRole('link', { name: new RegExp(`^${code}`) }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
	if (marks.judgement) await page.locator('label.choice').filter({ has: page.getByRole('radio', { name: new RegExp(`^${marks.judgement}`) }) }).first().click();
	for (const [name, value] of Object.entries(marks.numbers)) await page.getByRole('textbox', { name }).fill(value);
	await page.getByRole('button', { name: '提交评分表' }).click();
	await expect(page.getByRole('status').filter({ hasText: '评分表已提交。' })).toBeVisible();
	await page.getByRole('link', { name: '返回列表' }).click();
}

async function openJudgeStage(page: Page, event: string, stage: string) {
	await page.goto('/judge');
	const panel = page.locator('section.card').filter({ hasText: CONTEST }).filter({ has: page.getByRole('heading', { name: new RegExp(`^${event}\\s`) }) });
	await panel.getByRole('link', { name: stage }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${event} · ${stage}`);
}

test.skip(({ isMobile }) => isMobile, 'one run drives every viewport itself');

test('publish for notice, appeal, ruling and re-mark, finalise, certificate and QR verification', async ({ page, browser, baseURL }) => {
	test.setTimeout(240_000);
	/* --- the officer publishes the linemen's final for notice --- */
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	await officer.goto('/officer/competitions');
	await officer.getByRole('link', { name: CONTEST }).click();
	await officer.getByRole('link', { name: '电力线路工', exact: true }).click();
	await officer.getByRole('link', { name: '成绩发布与申诉' }).click();
	await expect(officer.getByRole('heading', { level: 1 })).toHaveText(/成绩发布 · 电力线路工 · 决赛/);
	const deskUrl = officer.url();
	// a notice that ends before it starts is refused beside the field, and nothing is published
	await officer.getByLabel('公示开始').fill(beijing(0));
	await officer.getByLabel('公示截止').fill(beijing(-60));
	await officer.getByRole('button', { name: '发布公示' }).click();
	await expectFieldError(officer.getByLabel('公示截止'), '公示截止时间须晚于开始时间至少 1 小时');
	// a notice of an hour that ends in two minutes, so the journey can wait for its end
	const noticeEnds = beijing(2);
	await officer.getByLabel('公示开始').fill(beijing(-59));
	await officer.getByLabel('公示截止').fill(noticeEnds);
	await officer.getByRole('button', { name: '发布公示' }).click();
	await expect(officer.getByRole('status')).toHaveText('已公示 9 名参赛者的成绩');
	await expect(officer.getByText(/公示期：.* 至 .*（第 1 版公示）/)).toBeVisible();

	/* --- the entrant reads the notice on a phone and appeals --- */
	const worker = await pageAs(browser, baseURL, DEMO.worker.employeeNo, PHONE);
	await worker.goto('/contests');
	const mine = worker.locator('section.card').filter({ hasText: '我的成绩与证书' });
	await expect(mine).toContainText('电力线路工 · 决赛');
	await mine.getByRole('link', { name: '申诉' }).click();
	await expect(worker.getByRole('heading', { level: 1 })).toHaveText('提交申诉');
	const code = (await worker.getByText(/申诉对象：参赛编号 L\d\d/).textContent())!.match(/L\d\d/)![0];
	const before = (await worker.getByText(/总分 [\d.]+/).textContent())!.match(/总分 ([\d.]+)/)![1];
	await worker.getByRole('button', { name: '提交申诉' }).click();
	await expectFieldError(worker.getByRole('textbox', { name: '申诉理由' }), '此项必填');
	await worker.getByRole('textbox', { name: '申诉理由' }).fill('功能调试一项的评分与现场记录不符，请复核 2 号裁判的评分。');
	await worker.getByLabel('附件（可选）').setInputFiles({ name: '现场记录.png', mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]) });
	await worker.getByRole('button', { name: '提交申诉' }).click();
	await expect(worker.getByRole('status')).toHaveText('申诉已提交，裁判长或仲裁组将作出书面裁决。');
	await expect(worker.getByRole('row').filter({ hasText: code })).toContainText('复核中');
	await expectNoSideScroll(worker);
	// a second appeal on the same result is refused
	await worker.goBack();
	await worker.reload();
	await expect(worker.getByRole('status')).toHaveText(/已对该成绩提交过申诉/);
	await expect(worker.getByRole('button', { name: '提交申诉' })).toHaveCount(0);

	/* --- the chief judge upholds the appeal and reopens judge 2's sheet --- */
	const chief = await pageAs(browser, baseURL, DEMO.chief.employeeNo);
	await chief.goto(deskUrl);
	const appeal = chief.locator('.appeals li').filter({ hasText: code });
	await expect(appeal).toContainText('待裁决');
	await expect(appeal.getByRole('link', { name: /现场记录\.png/ })).toBeVisible();
	await appeal.getByRole('radio', { name: '申诉成立，重开评分表复核' }).check();
	await appeal.getByRole('checkbox', { name: '2 号裁判' }).check();
	await appeal.getByRole('textbox', { name: '裁决意见' }).fill('经查看现场录像，功能调试第二项未完成，2 号裁判重新评分。');
	await appeal.getByRole('button', { name: '提交裁决' }).click();
	await expect(chief.getByRole('status')).toHaveText('申诉成立，已重开 1 张评分表');
	// the public notice does not change while the sheet is re-marked
	const publicPage = await browser.newPage();
	await publicPage.goto(deskUrl.replace(/\/stages\/(\d+)\/results$/, '/results/stages/$1'));
	await expect(publicPage.getByRole('row').filter({ hasText: code }).locator('td.total')).toHaveText(before);

	/* --- judge 2 re-marks; the chief judge locks the stage again; the notice updates --- */
	const judge2 = await pageAs(browser, baseURL, DEMO.judge2.employeeNo);
	await openJudgeStage(judge2, '电力线路工', '决赛');
	await submitSheet(judge2, code, { numbers: { 功能调试: '3' } });
	await openJudgeStage(chief, '电力线路工', '决赛');
	await chief.getByRole('button', { name: '确认并锁定赛段' }).click();
	await expect(chief.getByRole('status')).toContainText('锁定');
	await publicPage.reload();
	const after = (await publicPage.getByRole('row').filter({ hasText: code }).locator('td.total').textContent())!.trim();
	expect(Number(after)).toBeLessThan(Number(before));
	await expect(publicPage.getByText('经申诉复核，本公示已更新（第 2 版）。')).toBeVisible();

	/* --- finalising waits for the notice to end (appeals too: the late one is refused) --- */
	// the organiser's officer may appeal for any entrant of the district while the notice runs
	await officer.goto(publicPage.url());
	const lateAppeal = (await officer.getByRole('row').filter({ hasNotText: code }).getByRole('link', { name: '申诉' }).first().getAttribute('href'))!;
	await officer.goto(deskUrl);
	await officer.getByRole('button', { name: '终审发布' }).click();
	await expect(officer.getByRole('alert')).toHaveText('公示期尚未结束，不能终审');
	await officer.waitForTimeout(Math.max(0, Date.parse(`${noticeEnds}:00+08:00`) - Date.now() + 500));
	await officer.goto(lateAppeal);
	await expect(officer.getByRole('alert')).toHaveText('公示期已结束，不再受理申诉');
	await expect(officer.getByRole('button', { name: '提交申诉' })).toHaveCount(0);
	await officer.goto(deskUrl);
	await officer.getByRole('button', { name: '终审发布' }).click();
	await expect(officer.getByRole('status')).toHaveText(/成绩已终审，颁发奖项 \d+ 个/);
	await publicPage.reload();
	await expect(publicPage.getByRole('heading', { level: 1 })).toContainText('已终审');
	await expect(publicPage.getByRole('row').filter({ hasText: code })).toContainText(DEMO.worker.name); // names once final

	/* --- the first prize's certificate prints, and its QR code verifies --- */
	await officer.reload();
	const first = officer.getByRole('row').filter({ hasText: '一等奖' }).first();
	await first.getByRole('link', { name: '打印证书' }).click();
	await expect(officer.getByRole('heading', { level: 1 })).toHaveText('荣誉证书');
	const verifyUrl = (await officer.locator('.url').textContent())!.trim();
	expect(verifyUrl).toMatch(/\/verify\/[A-Z0-9]{10}$/);
	// the QR code is exactly the code of the printed verification address
	const modules = (svg: string) => [...svg.matchAll(/ d="([^"]+)"/g)].map((x) => x[1]);
	const drawn = await officer.locator('.qr svg').evaluate((el) => el.outerHTML);
	const expected = await QRCode.toString(verifyUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
	expect(modules(drawn)).toEqual(modules(expected));
	expect(modules(drawn)[1].length).toBeGreaterThan(100);
	await officer.emulateMedia({ media: 'print' });
	await expect(officer.locator('header.shell')).toBeHidden();
	await expect(officer.getByRole('button', { name: '打印证书' })).toBeHidden();
	const pdf = await officer.pdf({ preferCSSPageSize: true });
	expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
	await officer.emulateMedia({ media: 'screen' });
	const phone = await browser.newPage({ viewport: PHONE });
	await phone.goto(new URL(verifyUrl).pathname);
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('证书真实有效');
	await expect(phone.getByRole('status')).toContainText('现行有效');
	await expect(phone.locator('dl')).toContainText('一等奖');
	// a forged code is told apart
	await phone.goto('/verify/ABCDE23456');
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('查无此证');
	await expect(phone.getByRole('alert')).toContainText('未找到编号为 ABCDE23456 的证书');
	await expectNoSideScroll(phone);

	for (const p of [officer, worker, chief, judge2, publicPage, phone]) await p.context().close();
});

test('the venue screen follows submitted sheets without reloading; when frozen the public view stays while the jury view moves', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await screen.goto('/screen/events/1');
	await expect(screen.locator('.screen')).toHaveAttribute('data-connected', 'yes');
	await screen.evaluate(() => ((window as unknown as { marker: string }).marker = 'no reload'));
	const row = (page: Page, code: string) => page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: code, exact: true }) });

	// 田海涛 (seat 1) has not marked yet: an entry waiting only for him completes when he submits
	const tian = await pageAs(browser, baseURL, DEMO.judge.employeeNo);
	await openJudgeStage(tian, '电工', '初赛');
	const waiting = await screen.locator('tbody tr').filter({ hasText: '评分中 4/5' }).getByRole('rowheader').allTextContents();
	const open = await tian.locator('a.tile').allTextContents();
	const [target, later] = waiting.map((c) => c.trim()).filter((c) => open.some((t) => t.includes(c)));
	expect(target, 'an entry waiting only for judge 1').toBeTruthy();
	const scored = Number((await screen.getByText(/已完成评分 \d+ \/ 12/).textContent())!.match(/(\d+) \//)![1]);
	await submitSheet(tian, target, { judgement: '2', numbers: { 功能调试: '8', 故障排查: '8', 违规操作扣分: '0' } });
	await expect(row(screen, target).locator('td.num')).toHaveText(/^\d+\.\d\d$/, { timeout: 2_500 });
	await expect(screen.getByText(`已完成评分 ${scored + 1} / 12`)).toBeVisible();
	expect(await screen.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('no reload');

	/* --- the officer freezes the board (封榜) --- */
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	await officer.goto('/stages/1/results');
	await officer.getByRole('button', { name: '封榜' }).click();
	await expect(officer.getByRole('status')).toHaveText('已封榜：公众和大屏停在当前排名');
	await expect(screen.getByRole('status')).toContainText('已封榜', { timeout: 2_500 });
	// a second browser opening the public screen now sees the frozen board too
	const second = await browser.newPage();
	await second.goto('/screen/events/1');
	await expect(second.getByRole('status')).toContainText('已封榜');
	const frozenText = await row(second, later).textContent();
	// the jury view stays live
	await officer.goto('/stages/1/live');
	await expect(officer.locator('[data-connected]')).toHaveAttribute('data-connected', 'yes');
	await expect(officer.getByText(/公众与大屏已于 .* 封榜/)).toBeVisible();
	const juryBefore = await row(officer, later).textContent();
	await openJudgeStage(tian, '电工', '初赛');
	await submitSheet(tian, later, { judgement: '2', numbers: { 功能调试: '8', 故障排查: '8', 违规操作扣分: '0' } });
	await expect(row(officer, later)).not.toHaveText(juryBefore!, { timeout: 2_500 });
	await expect(officer.getByText(`已完成评分 ${scored + 2} / 12`)).toBeVisible();
	// the public screens do not move
	await second.waitForTimeout(1_500);
	await expect(row(second, later)).toHaveText(frozenText!);
	await expect(row(screen, later)).toHaveText(frozenText!);
	await expect(screen.getByText(`已完成评分 ${scored + 1} / 12`)).toBeVisible();
	await second.reload();
	await expect(row(second, later)).toHaveText(frozenText!);

	/* --- unfreezing lets the public see the standings again --- */
	await officer.goto('/stages/1/results');
	await officer.getByRole('button', { name: '解除封榜' }).click();
	await expect(screen.getByText(`已完成评分 ${scored + 2} / 12`)).toBeVisible({ timeout: 2_500 });
	expect(await screen.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('no reload');
	for (const p of [screen, tian, officer, second]) await p.context().close();
});
