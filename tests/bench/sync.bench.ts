/**
 * `npm run bench:sync`: the real server (the compiled `dist-node/server.js`, its own process, as
 * `npm run serve` runs it) on 127.0.0.1 with a random port, first on SQLite (a temporary DATA_DIR),
 * then on PostgreSQL (a fresh schema in BENCH_DATABASE_URL, default the local `test` database,
 * dropped afterwards). Ten townships with an editor and a draft each; then `--clients` simulated
 * devices (default 50), five per draft, each pushing its outbox in batches of `--batch` mutations
 * (default 20) over HTTP, in two runs of `--mutations` (default 20,000; at most `--seconds`,
 * default 60, each), paced and saturated (push-load.ts). The goal with SQLite on a 2-core machine:
 * ≥ 2,000 mutations/s at p99 ≤ 50 ms paced, 50 clients.
 *
 * Then one edit per push (how an online official's edits arrive), saturated, `--single` pushes
 * (default 10,000; at most `--seconds`) on each of three servers, running side by side and taking
 * turns in `--rounds` rounds (default 3), the same devices and cells:
 * - the real server;
 * - the floor (sync-floor.ts): a bare node:http route doing the same database write, nothing else;
 * - the classic CouchDB-protocol peer (sync-peer.ts: express-pouchdb, as pouchdb-server serves
 *   it, on LevelDB files by default like pouchdb-server; `--peer memory` for its in-memory mode;
 *   the same edits as `_bulk_docs` writes, peer-workload.ts);
 * - a second process of the real server that has served nothing but pushes (its sessions were
 *   made by the first one's sign-ins): what serving sign-ins and other routes first costs a push.
 * What each side writes, and how durably, is printed before the figures: on SQLite the server and
 * the LevelDB peer both hand each push to the kernel before answering, neither waits for the disk.
 * The goals: the server's cost per push at most 2× the floor's, and at least 5× the peer's
 * pushes/s. Every figure is printed with the load average beside it (the machine may be shared, and
 * the client runs on it too): compare the ratios of one run. The client's own CPU is printed too:
 * it is one thread, and when it is busy most of a core, it sets the pushes/s of a fast server.
 *
 * Options: --db sqlite,postgres; --runs batches,single; --rounds N; --peer leveldb|memory;
 * --profile DIR (CPU profiles of the server and the floor).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashPassword } from '../../src/server/auth/password.ts';
import { openPostgresStorage } from '../../src/server/storage/postgres.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { cellSpec, getTemplate } from '../../src/report/templates/index.ts';
import { reportTables } from '../../src/report/tables/index.ts';
import { cellField } from '../../src/report/fields.ts';
import type { Ack, Mutation } from '../../src/contract/sync.ts';
import { ensureNodeBuild } from '../../scripts/build-node.mjs';
import { httpClient, type Send } from './http-client.ts';
import { peerDevice, preparePeer } from './peer-workload.ts';
import { load, merged, quantile, type Push, type Result } from './push-load.ts';

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
    single: { type: 'string', default: '10000' },
    runs: { type: 'string', default: 'batches,single' },
    rounds: { type: 'string', default: '3' },
    profile: { type: 'string' },
    against: { type: 'string' },
    peer: { type: 'string', default: 'leveldb' },
  },
});
const CLIENTS = Math.max(1, Number(values.clients));
const BATCH = Math.min(500, Math.max(1, Number(values.batch)));
const TOTAL = Math.max(BATCH, Number(values.mutations));
const SECONDS = Math.max(1, Number(values.seconds));
const RATE = Math.max(1, Number(values.rate));
const SINGLE = Math.max(1, Number(values.single));
/** `batches` (paced and saturated, `--batch` mutations a push), `single` (one edit a push, floor, peer). */
const RUNS = values.runs.split(',').map((s) => s.trim());
/** One edit per push: the server, the floor and the peer take turns this many times (load drifts). */
const ROUNDS = Math.max(1, Number(values.rounds));
/** A directory for CPU profiles of the real server and the floor (node --cpu-prof), written when they stop. */
const PROFILE = values.profile;
/**
 * Another build of the server (its server.js, e.g. a copy of dist-node/ made before a change, kept
 * inside the project so it finds node_modules/), measured beside this one on the same database,
 * taking its turns in the one-edit runs: a before/after on one machine at one time.
 */
