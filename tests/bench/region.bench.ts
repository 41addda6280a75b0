/**
 * `npm run bench:region`: a whole region on one machine (issue 13). The synthetic region of
 * tests/support/region (7 prefectures, 74 counties, 700 townships, 2,000 departments, six years:
 * about 16,000 published reports; `--small` for a quick run) is loaded through the storage into
 * SQLite (a temporary DATA_DIR) and PostgreSQL (a fresh schema in BENCH_DATABASE_URL, default the
 * local `test` database, dropped afterwards); then the real server (dist-node/server.js with the
 * app build in dist/, `npm run build` first when missing) is started on it and timed:
 *
 * - the residents' home and agency pages (a county's): Lighthouse's mobile preset, as bench:reader
 *   (LCP, CLS, performance, bytes), and the size of the page itself;
 * - `GET /api/reports?subtree=` and `GET /api/agencies/` (one page) and `GET /api/oversight` for
 *   a county and for the whole region, `--requests` each (default 200) from 20 concurrent
 *   clients: p50 and p99. Goals: oversight of a county p99 ≤ 100 ms, of the region ≤ 1 s; and
 *   the region's first and second answer for the year being drafted (its drafts validated);
 * - publishing one report (a township's next year) through the API, and until its pre-rendered
 *   page is served;
 * - the database's size and the server's resident memory after all of that.
 *
 * Figures move with the machine's load: each line says the 1-minute load average. A missed goal is
 * a figure, not a failure. Options: --db sqlite,postgres  --small  --requests N  --lighthouse N (runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import pg from 'pg';
import { hashPassword } from '../../src/server/auth/password.ts';
import { openPostgresStorage } from '../../src/server/storage/postgres.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { beijingDate, reportingYear } from '../../src/report/deadline.ts';
import { cellField, toFields, type FieldKey, type FieldValue } from '../../src/report/fields.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { cellKey, getTemplate } from '../../src/report/templates/index.ts';
import type { DraftResponse } from '../../src/contract/drafts.ts';
import type { Mutation } from '../../src/contract/sync.ts';
import { ensureNodeBuild } from '../../scripts/build-node.mjs';
import { Dice } from '../support/region/dice.ts';
import { FULL_REGION, SMALL_REGION } from '../support/region/generate.ts';
import { writeProse } from '../support/region/prose.ts';
import { generateTables, type CarriedState } from '../support/region/tables.ts';
import { loadRegion, type LoadedRegion } from '../support/region/load.ts';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, buildApp } from '../e2e/support/app-server.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite,postgres' },
    small: { type: 'boolean', default: false },
    requests: { type: 'string', default: '200' },
    lighthouse: { type: 'string', default: '1' },
  },
});
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLIENTS = 20;
const REQUESTS = Math.max(CLIENTS, Number(values.requests));
const LIGHTHOUSE_RUNS = Math.max(0, Number(values.lighthouse));
const PASSWORD = 'region bench password';
const BACKENDS = values.db.split(',').map((s) => s.trim()).filter((s): s is 'sqlite' | 'postgres' => s === 'sqlite' || s === 'postgres');

const load1 = (): string => loadavg()[0]?.toFixed(2) ?? '?';
const say = (line: string): void => {
  process.stdout.write(`${line}  [load ${load1()}]\n`);
};

interface Target {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  open(now: () => Date): ServerStorage;
  size(): Promise<number>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'lotho-region-'));
  const path = join(dir, 'lotho.sqlite');
  return {
    name: 'sqlite',
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    open: (now) => openSqliteStorage({ path, now }),
    size: () => Promise.resolve(['', '-wal'].reduce((sum, suffix) => sum + (existsSync(path + suffix) ? statSync(path + suffix).size : 0), 0)),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const schema = `lotho_region_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    env: { DATABASE_URL: url.toString() },
    open: (now) => openPostgresStorage({ connectionString: PG_URL, schema, now }),
    // Tables, indexes and TOAST of the schema (the database holds others' schemas too).
    size: async () => {
      const rows = await query<{ bytes: string }>(
        `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${schema}' AND c.relkind IN ('r', 'm')`,
      );
      return Number(rows[0]?.bytes ?? 0);
    },
    cleanup: async () => {
      await query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/** The region, a user of the region's government and one of a county (admins read oversight). */
