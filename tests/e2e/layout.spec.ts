import { expect, test } from './fixtures';
import { DEMO, expectNoSideScroll, signIn } from './helpers';

const PUBLIC = ['/', '/login', '/activate', '/request-account', '/results', '/results/competitions/3', '/results/stages/5', '/results/competitions/3/medals', '/results/points', '/verify', '/screen/events/1'];
const SIGNED_IN = ['/me', '/officer', '/officer/workers', '/officer/units', '/officer/workers/import', '/officer/requests', '/officer/competitions', '/officer/competitions/1', '/officer/events/1', '/officer/schemes/1', '/officer/stages/1', '/contests', '/stages/5/results', '/stages/3/results', '/stages/1/live'];

// In the phone project this is the 390 px check; on the desktop it checks 1280 px.
test('no page scrolls sideways at the window width', async ({ page }) => {
	for (const path of PUBLIC) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		await expectNoSideScroll(page);
	}
	await signIn(page, DEMO.officerDH.employeeNo);
	for (const path of SIGNED_IN) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		expect(new URL(page.url()).pathname).toBe(path);
		await expectNoSideScroll(page);
	}
});