const AGAINST = values.against;
/** The peer's store (sync-peer.ts): LevelDB files, as pouchdb-server keeps them, or memory. */
const PEER = values.peer === 'memory' ? 'memory' : 'leveldb';
const BACKENDS = values.db.split(',').map((s) => s.trim()).filter((s): s is 'sqlite' | 'postgres' => s === 'sqlite' || s === 'postgres');

/** The count cells of the 2021 template: what the simulated officials type into. */
const CELLS = reportTables(getTemplate('2021')).order.filter((key) => cellSpec(getTemplate('2021'), key)?.kind === 'count').map(cellField);

interface Target {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  /** What a push's write is, and how durable once answered: printed beside the figures. */
  durability: string;
  open(): ServerStorage;
  cleanup(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'lotho-bench-'));
  return Promise.resolve({
    name: 'sqlite' as const,
    env: { DATA_DIR: dir, DATABASE_URL: '' },
    // storage/sqlite.ts: journal_mode=WAL, synchronous=NORMAL.
    durability: 'one IMMEDIATE transaction a push, committed into the WAL file (written to the kernel, no fsync: SQLite WAL with synchronous=NORMAL) before the answer: survives the process being killed, not a power cut',
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
  const setting = async (name: string) => String((await admin.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name])).rows[0]?.setting);
  const [synchronousCommit, fsync] = [await setting('synchronous_commit'), await setting('fsync')];
  await admin.end();
  const flushed = synchronousCommit !== 'off' && fsync === 'on';
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: 'postgres',
    env: { DATABASE_URL: url.toString() },
    durability: `one transaction a group of pushes (those that arrived while the one before was written: storage/postgres/push-group.ts), committed by the PostgreSQL server (synchronous_commit=${synchronousCommit}, fsync=${fsync}: ` +
      `${flushed ? 'its WAL flushed to the disk before the answer, group-committed with the others: survives a power cut' : 'not flushed to the disk before the answer: survives the server process being killed, not a power cut'}); ` +
      "the CPU figures are the Node process's only, not PostgreSQL's own processes'",
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

/** The real server (compiled), the floor (a bare route) and the CouchDB-protocol peer, each its own process. */
const SERVERS = {
  real: ['dist-node/server.js'],
  against: [AGAINST ?? ''],
  floor: ['--import', 'tsx', 'tests/bench/sync-floor.ts'],
  peer: ['--import', 'tsx', 'tests/bench/sync-peer.ts'],
} as const;

/**
 * A server as a county runs it: its log goes to a file (journald, a file: not a pipe this process
 * would have to drain between its own requests). Resolves once it listens.
 */
async function startServer(target: Target, which: keyof typeof SERVERS = 'real'): Promise<{ child: ChildProcess; base: string; log: ServerLog }> {
  const profile = PROFILE !== undefined && which !== 'peer' ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE, which)}`] : [];
  const logFile = join(mkdtempSync(join(tmpdir(), 'lotho-bench-log-')), 'server.log');
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...profile, ...SERVERS[which]], {
    cwd: ROOT,
    env: { ...process.env, ...target.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: join(tmpdir(), 'lotho-bench-no-app'), PEER_ADAPTER: PEER },
    stdio: ['ignore', out, 'pipe'],
  });
  closeSync(out);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.once('exit', () => {
    rmSync(dirname(logFile), { recursive: true, force: true });
  });
  const log = serverLog(logFile);
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const port = /"msg":"listening".*?"port":(\d+)/u.exec(log.since(0))?.[1];
    if (port !== undefined) return { child, base: `http://127.0.0.1:${port}`, log };
    if (child.exitCode !== null) throw new Error(`server exited (${String(child.exitCode)}): ${stderr}`);
    if (Date.now() - started > 30_000) throw new Error(`server did not start: ${stderr}`);
  }
}

interface ServerLog {
  /** The log's length so far, in bytes. */
  size(): number;
  /** The log from byte `offset` on. */
  since(offset: number): string;
  /** The server's own time (ms) of each push logged from byte `offset` on. */
  pushTimes(offset: number): number[];
}

function serverLog(file: string): ServerLog {
  const since = (offset: number) => {
    try {
      return readFileSync(file).subarray(offset).toString('utf8');
    } catch {
      return '';
    }
  };
  return {
    size: () => Buffer.byteLength(since(0)),
    since,
    pushTimes: (offset) => [...since(offset).matchAll(/"path":"\/api\/sync\/push".*"ms":([\d.]+)/gu)].map((m) => Number(m[1])),
  };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  child.kill('SIGTERM');
  await exited;
}

