import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * The journeys type into server-rendered forms. Svelte's hydration writes each
 * `value={...}` expression back into its input, so text typed between the page
 * load and the end of hydration is lost (sveltejs/kit#8895; see the report).
 * The tests therefore wait for the app to start before they type.
 *
 * SvelteKit starts its router (which listens for `popstate`) right after
 * hydration; an init script notes that moment in `window.__e2eStarted`.
 */
function noteRouterStart() {
	const add = window.addEventListener;
	window.addEventListener = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
		if (args[0] === 'popstate') (window as unknown as { __e2eStarted: boolean }).__e2eStarted = true;
		return add.apply(this, args);
	} as Window['addEventListener'];
}

export async function prepareContext(context: BrowserContext): Promise<void> {
	await context.addInitScript(noteRouterStart);
}

/** Resolves once the current document is hydrated and its router started. */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForFunction(() => (window as unknown as { __e2eStarted?: boolean }).__e2eStarted === true, undefined, { timeout: 10_000 });
}

/** Makes `goto` and `reload` also wait for hydration (not in contexts without JavaScript). */
export function waitForHydrationOnLoad(page: Page): Page {
	const goto = page.goto.bind(page);
	const reload = page.reload.bind(page);
	page.goto = async (...args) => {
		const response = await goto(...args);
		await hydrated(page);
		return response;
	};
	page.reload = async (...args) => {
		const response = await reload(...args);
		await hydrated(page);
		return response;
	};
	return page;
}

/** Clicks something that loads a new document (a form without `use:enhance`) and waits until it is hydrated. */
export async function clickToNewDocument(page: Page, click: () => Promise<void>): Promise<void> {
	await Promise.all([page.waitForEvent('load'), click()]);
	await hydrated(page);
}

export const test = base.extend({
	context: async ({ context, javaScriptEnabled }, use) => {
		if (javaScriptEnabled !== false) await prepareContext(context);
		await use(context);
	},
	page: async ({ page, javaScriptEnabled }, use) => {
		await use(javaScriptEnabled === false ? page : waitForHydrationOnLoad(page));
	}
});

export { expect };
