import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO, expectFieldError, expectNoSideScroll, pageAs } from './helpers';

/**
 * The proposals journey of issue #5: a worker on a phone submits with a co-proposer
 * and a photo, and sees a similar proposal suggested; the officer assigns reviewers;
 * both score; a rejection without a reason is refused; the proposal is adopted,
 * implemented and tried; the officer calculates the benefit and finance confirms it;
 * the reward is split and shown to both proposers; the public summary counts it.
 *
 * It drives its own viewports and adds to the demo records, so it runs once (desktop).
 */
const PHONE = { width: 390, height: 844 };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f4a3a40000000049454e44ae426082', 'hex');
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The public summary's headline figure labelled `label`. */
async function figure(page: Page, label: string): Promise<number> {
	await page.goto('/proposals');
	const text = await page.getByRole('list', { name: '年度数据' }).getByRole('listitem').filter({ hasText: label }).first().locator('strong').textContent();
	return Number(text);
}

async function score(page: Page, marks: [string, string, string, string]) {
	const names = ['创新性（0–30）', '可行性（0–25）', '效益（0–25）', '推广价值（0–20）'];
	for (let i = 0; i < 4; i++) await page.getByLabel(names[i]).fill(marks[i]);
	await page.getByRole('radio', { name: '建议采纳' }).check();
	await page.getByRole('button', { name: '提交评分' }).click();
	await expect(page.getByRole('heading', { name: '修改我的评分' })).toBeVisible();
}

test.skip(({ isMobile }) => isMobile, 'one run drives every viewport itself');

