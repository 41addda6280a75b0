/**
 * Browser tests (`npm run test:e2e`): Debian's Chromium through playwright-core against the built
 * app served as `npm start` serves it (tests/e2e/global-setup.ts). One file at a time, one test at
 * a time: they share the one server, and each Chromium is heavy on a small machine.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
