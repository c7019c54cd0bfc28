import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { DEMO, signIn } from './helpers';

const OUT = 'tests/screens';

const PAGES: { who: keyof typeof DEMO | null; paths: string[] }[] = [
	{ who: null, paths: ['/', '/login', '/activate', '/request-account', '/no-such-page'] },
	{ who: 'worker', paths: ['/me', '/me/password', '/officer'] },
	{ who: 'officerDH', paths: ['/officer', '/officer/units', '/officer/workers', '/officer/workers/new', '/officer/workers/import', '/officer/codes', '/officer/requests', '/officer/audit'] }
];

for (const { who, paths } of PAGES) {
	test(`pages seen by ${who ?? 'a visitor'}`, async ({ page }, testInfo) => {
		mkdirSync(OUT, { recursive: true });
		if (who) await signIn(page, DEMO[who].employeeNo);
		for (const path of paths) {
			await page.goto(path);
			const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
			expect(width, `${path} scrolls sideways`).toBeLessThanOrEqual(page.viewportSize()!.width);
			const name = `${testInfo.project.name}-${who ?? 'visitor'}${path.replace(/[^a-z0-9]+/gi, '_')}.png`;
			await page.screenshot({ path: `${OUT}/${name}`, fullPage: true });
		}
	});
}