test('submit on a phone with a co-proposer and a photo, review, adopt, confirm the benefit, split the reward', async ({ page, browser, baseURL }) => {
	test.setTimeout(180_000);
	const submittedBefore = await figure(page, '提交');
	const adoptedBefore = await figure(page, '采纳');

	/* --- the worker, on a phone --- */
	const worker = await pageAs(browser, baseURL, DEMO.worker.employeeNo, PHONE);
	await worker.goto('/proposals/mine');
	await worker.getByRole('link', { name: '提合理化建议' }).click();
	await worker.getByLabel('类别').selectOption({ label: '安全生产' });
	const title = '巡检机器人充电桩加装防雨罩';
	await worker.getByLabel('标题').pressSequentially(title, { delay: 20 });
	// a proposal of the same enterprise with a word in common is suggested while typing
	const similar = worker.getByRole('complementary', { name: '已有相似建议' });
	await expect(similar).toContainText('配电房巡检记录电子化');
	await worker.getByLabel('现状与问题').fill('变电站巡检机器人充电桩露天安装，雨天多次因进水跳闸，机器人无法回充。');
	await worker.getByLabel('建议措施').fill('为充电桩加装不锈钢防雨罩，底部留通风口，接口处加密封圈。');
	await worker.getByLabel('史立新 的贡献比例').fill('60');
	await worker.getByLabel('第 1 位共同建议人的工号').fill(DEMO.judge.employeeNo);
	await worker.getByLabel('第 1 位共同建议人的贡献比例').fill('30');
	await expect(worker.getByText('田海涛')).toBeVisible();
	// a script named like a photo, and shares totalling 90 %: both refused, nothing stored
	await worker.getByLabel('附件（照片、PDF）').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<script>alert(1)</script>') });
	await worker.getByRole('button', { name: '提交建议' }).click();
	await expect(worker.getByRole('alert').filter({ hasText: '贡献比例合计须为 100%，现为 90%' })).toBeVisible();
	await expectFieldError(worker.getByLabel('附件（照片、PDF）'), '「photo.jpg」不是图片（JPG/PNG/WebP）或 PDF 文件');
	await expect(worker.getByLabel('标题')).toHaveValue(title);
	await worker.getByLabel('第 1 位共同建议人的贡献比例').fill('40');
	await worker.getByLabel('附件（照片、PDF）').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
	await worker.getByRole('button', { name: '提交建议' }).click();
	const notice = worker.getByRole('status').filter({ hasText: '已提交，编号' });
	await expect(notice).toBeVisible();
	const serial = (await notice.textContent())!.match(/DH-DL-\d{4}-\d{4}/)![0];
	await expect(worker.getByRole('img', { name: '现场照片.png' })).toBeVisible();
	await expectNoSideScroll(worker);
	const proposalUrl = new URL(worker.url()).pathname;

	/* --- the officer finds it in the queue and assigns two reviewers (herself and a colleague) --- */
	const officer = await pageAs(browser, baseURL, DEMO.officerDH.employeeNo);
	await officer.goto(`/officer/proposals?q=${encodeURIComponent('防雨')}`);
	await expect(officer.getByRole('status').filter({ hasText: '共 1 条' })).toBeVisible();
	await officer.getByRole('link', { name: title }).click();
	await expect(officer.getByRole('heading', { level: 1 })).toHaveText(title);
	await officer.getByLabel('评审人工号').fill(`${DEMO.reviewer.employeeNo} ${DEMO.officerDH.employeeNo}`);
	await officer.getByRole('button', { name: '分配评审' }).click();
	await expect(officer.locator('.meta .badge').first()).toHaveText('评审中');
	await score(officer, ['22', '20', '18', '15']);

	const reviewer = await pageAs(browser, baseURL, DEMO.reviewer.employeeNo);
	await reviewer.goto('/proposals/mine');
	await reviewer.getByRole('region', { name: '待我评审' }).getByRole('link', { name: new RegExp(title) }).click();
	await score(reviewer, ['23', '20', '19', '14']);

	/* --- a rejection without a reason is refused; then adopted, implemented, in trial use --- */
	await officer.reload();
	await expect(officer.getByRole('cell', { name: '75', exact: true })).toBeVisible();
	await officer.getByRole('button', { name: /^不予采纳/ }).click();
	await expectFieldError(officer.getByRole('textbox', { name: '意见 / 原因' }), '请填写原因（答复）');
	await expect(officer.locator('.meta .badge').first()).toHaveText('评审中');
	await officer.getByRole('textbox', { name: '意见 / 原因' }).fill('经评审予以采纳，先在 110kV 站试点。');
	await officer.getByRole('button', { name: '采纳', exact: true }).click();
	await expect(officer.locator('.meta .badge').first()).toHaveText('已采纳');
	await officer.getByRole('button', { name: '开始实施' }).click();
	await expect(officer.locator('.meta .badge').first()).toHaveText('实施中');
	await officer.getByLabel('试用开始日期').fill(today());
	await officer.getByRole('button', { name: '投入试用' }).click();
	await expect(officer.locator('.meta .badge').first()).toHaveText('试用中');

	/* --- the benefit over the first twelve months, shown as calculated --- */
	await officer.getByRole('textbox', { name: '项目 1' }).fill('减少跳闸抢修工时');
	await officer.getByRole('textbox', { name: '数量 1' }).fill('600');
	await officer.getByRole('textbox', { name: '单位 1' }).fill('小时');
	await officer.getByRole('textbox', { name: '单价（元） 1' }).fill('120');
	await officer.getByRole('textbox', { name: '项目 3' }).fill('防雨罩制作安装');
	await officer.getByRole('textbox', { name: '数量 3' }).fill('4');
	await officer.getByRole('textbox', { name: '单价（元） 3' }).fill('2000');
	await expect(officer.locator('#assess .total')).toContainText('¥64,000.00');
	await officer.getByRole('button', { name: '提交财务确认' }).click();
	await expect(officer.locator('.meta .badge').first()).toHaveText('效益待确认');

	/* --- finance confirms --- */
	const finance = await pageAs(browser, baseURL, DEMO.finance.employeeNo);
	await finance.goto('/proposals/mine');
	await finance.getByRole('region', { name: '待确认效益' }).getByRole('link', { name: new RegExp(title) }).click();
	await expect(finance.locator('#benefit')).toContainText('¥64,000.00');
	await finance.getByRole('button', { name: '财务确认效益' }).click();
	await expect(finance.locator('.meta .badge').first()).toHaveText('效益已确认');

	/* --- the reward: the grade the table allows, split 60/40 --- */
	await officer.reload();
	await expect(officer.locator('#grant')).toContainText('按奖励标准可评：三等奖');
	await officer.getByRole('button', { name: '发放奖励' }).click();
	await expect(officer.locator('.meta .badge').first()).toHaveText('已奖励');

	await worker.goto(proposalUrl);
	const split = worker.locator('#reward');
	await expect(split).toContainText('三等奖');
	await expect(split.getByRole('row', { name: /史立新/ })).toContainText('¥1,200.00');
	await expect(split.getByRole('row', { name: /田海涛/ })).toContainText('¥800.00');
	await expect(worker.locator('.timeline')).toContainText('发放奖励');
	await expectNoSideScroll(worker);

	// the co-proposer is told, and sees the same split
	const coauthor = await pageAs(browser, baseURL, DEMO.judge.employeeNo, PHONE);
	await coauthor.goto('/notifications');
	await coauthor.getByRole('button', { name: `建议 ${serial} 获三等奖，您分得 ¥800.00` }).click();
	await expect(coauthor).toHaveURL(proposalUrl);
	await expect(coauthor.locator('#reward').getByRole('row', { name: /田海涛/ })).toContainText('¥800.00');

	/* --- the public summary counts it, and shows no proposal's text --- */
	// (the search and targets journeys submit and adopt proposals of their own at the same
	// time, so the federation-wide figures rise by at least this one; exact counts: unit tests)
	expect(await figure(page, '提交')).toBeGreaterThanOrEqual(submittedBefore + 1);
	expect(await figure(page, '采纳')).toBeGreaterThanOrEqual(adoptedBefore + 1);
	await expect(page.getByText(title)).toHaveCount(0);
});

