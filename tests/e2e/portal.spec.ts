import type { Browser, Page } from '@playwright/test';
import { clickToNewDocument, expect, prepareContext, test, waitForHydrationOnLoad } from './fixtures';
import { expectNoSideScroll, here } from './helpers';

/**
 * The public portal of issue #7: the home page in the three languages of the
 * address (no prefix = Simplified, /zh-Hant, /en), its head for search engines and
 * social previews, how the language follows the address and the remembered choice,
 * and the sitemap and robots.txt. It only reads.
 */
const PHONE = { width: 390, height: 844 };

/** This year in the federation's time zone (the home page's figures are of it). */
const year = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());

const HOME = {
	'zh-Hans': {
		path: '/',
		og: 'zh_CN',
		title: '劳动竞赛 · 创新工作室 · 合理化建议',
		app: '建功',
		lead: '工会组织劳动竞赛和技能比武、命名劳模和工匠创新工作室、受理职工合理化建议，并公开、公正地发布结果。',
		headings: (y: string) => [`${y} 年数据`, '报名中和进行中的竞赛', '最新成绩', '排行榜', '创新工作室', '劳模风采'],
		figures: ['参赛职工', '合理化建议', '采纳建议', '经核实效益（万元）'],
		chartData: '图表数据'
	},
	'zh-Hant': {
		path: '/zh-Hant',
		og: 'zh_TW',
		title: '勞動競賽 · 創新工作室 · 合理化建議',
		app: '建功',
		lead: '工會組織勞動競賽和技能比武、命名勞模和工匠創新工作室、受理職工合理化建議，並公開、公正地發佈結果。',
		headings: (y: string) => [`${y} 年數據`, '報名中和進行中的競賽', '最新成績', '排行榜', '創新工作室', '勞模風采'],
		figures: ['參賽職工', '合理化建議', '採納建議', '經核實效益（萬元）'],
		chartData: '圖表數據'
	},
	en: {
		path: '/en',
		og: 'en_US',
		title: 'Labour competitions · innovation studios · proposals',
		app: 'Jiangong',
		lead: "Where the union runs labour competitions and skills contests, names model-worker and craftsman innovation studios, takes workers' improvement proposals, and publishes fair results.",
		headings: (y: string) => [`${y} in figures`, 'Open for entries and under way', 'Latest results', 'Leaderboards', 'Innovation studios', 'Model workers'],
		figures: ['Workers in contests', 'Proposals submitted', 'Proposals adopted', 'Verified benefit (10,000 yuan)'],
		chartData: 'Chart data'
	}
} as const;
type Lang = keyof typeof HOME;
const LANGS = Object.keys(HOME) as Lang[];

/** The attribute `name` of the one element `selector` in the head. */
async function headAttr(page: Page, selector: string, name = 'content'): Promise<string> {
	const el = page.locator(`head ${selector}`);
	await expect(el, selector).toHaveCount(1);
	return (await el.getAttribute(name)) ?? '';
}

/** The figures, the two charts' data tables and the lists: what a reader needs, with or without JavaScript. */
async function expectHomeContent(page: Page, lang: Lang) {
	const t = HOME[lang];
	const figures = page.getByRole('region', { name: t.headings(year())[0], exact: true });
	const items = figures.locator('ul.figures > li');
	await expect(items).toHaveCount(4);
	for (let i = 0; i < 4; i++) {
		await expect(items.nth(i).locator('span')).toHaveText(t.figures[i]);
		await expect(items.nth(i).locator('strong')).toHaveText(/^\d[\d,]*(\.\d)?$/);
	}
	// each chart is followed by its data as a table (inside a <details>, which opens without a script)
	const tables = figures.locator('details');
	await expect(tables).toHaveCount(2);
	await expect(tables.locator('summary')).toHaveText([t.chartData, t.chartData]);
	await expect(tables.nth(0).locator('tbody tr')).toHaveCount(12);
	expect(await tables.nth(1).locator('tbody tr').count()).toBeGreaterThan(0);
	await tables.nth(0).locator('summary').click();
	await expect(tables.nth(0).locator('table')).toBeVisible();
	await expect(tables.nth(0).locator('tbody tr').first().locator('td')).toHaveCount(3);
	// the featured studios and model workers, each a link to its page in the same language
	const prefix = lang === 'zh-Hans' ? '' : `/${lang}`;
	for (const [name, path] of [
		[t.headings(year())[4], 'studios'],
		[t.headings(year())[5], 'model-workers']
	]) {
		const links = page.getByRole('region', { name, exact: true }).getByRole('listitem').getByRole('link');
		expect(await links.count(), `${name} listed`).toBeGreaterThan(0);
		await expect(links.first()).toHaveAttribute('href', new RegExp(`^${prefix}/${path}/\\d+$`));
	}
	// the leaderboards: the medal table of the latest contest with medals, and the units' points
	const boards = page.getByRole('region', { name: t.headings(year())[3], exact: true });
	await expect(boards.locator('table')).toHaveCount(2);
	expect(await boards.locator('table').first().locator('tbody tr').count()).toBeGreaterThan(0);
}

