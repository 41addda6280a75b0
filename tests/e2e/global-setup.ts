/**
 * Once per `npm run test:e2e`: refuse to start without Debian's Chromium, Firefox ESR, WebKitGTK
 * driver and Xvfb (one line saying what to install), build the app (`npm run build`, skipped
 * with LOTHO_E2E_SKIP_BUILD=1), serve it as `npm start` does on a free loopback port with a temporary DATA_DIR, and hand the base URL to
 * the tests (`inject('baseURL')`). The returned function stops the server and puts each
 * engine's screenshots side by side (engines/side-by-side.ts).
 */
import type { TestProject } from 'vitest/node';
import { join } from 'node:path';
import { hasFirefox } from './engines/firefox.ts';
import { ENGINE_ARTIFACTS, composeScreenshots } from './engines/side-by-side.ts';
import { hasWebKit } from './engines/webkit.ts';
import { hasXvfb } from './engines/xvfb.ts';
import { buildApp, hasChromium, startAppServer } from './support/app-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The served app, e.g. http://127.0.0.1:41481 (no trailing slash). */
    baseURL: string;
    /** The served app's DATA_DIR (for the `lotho` command: accounts the officials' flows sign in with). */
    dataDir: string;
    /** When this run started (ms since epoch): artifacts older than it are from another run. */
    runStartedAt: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const missing = [
    hasChromium() ? [] : ['chromium'],
    hasFirefox() ? [] : ['firefox-esr'],
    hasWebKit() ? [] : ['webkit2gtk-driver'],
    hasXvfb() ? [] : ['xvfb'],
  ].flat();
  if (missing.length > 0) {
    // One line, no stack: the fix is a package install, not a bug to debug.
    process.stderr.write(`\ne2e: no ${missing.join(', ')}: run .ci/system-deps or apt-get install -y ${missing.join(' ')} fonts-noto-cjk\n`);
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
  project.provide('dataDir', server.dataDir);
  project.provide('runStartedAt', started);
  return async () => {
    await server.stop();
    const composed = composeScreenshots(started);
    if (composed.length > 0) process.stdout.write(`e2e: ${String(composed.length)} screenshots side by side in ${join(ENGINE_ARTIFACTS, 'side-by-side')}\n`);
  };
}
