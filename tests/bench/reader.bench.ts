/**
 * `npm run bench:reader`: Lighthouse's default (mobile) preset — a Moto G-sized screen, simulated
 * slow 4G and 4× CPU slowdown — on the built app served as `npm start` serves it, for the seed
 * report in Chinese and in Tibetan. Prints, per language, the median of the runs of LCP,
 * performance, accessibility, CLS, total bytes and script bytes (transfer size of the JavaScript
 * in Lighthouse's network-requests audit), and all page JS (the same plus the scripts the service
 * worker served, which Lighthouse lists with 0 bytes), each next to its goal with PASS or MISS.
 *
 * In the same run, the floor: each pre-rendered page as built with its scripts and web fonts
 * removed (written beside it into dist/, served by the same server), measured the same way, a run
 * of the page and one of its floor in turn. The ratio of each figure to the floor's is what to
 * compare between runs: absolute figures move with the machine's load (printed beside them). Beside it, the page's own response in bytes and in the
 * simulation's round trips (roundTrips): a page whose response needs a second round trip paints
 * 150 ms after its floor that needs one, however little CPU it takes. Goals (issue 12): LCP ≤ 1.15× the floor in both
 * languages, bo LCP ≤ 1000 ms, CLS 0, performance ≥ 0.95.
 *
 * A missed goal is a figure to act on, not a failure: the process exits 0. It exits 1 only when
 * Lighthouse itself cannot run (no Chromium, the page does not load, an audit has no value).
 *
 * Options: --runs N (default 5), --build (run `npm run build` even when dist/ exists; without it
 * the app is built only when dist/ is missing), --json FILE (also write the figures as JSON),
 * --lang zh|bo (only that page and its floor), --keep DIR (each run's Lighthouse artifacts, trace
 * and devtools log included, and its report in DIR/<lang>[-floor]-<run>/: `lighthouse -A=that
 * directory` audits them again, tests/bench/lantern-lcp.ts shows what Lantern's LCP waited for).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { get as httpGet } from 'node:http';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { saveArtifacts, saveLhr } from 'lighthouse/core/lib/asset-saver.js';
import { CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM, ROOT, buildApp, hasChromium, startAppServer } from '../e2e/support/app-server.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    build: { type: 'boolean', default: false },
    json: { type: 'string' },
    lang: { type: 'string' },
    keep: { type: 'string' },
  },
});
const runs = Math.max(1, Math.trunc(Number(values.runs)) || 5);

const ALL_PAGES = [
  { lang: 'zh', path: '/zh/reports/qingduo-2020' },
  { lang: 'bo', path: '/bo/reports/qingduo-2020' },
] as const;
const PAGES = ALL_PAGES.filter((page) => values.lang === undefined || page.lang === values.lang);
if (PAGES.length === 0) throw new Error(`--lang ${String(values.lang)}: no such page (zh, bo)`);

interface Figures {
  lcpMs: number;
  performance: number;
  accessibility: number;
  cls: number;
  totalBytes: number;
  scriptBytes: number;
  allScriptBytes: number;
  /** Transfer size of the page's own response (headers included). */
  documentBytes: number;
}

interface Script {
  path: string;
  /** Transfer size as Lighthouse saw it (0 when the service worker or a cache answered). */
  bytes: number;
  /** Gzipped size of the file as the server sends it, when `bytes` is 0. */
  served?: number;
}

interface Run {
  figures: Figures;
  /** What makes up scriptBytes and allScriptBytes. */
  scripts: Script[];
}

type Metric = keyof Figures;

interface Goal {
  label: string;
  /** Describes the goal in the table. */
  text: string;
  met: (value: number) => boolean;
  format: (value: number) => string;
}

const KIB = 1024;
const kib = (bytes: number): string => `${(bytes / KIB).toFixed(1)} KiB`;
const score = (value: number): string => value.toFixed(2);

/** The issue's goals (issue 3), and how each figure is printed. */
const GOALS: Record<Metric, Goal | { label: string; format: (value: number) => string }> = {
  lcpMs: { label: 'LCP', text: '≤ 1000 ms', met: (v) => v <= 1000, format: (v) => `${Math.round(v)} ms` },
  performance: { label: 'performance', text: '≥ 0.95', met: (v) => v >= 0.95, format: score },
  accessibility: { label: 'accessibility', text: '≥ 0.95', met: (v) => v >= 0.95, format: score },
  cls: { label: 'CLS', text: '0', met: (v) => v === 0, format: (v) => v.toFixed(4) },
  totalBytes: { label: 'total bytes', format: kib },
  scriptBytes: { label: 'script bytes', text: '≤ 90 KiB', met: (v) => v <= 90 * KIB, format: kib },
  allScriptBytes: { label: 'all page JS', text: '≤ 90 KiB', met: (v) => v <= 90 * KIB, format: kib },
  documentBytes: { label: 'document', format: (v) => `${String(Math.round(v))} B, ${String(roundTrips(v))} RT` },
};