async function newPage(browser: Browser, baseURL: string | undefined, options: { javaScriptEnabled?: boolean; cookie?: string } = {}): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true, javaScriptEnabled: options.javaScriptEnabled ?? true });
	if (options.cookie) await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: options.cookie, url: baseURL! }]);
	if (options.javaScriptEnabled === false) return context.newPage();
	await prepareContext(context);
	return waitForHydrationOnLoad(await context.newPage());
}

test('the home page on a phone in each language', async ({ page, browser, baseURL, isMobile }) => {
	test.skip(!isMobile, 'the phone project reads the home page at 390 × 844');
	test.setTimeout(120_000);
	const abs = (path: string) => new URL(path, baseURL).href;
	for (const lang of LANGS) {
		const t = HOME[lang];
		const response = await page.goto(t.path);
		expect(response!.status(), t.path).toBe(200);
		expect(here(page)).toBe(t.path);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
		await expect(page.locator('main h2')).toHaveText(t.headings(year()));

		// the head: title, description, canonical, the same page in each language, the social preview
		await expect(page).toHaveTitle(`${t.title} · ${t.app}`);
		expect(await headAttr(page, 'meta[name="description"]')).toBe(t.lead);
		expect(await headAttr(page, 'meta[property="og:title"]')).toBe(t.title);
		expect(await headAttr(page, 'meta[property="og:description"]')).toBe(t.lead);
		expect(await headAttr(page, 'meta[property="og:url"]')).toBe(abs(t.path));
		expect(await headAttr(page, 'meta[property="og:locale"]')).toBe(t.og);
		expect(await headAttr(page, 'meta[name="twitter:card"]')).toMatch(/^summary/);
		expect(await headAttr(page, 'link[rel="canonical"]', 'href')).toBe(abs(t.path));
		expect(await headAttr(page, 'link[rel="alternate"][hreflang="zh-Hans"]', 'href')).toBe(abs('/'));
		expect(await headAttr(page, 'link[rel="alternate"][hreflang="zh-Hant"]', 'href')).toBe(abs('/zh-Hant'));
		expect(await headAttr(page, 'link[rel="alternate"][hreflang="en"]', 'href')).toBe(abs('/en'));
		expect(await headAttr(page, 'link[rel="alternate"][hreflang="x-default"]', 'href')).toBe(abs('/'));

		await expectHomeContent(page, lang);
		// the data is in the reader's script too: names of units, studios and contests
		const text = await page.locator('main').innerText();
		if (lang === 'zh-Hant') {
			expect(text).toContain('工會');
			expect(text).not.toMatch(/工会|东湖|劳模|数据/);
		} else {
			expect(text).toContain('工会');
		}
		await expectNoSideScroll(page);
	}

	// without JavaScript: the same figures, tables and lists, server-rendered
	for (const lang of LANGS) {
		const noScript = await newPage(browser, baseURL, { javaScriptEnabled: false });
		const response = await noScript.goto(HOME[lang].path);
		expect(response!.status()).toBe(200);
		await expect(noScript.locator('html')).toHaveAttribute('lang', lang);
		await expect(noScript.locator('main h2')).toHaveText(HOME[lang].headings(year()));
		await expectHomeContent(noScript, lang);
		await expectNoSideScroll(noScript);
		await noScript.context().close();
	}

	// a link followed from the English home page stays in English
	await page.goto('/en');
	await page.getByRole('region', { name: 'Latest results', exact: true }).getByRole('link', { name: 'More · Results' }).click();
	await expect(page).toHaveURL(abs('/en/results'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Studios', exact: true }).click();
	await expect(page).toHaveURL(abs('/en/studios'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innovation studios');
});

test('the language follows the address: the switcher, a shared link and a remembered choice', async ({ page, browser, baseURL, context }) => {
	// the switcher keeps the page
	await page.goto('/zh-Hant/studios');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('創新工作室');
	const langs = page.getByRole('list', { name: '語言' });
	await expect(langs.locator('[aria-current="true"]')).toHaveText('繁');
	await expect(langs.getByRole('link')).toHaveCount(2);
	await expect(langs.getByRole('link', { name: '简体中文', exact: true })).toHaveAttribute('href', '/zh-Hans/studios');
	await clickToNewDocument(page, () => langs.getByRole('link', { name: 'English', exact: true }).click());
	expect(here(page)).toBe('/en/studios');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innovation studios');
	await expect(page.getByRole('list', { name: 'Language' }).locator('[aria-current="true"]')).toHaveText('EN');
	expect((await context.cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE')?.value).toBe('en');

	// a link shared in English opens in English for someone who has never chosen a language
	const shared = await newPage(browser, baseURL);
	const response = await shared.goto('/en/results');
	expect(response!.status()).toBe(200);
	expect(here(shared)).toBe('/en/results');
	await expect(shared.locator('html')).toHaveAttribute('lang', 'en');
	await expect(shared.getByRole('heading', { level: 1 })).toHaveText('Results');
	await expect(shared).toHaveTitle('Results · Jiangong');
	await shared.context().close();

	// someone who chose English and opens an address without a language is sent to the English one
	const remembered = await newPage(browser, baseURL, { cookie: 'en' });
	const sent = await remembered.goto('/results');
	const first = sent!.request().redirectedFrom();
	expect(first?.url()).toBe(new URL('/results', baseURL).href);
	expect((await first!.response())!.status()).toBe(307);
	expect(here(remembered)).toBe('/en/results');
	await expect(remembered.locator('html')).toHaveAttribute('lang', 'en');
	await expect(remembered.getByRole('heading', { level: 1 })).toHaveText('Results');
	// and an explicit choice of Simplified Chinese is kept as well
	await remembered.goto('/zh-Hans/results');
	await expect(remembered.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await expect(remembered.getByRole('heading', { level: 1 })).toHaveText('竞赛成绩');
	await remembered.goto('/results');
	expect(here(remembered)).toBe('/results');
	await expect(remembered.locator('html')).toHaveAttribute('lang', 'zh-Hans');
	await remembered.context().close();
});

test('sitemap.xml lists the public pages in each language, and robots.txt points at it', async ({ request, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	const sitemap = await request.get('/sitemap.xml');
	expect(sitemap.status()).toBe(200);
	expect(sitemap.headers()['content-type']).toMatch(/^application\/xml/);
	const xml = await sitemap.text();
	const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((x) => x[1]);
	for (const path of ['/', '/zh-Hant', '/en', '/results', '/en/studios']) expect(locs, path).toContain(origin + path);
	const studios = locs.filter((l) => /\/studios\/\d+$/.test(l));
	expect(studios.length).toBeGreaterThan(0);
	// each page in all three languages, and the listed studio page answers
	const studio = new URL(studios[0]).pathname.replace(/^\/(en|zh-Hant)/, '');
	expect(locs).toEqual(expect.arrayContaining([origin + studio, `${origin}/zh-Hant${studio}`, `${origin}/en${studio}`]));
	expect((await request.get(studio)).status()).toBe(200);
	// a page's entry names its translations
	expect(xml).toContain(`<url><loc>${origin}/en</loc><xhtml:link rel="alternate" hreflang="zh-Hans" href="${origin}/"/>`);
	// signed-in pages are not listed
	expect(locs.some((l) => /\/(officer|me|login)(\/|$)/.test(new URL(l).pathname))).toBe(false);

	const robots = await request.get('/robots.txt');
	expect(robots.status()).toBe(200);
	const lines = (await robots.text()).split('\n').map((l) => l.trim());
	expect(lines).toContain(`Sitemap: ${origin}/sitemap.xml`);
	expect(lines).toContain('Disallow: /officer');
});
