// @ts-check
/**
 * `npm start`: builds what changed since the last build, then serves it.
 * - The app (dist/, dist-ssr/, pre-rendered pages, Brotli copies) is rebuilt with `npm run build`
 *   only when a file it is made of changed (dist/.build.json, scripts/build-node.mjs).
 * - The compiled server and CLI (dist-node/) are recompiled when one of their sources changed
 *   (under a second).
 * - A production install (`npm ci --omit=dev`) has no build tools: it serves the build it was
 *   given, and says so when the sources are newer.
 * Then the compiled server runs in this process (dist-node/server.js, as `npm run serve` does).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { staleReason } from './build-stamp.mjs';
import { APP_STAMP, ensureNodeBuild, installed, ROOT } from './build-node.mjs';

/** One log line in the server's format (JSON), so that a log collector reads these too. */
function log(/** @type {'info' | 'warn'} */ level, /** @type {string} */ msg, /** @type {Record<string, string>} */ fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
}

const reason = staleReason(ROOT, APP_STAMP);
if (reason !== undefined && installed('vite')) {
  log('info', 'building the app', { reason });
  const started = performance.now();
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) {
    log('warn', 'npm run build failed: not starting', { status: String(build.status ?? build.signal) });
    process.exit(1);
  }
  log('info', 'built the app', { seconds: ((performance.now() - started) / 1000).toFixed(1) });
} else if (reason !== undefined && reason !== 'missing') {
  log('warn', 'the sources changed since the app was built, and this install has no build tools: serving the build as it is', { reason });
}
// With no app build at all the server says so itself and serves the API.
const dir = await ensureNodeBuild((line) => { log('info', line); });
await import(pathToFileURL(join(dir, 'server.js')).href);
