/**
 * Once per `npm run test:e2e`: refuse to start without Debian's Chromium (one line saying what to
 * install), build the app (`npm run build`, skipped with LOTHO_E2E_SKIP_BUILD=1), serve it as
 * `npm start` does on a free loopback port with a temporary DATA_DIR, and hand the base URL to
 * the tests (`inject('baseURL')`). The returned function stops the server.
 */
import type { TestProject } from 'vitest/node';
import { NO_CHROMIUM, buildApp, hasChromium, startAppServer } from './support/app-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The served app, e.g. http://127.0.0.1:41481 (no trailing slash). */
    baseURL: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasChromium()) {
    // One line, no stack: the fix is a package install, not a bug to debug.
    process.stderr.write(`\ne2e: ${NO_CHROMIUM}\n`);
    process.exit(1);
  }
  if (process.env.LOTHO_E2E_SKIP_BUILD === '1') {
    process.stdout.write('e2e: LOTHO_E2E_SKIP_BUILD=1, using the existing dist/\n');
  } else {
    const seconds = buildApp();
    process.stdout.write(`e2e: npm run build done in ${seconds.toFixed(1)} s\n`);
  }
  const server = await startAppServer();
  process.stdout.write(`e2e: serving ${server.baseURL} (DATA_DIR ${server.dataDir})\n`);
  project.provide('baseURL', server.baseURL);
  return () => server.stop();
}
