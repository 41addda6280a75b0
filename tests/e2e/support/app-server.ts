/**
 * The built app served as `npm start` serves it, for the browser tests and the reader benchmark:
 * `npm run build`, then the `serve` script's own command (read from package.json, today
 * `node dist-node/server.js`, the compiled server) with PORT=0 on 127.0.0.1 and a fresh DATA_DIR,
 * so the server seeds qingduo-2020 on start. The kernel picks the port; the "listening" log line
 * says which.
 *
 * The command is spawned without npm in between: npm does not pass SIGTERM on to the script's
 * shell, so stopping `npm run serve` would leave the server running. The server gets SIGTERM
 * itself, and then closes its database and exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The one Chromium the browser tests and the benchmark use (Debian's; see .ci/system-deps). */
export const CHROMIUM = process.env.LOTHO_CHROMIUM ?? '/usr/bin/chromium';

/** The line printed when Chromium is missing: the whole message, on purpose. */
export const NO_CHROMIUM = `${CHROMIUM} not found: run .ci/system-deps or apt-get install -y chromium fonts-noto-cjk`;

/** Flags for every Chromium started by the tests and the benchmark. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Where screenshots and logs go (gitignored). */
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * The environment of a shell that runs `npm start`: ours without what Vitest adds. Vitest sets
 * NODE_ENV=test, and `vite build` under NODE_ENV=test makes a build with import.meta.env.PROD
 * false (no service worker registration, among others).
 */
export function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key.startsWith('VITEST') || key === 'TEST') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs `npm run build`; throws with the build's output when it fails. Returns the seconds taken. */
export function buildApp(): number {
  const started = performance.now();
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    env: shellEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

/** The `serve` script as [executable, ...args], the executable resolved in node_modules/.bin. */
function serveCommand(): [string, string[]] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.serve;
  if (script === undefined) throw new Error('package.json has no "serve" script');
  if (/[|&;<>$`"'\\]/.test(script)) throw new Error(`cannot run the "serve" script without a shell: ${script}`);
  const [bin, ...args] = script.trim().split(/\s+/);
  if (bin === undefined) throw new Error('the "serve" script is empty');
  // `node` is this Node, as npm would run it (the first `node` on PATH may be another).
  if (bin === 'node') return [process.execPath, args];
  const local = join(ROOT, 'node_modules', '.bin', bin);
  return [existsSync(local) ? local : bin, args];
}

export interface AppServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseURL: string;
  dataDir: string;
  /** SIGTERM, then wait for the exit (SIGKILL to the process group after 10 s). */
  stop(): Promise<void>;
}

interface LogLine {
  msg?: unknown;
  port?: unknown;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => { resolve(); });
  });
}

/**
 * Starts the server on a free loopback port with a temporary DATA_DIR and resolves once
 * GET /api/reports answers 200. The server's output goes to `logFile`. `options.dataDir` and
 * `options.port` restart a server on the database and address of one stopped before.
 */
export async function startAppServer(
  logFile = join(ARTIFACTS, 'server.log'),
  options: { dataDir?: string; port?: number } = {},
): Promise<AppServer> {
  mkdirSync(dirname(logFile), { recursive: true });
  // A given DATA_DIR (a restart on the same database) is the caller's: stop() leaves it.
  const tmp = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'lotho-e2e-')) : undefined;
  const dataDir = options.dataDir ?? join(tmp ?? '', 'data');
  const [bin, args] = serveCommand();
  const child = spawn(bin, args, {
    cwd: ROOT,
    env: shellEnv({ PORT: String(options.port ?? 0), HOST: '127.0.0.1', DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a forgotten server can be killed with everything it started.
    detached: true,
  });
  const log = createWriteStream(logFile);
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  // If the test runner dies without calling stop(), the server must not outlive it.
  process.once('exit', killGroup);

  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (output.length < 20_000) output += `${line}\n`;
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as LogLine;
          if (parsed.msg === 'listening' && typeof parsed.port === 'number') resolve(parsed.port);
        } catch {
          // Not a log line.
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (output.length < 20_000) output += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      reject(new Error(`the server exited before listening (${String(code ?? signal)}):\n${output}`));
    });
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(killGroup, 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    process.removeListener('exit', killGroup);
    log.end();
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  };

  try {
    const baseURL = `http://127.0.0.1:${String(await withTimeout(port, 30_000, 'the server did not log "listening"'))}`;
    await waitForApi(`${baseURL}/api/reports`);
    return { baseURL, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { reject(new Error(`${what} within ${String(ms)} ms`)); }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => { clearTimeout(timer); });
}

async function waitForApi(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `status ${String(response.status)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within 30 s (${last})`);
}
