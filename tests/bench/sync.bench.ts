/**
 * `npm run bench:sync`: the real server (`src/server/main.ts`, its own process) on 127.0.0.1 with
 * a random port, first on SQLite (a temporary DATA_DIR), then on PostgreSQL (a fresh schema in
 * BENCH_DATABASE_URL, default the local `test` database, dropped afterwards). Ten townships with
 * an editor and a draft each; then `--clients` simulated devices (default 50), five per draft, each
 * pushing its outbox in batches of `--batch` mutations (default 20) over HTTP, in two runs of
 * `--mutations` (default 20,000; at most `--seconds`, default 60, each):
 *
 * - paced: together the devices offer `--rate` mutations/s (default 2,500): each flushes its outbox
 *   on a schedule, as the app does after edits. Latency counts from the scheduled send time, so a
 *   server falling behind shows as latency, not as a politely slower client (coordinated omission).
 *   The goal with SQLite on a 2-core machine: ≥ 2,000 mutations/s at p99 ≤ 50 ms, 50 clients.
 * - saturated: every device pushes again as soon as it has its answer: the capacity, where latency
 *   is just clients ÷ throughput.
 *
 * Prints mutations/s and push latency p50/p99. Options: --db sqlite,postgres.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashPassword } from '../../src/server/auth/password.ts';
import { openPostgresStorage } from '../../src/server/storage/postgres.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { allCellKeys, cellSpec, getTemplate } from '../../src/report/templates/index.ts';
import type { Ack, Mutation } from '../../src/sync/protocol.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DRAFTS = 10;
const PASSWORD = 'bench password 1';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    batch: { type: 'string', default: '20' },
    mutations: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '2500' },
    db: { type: 'string', default: 'sqlite,postgres' },
  },
});
const CLIENTS = Math.max(1, Number(values.clients));
const BATCH = Math.min(500, Math.max(1, Number(values.batch)));
const TOTAL = Math.max(BATCH, Number(values.mutations));
const SECONDS = Math.max(1, Number(values.seconds));
const RATE = Math.max(1, Number(values.rate));
const BACKENDS = values.db.split(',').map((s) => s.trim()).filter((s): s is 'sqlite' | 'postgres' => s === 'sqlite' || s === 'postgres');

/** The count cells of the 2021 template: what the simulated officials type into. */
const CELLS = allCellKeys(getTemplate('2021')).filter((key) => cellSpec(getTemplate('2021'), key)?.kind === 'count').map((key) => `cell:${key}`);

