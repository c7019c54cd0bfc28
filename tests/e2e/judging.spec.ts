import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addWorker, DEMO, expectFieldError, expectNoSideScroll, pageAs, signIn, uid, uniquePhone } from './helpers';

/**
 * The judging journey of issue #3, end to end: an officer sets up a competition
 * with a two-stage event and a marking scheme, workers enter, lots are drawn,
 * three judges mark on a phone and two tablets, a recused judge is kept out, an
 * import with a bad row stores nothing, and the chief judge locks the stage.
 *
 * It drives its own viewports, so it runs once (in the desktop project).
 */
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const TABLET_LANDSCAPE = { width: 1180, height: 820 };

const day = (offset: number) => {
	const d = new Date(Date.now() + 8 * 3600_000); // the federation's calendar (UTC+8)
	d.setUTCDate(d.getUTCDate() + offset);
	return d.toISOString().slice(0, 10);
};

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: '已保存。' })).toBeVisible();

/**
 * Opens the <details> whose summary reads `text`. After an enhanced form the page's
 * data reloads and may re-render the element, so wait for quiet and make sure it
 * ends up open rather than toggling it blindly.
 */
async function openSummary(page: Page, text: string) {
	await page.waitForLoadState('networkidle');
	const summary = page.locator('summary', { hasText: text }).first();
	const details = summary.locator('xpath=..');
	const isOpen = () => details.evaluate((d) => (d as HTMLDetailsElement).open);
	await expect(async () => {
		if (!(await isOpen())) await summary.click();
		// still open a moment later: no re-render closed it again
		await page.waitForTimeout(250);
		expect(await isOpen()).toBe(true);
	}).toPass({ timeout: 10_000 });
}

