import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, startAppServer } from '../e2e/support/app-server.ts';
const path = process.argv[2] ?? '/bo/reports/qingduo-2020';
const server = await startAppServer('/tmp/boot/profile-server.log');
const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
const maps = new Map<string, TraceMap | null>();
function mapOf(url: string): TraceMap | null {
  if (!maps.has(url)) {
    const file = join(ROOT, 'dist', new URL(url).pathname + '.map');
    maps.set(url, existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null);
  }
  return maps.get(url) ?? null;
}
try {
  const totals: Record<string, number> = {};
  const runs = Number(process.argv[3] ?? 3);
  for (let r = 0; r < runs; r++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(server.baseURL + path, { waitUntil: 'load' });
    await new Promise((res) => setTimeout(res, 5000));
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas ?? [];
    const self = new Map<number, number>();
    profile.samples?.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i + 1] ?? 0) / 1000));
    for (const [id, ms] of self) {
      const node = byId.get(id)!;
      const { url, lineNumber, columnNumber, functionName } = node.callFrame;
      let key = functionName || '(anon)';
      if (url.includes('/assets/')) {
        const map = mapOf(url);
        const pos = map ? originalPositionFor(map, { line: lineNumber + 1, column: columnNumber }) : null;
        key = `${(pos?.source ?? url).replace(/.*node_modules\//, '').replace(/^.*\/src\//, 'src/')}:${pos?.line ?? ''} ${functionName}`;
      } else if (url) key = 'other:' + url.slice(0, 60);
      totals[key] = (totals[key] ?? 0) + ms / runs;
    }
    await context.close();
  }
  const sorted = Object.entries(totals).sort((a, b) => b[1] - a[1]).slice(0, 40);
  for (const [k, v] of sorted) console.log(v.toFixed(1).padStart(7), k);
} finally {
  await browser.close();
  await server.stop();
}