const post = (send: Send, path: string, body: unknown, token?: string) => send('POST', path, body, token === undefined ? {} : { Authorization: `Bearer ${token}` });

/** Every editor signs in: their session tokens. */
async function signIn(send: Send): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < DRAFTS; i += 1) {
    const response = await post(send, '/api/auth/login', { username: `editor${i}`, password: PASSWORD });
    if (response.status !== 200) throw new Error(`login: ${response.status} ${response.text}`);
    tokens.push((JSON.parse(response.text) as { token: string }).token);
  }
  return tokens;
}

async function setUp(send: Send): Promise<{ tokens: string[]; drafts: { id: string; revs: Map<string, number> }[] }> {
  const tokens = await signIn(send);
  const drafts: { id: string; revs: Map<string, number> }[] = [];
  for (let i = 0; i < DRAFTS; i += 1) {
    const response = await post(send, '/api/drafts', { from: 'blank', template: '2021', year: 2024 }, tokens[i]);
    if (response.status !== 201) throw new Error(`draft: ${response.status} ${response.text}`);
    const { draft } = JSON.parse(response.text) as { draft: { id: string; fields: Record<string, { rev: number }> } };
    drafts.push({ id: draft.id, revs: new Map(Object.entries(draft.fields).map(([k, f]) => [k, f.rev])) });
  }
  return { tokens, drafts };
}

/** A device of Lotho's app: its own client id and sequence, the revs it learnt from its acks. */
function lothoDevice(send: Send, token: string, draft: { id: string; revs: Map<string, number> }, clientId: string): Push {
  const known = new Map(draft.revs);
  let seq = 0;
  return async (size) => {
    const mutations: Mutation[] = Array.from({ length: size }, () => {
      const field = CELLS[Math.floor(Math.random() * CELLS.length)] ?? cellField('requests.new_received.total');
      seq += 1;
      return { clientId, seq, draftId: draft.id, field, value: Math.floor(Math.random() * 100), baseRev: known.get(field) ?? 0 };
    });
    const response = await post(send, '/api/sync/push', { mutations }, token);
    if (response.status !== 200) return { ok: false, conflicts: 0 };
    const { acks } = JSON.parse(response.text) as { acks: Ack[] };
    let conflicts = 0;
    acks.forEach((ack, i) => {
      const field = mutations[i]?.field;
      if (field !== undefined) known.set(field, Math.max(known.get(field) ?? 0, ack.rev));
      if (ack.status === 'conflict') conflicts += 1;
    });
    return { ok: true, conflicts };
  };
}

/** `CLIENTS` devices of the real server or the floor, five per draft; their client ids start with `run`. */
function lothoDevices(send: Send, tokens: readonly string[], drafts: readonly { id: string; revs: Map<string, number> }[], run: string): Push[] {
  return Array.from({ length: CLIENTS }, (_, i) => lothoDevice(send, tokens[i % tokens.length] ?? '', drafts[i % drafts.length] ?? { id: '', revs: new Map() }, `${run}-${String(i)}`));
}

const fmt = (ms: number) => ms.toFixed(1);

const load1 = () => loadavg()[0]?.toFixed(2) ?? '?';

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * The CPU time a process has used so far (user + system, ms), from /proc: what a push costs the
 * server whatever else the machine runs, where pushes/s depend on the CPU the others leave.
 */