async function prepare(target: Target): Promise<LoadedRegion & { seconds: number }> {
  let clock = new Date();
  const storage = target.open(() => clock);
  try {
    await storage.migrate();
    const started = performance.now();
    const today = beijingDate(new Date());
    const region = await loadRegion(storage, { seed: 13, shape: values.small ? SMALL_REGION : FULL_REGION, year: reportingYear(today), today }, (at) => {
      clock = at;
    });
    clock = new Date();
    const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    await storage.createUser({ username: 'region-admin', agencyId: region.ids.region, role: 'admin', passwordHash });
    await storage.createUser({ username: 'county-admin', agencyId: region.ids.county, role: 'admin', passwordHash });
    // A township whose next report (after its latest published one) has no draft yet: its
    // publisher starts it from the previous year, as an official would.
    const townships = (await storage.childAgencies(region.ids.county)).filter((a) => a.level === 'township');
    const reports = await storage.agenciesReports(townships.map((t) => t.id));
    let township: (typeof townships)[number] | undefined;
    for (const candidate of townships) {
      const latest = Math.max(...reports.filter((r) => r.agencyId === candidate.id).map((r) => r.year));
      if (!Number.isFinite(latest)) continue;
      const drafts = await storage.subtreeDrafts(candidate.id, latest + 1);
      if (drafts.every((d) => d.agencyId !== candidate.id)) {
        township = candidate;
        break;
      }
    }
    if (township === undefined) throw new Error('the county has no township with a published report and no draft for the year after it');
    await storage.createUser({ username: 'town-publisher', agencyId: township.id, role: 'publisher', passwordHash });
    return { ...region, seconds: (performance.now() - started) / 1000 };
  } finally {
    await storage.close();
  }
}

/** The server, where it listens, how long it took to, and how many report pages it has rendered so far. */
interface Server {
  child: ChildProcess;
  base: string;
  listenedAfterMs: number;
  rendered: () => number;
}

async function startServer(target: Target): Promise<Server> {
  const spawned = performance.now();
  const child = spawn(process.execPath, ['dist-node/server.js'], {
    cwd: ROOT,
    env: { ...process.env, ...target.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: join(ROOT, 'dist') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const match = /"msg":"listening".*?"port":(\d+)/u.exec(buffer);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    child.on('exit', (code) => {
      reject(new Error(`server exited (${String(code)}): ${stderr}`));
    });
  });
  const listenedAfterMs = performance.now() - spawned;
  child.stdout.removeAllListeners('data');
  // The start pass renders report pages after listening (one at a time, on the event loop the
  // requests share): each timing says how many ran meanwhile.
  let rendered = 0;
  let rest = '';
  child.stdout.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    rendered += lines.filter((line) => line.includes('"msg":"report pages rendered"')).length;
  });
  return { child, base: `http://127.0.0.1:${port}`, listenedAfterMs, rendered: () => rendered };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  child.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process (VmRSS), in MiB. */
function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** REQUESTS GETs of `path` from CLIENTS concurrent clients; p50/p99 in ms and the body size. */
async function timeGets(base: string, path: string, token?: string): Promise<{ p50: number; p99: number; bytes: number }> {
  const headers: Record<string, string> = { 'Accept-Encoding': 'gzip', ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) };
  const first = await fetch(`${base}${path}`, { headers });
  if (!first.ok) throw new Error(`GET ${path}: ${first.status} ${await first.text()}`);
  const bytes = (await first.arrayBuffer()).byteLength;
  const times: number[] = [];
  let left = REQUESTS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (left > 0) {
        left -= 1;
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
        times.push(performance.now() - started);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes };
}

