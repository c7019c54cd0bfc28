import type { Page, TestInfo } from '@playwright/test';
import { randomInt } from 'node:crypto';
import { expect, prepareContext, test, waitForHydrationOnLoad } from './fixtures';
import { DEMO, XJ_TEAM, pageAs, workerWithAccount } from './helpers';

/**
 * The site search of issue #7. A proposal is found by a two-character word in its
 * title by those who may read it (its author, a colleague of the same enterprise,
 * the district officer) and by nobody else (a worker of another district's
 * enterprise, an anonymous visitor). The proposal is this test's own, its word a
 * pair of rare characters no other record has: the desktop and phone runs draw the
 * first character from different sets, so their words differ too.
 */
const FIRST = { desktop: '龠鬯鬲赑屃夔蚩', phone: '饕餮犇麤靐燚猋骉' };
const SECOND = '罍卣觚觥斝彝簋簠鬶甗';

const pick = (chars: string) => [...chars][randomInt([...chars].length)];
const rareWord = (testInfo: TestInfo) => pick(FIRST[testInfo.project.name === 'phone' ? 'phone' : 'desktop']) + pick(SECOND);
const searchPath = (q: string) => `/search?q=${encodeURIComponent(q)}`;

/** The search page as `page` sees it for `q`: how many were found, and the proposals' group. */
async function searchFor(page: Page, q: string) {
	await page.goto(searchPath(q));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('搜索');
	await expect(page.getByRole('searchbox', { name: '搜索内容' })).toHaveValue(q);
	return { status: page.getByRole('status'), proposals: page.getByRole('region', { name: /^合理化建议/ }) };
}

test('search finds a proposal by a two-character word and hides it from a worker of another unit', async ({ page, browser, baseURL }, testInfo) => {
	test.setTimeout(150_000);
	const word = rareWord(testInfo);
	const title = `${word}型螺栓防松垫片改进`;

	/* --- the author submits it --- */
	const author = await pageAs(browser, baseURL, DEMO.worker.employeeNo, page.viewportSize()!);
	await author.goto('/proposals/new');
	await author.getByLabel('类别').selectOption({ label: '安全生产' });
	await author.getByLabel('标题').fill(title);
	await author.getByLabel('现状与问题').fill(`塔材连接处的${word}型螺栓长期振动后松动，需要每季度登塔复紧。`);
	await author.getByLabel('建议措施').fill('改用双叠自锁垫片，并在螺母上划防松标记线，便于地面目视检查。');
	await author.getByRole('button', { name: '提交建议' }).click();
	await expect(author.getByRole('status').filter({ hasText: '已提交，编号' })).toBeVisible();
	const proposalPath = new URL(author.url()).pathname;
	expect(proposalPath).toMatch(/^\/proposals\/\d+$/);

	/* --- the author finds it with the search box in the header --- */
	const box = author.getByRole('search').getByRole('searchbox', { name: '全站搜索' });
	await box.fill(word);
	await box.press('Enter');
	await expect(author).toHaveURL(searchPath(word));
	await expect(author.getByRole('status')).toHaveText('共找到 1 条');
	const group = author.getByRole('region', { name: /^合理化建议/ });
	await expect(group.getByRole('heading', { level: 2 })).toHaveText('合理化建议 1');
	const hit = group.getByRole('link', { name: title, exact: true });
	await expect(hit).toHaveAttribute('href', proposalPath);
	// the word is marked where it occurs: in the title and in the excerpt of the text
	await expect(hit.locator('mark')).toHaveText(word);
	await expect(group.locator('.snippet mark')).toHaveText([word]);
	await expect(group.getByRole('listitem')).toHaveCount(1);
	await expect(group.getByRole('listitem')).toContainText('待受理');
	await hit.click();
	await expect(author).toHaveURL(proposalPath);
	await expect(author.getByRole('heading', { level: 1 })).toHaveText(title);
	await author.context().close();

	/* --- a colleague of the same enterprise and the district officer find it too --- */
	for (const no of [DEMO.judge.employeeNo, DEMO.officerDH.employeeNo]) {
		const reader = await pageAs(browser, baseURL, no);
		const found = await searchFor(reader, word);
		await expect(found.status).toHaveText('共找到 1 条');
		await expect(found.proposals.getByRole('link', { name: title, exact: true })).toHaveAttribute('href', proposalPath);
		await reader.context().close();
	}

	/* --- a worker of an enterprise in another district finds nothing, and may not open it --- */
	const otherContext = await browser.newContext({ baseURL, locale: 'zh-CN' });
	await prepareContext(otherContext);
	const other = waitForHydrationOnLoad(await otherContext.newPage());
	await workerWithAccount(other, testInfo, '搜索', { officer: DEMO.officerXJ.employeeNo, unitName: XJ_TEAM.name });
	const elsewhere = await searchFor(other, word);
	await expect(elsewhere.status).toHaveText('共找到 0 条');
	await expect(other.getByText(`没有找到与“${word}”相关的内容。`)).toBeVisible();
	await expect(other.getByRole('link', { name: title })).toHaveCount(0);
	await expect(other.locator(`a[href="${proposalPath}"]`)).toHaveCount(0);
	expect((await other.request.get(proposalPath)).status()).toBe(403);
	// their own search does cover proposals (they are signed in): no hint to sign in
	await expect(other.getByText('登录后还可搜索您有权查看的合理化建议。')).toHaveCount(0);
	await otherContext.close();

	/* --- an anonymous visitor finds nothing, and is told that signing in searches proposals --- */
	const anonymous = await searchFor(page, word);
	await expect(anonymous.status).toHaveText('共找到 0 条');
	await expect(page.getByText(`没有找到与“${word}”相关的内容。`)).toBeVisible();
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
	await expect(anonymous.proposals).toHaveCount(0);
	await expect(page.getByRole('navigation', { name: '搜索范围' }).getByRole('link', { name: /^合理化建议/ })).toHaveCount(0);
	await expect(page.getByText('登录后还可搜索您有权查看的合理化建议。')).toBeVisible();
	await expect(page.getByRole('link', { name: '登录', exact: true }).last()).toHaveAttribute('href', `/login?redirectTo=${encodeURIComponent(searchPath(word))}`);
	expect(await (await page.request.get(searchPath(word))).text()).not.toContain(title);
});

test('search finds a studio by part of its name in Traditional Chinese', async ({ page }) => {
	// typed in Traditional, the records kept in Simplified: found, and shown in Traditional
	await page.goto(`/zh-Hant${searchPath('勞模創新')}`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('搜索');
	await expect(page).toHaveTitle('“勞模創新”的搜索結果 · 建功');
	const studios = page.getByRole('region', { name: /^創新工作室/ });
	const hits = studios.getByRole('listitem');
	expect(await hits.count()).toBeGreaterThan(0);
	const first = hits.first().getByRole('link').first();
	await expect(first).toHaveText(/^\S+勞模創新工作室$/);
	await expect(first.locator('mark')).toHaveText('勞模創新');
	await expect(hits.first()).toContainText('工會');
	const text = await page.locator('main').innerText();
	expect(text).not.toMatch(/劳模|创新|工会|搜索结果/);
	// the hit opens the studio's page, in Traditional
	await first.click();
	await expect(page).toHaveURL(/\/zh-Hant\/studios\/\d+$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/勞模創新工作室$/);
});