function cpuMs(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${String(child.pid)}/stat`, 'utf8');
  // Fields after the command name (in parentheses, which may hold spaces): utime is the 14th field.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/** This process's CPU time so far (ms): the client's, which does nothing else during a run. */
function clientCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Measured extends Result {
  /** The server process's CPU time (ms) meanwhile. */
  serverCpu: number;
  /** The client's (this process's) CPU time (ms) meanwhile. */
  clientCpu: number;
  /** pushes/s of each round. */
  rounds: number[];
  /** The server's CPU time a push (ms) of each round: how much they differ says how noisy the machine is. */
  roundCpu: number[];
}

/**
 * Waits until a server has finished what it does after its last answer (the collector, a deferred
 * write): until it uses less than 2 ms of CPU in 100 ms, at most 3 s. That work is its own cost,
 * and left running it would be charged to whichever server is measured next.
 */
async function settled(child: ChildProcess): Promise<void> {
  for (let last = cpuMs(child), since = Date.now(); Date.now() - since < 3_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = cpuMs(child);
    if (now - last < 2) return;
    last = now;
  }
}

/** A measured run: the load, and the server's (until it has settled) and the client's CPU time meanwhile. */
async function measured(child: ChildProcess, run: () => Promise<Result>): Promise<Measured> {
  const before = cpuMs(child);
  const clientBefore = clientCpuMs();
  const result = await run();
  const clientCpu = clientCpuMs() - clientBefore;
  await settled(child);
  const serverCpu = cpuMs(child) - before;
  return { ...result, serverCpu, clientCpu, rounds: [result.requests / result.seconds], roundCpu: [serverCpu / result.requests] };
}

function together(runs: readonly Measured[]): Measured {
  const sum = (f: (r: Measured) => number) => runs.reduce((total, r) => total + f(r), 0);
  return { ...merged(runs), serverCpu: sum((r) => r.serverCpu), clientCpu: sum((r) => r.clientCpu), rounds: runs.flatMap((r) => r.rounds), roundCpu: runs.flatMap((r) => r.roundCpu) };
}

const rate = (r: Result) => r.requests / r.seconds;
const cpuPerPush = (r: Measured) => r.serverCpu / r.requests;
/** The share of one core the client used: it is one thread, so near 100% it is what limits pushes/s. */
const clientBusy = (r: Measured) => r.clientCpu / (r.seconds * 1000);
/**
 * The share of a core the server used. Well below 100%, its pushes/s were not set by its own work
 * but by how soon the machine ran it and the client again (a loaded machine): compare CPU per push.
 */
const serverBusy = (r: Measured) => r.serverCpu / (r.seconds * 1000);

function edits(who: string, r: Measured): string {
  return `  ${who.padEnd(24)} ${String(r.requests).padStart(6)} pushes, ${r.seconds.toFixed(2)} s → ${String(Math.round(rate(r))).padStart(5)} pushes/s ` +
    `(rounds ${r.rounds.map((x) => Math.round(x)).join(', ')}); p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms; its CPU ${cpuPerPush(r).toFixed(3)} ms a push, ${Math.round(serverBusy(r) * 100)}% of a core ` +
    `(rounds ${Math.min(...r.roundCpu).toFixed(2)}–${Math.max(...r.roundCpu).toFixed(2)}); ` +
    `client CPU ${(r.clientCpu / r.requests).toFixed(3)} ms a push (${Math.round(clientBusy(r) * 100)}% of a core); ${r.errors} errors; load average ${load1()}\n`;
}

interface Contender {
  label: string;
  child: ChildProcess;
  devices: readonly Push[];
  runs: Measured[];
}

/**
 * One edit per push, saturated, on the real server (already started), the floor and the peer, all
 * three running: each warmed up, then `ROUNDS` rounds in which each takes a turn (in the opposite
 * order every other round), each turn an equal share of `SINGLE` pushes with the same devices going on. Taking turns, a change in what else the
 * machine runs falls on all three alike, not on whichever ran last. Returns the processes started.
 */
async function singleEdits(target: Target, real: { base: string; child: ChildProcess }, tokens: readonly string[], drafts: readonly { id: string; revs: Map<string, number> }[]): Promise<ChildProcess[]> {
  const perRound = Math.max(1, Math.ceil(SINGLE / ROUNDS));
  const saturated = (devices: readonly Push[], total: number) => load({ mode: 'saturated', devices, batch: 1, total, seconds: SECONDS / ROUNDS, rate: RATE });
  const warmUp = Math.min(2_000, SINGLE);
  const floorServer = await startServer(target, 'floor');
  const peerServer = await startServer(target, 'peer');
  const peerSend = httpClient(peerServer.base, CLIENTS);
  const databases = await preparePeer(peerSend, DRAFTS, CELLS);
  const other = AGAINST === undefined ? undefined : await startServer(target, 'against');
  // The same sign-ins as the server had, so that the two builds have served the same requests.
  if (other !== undefined) await signIn(httpClient(other.base, CLIENTS));
  // The same build, but it serves pushes only: the sessions it looks up were made by the first one.
  const fresh = await startServer(target, 'real');
  const contenders: Contender[] = [
    { label: 'server', child: real.child, devices: lothoDevices(httpClient(real.base, CLIENTS), tokens, drafts, 'single'), runs: [] },
    ...(other === undefined ? [] : [{ label: 'server (--against)', child: other.child, devices: lothoDevices(httpClient(other.base, CLIENTS), tokens, drafts, 'against'), runs: [] }]),
    { label: 'server, pushes only', child: fresh.child, devices: lothoDevices(httpClient(fresh.base, CLIENTS), tokens, drafts, 'fresh'), runs: [] },
    { label: 'floor (bare route)', child: floorServer.child, devices: lothoDevices(httpClient(floorServer.base, CLIENTS), tokens, drafts, 'floor'), runs: [] },
    { label: `peer (pouchdb, ${PEER})`, child: peerServer.child, devices: Array.from({ length: CLIENTS }, (_, i) => peerDevice(peerSend, databases, CELLS, i)), runs: [] },
    { label: 'peer, replication', child: peerServer.child, devices: Array.from({ length: CLIENTS }, (_, i) => peerDevice(peerSend, databases, CELLS, i, 'replication')), runs: [] },
  ];
  process.stdout.write(
    `${target.name}: one edit per push, ${CLIENTS} clients, saturated, ${ROUNDS} rounds of ${perRound} pushes each; load average ${load1()}\n` +
      `  server: Lotho's dist-node/server.js as deployed (its log to a file), after ${DRAFTS} sign-ins (scrypt 2^17: each hash upgraded) and ${DRAFTS} new drafts; ` +
      `each push: session, request reader, schema and field checks, ${target.durability}\n` +
      `  server, pushes only: a second process of the same build that has served nothing but pushes\n` +
      `  floor: a bare node:http route (sync-floor.ts): JSON.parse, the same storage.pushMutations call (the same write, as durable), JSON.stringify; no checks, no log\n` +
      `  peer: express-pouchdb (pouchdb-server's CouchDB API), each push one POST /{db}/_bulk_docs of one document with new_edits=false (a replicated revision, merged into its tree); ` +
      `${PEER === 'leveldb' ? "its store LevelDB files as pouchdb-server's default (each push one LevelDB batch written to its log without fsync before the answer: survives the process being killed, not a power cut)" : 'in memory (pouchdb-server --in-memory): nothing written, lost with the process'}; no authentication\n` +
      `  peer, replication: the same peer, each push as PouchDB's live replication sends one edit: POST _revs_diff, POST _bulk_docs, PUT _local/{checkpoint} (3 requests, 2 writes; Lotho's one push records its (clientId, seq) in the edit's transaction)\n`,
  );
  for (const c of contenders) await saturated(c.devices, warmUp);
  for (let round = 0; round < ROUNDS; round += 1) {
    // Every other round in the opposite order: no server always comes right after the same other.
    for (const c of round % 2 === 0 ? contenders : contenders.toReversed()) {
      c.runs.push(await measured(c.child, () => saturated(c.devices, perRound)));
    }
  }
  const results = contenders.map((c) => ({ label: c.label, ...together(c.runs) }));
  for (const r of results) process.stdout.write(edits(r.label, r));
  const [server, floor, peer, replication] = [results[0], results.at(-3), results.at(-2), results.at(-1)] as [Measured, Measured, Measured, Measured];
  const pushesOnly = results.find((r) => r.label === 'server, pushes only') as Measured;

  const overFloor = { wall: rate(floor) / rate(server), cpu: cpuPerPush(server) / cpuPerPush(floor) };
  const overPeer = { wall: rate(server) / rate(peer), cpu: cpuPerPush(peer) / cpuPerPush(server), floorCpu: cpuPerPush(peer) / cpuPerPush(floor) };
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const busiest = Math.max(...results.map(clientBusy));
  process.stdout.write(
    `  cost per push, server ÷ floor (goal ≤ 2×): ${overFloor.wall.toFixed(2)}× in wall time (${fmt(1000 / rate(server))} ÷ ${fmt(1000 / rate(floor))} ms), ` +
      `${overFloor.cpu.toFixed(2)}× in the server process's CPU: ${verdict(overFloor.wall <= 2 && overFloor.cpu <= 2)}\n` +
      `  pushes/s, server ÷ peer (goal ≥ 5×): ${overPeer.wall.toFixed(2)}× in wall time: ${verdict(overPeer.wall >= 5)}; ` +
      `per CPU second ${overPeer.cpu.toFixed(2)}× (the floor's: ${overPeer.floorCpu.toFixed(2)}×, the most a server doing this write could reach)\n` +
      `  pushes/s, server ÷ peer's replication: ${(rate(server) / rate(replication)).toFixed(2)}× in wall time, per CPU second ${(cpuPerPush(replication) / cpuPerPush(server)).toFixed(2)}× (the floor's: ${(cpuPerPush(replication) / cpuPerPush(floor)).toFixed(2)}×)\n` +
      `  server ÷ server, pushes only, in CPU per push: ${(cpuPerPush(server) / cpuPerPush(pushesOnly)).toFixed(2)}× (rounds ${server.roundCpu.map((c, i) => (c / (pushesOnly.roundCpu[i] ?? Number.NaN)).toFixed(2)).join(', ')}): what having served sign-ins and other routes costs a push\n` +
      `  a server well below 100% of a core waited for the machine (the client, other processes) more than for its own work: its pushes/s are not its own, ` +
      `its CPU per push is (here ${results.map((r) => `${r.label} ${Math.round(serverBusy(r) * 100)}%`).join(', ')})\n` +
      `  the client used at most ${Math.round(busiest * 100)}% of a core: ${busiest >= 0.9 ? 'it is what limits pushes/s (compare CPU per push)' : 'it is not what limits pushes/s'}\n`,
  );
  return [floorServer.child, peerServer.child, fresh.child, ...(other === undefined ? [] : [other.child])];
}

