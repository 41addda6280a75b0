// @ts-check
/**
 * The compiled server and CLI: esbuild bundles the TypeScript sources into dist-node/ (ES modules;
 * package.json's `dependencies` left as imports of node_modules, any other package bundled in, as
 * valibot is: it declares an optional peer TypeScript, which a production install would otherwise
 * carry along), so that neither `npm start` nor the `lotho` bin
 * needs a TypeScript loader. Entries: server.js (src/server/main.ts), cli.js (src/cli/main.ts, its
 * `run`), prerender.js and precompress.js (build steps), page-font-worker.js (a worker thread of
 * the pre-rendering). Shared code goes to chunks/, and what a
 * command loads lazily (the PDF and Word readers) stays lazy.
 *
 * `node scripts/build-node.mjs`            build dist-node/ (and its stamp, dist-node/.build.json)
 * `node scripts/build-node.mjs --if-possible`  the same when esbuild is installed, else nothing
 *                                          (`prepare`: a production install has no esbuild)
 * `node scripts/build-node.mjs --stamp-app`  the last step of `npm run build`: stamp dist/ (below)
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason, writeStamp } from './build-stamp.mjs';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const NODE_DIR = join(ROOT, 'dist-node');
const NODE_STAMP = join(NODE_DIR, '.build.json');
/** The stamp of the whole `npm run build` (app, SSR build, pages, Brotli copies, dist-node). */
export const APP_STAMP = join(ROOT, 'dist', '.build.json');

const ENTRIES = {
  server: 'src/server/main.ts',
  cli: 'src/cli/main.ts',
  prerender: 'src/server/prerender-main.ts',
  precompress: 'src/server/precompress-main.ts',
  // Started by page-font.ts as a worker thread: it must be a file of its own.
  'page-font-worker': 'src/server/page-font-worker.ts',
};

/** Files every build depends on besides its sources. */
const CONFIG_FILES = ['package.json', 'package-lock.json', 'scripts/build-node.mjs', 'scripts/build-stamp.mjs'];

/**
 * Whether the project has `name` installed (a devDependency is missing from a production install).
 * @param {string} name
 * @returns {boolean}
 */
export function installed(name) {
  return existsSync(join(ROOT, 'node_modules', name, 'package.json'));
}

/**
 * package.json's `dependencies`: what the compiled files load from node_modules at run time.
 * @returns {Record<string, string>}
 */
export function productionDependencies() {
  /** @type {{ dependencies?: Record<string, string> }} */
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return pkg.dependencies ?? {};
}

/** @returns {boolean} */
export function canBuild() {
  return installed('esbuild');
}

/**
 * Bundles into a fresh directory and swaps it in, so that a `lotho` started meanwhile never loads
 * half of one build and half of another.
 * @returns {Promise<void>}
 */
export async function buildNode() {
  const esbuild = await import('esbuild');
  const tmp = `${NODE_DIR}.tmp-${String(process.pid)}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // What a production install (`npm ci --omit=dev`) has; a subpath (`hono/cookie`) goes with its package.
    external: Object.keys(productionDependencies()),
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  writeStamp(ROOT, join(tmp, '.build.json'), [...Object.keys(result.metafile.inputs), ...CONFIG_FILES]);
  writeFileSync(join(tmp, '.entry-inputs.json'), `${JSON.stringify(entryInputs(result.metafile, tmp))}\n`);
  // Two commands compiling at once: each swaps in its own complete build, the last one stays.
  const old = `${NODE_DIR}.old-${String(process.pid)}`;
  try {
    renameSync(NODE_DIR, old);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  try {
    renameSync(tmp, NODE_DIR);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && (error.code === 'ENOTEMPTY' || error.code === 'EEXIST'))) throw error;
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
}

/**
 * The source files each entry is made of (its output and every chunk it imports, also lazily).
 * @param {import('esbuild').Metafile} metafile
 * @param {string} outdir
 * @returns {Record<string, string[]>}
 */
function entryInputs(metafile, outdir) {
  /** @type {Record<string, string[]>} */
  const byEntry = {};
  for (const [name, source] of Object.entries(ENTRIES)) {
    const start = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === source)?.[0];
    if (start === undefined) throw new Error(`esbuild made no output for ${source} in ${outdir}`);
    const seen = new Set([start]);
    const inputs = new Set();
    for (const file of seen) {
      const output = metafile.outputs[file];
      if (output === undefined) continue;
      for (const input of Object.keys(output.inputs)) inputs.add(input);
      for (const next of output.imports) if (!next.external) seen.add(next.path);
    }
    byEntry[name] = [...inputs].sort();
  }
  return byEntry;
}

/**
 * dist-node/ as the sources are now: rebuilt when a source changed and esbuild is installed. A
 * production install (no esbuild) uses the build it has, saying so when its sources changed.
 * @param {(line: string) => void} say where notes go (stderr for the CLI, the log for the server)
 * @returns {Promise<string>} the directory of the compiled files
 */
export async function ensureNodeBuild(say) {
  const reason = staleReason(ROOT, NODE_STAMP);
  if (reason === undefined) return NODE_DIR;
  if (canBuild()) {
    if (reason !== 'missing') say(`compiling the server and CLI (${reason})`);
    await buildNode();
    return NODE_DIR;
  }
  if (reason === 'missing') {
    throw new Error('no compiled server and CLI in dist-node/ and no esbuild to make them: run `npm install` and `npm run build`');
  }
  say(`dist-node/ is older than the sources (${reason}) and this install has no build tools: using it as it is`);
  return NODE_DIR;
}

/** Every file under `dir` (relative to the project). @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The module ids each Vite build recorded (`.inputs-*.json` in dist/ and dist-ssr/, vite.config.ts
 * `recordInputs`). @returns {string[]}
 */
function viteInputs() {
  const files = [];
  for (const dir of ['dist', 'dist-ssr']) {
    for (const name of existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir)) : []) {
      if (!/^\.inputs-[\w-]+\.json$/u.test(name)) continue;
      const ids = /** @type {unknown} */ (JSON.parse(readFileSync(join(ROOT, dir, name), 'utf8')));
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') files.push(id);
    }
  }
  return files;
}

/**
 * Stamps dist/ once every step of `npm run build` has passed: what the Vite builds read, public/,
 * the configuration, and the sources of the steps run after them (pre-rendering, Brotli copies).
 * A change to the server alone leaves it fresh: `npm start` then only recompiles dist-node/.
 */
function stampApp() {
  const vite = viteInputs();
  if (vite.length === 0) throw new Error('no .inputs-*.json in dist/ or dist-ssr/: run the Vite builds first');
  const entries = /** @type {Record<string, string[]>} */ (JSON.parse(readFileSync(join(NODE_DIR, '.entry-inputs.json'), 'utf8')));
  writeStamp(ROOT, APP_STAMP, [
    ...vite,
    ...filesUnder('public'),
    ...(entries.prerender ?? []),
    ...(entries.precompress ?? []),
    ...CONFIG_FILES,
    'index.html',
    'vite.config.ts',
    'tsconfig.app.json',
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [flag] = process.argv.slice(2);
  if (flag === '--stamp-app') stampApp();
  else if (flag === '--if-possible' && !canBuild()) process.stdout.write('build-node: no esbuild (a production install): dist-node/ left as it is\n');
  else await buildNode();
}