/** TCP's first window as Lighthouse simulates it: 10 segments of 1,460 bytes. */
const SEGMENT_BYTES = 1460;
const FIRST_WINDOW_SEGMENTS = 10;
/** The mobile preset's network: 150 ms round trips at 1,638.4 kbit/s, so at most 21 segments a round trip. */
const MAX_WINDOW_SEGMENTS = Math.floor(((1638.4 * 1000) / 8) * 0.15 / SEGMENT_BYTES);

/**
 * Round trips the simulation takes to bring `bytes` on a new connection (Lantern's TCPConnection:
 * the window doubles after each round trip up to what the throughput allows). Each round trip
 * past the first is 150 ms before the page can paint, whatever the CPU does: a page over
 * 14,600 bytes (headers included) paints at least 150 ms after one that fits.
 */
function roundTrips(bytes: number): number {
  let window = FIRST_WINDOW_SEGMENTS;
  let received = window * SEGMENT_BYTES;
  let trips = 1;
  while (received < bytes) {
    window = Math.min(MAX_WINDOW_SEGMENTS, window * 2);
    received += window * SEGMENT_BYTES;
    trips++;
  }
  return trips;
}

function hasGoal(goal: Goal | { label: string; format: (value: number) => string }): goal is Goal {
  return 'met' in goal;
}

class LighthouseFailed extends Error {
  override name = 'LighthouseFailed';
}

function numeric(lhr: Result, audit: string): number {
  const value = lhr.audits[audit]?.numericValue;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const explanation = lhr.audits[audit]?.errorMessage ?? lhr.audits[audit]?.explanation ?? 'no value';
    throw new LighthouseFailed(`audit ${audit}: ${explanation}`);
  }
  return value;
}

function category(lhr: Result, id: string): number {
  const value = lhr.categories[id]?.score;
  if (typeof value !== 'number') throw new LighthouseFailed(`category ${id} has no score`);
  return value;
}

/** The scripts in the network-requests audit: URL and transfer size. */
function scripts(lhr: Result): { url: string; bytes: number }[] {
  const details: unknown = lhr.audits['network-requests']?.details;
  if (typeof details !== 'object' || details === null || !('items' in details) || !Array.isArray(details.items)) {
    throw new LighthouseFailed('audit network-requests has no items');
  }
  const list: { url: string; bytes: number }[] = [];
  for (const item of details.items as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { resourceType, transferSize, url } = item as { resourceType?: unknown; transferSize?: unknown; url?: unknown };
    if (resourceType === 'Script' && typeof transferSize === 'number' && typeof url === 'string') {
      list.push({ url, bytes: transferSize });
    }
  }
  return list;
}

/** The transfer size of the page itself (the first Document in the network-requests audit). */
function documentBytes(lhr: Result): number {
  const details: unknown = lhr.audits['network-requests']?.details;
  const items = typeof details === 'object' && details !== null && 'items' in details && Array.isArray(details.items) ? (details.items as unknown[]) : [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const { resourceType, transferSize } = item as { resourceType?: unknown; transferSize?: unknown };
    if (resourceType === 'Document' && typeof transferSize === 'number') return transferSize;
  }
  throw new LighthouseFailed('audit network-requests lists no document');
}

/**
 * Bytes of the body the server sends for `url` to a browser accepting gzip and Brotli (what a
 * script the service worker served from its precache cost when the worker downloaded it).
 */
function servedSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => {
        if (response.statusCode === 200) resolve(bytes);
        else reject(new LighthouseFailed(`GET ${url}: ${String(response.statusCode)}`));
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * The figures of one run. A script Lighthouse saw with a transfer size of 0 was answered by the
 * service worker (it takes over the page during the first visit and serves later chunks, Dexie
 * among them, from its precache), whose own downloads Lighthouse does not list: "script bytes"
 * (Lighthouse's figure) leaves them out, "all page JS" counts them at the size the server sends
 * them to a browser (Brotli, see servedSize).
 */
async function runOf(lhr: Result): Promise<Run> {
  if (lhr.runtimeError !== undefined) {
    throw new LighthouseFailed(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  }
  const list: Script[] = [];
  for (const { url, bytes } of scripts(lhr)) {
    const path = new URL(url).pathname;
    list.push(bytes > 0 ? { path, bytes } : { path, bytes, served: await servedSize(url) });
  }
  list.sort((a, b) => (b.served ?? b.bytes) - (a.served ?? a.bytes));
  return {
    figures: {
      lcpMs: numeric(lhr, 'largest-contentful-paint'),
      performance: category(lhr, 'performance'),
      accessibility: category(lhr, 'accessibility'),
      cls: numeric(lhr, 'cumulative-layout-shift'),
      totalBytes: numeric(lhr, 'total-byte-weight'),
      scriptBytes: list.reduce((sum, script) => sum + script.bytes, 0),
      allScriptBytes: list.reduce((sum, script) => sum + (script.served ?? script.bytes), 0),
      documentBytes: documentBytes(lhr),
    },
    scripts: list,
  };
}

/** One Lighthouse run in a fresh Chromium (its own temporary profile); with `keep`, its artifacts and report saved there. */
async function audit(url: string, keep?: string): Promise<Run> {
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: [...CHROMIUM_ARGS, '--headless=new'],
    logLevel: 'silent',
  });
  try {
    const flags: Flags = {
      port: chrome.port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: ['performance', 'accessibility'],
    };
    const result = await lighthouse(url, flags);
    if (result === undefined) throw new LighthouseFailed('Lighthouse returned no result');
    const run = await runOf(result.lhr);
    if (keep !== undefined) {
      mkdirSync(keep, { recursive: true });
      await saveArtifacts(result.artifacts, keep);
      saveLhr(result.lhr, keep);
    }
    return run;
  } finally {
    chrome.kill();
  }
}

/**
 * Lighthouse sometimes loses the trace of a load (NO_NAVSTART, NO_FCP: "Please run Lighthouse
 * again"); that run is tried again, twice at most. Any other failure ends the benchmark.
 */
async function auditWithRetry(url: string, keep?: string): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(url, keep);
    } catch (error) {
      const retry = error instanceof LighthouseFailed && /^(?:NO_NAVSTART|NO_FCP|NO_LCP)\b/u.test(error.message);
      if (!retry || attempt === 3) throw error;
      process.stderr.write(`bench:reader: ${error.message.split(':')[0] ?? ''}; running again\n`);
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return value ?? Number.NaN;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

function table(lang: string, samples: Figures[]): { rows: string[]; medians: Figures } {
  const medians = Object.fromEntries(
    (Object.keys(GOALS) as Metric[]).map((metric) => [metric, median(samples.map((s) => s[metric]))]),
  ) as unknown as Figures;
  const header = ['', 'median', 'runs', 'goal', ''];
  const body = (Object.keys(GOALS) as Metric[]).map((metric) => {
    const goal = GOALS[metric];
    const value = medians[metric];
    return [
      goal.label,
      goal.format(value),
      samples.map((s) => goal.format(s[metric])).join(' / '),
      hasGoal(goal) ? goal.text : '—',
      hasGoal(goal) ? (goal.met(value) ? 'PASS' : 'MISS') : '',
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, i) => pad(cell, widths[i] ?? 0)).join('  ').trimEnd();
  return { rows: [lang, line(header), ...body.map(line)], medians };
}

/** Where the floor pages go in dist/ (removed again at the end), and their address. */
const FLOOR_DIR = 'bench-floor';
const floorPath = (lang: string): string => `/${FLOOR_DIR}/${lang}.html`;

/**
 * The floor of a pre-rendered page: its HTML with every script (module, JSON state), script
 * preload and web font (the page's own subset, @font-face rules, font preloads) removed. What is
 * left is the page's text and inlined styles: the fastest that page can paint.
 */
function floorOf(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/giu, '')
    .replace(/<link rel="(?:modulepreload|preload)"[^>]*>/giu, '')
    .replace(/<style id="lotho-page-font">[\s\S]*?<\/style>/u, '')
    .replace(/@font-face\s*\{[^}]*\}/gu, '');
}

function writeFloors(): void {
  for (const { lang, path } of PAGES) {
    const page = readFileSync(join(ROOT, 'dist', path.slice(1), 'index.html'), 'utf8');
    mkdirSync(join(ROOT, 'dist', FLOOR_DIR), { recursive: true });
    writeFileSync(join(ROOT, 'dist', floorPath(lang).slice(1)), floorOf(page));
  }
}

const load = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');

interface Measured {
  done: Run[];
  samples: Figures[];
  rows: string[];
  medians: Figures;
}

/**
 * The page and its floor, one run of each in turn: the machine's load moves both alike (the ratio
 * is the goal). Measured one after the other, a page measured under load beside a floor measured
 * once the load had gone read 1.20× where the turn before had read 1.06×.
 */
async function measurePair(page: { url: string; label: string; keepAs: string }, floor: { url: string; label: string; keepAs: string }): Promise<{ page: Measured; floor: Measured }> {
  const keep = (keepAs: string, i: number): string | undefined => (values.keep === undefined ? undefined : join(values.keep, `${keepAs}-${String(i + 1)}`));
  const pageRuns: Run[] = [];
  const floorRuns: Run[] = [];
  for (let i = 0; i < runs; i++) {
    pageRuns.push(await auditWithRetry(page.url, keep(page.keepAs, i)));
    floorRuns.push(await auditWithRetry(floor.url, keep(floor.keepAs, i)));
  }
  const measured = (done: Run[], label: string): Measured => {
    const samples = done.map((run) => run.figures);
    return { done, samples, ...table(label, samples) };
  };
  return { page: measured(pageRuns, page.label), floor: measured(floorRuns, floor.label) };
}