/** A judge's stage page for this competition, from their panel list. */
async function openStage(page: Page, competition: string, stage: string) {
	await page.goto('/judge');
	const panel = page.locator('section.card').filter({ hasText: competition });
	await panel.getByRole('link', { name: stage }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(stage);
}

async function markSheet(page: Page, code: string, finish: string, part: string, opts: { keyboard?: boolean } = {}) {
	await page.getByRole('link', { name: new RegExp(`^${code}`) }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
	await page.locator('label.choice').filter({ has: page.getByRole('radio', { name: new RegExp(`^${finish}`) }) }).click();
	const input = page.getByRole('textbox', { name: '完成度' });
	await input.fill(part);
	if (opts.keyboard) {
		// fast keyboard entry: Enter moves on to the submit button, Enter again submits
		await input.press('Enter');
		await expect(page.getByRole('button', { name: '提交评分表' })).toBeFocused();
		await page.keyboard.press('Enter');
	} else {
		await page.getByRole('button', { name: '提交评分表' }).click();
	}
	await expect(page.getByRole('status').filter({ hasText: '评分表已提交。' })).toBeVisible();
	await expect(page.locator('.badge.big')).toHaveText('已提交');
	await page.getByRole('link', { name: '返回列表' }).click();
}

const tile = (page: Page, code: string): Locator => page.locator('.tile').filter({ hasText: code });

test('an officer sets up a two-stage event, workers enter, three judges mark blind, the chief judge locks', async ({ page, browser, baseURL }, testInfo) => {
	test.skip(testInfo.project.name !== 'desktop', 'the journey drives its own phone and tablet viewports');
	test.setTimeout(240_000);
	const id = uid(testInfo);
	const title = `第七届职工技能大赛${id.slice(-5)}`;
	const scheme = `焊接评分标准${id.slice(-4)}`;
	const eventName = `焊工${id.slice(-4)}`;

	/* --- the officer sets up the competition --- */
	await signIn(page, DEMO.officerDH.employeeNo);
	const entrantA = await addWorker(page, { name: `选手甲${id.slice(-4)}`, employeeNo: `A${id}`, phone: uniquePhone(), trade: '焊工' });
	const entrantB = await addWorker(page, { name: `选手乙${id.slice(-4)}`, employeeNo: `B${id}`, phone: uniquePhone(), trade: '焊工', unitName: '转炉甲班' });

	await page.goto('/officer/competitions');
	await page.getByRole('textbox', { name: '竞赛名称' }).fill(title);
	await page.getByRole('combobox', { name: '竞赛类型' }).selectOption({ label: '职业技能竞赛 / 技术比武' });
	await page.getByLabel('开始日期').fill(day(0));
	await page.getByLabel('结束日期').fill(day(30));
	await page.getByLabel('报名开始').fill(day(-1));
	// a registration that closes before it opens is refused next to the field, nothing stored
	await page.getByLabel('报名截止').fill(day(-2));
	await page.getByRole('button', { name: '创建竞赛' }).click();
	await expectFieldError(page.getByLabel('报名截止'), '报名截止不能早于报名开始');
	await page.getByLabel('报名截止').fill(day(10));
	await page.getByRole('button', { name: '创建竞赛' }).click();
	await expect(page).toHaveURL(/\/officer\/competitions\/\d+\?created=1$/);
	const competitionUrl = new URL(page.url()).pathname;

	// the marking scheme: one module, a judgement aspect and a scored element
	await openSummary(page, '新建评分标准');
	await page.getByRole('textbox', { name: '评分标准名称' }).fill(scheme);
	await page.getByRole('button', { name: '创建评分标准' }).click();
	await expect(page).toHaveURL(/\/officer\/schemes\/\d+$/);
	await page.getByRole('textbox', { name: '模块名称' }).fill('操作技能');
	await page.getByRole('textbox', { name: '权重（%）' }).fill('100');
	await page.getByRole('button', { name: '添加模块' }).click();
	await saved(page);
	await page.getByRole('textbox', { name: '新评分项' }).fill('平板对接焊');
	await page.getByRole('button', { name: '添加评分项' }).click();
	await saved(page);
	await openSummary(page, '添加评分点');
	await page.getByRole('textbox', { name: '评分点' }).fill('焊缝外观');
	await page.getByRole('textbox', { name: '满分（评为 3 时得分）' }).fill('30');
	for (const [i, text] of ['明显缺陷', '基本合格', '良好', '优秀'].entries()) await page.getByRole('textbox', { name: `${i} 分` }).fill(text);
	await page.getByRole('button', { name: '添加评分点' }).click();
	await saved(page);
	await openSummary(page, '添加评分点');
	await page.getByRole('combobox', { name: '评分方式' }).selectOption({ label: '评分动作' });
	await page.getByRole('textbox', { name: '评分点' }).fill('完成度');
	await page.getByRole('textbox', { name: '分值上限' }).fill('10');
	await page.getByRole('textbox', { name: '步长' }).fill('0.5');
	await page.getByRole('textbox', { name: '默认难度系数' }).fill('7');
	await page.getByRole('button', { name: '添加评分点' }).click();
	await saved(page);
	await expect(page.getByRole('cell', { name: 'A1.1' })).toBeVisible();
	await expect(page.getByRole('cell', { name: 'A1.2' })).toBeVisible();

	// the event with two stages
	await page.goto(competitionUrl);
	await page.getByRole('textbox', { name: '项目名称（工种）' }).fill(eventName);
	await page.getByRole('textbox', { name: '参赛编号前缀' }).fill('h');
	await page.getByRole('button', { name: '添加', exact: true }).click();
	await expect(page).toHaveURL(/\/officer\/events\/\d+$/);
	const eventUrl = new URL(page.url()).pathname;
	await page.getByRole('textbox', { name: '新赛段' }).fill('决赛');
	await page.getByRole('button', { name: '添加赛段' }).click();
	await saved(page);
	const first = page.locator('section').filter({ has: page.getByRole('heading', { name: /^1\. 初赛/ }) });
	await first.locator('summary', { hasText: '赛段设置' }).click();
	await first.getByRole('combobox', { name: '评分标准' }).selectOption({ label: `${scheme} v1` });
	await first.getByRole('combobox', { name: '晋级' }).selectOption({ label: '前 N 名晋级' });
	await first.getByRole('textbox', { name: '晋级名额 N' }).fill('2');
	await first.getByRole('button', { name: '保存' }).click();
	await saved(page);
	await expect(first).toContainText('前 2 名晋级');
	const second = page.locator('section').filter({ has: page.getByRole('heading', { name: /^2\. 决赛/ }) });
	await second.locator('summary', { hasText: '赛段设置' }).click();
	await second.getByRole('combobox', { name: '评分标准' }).selectOption({ label: `${scheme} v1` });
	await second.getByRole('combobox', { name: '上一赛段成绩' }).selectOption({ label: '全部带入' });
	await second.getByRole('button', { name: '保存' }).click();
	await saved(page);
	await expect(second).toContainText('全部带入');

	// the panel: seats 1–3 and the chief judge
	// each appointment is waited for by the list growing: the 已保存 notice from the last one is still showing
	for (const [i, judge] of [DEMO.admin, DEMO.officerXJ, DEMO.judge].entries()) {
		await page.getByRole('textbox', { name: '裁判的手机号或工号' }).fill(judge.phone);
		await page.getByRole('button', { name: '选派' }).click();
		await saved(page);
		await expect(page.locator('.judges li')).toHaveCount(i + 1);
	}
	await page.getByRole('textbox', { name: '裁判的手机号或工号' }).fill(DEMO.chief.phone);
	await page.getByRole('checkbox', { name: '担任裁判长' }).check();
	await page.getByRole('button', { name: '选派' }).click();
	await saved(page);
	await expect(page.locator('.judges li')).toHaveText([/1 号裁判\s*周建国/, /2 号裁判\s*白勇/, /3 号裁判\s*田海涛/, /4 号裁判\s*廖秀英.*裁判长/]);

	await page.goto(competitionUrl);
	await page.getByRole('button', { name: '开放报名' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('报名中');

	/* --- a worker enters on a phone --- */
	const worker = await pageAs(browser, baseURL, DEMO.worker.employeeNo, PHONE);
	await worker.goto('/contests');
	const card = worker.locator('section.card').filter({ hasText: title });
	await card.getByRole('button', { name: '报名参赛' }).click();
	await expect(worker.getByRole('status')).toHaveText('报名已提交，等待工会审核');
	await expect(card).toContainText('待审核');
	await expectNoSideScroll(worker);

	/* --- the officer approves, enters two more workers and draws lots --- */
	await page.goto(eventUrl);
	await page.getByRole('row').filter({ hasText: DEMO.worker.name }).getByRole('button', { name: '通过' }).click();
	await expect(page.getByRole('row').filter({ hasText: DEMO.worker.name })).toContainText('已通过');
	await page.getByRole('searchbox', { name: '查询' }).fill(id.slice(-4));
	await page.getByRole('button', { name: '查询' }).click();
	await page.getByRole('checkbox', { name: new RegExp(entrantA.name) }).check();
	await page.getByRole('checkbox', { name: new RegExp(entrantB.name) }).check();
	await page.getByRole('button', { name: '报名', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('已报名 2 人次');

	await page.goto(competitionUrl);
	await page.getByRole('button', { name: '开始比赛' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('比赛中');
	await page.goto(eventUrl);
	await page.getByRole('button', { name: '抽签生成参赛编号' }).click();
	await expect(page.getByRole('status')).toContainText('抽签完成');
	const codeOf = async (name: string) => (await page.getByRole('row').filter({ hasText: name }).getByRole('cell').first().textContent())!.trim();
	const codes = { worker: await codeOf(DEMO.worker.name), a: await codeOf(entrantA.name), b: await codeOf(entrantB.name) };
	expect(Object.values(codes).sort()).toEqual(['H01', 'H02', 'H03']);
	await first.getByRole('button', { name: '开始评分' }).click();
	await expect(page.getByRole('status')).toHaveText('已开始评分：3 个参赛编号');

	/* --- judge 3 works in 江城供电公司 (like the worker and 选手甲): a phone, one entry to mark --- */
	const tian = await pageAs(browser, baseURL, DEMO.judge.employeeNo, PHONE);
	await openStage(tian, title, '初赛');
	await expect(tile(tian, codes.worker)).toContainText('回避');
	await expect(tile(tian, codes.a)).toContainText('回避');
	await expect(tian.getByText(DEMO.worker.name)).toHaveCount(0); // blind: codes only
	await expectNoSideScroll(tian);

	/* --- judge 1 on a tablet sees every entry and marks by keyboard --- */
	const zhou = await pageAs(browser, baseURL, DEMO.admin.employeeNo, TABLET);
	await openStage(zhou, title, '初赛');
	const conflictedHref = await zhou.getByRole('link', { name: new RegExp(`^${codes.worker}`) }).getAttribute('href');
	// the recused judge cannot open the conflicted entry, even by its address
	const refused = await tian.goto(conflictedHref!);
	expect(refused?.status()).toBe(403);
	await expect(tian.getByText('您与该参赛选手存在回避关系，不能评分')).toBeVisible();
	await openStage(tian, title, '初赛');
	await markSheet(tian, codes.b, '2', '8.5');

	await markSheet(zhou, codes.worker, '3', '9', { keyboard: true });
	await markSheet(zhou, codes.a, '2', '7.5', { keyboard: true });
	await markSheet(zhou, codes.b, '2', '8', { keyboard: true });

	/* --- the chief judge tries to import judge 2's marks from a file with one bad row --- */
	const chief = await pageAs(browser, baseURL, DEMO.chief.employeeNo);
	await openStage(chief, title, '初赛');
	await chief.getByRole('link', { name: '导入评分' }).click();
	const rows = ['裁判席位号,参赛编号,评分点编码,分数,难度系数', `2,${codes.worker},A1.1,3,`, `2,${codes.worker},A1.2,9,`, `2,${codes.a},A1.1,2,`, `2,${codes.a},A1.2,11,`];
	await chief.getByLabel('评分文件').setInputFiles({ name: 'marks.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n'), 'utf8') });
	await chief.getByRole('button', { name: '检查并导入' }).click();
	await expect(chief.getByRole('heading', { level: 2 })).toHaveText('文件有 1 处错误，未导入');
	await expect(chief.getByRole('row').nth(1).getByRole('cell')).toHaveText(['5', 'A1.2：分数须在 0 到 10 之间']);

	/* --- judge 2 on a landscape tablet: nothing was imported; a bad mark is refused; the draft survives losing the connection --- */
	const bai = await pageAs(browser, baseURL, DEMO.officerXJ.employeeNo, TABLET_LANDSCAPE);
	await openStage(bai, title, '初赛');
	for (const code of Object.values(codes)) await expect(tile(bai, code)).toContainText('未评分');
	await bai.getByRole('link', { name: new RegExp(`^${codes.worker}`) }).click();
	const part = bai.getByRole('textbox', { name: '完成度' });
	await part.fill('8.3');
	await expectFieldError(part, '分数须是 0.5 的整数倍');
	await bai.context().setOffline(true);
	await bai.locator('label.choice').filter({ has: bai.getByRole('radio', { name: /^3/ }) }).click();
	await part.fill('9.5');
	await expect(bai.getByRole('status').filter({ hasText: '网络断开' })).toBeVisible();
	await bai.context().setOffline(false);
	await expect(bai.getByRole('status').filter({ hasText: '草稿已保存到服务器' })).toBeVisible();
	await bai.reload();
	await expect(bai.getByRole('textbox', { name: '完成度' })).toHaveValue('9.5');
	await expect(bai.locator('.badge.big')).toHaveText('草稿');
	await bai.getByRole('button', { name: '提交评分表' }).click();
	await expect(bai.getByRole('status').filter({ hasText: '评分表已提交。' })).toBeVisible();
	await bai.getByRole('link', { name: '返回列表' }).click();
	await markSheet(bai, codes.a, '2', '8');
	await markSheet(bai, codes.b, '3', '8');

	/* --- the chief judge signs off --- */
	await openStage(chief, title, '初赛');
	await expect(chief.locator('table.grid').getByRole('row').filter({ hasText: codes.b }).getByRole('cell').last()).toHaveText('已完成');
	await chief.getByRole('button', { name: '确认并锁定赛段' }).click();
	await expect(chief.getByRole('status')).toHaveText('赛段已锁定，7 份评分表已确认');
	// worker: 3,3 → 30; 9,9.5 → 9.25 × 7 = 64.75 → 94.75
	// 选手甲: 2,2 → 20; 7.5,8 → 7.75 × 7 = 54.25 → 74.25
	// 选手乙: 2,2,3 → 7/3 /3 × 30 = 23.333…; 8.5,8,8 → 24.5/3 × 7 = 57.1666… → 80.50
	const standings = chief.locator('table.standings tbody tr');
	await expect(standings).toHaveCount(3);
	await expect(standings.nth(0).getByRole('cell')).toHaveText(['1', codes.worker, '94.75', '94.75']);
	await expect(standings.nth(1).getByRole('cell')).toHaveText(['2', codes.b, '80.50', '80.50']);
	await expect(standings.nth(2).getByRole('cell')).toHaveText(['3', codes.a, '74.25', '74.25']);

	/* --- the officer sees names and sends the top two on to the final --- */
	await page.goto(eventUrl);
	await first.getByRole('button', { name: '确定晋级名单' }).click();
	await expect(page.getByRole('status')).toHaveText('2 个参赛编号晋级下一赛段');
	await first.getByRole('link', { name: '成绩与评分进度' }).click();
	await expect(page.getByRole('row').filter({ hasText: codes.worker })).toContainText(DEMO.worker.name);

	for (const p of [worker, tian, zhou, chief, bai]) await p.context().close();
});

test('the draft-saving endpoint answers bad input with 400, a recused entry with 403 and a stranger with 401 — never 500', async ({ page, browser, baseURL, playwright }) => {
	// the chief judge's grid tells which demo entries judge 1 (田海涛) is recused from
	const chief = await pageAs(browser, baseURL, DEMO.chief.employeeNo);
	await chief.goto('/judge/stages/1');
	const rows = chief.locator('table.grid tbody tr');
	const recused = rows.filter({ has: chief.locator('td').first().filter({ hasText: '回避' }) }).first();
	const open = rows.filter({ has: chief.locator('td').first().filter({ hasText: '未评分' }) }).first();
	const idOf = async (row: Locator) => Number((await row.getByRole('link').getAttribute('href'))!.split('/').pop());
	const [recusedId, openId] = [await idOf(recused), await idOf(open)];
	await chief.context().close();

	await signIn(page, DEMO.judge.employeeNo);
	const put = (entryId: number, data: unknown) => page.request.put(`/api/sheets/1/${entryId}`, { data: typeof data === 'string' ? data : JSON.stringify(data), headers: { 'content-type': 'application/json' } });
	expect((await put(openId, '{not json')).status()).toBe(400);
	expect((await put(openId, { version: 'x', marks: {} })).status()).toBe(400);
	expect((await put(openId, { version: null, marks: { '1': 'x'.repeat(100) } })).status()).toBe(400);
	const offStep = await put(openId, { version: null, marks: { '3': '0.3' } });
	expect(offStep.status()).toBe(400);
	expect(Object.values((await offStep.json()).errors)).toEqual(['分数须是 0.5 的整数倍']);
	const refused = await put(recusedId, { version: null, marks: {} });
	expect(refused.status()).toBe(403);
	expect((await refused.json()).message).toBe('您与该参赛选手存在回避关系，不能评分');
	const stranger = await playwright.request.newContext({ baseURL });
	expect((await stranger.put(`/api/sheets/1/${openId}`, { data: JSON.stringify({ version: null, marks: {} }), headers: { 'content-type': 'application/json' } })).status()).toBe(401);
	await stranger.dispose();
});
