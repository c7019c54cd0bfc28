import { chromium } from '@playwright/test';
const base = 'http://localhost:3000';
const [who, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [name, vp] of [['tablet', { width: 820, height: 1180 }], ['phone', { width: 390, height: 844 }]]) {
	const ctx = await browser.newContext({ viewport: vp });
	const page = await ctx.newPage();
	page.on('console', (m) => m.type() === 'error' && console.log('console error', m.text()));
	await page.goto(base + '/login');
	await page.fill('#f-identifier', who);
	await page.fill('#f-password', 'Jiangong2026');
	await page.click('button[type=submit]');
	await page.waitForLoadState('networkidle');
	for (const p of pages) {
		const r = await page.goto(base + p);
		await page.waitForLoadState('networkidle');
		const sw = await page.evaluate(() => document.scrollingElement.scrollWidth);
		const file = `/tmp/shots/${name}${p.replace(/[^a-z0-9]/gi, '_')}.png`;
		await page.screenshot({ path: file, fullPage: true });
		console.log(name, p, r.status(), 'scrollWidth', sw);
	}
	await ctx.close();
}
await browser.close();
