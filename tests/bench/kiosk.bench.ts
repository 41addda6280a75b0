/**
 * `npm run bench:kiosk`: can a kiosk run for weeks? The built app served as `npm start` serves it,
 * /kiosk in Debian's Chromium (headless) on the seed report in both languages, then 2,000 page
 * transitions through the kiosk's test hook (`?bench=1`: window.__lothoKiosk.next(), the same
 * double-buffered swap the timer does). Before and after, after a forced garbage collection, it
 * prints the JS heap in use (CDP Runtime.getHeapUsage) and the DOM counters (CDP
 * Memory.getDOMCounters: nodes, documents, event listeners), and the growth against the goal
 * (under 10 %).
 *
 * A missed goal is a figure to act on, not a failure: the process exits 0. It exits 1 only when the
 * benchmark itself cannot run (no Chromium, the kiosk shows no page).
 *
 * Options: --transitions N (default 2000), --warmup N (default 60), --width/--height (default
 * 1920×1080), --build (run `npm run build` even when dist/ exists).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM, ROOT, buildApp, hasChromium, startAppServer } from '../e2e/support/app-server.ts';

const { values } = parseArgs({
  options: {
    transitions: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '60' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '1080' },
    build: { type: 'boolean', default: false },
  },
});
const TRANSITIONS = Math.max(1, Math.trunc(Number(values.transitions)) || 2000);
const WARMUP = Math.max(0, Math.trunc(Number(values.warmup)) || 0);
const VIEWPORT = { width: Math.trunc(Number(values.width)) || 1920, height: Math.trunc(Number(values.height)) || 1080 };
const GOAL = 0.1;

interface Snapshot {
  heapUsed: number;
  heapTotal: number;
  nodes: number;
  documents: number;
  listeners: number;
}

async function snapshot(cdp: CDPSession): Promise<Snapshot> {
  // Twice: the first collection may only schedule the finalizers that free more.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { heapUsed: heap.usedSize, heapTotal: heap.totalSize, nodes: dom.nodes, documents: dom.documents, listeners: dom.jsEventListeners };
}

interface HookState {
  index: number;
  pages: number;
  shown: number;
  key: string | null;
}

function hookState(page: Page): Promise<HookState> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __lothoKiosk?: { state: () => HookState } }).__lothoKiosk;
    if (hook === undefined) throw new Error('no window.__lothoKiosk: is /kiosk?bench=1 loaded?');
    return hook.state();
  });
}

/** `count` transitions in the page, in batches (one evaluate per batch keeps the bench about the page). */
async function transitions(page: Page, count: number, onBatch: (done: number) => void): Promise<void> {
  const BATCH = 100;
  for (let done = 0; done < count; ) {
    const n = Math.min(BATCH, count - done);
    await page.evaluate(async (steps) => {
      const hook = (window as unknown as { __lothoKiosk: { next: () => Promise<void> } }).__lothoKiosk;
      for (let i = 0; i < steps; i += 1) await hook.next();
    }, n);
    done += n;
    onBatch(done);
  }
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const pct = (start: number, end: number): number => (start === 0 ? 0 : (end - start) / start);
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

async function main(): Promise<number> {
  if (!hasChromium()) {
    process.stderr.write(`${NO_CHROMIUM}\n`);
    return 1;
  }
  if (values.build || !existsSync(join(ROOT, 'dist', 'index.html'))) {
    const seconds = buildApp();
    process.stdout.write(`npm run build: ${seconds.toFixed(1)} s\n`);
  }
  mkdirSync(join(ROOT, 'artifacts', 'bench'), { recursive: true });
  const server = await startAppServer(join(ROOT, 'artifacts', 'bench', 'kiosk-server.log'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    // A long interval: only the hook moves the pages, as fast as the swap allows.
    await page.goto(`${server.baseURL}/kiosk?reports=qingduo-2020&langs=zh,bo&interval=120&bench=1`);
    await page.waitForFunction(() => document.querySelector('.k-layer.k-front .k-content *') !== null, null, { timeout: 30_000 });
    const { pages } = await hookState(page);
    process.stdout.write(`kiosk at ${VIEWPORT.width}×${VIEWPORT.height}: ${pages} pages in the rotation (seed report, zh and bo)\n`);

    await transitions(page, WARMUP, () => undefined);
    const before = await snapshot(cdp);
    const shownBefore = (await hookState(page)).shown;
    const started = performance.now();
    await transitions(page, TRANSITIONS, (done) => {
      if (done % 500 === 0) process.stdout.write(`  ${done} transitions\n`);
    });
    const seconds = (performance.now() - started) / 1000;
    const after = await snapshot(cdp);
    const shown = (await hookState(page)).shown - shownBefore;

    const rows: [string, string, string, number][] = [
      ['JS heap used', mib(before.heapUsed), mib(after.heapUsed), pct(before.heapUsed, after.heapUsed)],
      ['DOM nodes', String(before.nodes), String(after.nodes), pct(before.nodes, after.nodes)],
      ['event listeners', String(before.listeners), String(after.listeners), pct(before.listeners, after.listeners)],
      ['documents', String(before.documents), String(after.documents), pct(before.documents, after.documents)],
    ];
    process.stdout.write(`\n${TRANSITIONS} transitions (${shown} swaps drawn) in ${seconds.toFixed(1)} s, ${((seconds * 1000) / TRANSITIONS).toFixed(1)} ms each; after ${WARMUP} warm-up transitions, GC forced before each reading\n\n`);
    process.stdout.write(`${'counter'.padEnd(16)} ${'start'.padStart(12)} ${'end'.padStart(12)} ${'growth'.padStart(9)}  goal < 10 %\n`);
    for (const [label, start, end, growth] of rows) {
      const verdict = growth < GOAL ? 'PASS' : 'MISS';
      process.stdout.write(`${label.padEnd(16)} ${start.padStart(12)} ${end.padStart(12)} ${signed(growth).padStart(9)}  ${verdict}\n`);
    }
    if (errors.length > 0) process.stdout.write(`\npage errors: ${errors.slice(0, 5).join(' | ')}\n`);
    return 0;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:kiosk could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
