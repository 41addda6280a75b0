import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { messageAreas } from './vite.config.ts';

export default defineConfig({
  // Compiles .vue files for tests/components; other tests never import one.
  // The Tibetan messages in two parts, as the app loads them (vite.config.ts).
  plugins: [vue(), messageAreas({ module: true })],
  define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/server/**/*.test.ts',
      'tests/cli/**/*.test.ts',
      // Component tests choose happy-dom per file (// @vitest-environment happy-dom).
      'tests/components/**/*.test.ts',
    ],
    environment: 'node',
    // dist-node/ compiled once before the tests that run the `lotho` bin (scripts/build-node.mjs).
    globalSetup: ['tests/support/node-build.ts'],
    testTimeout: 30_000,
  },
});