async function lighthouseRun(url: string): Promise<{ lcp: number; cls: number; performance: number; bytes: number }> {
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: [...CHROMIUM_ARGS, '--headless=new'], logLevel: 'silent' });
  try {
    const result = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: ['performance'] });
    const lhr = result?.lhr;
    if (lhr === undefined || lhr.runtimeError !== undefined) throw new Error(`Lighthouse: ${lhr?.runtimeError?.message ?? 'no result'}`);
    const numeric = (id: string): number => lhr.audits[id]?.numericValue ?? Number.NaN;
    return { lcp: numeric('largest-contentful-paint'), cls: numeric('cumulative-layout-shift'), performance: lhr.categories.performance?.score ?? Number.NaN, bytes: numeric('total-byte-weight') };
  } finally {
    chrome.kill();
  }
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** What a township's previous report leaves for the next (the generator's carry-over). */
function carriedFrom(previous: ReportDocument): CarriedState {
  const columns = getTemplate(previous.meta.template).requests.columns.map((c) => c.key).filter((c) => c !== 'total');
  const number = (key: string): number => {
    const value = previous.cells[key];
    return typeof value === 'number' ? value : 0;
  };
  return {
    forward: columns.map((column) => number(cellKey('requests', 'carry_forward', column))),
    inForce: { rules: number(cellKey('active', 'rules', 'in_force')), normative: number(cellKey('active', 'normative', 'in_force')) },
  };
}

/**
 * Publishing as a township's publisher does it: a draft from last year's report (carried over,
 * checked against it), this year's figures and prose typed in (pushed), then published; timed from
 * the publish request until both languages' pre-rendered pages are served.
 */
