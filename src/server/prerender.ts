/**
 * Pre-rendered report pages (a step of `npm run build`: prerender-main.ts, compiled).
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
 * The build pre-renders whatever is published when it runs. The server calls `writeReportPages`
 * afterwards (report-pages.ts): for a report when it is published, and at start for every report
 * the database has newer than its pages.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { LANGS, type Lang, type ReportDocument } from '../report/model.ts';
import { SEED_REPORT_ID } from '../report/seed/index.ts';
import { ReportIdSchema } from '../contract/reports.ts';
import { loadSeedReport } from './seed.ts';
import { pageFile, writePage } from './page-files.ts';
import { subsetInWorker, withPageFont, type PageFontSubsetter } from './page-font.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { PublishedReport } from './storage/types.ts';
import type { ServedOverlay } from '../report/review/overlay.ts';
import type { DirectoryListing } from '../contract/directory.ts';

/** A published report as the read API serves it. */
export interface PrerenderReport {
  id: string;
  version: number;
  updatedAt: string;
  document: ReportDocument;
  /** The deployment's reviewed Tibetan (report/review/overlay.ts), when it has any. */
  translations?: ServedOverlay;
}

/** What dist-ssr/entry-server.js exports (src/entry-server.ts; not imported here: it is Vue). */
export interface PageRenderer {
  renderReportPage(input: {
    template: string;
    styles: { href: string; css: string }[];
    report: PrerenderReport;
    lang: Lang;
    renderedAt?: Date;
    translations?: ServedOverlay;
  }): Promise<unknown>;
  /** The home and agency pages (directory/pages.ts); absent from an SSR build older than them. */
  renderListingPage?(input: {
    template: string;
    styles: { href: string; css: string }[];
    url: string;
    lang: Lang;
    key: string;
    listing: DirectoryListing;
    translations?: ServedOverlay;
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
 * A module a page loads lazily whose stylesheets it needs from the start. In the build manifest
 * (dist/.vite/manifest.json) it is either its own chunk, keyed by its source path, or part of a
 * chunk group (vite.config.ts codeSplitting), keyed by the group's chunk, whose `name` is the
 * group's. Either way, its styles are that chunk's and those of the chunks it imports.
 */
interface LazyModule {
  source: string;
  /** The codeSplitting group that holds the module in the app build (vite.config.ts). */
  group?: string;
}

const BOOT: LazyModule = { source: 'src/boot.ts' };

/** The report page and its tables: the `reader` group of vite.config.ts. */
const REPORT_PAGE_MODULES: readonly LazyModule[] = [
  BOOT,
  { source: 'src/pages/ReportPage.vue', group: 'reader' },
  { source: 'src/components/report/report-tables.ts', group: 'reader' },
];

const ManifestSchema = v.record(
  v.string(),
  v.object({
    file: v.string(),
    name: v.optional(v.string()),
    css: v.optional(v.array(v.string())),
    imports: v.optional(v.array(v.string())),
    dynamicImports: v.optional(v.array(v.string())),
  }),
);

/**
 * The stylesheets of a report page, in the order the app would load them (a chunk's imports
 * before the chunk): the entry's, then those of the app, the report page and its tables, read
 * from the build manifest (dist/.vite/manifest.json). Throws when the manifest lacks one of them:
 * a page inlined without its own styles paints unstyled and moves when they arrive.
 */
export function reportPageStyles(distDir: string): Promise<{ href: string; css: string }[]> {
  return pageStyles(distDir, REPORT_PAGE_MODULES);
}

/** The modules a directory page (home, agency) loads lazily whose stylesheets it needs from the start. */
const DIRECTORY_PAGE_MODULES: readonly LazyModule[] = [BOOT, { source: 'src/pages/HomePage.vue' }];

/** The stylesheets of a directory page (home, agency), as reportPageStyles. */
export function directoryPageStyles(distDir: string): Promise<{ href: string; css: string }[]> {
  return pageStyles(distDir, DIRECTORY_PAGE_MODULES);
}

async function pageStyles(distDir: string, modules: readonly LazyModule[]): Promise<{ href: string; css: string }[]> {
  const manifest = v.parse(ManifestSchema, JSON.parse(await readFile(join(distDir, '.vite', 'manifest.json'), 'utf8')));
  /** Whether the manifest's chunk `key` holds `module`: its own chunk, or its group's (a key starting with "_"). */
  const holds = (key: string, module: LazyModule): boolean =>
    key === module.source || (module.group !== undefined && key.startsWith('_') && manifest[key]?.name === module.group);
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`pre-render: ${key} is not in the build manifest`);
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
    for (const css of chunk.css ?? []) if (!files.includes(css)) files.push(css);
    for (const lazy of chunk.dynamicImports ?? []) if (modules.some((module) => holds(lazy, module))) visit(lazy);
  };
  visit('index.html');
  for (const module of modules) {
    if (![...seen].some((key) => holds(key, module))) {
      const where = module.group === undefined ? '' : ` (nor its chunk group "${module.group}")`;
      throw new Error(`pre-render: ${module.source}${where} is not reached from index.html`);
    }
  }
  return Promise.all(files.map(async (file) => ({ href: `/${file}`, css: await readFile(join(distDir, file), 'utf8') })));
}

/** What every page is rendered into: the built index.html and the report page's stylesheets. */
export interface PageBuild {
  /** The app build (dist/), holding index.html and .vite/manifest.json. */
  distDir: string;
  template: string;
  styles: { href: string; css: string }[];
  /** Subsets the Tibetan font for a page's text (page-font.ts; default: in a worker thread). */
  pageFont?: PageFontSubsetter;
}

/** Reads what the pages need from the app build at `distDir`. */
export async function readPageBuild(distDir: string, pageFont: PageFontSubsetter = subsetInWorker): Promise<PageBuild> {
  const [template, styles] = await Promise.all([readFile(join(distDir, 'index.html'), 'utf8'), reportPageStyles(distDir)]);
  return { distDir, template, styles, pageFont };
}

/**
 * Renders one report in every language, each page with its own Tibetan font (page-font.ts), then writes the pages (page-files.ts: each atomically,
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
      await renderer.renderReportPage({
        template: build.template,
        styles: build.styles,
        report: { id: report.id, version: report.version, updatedAt: report.updatedAt, document: report.document },
        lang,
        ...(renderedAt ? { renderedAt } : {}),
        ...(report.translations ? { translations: report.translations } : {}),
      }),
    );
    if (!resolve(root, page.file).startsWith(root + sep)) throw new Error(`pre-render: ${page.file} is outside ${root}`);
    // The server finds a page, and its version, by report and language: nowhere else.
    if (page.file !== pageFile(lang, report.id)) throw new Error(`pre-render: ${page.file} is not ${pageFile(lang, report.id)}`);
    // A page showing Tibetan carries the font's subset for its text (the Chinese one has none).
    pages.push({ lang, url: page.url, html: await withPageFont(page.html, build.pageFont) });
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
