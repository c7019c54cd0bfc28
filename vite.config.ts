import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Under Vitest the messages are compiled once beforehand (npm run test:unit); the
		// plugin's file watcher would otherwise hold Vitest open for 10 s at exit.
		!process.env.VITEST &&
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-url', 'cookie', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		environment: 'node',
		include: ['tests/unit/**/*.test.ts'],
		pool: 'forks',
		testTimeout: 20000
	}
});