test('every demo proposal page answers each role without a server error, and private parts stay private', async ({ browser, baseURL }) => {
	test.setTimeout(90_000);
	const who = {
		officer: await pageAs(browser, baseURL, DEMO.officerDH.employeeNo),
		finance: await pageAs(browser, baseURL, DEMO.finance.employeeNo),
		worker: await pageAs(browser, baseURL, DEMO.worker.employeeNo),
		otherOfficer: await pageAs(browser, baseURL, DEMO.officerXJ.employeeNo)
	};
	const seen: Record<string, number[]> = { officer: [], finance: [], worker: [], otherOfficer: [] };
	for (let id = 1; id <= 14; id++) {
		for (const [name, p] of Object.entries(who)) {
			const res = await p.request.get(`/proposals/${id}`);
			expect([200, 403], `/proposals/${id} as ${name}`).toContain(res.status());
			if (res.status() === 200) seen[name].push(id);
		}
	}
	// the district officer handles its 12; the other district's officer only its own 2
	expect(seen.officer).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
	expect(seen.otherOfficer).toEqual([13, 14]);
	// colleagues of the enterprise read its proposals; the other enterprise's stay closed
	expect(seen.worker).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
	expect(seen.finance).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

	// a colleague reads the proposal itself, not its timeline; the proposer not the reviewers' notes
	const colleagueView = await (await who.worker.request.get('/proposals/7')).text();
	expect(colleagueView).toContain('数控车床换刀程序优化');
	expect(colleagueView).not.toContain('办理进度');
	const officerView = await (await who.officer.request.get('/proposals/1')).text();
	expect(officerView).toContain('思路清晰，可先在一个班组试点。');
	const proposerView = await (await who.worker.request.get('/proposals/1')).text();
	expect(proposerView).toContain('¥3,500.00');
	expect(proposerView).not.toContain('思路清晰，可先在一个班组试点。');

	// the officer's export is a spreadsheet of the queue as filtered
	const xlsx = await who.officer.request.get('/officer/proposals/export?status=open');
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	const csv = await (await who.officer.request.get('/officer/proposals/export?format=csv&overdue=1')).text();
	expect(csv).toContain('班组安全交底改用短视频');
	expect(csv).not.toContain('配电线路巡检无人机航线优化');
	// a worker may not export the queue, nor open another's draft editor
	expect((await who.worker.request.get('/officer/proposals/export')).status()).toBe(403);
	expect((await who.worker.request.get('/proposals/1/edit')).status()).toBe(404);
});