async function publishOne(base: string, region: LoadedRegion): Promise<void> {
  const token = await login(base, 'town-publisher');
  const json = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const created = await fetch(`${base}/api/drafts`, { method: 'POST', headers: json, body: JSON.stringify({ from: 'previous' }) });
  if (!created.ok) throw new Error(`draft: ${created.status} ${await created.text()}`);
  const { draft } = (await created.json()) as DraftResponse;
  if (draft.previousReportId === undefined) throw new Error('the draft names no previous report');
  const previous = ((await (await fetch(`${base}/api/reports/${draft.previousReportId}`)).json()) as { report: ReportDocument }).report;

  // The year's figures and prose as the generator makes them, carried over from the previous report.
  const dice = new Dice(draft.year);
  const tables = generateTables(dice, draft.template, previous.meta.level, 3, carriedFrom(previous));
  const prose = writeProse(dice, previous.meta.agency.zh, draft.year, draft.template, tables.totals);
  const typed = new Map<FieldKey, FieldValue>();
  for (const [key, value] of Object.entries(tables.cells)) typed.set(cellField(key), value);
  for (const [key, value] of toFields({ ...previous, ...prose })) if (key.startsWith('text:') && key.endsWith(':zh')) typed.set(key, value);
  const mutations: Mutation[] = [];
  for (const [field, value] of typed) {
    const state = draft.fields[field];
    if (state === undefined || state.value === value) continue;
    mutations.push({ clientId: 'region-bench', seq: mutations.length + 1, draftId: draft.id, field, value, baseRev: state.rev });
  }
  for (let at = 0; at < mutations.length; at += 500) {
    const pushed = await fetch(`${base}/api/sync/push`, { method: 'POST', headers: json, body: JSON.stringify({ mutations: mutations.slice(at, at + 500) }) });
    if (!pushed.ok) throw new Error(`push: ${pushed.status} ${await pushed.text()}`);
  }

  const started = performance.now();
  const published = await fetch(`${base}/api/drafts/${draft.id}/publish`, { method: 'POST', headers: json, body: JSON.stringify({ acknowledgeWarnings: true }) });
  if (!published.ok) throw new Error(`publish: ${published.status} ${await published.text()}`);
  const answered = performance.now() - started;
  // Until both languages' pre-rendered pages are served (the app shell has no report in it).
  for (;;) {
    const pages = await Promise.all(['zh', 'bo'].map(async (lang) => (await fetch(`${base}/${lang}/reports/${draft.reportId}`)).text()));
    if (pages.every((html) => html.includes('class="report"'))) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  say(`  publish one report (${draft.reportId}, from ${draft.previousReportId}, ${String(mutations.length)} fields typed): answered ${ms(answered)}, pre-rendered pages served after ${ms(performance.now() - started)} (${region.ids.county}'s listing now lists it)`);
}

async function bench(target: Target): Promise<void> {
  say(`${target.name}: loading the region…`);
  const region = await prepare(target);
  say(`${target.name}: ${region.agencies} agencies, ${region.reports} published reports, ${region.drafts} drafts loaded in ${region.seconds.toFixed(0)} s`);
  const { child, base, listenedAfterMs, rendered } = await startServer(target);
  say(`  server listening ${(listenedAfterMs / 1000).toFixed(1)} s after it was started`);
  try {
    const year = reportingYear(beijingDate(new Date())) - 1;
    const regionToken = await login(base, 'region-admin');
    const countyToken = await login(base, 'county-admin');
    const rows: [string, string, string?][] = [
      ['GET /api/reports (every report)', '/api/reports'],
      ['GET /api/reports?subtree=county', `/api/reports?subtree=${region.ids.county}`],
      ['GET /api/reports?subtree=region', `/api/reports?subtree=${region.ids.region}`],
      ['GET /api/agencies/county (page 1)', `/api/agencies/${region.ids.county}`],
      ['GET /api/agencies/region (page 1)', `/api/agencies/${region.ids.region}`],
      ['GET /api/agencies/region?q=…&page=2', `/api/agencies/${region.ids.region}?q=${encodeURIComponent(String(year))}&page=2`],
      ['GET /api/oversight county (goal p99 ≤ 100 ms)', `/api/oversight?year=${year}`, countyToken],
      ['GET /api/oversight region (goal p99 ≤ 1000 ms)', `/api/oversight?year=${year}`, regionToken],
      ['GET /zh/agencies/county (server-rendered page)', `/zh/agencies/${region.ids.county}`],
      ['GET /bo (server-rendered home)', '/bo'],
    ];
    // The page's default year is the one being drafted: its first answer validates every draft of
    // the region not validated before (stored per head afterwards), then it is served as the others.
    const drafting = reportingYear(beijingDate(new Date()));
    for (const attempt of ['first', 'second']) {
      const started = performance.now();
      const response = await fetch(`${base}/api/oversight?year=${drafting}`, { headers: { Authorization: `Bearer ${regionToken}`, 'Accept-Encoding': 'gzip' } });
      if (!response.ok) throw new Error(`GET /api/oversight?year=${drafting}: ${response.status}`);
      await response.arrayBuffer();
      say(`  GET /api/oversight region, year ${drafting} (${String(region.drafts)} drafts), ${attempt} answer: ${ms(performance.now() - started)}`);
    }
    for (const [label, path, token] of rows) {
      const renderedBefore = rendered();
      const { p50, p99, bytes } = await timeGets(base, path, token);
      const renders = rendered() - renderedBefore;
      const goal = label.includes('oversight county') ? (p99 <= 100 ? ' PASS' : ' MISS') : label.includes('oversight region') ? (p99 <= 1000 ? ' PASS' : ' MISS') : '';
      say(`  ${label}: p50 ${ms(p50)}, p99 ${ms(p99)}, ${kib(bytes)} a body (uncompressed), ${REQUESTS} requests × ${CLIENTS} clients, ${renders} page renders meanwhile${goal}`);
    }
    for (let run = 0; run < LIGHTHOUSE_RUNS; run += 1) {
      for (const path of ['/zh', '/bo', `/zh/agencies/${region.ids.county}`, `/bo/agencies/${region.ids.county}`]) {
        const figures = await lighthouseRun(`${base}${path}`);
        say(`  Lighthouse ${path}: LCP ${ms(figures.lcp)}, CLS ${figures.cls.toFixed(3)}, performance ${figures.performance.toFixed(2)}, ${kib(figures.bytes)} in all`);
      }
    }
    await publishOne(base, region);
    say(`  database ${(await target.size() / 1024 / 1024).toFixed(1)} MiB, server resident memory ${rssMiB(child.pid).toFixed(0)} MiB`);
  } finally {
    await stopServer(child);
  }
}

async function main(): Promise<void> {
  await ensureNodeBuild((line: string) => {
    say(line);
  });
  if (!existsSync(join(ROOT, 'dist', 'index.html')) || !existsSync(join(ROOT, 'dist-ssr', 'entry-server.js'))) {
    say('no app build: npm run build…');
    buildApp();
  }
  for (const backend of BACKENDS) {
    const target = backend === 'sqlite' ? sqliteTarget() : await postgresTarget();
    try {
      await bench(target);
    } finally {
      await target.cleanup();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:region: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
