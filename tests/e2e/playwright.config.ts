import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVER_ARGS } from '../server-command';

/**
 * End-to-end tests against the production build (`npm run test:e2e` builds first).
 * Each server starts on an empty database in tests/e2e/.data/ (gitignored), so it
 * migrates and seeds the deterministic demo data on every run.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${PORT}`;
/**
 * A second server on a database of its own, for the request-level suites that
 * post to every action (authorisation matrix, fuzzing, headers): they may change
 * records the browser journeys rely on, so they never share a database with them.
 */
const API_PORT = PORT + 10;
const apiURL = `http://localhost:${API_PORT}`;
/** The fuzzer signs in as every role and posts random input to every action: a database of its own again. */
const FUZZ_PORT = PORT + 20;
const fuzzURL = `http://localhost:${FUZZ_PORT}`;
const API_SPECS = /(matrix|headers|drill)\.spec\.ts$/;
const FUZZ_SPECS = /fuzz\.spec\.ts$/;

/** Playwright cannot download browsers here: use Debian's chromium when it is installed. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The production build on a fresh demo database of its own (removed with its WAL first). */
function server(name: string, port: number) {
	const url = `http://localhost:${port}`;
	const file = `tests/e2e/.data/${name}.db`;
	return {
		command: `node -e "for (const s of ['', '-wal', '-shm']) require('node:fs').rmSync('${file}' + s, { force: true })" && node ${SERVER_ARGS.join(' ')}`,
		cwd: root,
		url,
		env: { DATABASE_URL: file, PORT: String(port), ORIGIN: url, BODY_SIZE_LIMIT: '50M' },
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore' as const,
		stderr: 'pipe' as const
	};
}

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
		{ name: 'desktop', testIgnore: [API_SPECS, FUZZ_SPECS], use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
		{ name: 'phone', testIgnore: [API_SPECS, FUZZ_SPECS], use: { browserName: 'chromium', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
		{ name: 'api', testMatch: API_SPECS, use: { baseURL: apiURL } },
		{ name: 'fuzz', testMatch: FUZZ_SPECS, use: { baseURL: fuzzURL } }
	],
	webServer: [server('e2e', PORT), server('api', API_PORT), server('fuzz', FUZZ_PORT)]
});