/** The page's LCP, CLS, performance and bytes beside the floor's, with the LCP ratio and its goal. */
function versusFloor(lang: string, page: Figures, floor: Figures, runRatios: number[]): { rows: string[]; missed: string[] } {
  const ratio = page.lcpMs / floor.lcpMs;
  const missed = ratio <= 1.15 ? [] : [`${lang} LCP ${ratio.toFixed(2)}× the floor`];
  return {
    rows: [
      `${lang} vs its floor (median of ${String(runs)}): LCP ${Math.round(page.lcpMs)} / ${Math.round(floor.lcpMs)} ms = ${ratio.toFixed(2)}× (goal ≤ 1.15×: ${missed.length === 0 ? 'PASS' : 'MISS'}),` +
        ` CLS ${page.cls.toFixed(4)} / ${floor.cls.toFixed(4)}, performance ${score(page.performance)} / ${score(floor.performance)},` +
        ` bytes ${kib(page.totalBytes)} / ${kib(floor.totalBytes)},` +
        ` document ${String(Math.round(page.documentBytes))} / ${String(Math.round(floor.documentBytes))} B in ${String(roundTrips(page.documentBytes))} / ${String(roundTrips(floor.documentBytes))} round trip(s);` +
        ` LCP ÷ the floor's run by run: ${runRatios.map((ratio) => ratio.toFixed(2)).join(' / ')}`,
    ],
    missed,
  };
}

async function main(): Promise<void> {
  if (!hasChromium()) throw new LighthouseFailed(NO_CHROMIUM);
  if (values.build || !existsSync(join(ROOT, 'dist', 'index.html'))) {
    const seconds = buildApp();
    console.log(`npm run build done in ${seconds.toFixed(1)} s`);
  }
  writeFloors();
  const server = await startAppServer(join(ROOT, 'artifacts', 'bench', 'reader-server.log'));
  const results: Record<string, { samples: Figures[]; medians: Figures }> = {};
  const comparisons: string[] = [];
  const missedFloor: string[] = [];
  try {
    console.log(`Lighthouse ${lighthouseVersion()}, mobile preset (simulated throttling), ${String(runs)} run(s) per page, ${server.baseURL}`);
    console.log(`load average at the start: ${load()} (1, 5, 15 min; 2 cores)`);
    for (const { lang, path } of PAGES) {
      const { page, floor } = await measurePair(
        { url: `${server.baseURL}${path}`, label: `${lang}  ${path}`, keepAs: lang },
        { url: `${server.baseURL}${floorPath(lang)}`, label: `${lang} floor  ${floorPath(lang)} (no scripts, no web fonts)`, keepAs: `${lang}-floor` },
      );
      results[lang] = { samples: page.samples, medians: page.medians };
      const last = page.done.at(-1)?.scripts ?? [];
      console.log(`\n${page.rows.join('\n')}`);
      const listed = last.map((s) => `${s.path} ${s.served === undefined ? kib(s.bytes) : `${kib(s.served)} (from the service worker)`}`);
      console.log(`scripts (last run): ${listed.join(', ')}`);
      results[`${lang}-floor`] = { samples: floor.samples, medians: floor.medians };
      console.log(`\n${floor.rows.join('\n')}`);
      const compared = versusFloor(lang, page.medians, floor.medians, page.samples.map((run, i) => run.lcpMs / (floor.samples[i]?.lcpMs ?? Number.NaN)));
      comparisons.push(...compared.rows);
      missedFloor.push(...compared.missed);
      console.log(`load average now: ${load()}`);
    }
  } finally {
    await server.stop();
    rmSync(join(ROOT, 'dist', FLOOR_DIR), { recursive: true, force: true });
  }
  if (values.json !== undefined) {
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
  }
  console.log(`\n${comparisons.join('\n')}`);
  const missed = Object.entries(results)
    .filter(([lang]) => !lang.endsWith('-floor'))
    .flatMap(([lang, { medians }]) =>
      (Object.keys(GOALS) as Metric[]).flatMap((metric) => {
        const goal = GOALS[metric];
        return hasGoal(goal) && !goal.met(medians[metric]) ? [`${lang} ${goal.label}`] : [];
      }),
    );
  missed.push(...missedFloor);
  console.log(`\n${missed.length === 0 ? 'every goal met' : `goals missed: ${missed.join(', ')}`}`);
}

function lighthouseVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '?';
}

main().catch((error: unknown) => {
  console.error(`bench:reader: Lighthouse could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
