import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vite.config';

/** Benchmarks: `npx vitest run -c tests/bench/vitest.config.ts search` (not part of `npm test`). */
export default mergeConfig(base, defineConfig({ test: { include: ['tests/bench/**/*.bench.test.ts'], testTimeout: 600_000 } }));
