/**
 * Pre-rendered report pages (the last step of `npm run build`: `tsx src/server/prerender.ts`).
 * For every published report, in Chinese and in Tibetan, writes the complete page the browser
 * paints before any script runs: dist/zh/reports/<id>/index.html and dist/bo/reports/<id>/index.html.
 * The server (static.ts) serves such a file for its address before falling back to the app shell.
 *
 * The pages are rendered by the app itself, built for Node by `vite build --ssr
 * src/entry-server.ts` into dist-ssr/ (same components, same compiled messages as the browser's,
 * so hydration matches). The reports come from the database in DATA_DIR when there is one, else
 * from the seed files, built by the same function the server seeds an empty database with
 * (seed.ts `loadSeedReport`), so a clean checkout pre-renders the document the server will serve.
 *
 * Each page is written atomically with the version it shows beside it (page-files.ts); the
 * server serves a page only while that version is the report's latest (report-pages.ts).
 *
 * Options: --dist DIR (default STATIC_DIR or dist/), --ssr DIR (default dist-ssr/).
 *
 * The build pre-renders whatever is published when it runs. The server calls `writeReportPages`
 * afterwards (report-pages.ts): for a report when it is published, and at start for every report
 * the database has newer than its pages.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { LANGS, type Lang, type ReportDocument } from '../report/model.ts';
import { SEED_REPORT_ID } from '../report/seed/index.ts';
import { ReportIdSchema } from './api.ts';
import { loadConfig } from './config.ts';
import { loadSeedReport } from './seed.ts';
import { pageFile, writePage } from './page-files.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { PublishedReport } from './storage/types.ts';

/** A published report as the read API serves it. */
export interface PrerenderReport {
  id: string;
  version: number;
  updatedAt: string;
  document: ReportDocument;
}

/** What dist-ssr/entry-server.js exports (src/entry-server.ts; not imported here: it is Vue). */
export interface PageRenderer {
  renderReportPage(input: {
    template: string;
    styles: { href: string; css: string }[];
    report: PrerenderReport;
    lang: Lang;
    renderedAt?: Date;
  }): Promise<unknown>;
}

const RenderedPageSchema = v.object({ url: v.string(), file: v.string(), html: v.string() });

/** Loads the renderer built by `vite build --ssr`; throws a one-line reason when it is not there. */
export async function loadRenderer(entry: string): Promise<PageRenderer> {
  if (!existsSync(entry)) throw new Error(`no ${entry}: run \`vite build --ssr src/entry-server.ts\` first (npm run build does)`);
  const module: unknown = await import(pathToFileURL(entry).href);
  if (typeof module !== 'object' || module === null || !('renderReportPage' in module) || typeof module.renderReportPage !== 'function') {
    throw new Error(`${entry} does not export renderReportPage`);
  }
  return module as PageRenderer;
}

/**
 * The modules a report page loads lazily whose stylesheets it needs from the start. A module the
 * build grouped into a shared chunk (vite.config.ts: the reader group) has no entry of its own in
 * the manifest: its styles are that chunk's, reached through the imports.
 */
const REPORT_PAGE_CHUNKS = new Set(['src/boot.ts', 'src/pages/ReportPage.vue', 'src/components/report/report-tables.ts']);

const ManifestSchema = v.record(
  v.string(),
  v.object({
    file: v.string(),
    css: v.optional(v.array(v.string())),
    imports: v.optional(v.array(v.string())),
    dynamicImports: v.optional(v.array(v.string())),
  }),
);

/**
 * The stylesheets of a report page, in the order the app would load them (a chunk's imports
 * before the chunk): the entry's, then those of the app, the report page and its tables, read
 * from the build manifest (dist/.vite/manifest.json). Throws when the manifest lacks one of them.
 */
export async function reportPageStyles(distDir: string): Promise<{ href: string; css: string }[]> {
  const manifest = v.parse(ManifestSchema, JSON.parse(await readFile(join(distDir, '.vite', 'manifest.json'), 'utf8')));
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`pre-render: ${key} is not in the build manifest`);
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
    for (const css of chunk.css ?? []) if (!files.includes(css)) files.push(css);
    for (const lazy of chunk.dynamicImports ?? []) if (REPORT_PAGE_CHUNKS.has(lazy)) visit(lazy);
  };
  visit('index.html');
  if (!seen.has('src/boot.ts')) throw new Error('pre-render: src/boot.ts is not reached from index.html');
  for (const key of REPORT_PAGE_CHUNKS) if (key in manifest && !seen.has(key)) throw new Error(`pre-render: ${key} is not reached from index.html`);
  return Promise.all(files.map(async (file) => ({ href: `/${file}`, css: await readFile(join(distDir, file), 'utf8') })));
}

/** What every page is rendered into: the built index.html and the report page's stylesheets. */
export interface PageBuild {
  /** The app build (dist/), holding index.html and .vite/manifest.json. */
  distDir: string;
  template: string;
  styles: { href: string; css: string }[];
}

