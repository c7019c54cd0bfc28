import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * End-to-end tests against the production build (`npm run test:e2e` builds first).
 * The server starts on an empty database in tests/e2e/.data/ (gitignored), so it
 * migrates and seeds the deterministic demo data on every run.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${PORT}`;

/** Playwright cannot download browsers here: use Debian's chromium when it is installed. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
	testDir: '.',
	testMatch: '**/*.spec.ts',
	outputDir: '.data/results',
	fullyParallel: false,
	// Tests share one server and one client address (127.0.0.1), which the sign-in
	// throttle counts: keep the concurrency low and never retry (a retry would spend
	// more of the 30 wrong passwords an address may send; see helpers.ts).
	workers: 2,
	retries: 0,
	forbidOnly: !!process.env.CI,
	timeout: 45_000,
	expect: { timeout: 7_000 },
	reporter: [['list']],
	use: {
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		}
	},
	projects: [
		{ name: 'desktop', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
		{ name: 'phone', use: { browserName: 'chromium', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } }
	],
	webServer: {
		command: `node -e "require('node:fs').rmSync('tests/e2e/.data', { recursive: true, force: true })" && node build`,
		cwd: root,
		url: baseURL,
		env: { DATABASE_URL: 'tests/e2e/.data/e2e.db', PORT: String(PORT), ORIGIN: baseURL, BODY_SIZE_LIMIT: '50M' },
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