interface Target {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  open(): ServerStorage;
  cleanup(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'lotho-bench-'));
  return Promise.resolve({
    name: 'sqlite' as const,
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    open: () => openSqliteStorage({ path: join(dir, 'lotho.sqlite') }),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
}

async function postgresTarget(): Promise<Target> {
  const schema = `lotho_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${PG_URL} (${error instanceof Error ? error.message : String(error)}); set BENCH_DATABASE_URL or run with --db sqlite`);
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: 'postgres',
    env: { DATABASE_URL: url.toString() },
    open: () => openPostgresStorage({ connectionString: PG_URL, schema }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Ten townships with an editor each, written straight into the database before the server starts. */
async function prepare(target: Target): Promise<void> {
  const storage = target.open();
  try {
    await storage.migrate();
    await storage.createAgency({ id: 'county', nameZh: '测试县人民政府', level: 'county' });
    // The hash carries its cost: a cheap one keeps the 10 logins out of the figures.
    const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    for (let i = 0; i < DRAFTS; i += 1) {
      await storage.createAgency({ id: `town${i}`, nameZh: `测试县第${i}镇人民政府`, level: 'township', parentId: 'county' });
      await storage.createUser({ username: `editor${i}`, agencyId: `town${i}`, role: 'editor', passwordHash });
    }
  } finally {
    await storage.close();
  }
}

async function startServer(target: Target): Promise<{ child: ChildProcess; base: string; serverMs: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...target.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: join(tmpdir(), 'lotho-bench-no-app') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start: ${stderr}`));
    }, 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const match = /"msg":"listening".*?"port":(\d+)/u.exec(buffer);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        buffer = '';
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      reject(new Error(`server exited (${String(code)}): ${stderr}`));
    });
  });
  // Keep draining the request log (the server must never block on a full pipe), and keep the
  // server's own time of each push: what the server spent, as opposed to what a device waited.
  child.stdout.removeAllListeners('data');
  const serverMs: number[] = [];
  let rest = '';
  child.stdout.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const match = /"path":"\/api\/sync\/push".*"ms":([\d.]+)/u.exec(line);
      if (match?.[1] !== undefined) serverMs.push(Number(match[1]));
    }
  });
  return { child, base: `http://127.0.0.1:${port}`, serverMs };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  child.kill('SIGTERM');
  await exited;
}

async function post(base: string, path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
}

async function setUp(base: string): Promise<{ tokens: string[]; drafts: { id: string; revs: Map<string, number> }[] }> {
  const tokens: string[] = [];
  for (let i = 0; i < DRAFTS; i += 1) {
    const response = await post(base, '/api/auth/login', { username: `editor${i}`, password: PASSWORD });
    if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
    tokens.push(((await response.json()) as { token: string }).token);
  }
  const drafts: { id: string; revs: Map<string, number> }[] = [];
  for (let i = 0; i < DRAFTS; i += 1) {
    const response = await post(base, '/api/drafts', { from: 'blank', template: '2021', year: 2024 }, tokens[i]);
    if (response.status !== 201) throw new Error(`draft: ${response.status} ${await response.text()}`);
    const { draft } = (await response.json()) as { draft: { id: string; fields: Record<string, { rev: number }> } };
    drafts.push({ id: draft.id, revs: new Map(Object.entries(draft.fields).map(([k, f]) => [k, f.rev])) });
  }
  return { tokens, drafts };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

interface Result {
  mutations: number;
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  conflicts: number;
  errors: number;
}

type Mode = 'paced' | 'saturated';

async function load(mode: Mode, base: string, tokens: readonly string[], drafts: readonly { id: string; revs: Map<string, number> }[]): Promise<Result> {
  const latencies: number[] = [];
  // Paced: each device flushes every `interval` ms, the devices spread evenly over one interval.
  const interval = (CLIENTS * BATCH * 1000) / RATE;
  let sent = 0;
  let conflicts = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;

  const client = async (index: number): Promise<void> => {
    const draft = drafts[index % drafts.length];
    const token = tokens[index % tokens.length];
    if (draft === undefined || token === undefined) return;
    const clientId = `${mode}${index}`;
    const known = new Map(draft.revs);
    let seq = 0;
    let due = started + (interval * index) / CLIENTS;
    while (sent < TOTAL && performance.now() < deadline) {
      if (mode === 'paced') {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const size = Math.min(BATCH, TOTAL - sent);
      sent += size;
      const mutations: Mutation[] = Array.from({ length: size }, () => {
        const field = CELLS[Math.floor(Math.random() * CELLS.length)] ?? CELLS[0] ?? '';
        seq += 1;
        return { clientId, seq, draftId: draft.id, field, value: Math.floor(Math.random() * 100), baseRev: known.get(field) ?? 0 };
      });
      const t0 = mode === 'paced' ? due : performance.now();
      due += interval;
      const response = await post(base, '/api/sync/push', { mutations }, token);
      const text = await response.text();
      latencies.push(performance.now() - t0);
      if (!response.ok) {
        errors += 1;
        continue;
      }
      const { acks } = JSON.parse(text) as { acks: Ack[] };
      acks.forEach((ack, i) => {
        const field = mutations[i]?.field;
        if (field !== undefined) known.set(field, Math.max(known.get(field) ?? 0, ack.rev));
        if (ack.status === 'conflict') conflicts += 1;
      });
    }
  };

  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    mutations: sent,
    requests: latencies.length,
    seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    conflicts,
    errors,
  };
}

async function bench(make: () => Promise<Target>): Promise<void> {
  const target = await make();
  let server: ChildProcess | undefined;
  try {
    await prepare(target);
    const started = await startServer(target);
    server = started.child;
    const { tokens, drafts } = await setUp(started.base);
    // Warm-up, not counted: every device pushes once at the same time, so the JIT has run, the
    // connection pool is open and its statements prepared. A field the measured runs never touch.
    const warm = Array.from({ length: CLIENTS }, (_, i) => post(started.base, '/api/sync/push', {
      mutations: [{ clientId: `warm${i}`, seq: 1, draftId: drafts[i % drafts.length]?.id, field: 'text:other:zh', value: `warm ${i}`, baseRev: 1 }],
    }, tokens[i % tokens.length]).then((r) => r.text()));
    await Promise.all(warm);
    for (const mode of ['paced', 'saturated'] as const) {
      started.serverMs.length = 0;
      const r = await load(mode, started.base, tokens, drafts);
      const rate = r.mutations / r.seconds;
      const fmt = (ms: number) => ms.toFixed(1);
      const server = [...started.serverMs].sort((a, b) => a - b);
      process.stdout.write(
        `${target.name.padEnd(8)} ${mode.padEnd(9)} ${r.mutations} mutations in ${r.requests} pushes, ${r.seconds.toFixed(2)} s → ` +
          `${Math.round(rate)} mutations/s (${Math.round(r.requests / r.seconds)} pushes/s); push latency p50 ${fmt(r.p50)} ms, ` +
          `p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms (server's own time p50 ${fmt(quantile(server, 0.5))}, ` +
          `p99 ${fmt(quantile(server, 0.99))} ms); ${r.conflicts} conflicts, ${r.errors} errors\n`,
      );
      if (target.name === 'sqlite' && mode === 'paced') {
        const ok = rate >= 2_000 && r.p99 <= 50 && r.errors === 0;
        process.stdout.write(`${' '.repeat(9)}goal ≥ 2000 mutations/s at p99 ≤ 50 ms: ${ok ? 'met' : 'NOT met'}\n`);
        if (!ok) process.exitCode = 1;
      }
    }
  } finally {
    if (server !== undefined) await stopServer(server);
    await target.cleanup();
  }
}

const load1 = () => loadavg()[0]?.toFixed(2) ?? '?';
process.stdout.write(
  `bench:sync — ${CLIENTS} clients, batches of ${BATCH}; per run up to ${TOTAL} mutations or ${SECONDS} s; paced at ${RATE} mutations/s offered; ` +
    `${cpus().length} CPUs, load average ${load1()} (the client runs on the same machine)\n`,
);
for (const name of BACKENDS) await bench(name === 'sqlite' ? sqliteTarget : postgresTarget);
process.stdout.write(`load average at the end ${load1()}\n`);