/** Reads what the pages need from the app build at `distDir`. */
export async function readPageBuild(distDir: string): Promise<PageBuild> {
  const [template, styles] = await Promise.all([readFile(join(distDir, 'index.html'), 'utf8'), reportPageStyles(distDir)]);
  return { distDir, template, styles };
}

/**
 * Renders one report in every language, then writes the pages (page-files.ts: each atomically,
 * with the version it shows). Every language is rendered before anything is written, so a
 * renderer failing on one leaves the files as they were. Returns the addresses written.
 */
export async function writeReportPages(build: PageBuild, renderer: PageRenderer, report: PrerenderReport, renderedAt?: Date): Promise<string[]> {
  // The id becomes a directory name: only the API's URL-safe ids get this far.
  if (!v.is(ReportIdSchema, report.id)) throw new Error(`report id ${JSON.stringify(report.id)} cannot be an address`);
  const root = resolve(build.distDir);
  const pages: { lang: Lang; url: string; html: string }[] = [];
  for (const lang of LANGS) {
    const page = v.parse(
      RenderedPageSchema,
      await renderer.renderReportPage({ template: build.template, styles: build.styles, report, lang, ...(renderedAt ? { renderedAt } : {}) }),
    );
    if (!resolve(root, page.file).startsWith(root + sep)) throw new Error(`pre-render: ${page.file} is outside ${root}`);
    // The server finds a page, and its version, by report and language: nowhere else.
    if (page.file !== pageFile(lang, report.id)) throw new Error(`pre-render: ${page.file} is not ${pageFile(lang, report.id)}`);
    pages.push({ lang, url: page.url, html: page.html });
  }
  for (const page of pages) await writePage(root, page.lang, report.id, report.version, page.html);
  return pages.map((p) => p.url);
}

export interface PrerenderOptions {
  /** The app build (dist/), holding index.html and .vite/manifest.json. */
  distDir: string;
  renderer: PageRenderer;
  reports: readonly PrerenderReport[];
  renderedAt?: Date;
}

/** Renders every report in every language into `distDir`; returns the addresses written. */
export async function prerenderReports(options: PrerenderOptions): Promise<string[]> {
  const build = await readPageBuild(options.distDir);
  const written: string[] = [];
  for (const report of options.reports) written.push(...(await writeReportPages(build, options.renderer, report, options.renderedAt)));
  return written;
}

/** A stored version as the pages show it (the read API's shape). */
export function prerenderReport(stored: PublishedReport): PrerenderReport {
  return { id: stored.id, version: stored.version, updatedAt: stored.publishedAt, document: stored.document };
}

/** Removes the pages of an earlier run (a report no longer published must not stay served). */
export async function removePrerendered(distDir: string): Promise<void> {
  for (const lang of LANGS) await rm(join(distDir, lang, 'reports'), { recursive: true, force: true });
}

/** The latest version of every report in the SQLite database at `path`. */
export async function reportsFromDatabase(path: string): Promise<PrerenderReport[]> {
  const storage = openSqliteStorage({ path });
  try {
    const reports: PrerenderReport[] = [];
    for (const row of await storage.listReports()) {
      const stored = await storage.getReport(row.id);
      if (stored !== undefined) reports.push(prerenderReport(stored));
    }
    return reports;
  } finally {
    await storage.close();
  }
}

/** The seed report as the server publishes it into an empty database (version 1). */
export async function seedReports(publishedAt: Date = new Date()): Promise<PrerenderReport[]> {
  return [{ id: SEED_REPORT_ID, version: 1, updatedAt: publishedAt.toISOString(), document: await loadSeedReport() }];
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const config = loadConfig(process.env, root);
  // --dist and --ssr: another build than the project's dist/ and dist-ssr/ (benchmarks, CI).
  const { values } = parseArgs({ options: { dist: { type: 'string' }, ssr: { type: 'string' } } });
  const distDir = resolve(values.dist ?? config.staticDir);
  const ssrDir = resolve(values.ssr ?? join(root, 'dist-ssr'));
  const database = join(config.dataDir, 'lotho.sqlite');
  let reports: PrerenderReport[] | undefined;
  let source = 'seed';
  if (existsSync(database)) {
    try {
      reports = await reportsFromDatabase(database);
      source = database;
    } catch (error) {
      process.stderr.write(`prerender: cannot read ${database} (${error instanceof Error ? error.message : String(error)}); using the seed\n`);
    }
  }
  if (reports === undefined || reports.length === 0) {
    reports = await seedReports();
    source = 'seed';
  }
  const renderer = await loadRenderer(join(ssrDir, 'entry-server.js'));
  await removePrerendered(distDir);
  const pages = await prerenderReports({ distDir, renderer, reports });
  process.stdout.write(`prerender: ${pages.length} pages from ${source} into ${relative(process.cwd(), distDir) || '.'}\n`);
  for (const page of pages) process.stdout.write(`  ${page}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`prerender failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