async function bench(make: () => Promise<Target>): Promise<void> {
  const target = await make();
  const servers: ChildProcess[] = [];
  try {
    await prepare(target);
    const started = await startServer(target);
    servers.push(started.child);
    const send = httpClient(started.base, CLIENTS);
    const { tokens, drafts } = await setUp(send);
    // Warm-up, not counted: every device pushes once at the same time, so the JIT has run, the
    // connection pool is open and its statements prepared. A field the measured runs never touch.
    const warm = Array.from({ length: CLIENTS }, (_, i) => post(send, '/api/sync/push', {
      mutations: [{ clientId: `warm${i}`, seq: 1, draftId: drafts[i % drafts.length]?.id, field: 'text:other:zh', value: `warm ${i}`, baseRev: 1 }],
    }, tokens[i % tokens.length]));
    await Promise.all(warm);
    for (const mode of RUNS.includes('batches') ? (['paced', 'saturated'] as const) : []) {
      const logged = started.log.size();
      const r = await load({ mode, devices: lothoDevices(send, tokens, drafts, `${mode}${String(BATCH)}`), batch: BATCH, total: TOTAL, seconds: SECONDS, rate: RATE });
      const rate = r.mutations / r.seconds;
      // The log is written a turn of the event loop after the answer: wait for every push's line.
      let times = started.log.pushTimes(logged);
      for (const since = Date.now(); times.length < r.requests && Date.now() - since < 10_000; times = started.log.pushTimes(logged)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const server = times.sort((a, b) => a - b);
      process.stdout.write(
        `${target.name.padEnd(8)} ${mode.padEnd(9)} ${r.mutations} mutations in ${r.requests} pushes, ${r.seconds.toFixed(2)} s → ` +
          `${Math.round(rate)} mutations/s (${Math.round(r.requests / r.seconds)} pushes/s); push latency p50 ${fmt(r.p50)} ms, ` +
          `p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms (server's own time p50 ${fmt(quantile(server, 0.5))}, ` +
          `p99 ${fmt(quantile(server, 0.99))} ms); ${r.conflicts} conflicts, ${r.errors} errors; load average ${load1()}\n`,
      );
      if (target.name === 'sqlite' && mode === 'paced') {
        const ok = rate >= 2_000 && r.p99 <= 50 && r.errors === 0;
        process.stdout.write(`${' '.repeat(9)}goal ≥ 2000 mutations/s at p99 ≤ 50 ms: ${ok ? 'met' : 'NOT met'}\n`);
        if (!ok) process.exitCode = 1;
      }
    }
    if (RUNS.includes('single')) servers.push(...(await singleEdits(target, started, tokens, drafts)));
  } finally {
    for (const child of servers) await stopServer(child);
    await target.cleanup();
  }
}

process.stdout.write(
  `bench:sync — ${CLIENTS} clients, batches of ${BATCH}; per run up to ${TOTAL} mutations or ${SECONDS} s; paced at ${RATE} mutations/s offered; ` +
    `${cpus().length} CPUs, load average ${load1()} (the client runs on the same machine)\n`,
);
await ensureNodeBuild((line) => process.stdout.write(`${line}\n`));
for (const name of BACKENDS) await bench(name === 'sqlite' ? sqliteTarget : postgresTarget);
process.stdout.write(`load average at the end ${load1()}\n`);
