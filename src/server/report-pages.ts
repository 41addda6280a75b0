/**
 * The pre-rendered report pages while the server runs. `npm run build` renders what is published
 * when it runs (prerender.ts); this keeps the pages right afterwards:
 * - A publication re-renders that report's pages in the background, after its commit: the
 *   publish answer neither waits for the rendering nor fails with it. When rendering fails, or
 *   there is no SSR build to render with, the report's pages are removed instead, so the app shell
 *   answers their addresses and fetches the report.
 * - A page is served only when the version it shows (page-files.ts) is the report's latest in the
 *   database. An older version's page is therefore never served in place of a newer one: not in
 *   the moment between a commit and its new page, not after a failed rendering, not when another
 *   server process on the same PostgreSQL published it.
 * - Another process's publication is rendered here too: main.ts passes what the storage hears
 *   (LISTEN/NOTIFY on PostgreSQL) to `publishedElsewhere`; and a page found out of date when asked
 *   for is rendered again (a notification lost with a dropped connection). Until then the app
 *   shell answers.
 * - `refresh()`, at start, renders the reports whose pages are missing or older than the database
 *   (published after the build, or on a PostgreSQL server while the build pre-rendered the seed),
 *   the most recently published first and at most `startupRenders` of them: a region's 14,000
 *   reports at about 0.1 s of event loop per page would hold a new server busy for most of an
 *   hour. The others are rendered when first asked for (`mayServe`), the app shell answering that
 *   first reader; at most `maxQueued` such renders wait at a time (a crawler walking every report
 *   must not queue thousands), and a page not queued is queued when asked for again. The start's
 *   renders are queued one at a time, so a publication meanwhile is rendered next, and each waits
 *   for a pause in the requests (`backgroundTurn`).
 * Renders run one at a time: each takes the event loop for some milliseconds.
 */
import * as v from 'valibot';
import { LANGS } from '../report/model.ts';
import { ReportIdSchema } from '../contract/reports.ts';
import { errorFields, type Logger } from './logger.ts';
import { pageVersion, parsePageFile, removeReportPages } from './page-files.ts';
import { prerenderReport, readPageBuild, writeReportPages, type PageRenderer } from './prerender.ts';
import type { ServerStorage } from './storage/types.ts';
import { overlayChangesPages, type ServedOverlay } from '../report/review/overlay.ts';

export interface ReportPagesOptions {
  /** The app build (dist/) the pages are written into and served from. */
  distDir: string;
  storage: ServerStorage;
  logger: Logger;
  /** The SSR build's renderer (prerender.ts `loadRenderer`). Without one, publishing removes pages. */
  renderer?: PageRenderer;
  /**
   * How long the latest versions read from the database are trusted, in ms: a publication by
   * another process stops this one serving the older page after at most this long.
   */
  versionsTtlMs?: number;
  /** Renders at most this many reports at start (default 200); the rest when first asked for. */
  startupRenders?: number;
  /** Renders asked for by readers that may wait at a time (default 100). */
  maxQueued?: number;
  /**
   * Resolves when the start's renders may run (request-activity.ts: a pause in the requests);
   * by default at once. Publications and readers' renders do not wait for it.
   */
  backgroundTurn?: () => Promise<void>;
}

export interface ReportPages {
  /** After a publication's commit: the older pages stop being served at once, and new ones are rendered. Never throws. */
  published(report: { id: string; version: number }): void;
  /**
   * A publication heard from the database (any process, this one included): renders it unless
   * this process already has (or is about to). Never throws.
   */
  publishedElsewhere(report: { id: string; version: number }): void;
  /** Whether static.ts may serve `file` (relative to the build): any file but a page, and a page of the latest version. */
  mayServe(file: string): Promise<boolean>;
  /** Renders every published report whose pages are missing or out of date; resolves when done, never rejects. */
  refresh(): Promise<void>;
  /** Where the reviewed Tibetan comes from (app.ts): every page is rendered with it. */
  useTranslations(source: () => Promise<ServedOverlay>): void;
  /** The reviewed Tibetan changed: every report's pages are rendered again. Resolves once they are queued; never rejects. */
  retranslated(): Promise<void>;
  /** Resolves once no render is queued or running. */
  idle(): Promise<void>;
  /** Drops the queued renders and resolves when the running one is done (before the database closes). */
  close(): Promise<void>;
}

const DEFAULT_TTL_MS = 2_000;
const DEFAULT_STARTUP_RENDERS = 200;
const DEFAULT_MAX_QUEUED = 100;
/** Renders of one publication when other processes keep publishing the same report meanwhile. */
const MAX_ATTEMPTS = 3;

/** The latest published version of each report, read from the database at most once per `ttlMs`. */
function latestVersions(storage: ServerStorage, ttlMs: number) {
  // What this process published: a floor the database can only have passed, as versions only
  // grow. It makes a read that started before a commit harmless.
  const published = new Map<string, number>();
  let read: { at: number; versions: Map<string, number> } | undefined;
  let reading: Promise<void> | undefined;
  const load = async (): Promise<void> => {
    const at = performance.now();
    const rows = await storage.listReports();
    read = { at, versions: new Map(rows.map((r) => [r.id, r.version])) };
  };
  return {
    /** The highest version this process published or rendered of `id`. */
    noted: (id: string): number => published.get(id) ?? 0,
    note(id: string, version: number): void {
      published.set(id, Math.max(published.get(id) ?? 0, version));
    },
    async get(id: string): Promise<number | undefined> {
      if (read === undefined || performance.now() - read.at >= ttlMs) {
        reading ??= load().finally(() => {
          reading = undefined;
        });
        await reading;
      }
      const stored = read?.versions.get(id);
      const own = published.get(id);
      return stored === undefined ? own : Math.max(stored, own ?? 0);
    },
  };
}

export function reportPages(options: ReportPagesOptions): ReportPages {
  const { distDir, storage, logger, renderer } = options;
  const versions = latestVersions(storage, options.versionsTtlMs ?? DEFAULT_TTL_MS);
  /** Queued renders; true when one must render even pages that show the latest version already. */
  const queued = new Map<string, boolean>();
  const running = new Set<string>();
  /**
   * Asked for while their render ran: rendered once more after it, and then even if that shows the
   * latest version (true) when the reviewed Tibetan changed meanwhile: the running render may have
   * read the overlay before the decision, and its pages carry the same version as the next ones.
   */
  const again = new Map<string, boolean>();
  /** The version of each report whose rendering last failed (not tried again on every request). */
  const failed = new Map<string, number>();
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let translations: (() => Promise<ServedOverlay>) | undefined;
  const withTranslations = async (report: ReturnType<typeof prerenderReport>) => {
    const overlay = await translations?.();
    return overlay === undefined || !overlayChangesPages(overlay) ? report : { ...report, translations: overlay };
  };
  /** Every published report, rendered again (the reviewed Tibetan changed). */
  const scheduleAll = async (): Promise<void> => {
    for (const row of await storage.listReports()) schedule(row.id, true);
  };

  const removeAfterFailure = async (id: string, error: unknown): Promise<void> => {
    try {
      await removeReportPages(distDir, id);
      logger.error('report pages not rendered: removed, the app shell serves the report', { id, ...errorFields(error) });
    } catch (removal) {
      // Still never served: the version check refuses them. Only the fast first paint is lost.
      logger.error('report pages not rendered, nor removed', { id, ...errorFields(error), removal: errorFields(removal).detail });
    }
  };

  /** Renders the latest version of `id`, or removes its pages. Never rejects. */
  const render = async (id: string, always: boolean): Promise<void> => {
    const started = performance.now();
    let version: number | undefined;
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const stored = await storage.getReport(id);
        if (stored === undefined) throw new Error(`report ${id} is not published`);
        version = stored.version;
        const shown = await Promise.all(LANGS.map((lang) => pageVersion(distDir, lang, id)));
        if (!always && shown.every((v) => v === stored.version)) {
          // Rendered already (asked for twice, or by another process sharing this STATIC_DIR).
          versions.note(id, stored.version);
          return;
        }
        if (renderer === undefined) {
          await removeReportPages(distDir, id);
          logger.warn('report pages removed: no SSR build to render them with (npm run build makes one)', { id, version: stored.version });
          return;
        }
        await writeReportPages(await readPageBuild(distDir), renderer, await withTranslations(prerenderReport(stored)));
        versions.note(id, stored.version);
        // Another process sharing this STATIC_DIR may have published a newer version meanwhile
        // and written its pages before ours: then ours are the older ones, rendered again.
        const latest = (await storage.listReportVersions(id)).at(-1)?.version;
        if (latest === stored.version) {
          failed.delete(id);
          logger.info('report pages rendered', { id, version: stored.version, ms: Math.round(performance.now() - started) });
          return;
        }
      }
      throw new Error(`report ${id} kept changing while its pages were rendered`);
    } catch (error) {
      if (version !== undefined) failed.set(id, version);
      await removeAfterFailure(id, error);
    }
  };

  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  /** The queued renders readers asked for (the cap counts these, not publications nor the start's). */
  const asking = new Set<string>();
  const schedule = (id: string, always = false, asked = false): void => {
    // A render still waiting reads the latest version when it starts: one is enough.
    if (running.has(id)) {
      // It may have checked for a newer version (or read the overlay) already: once more after it.
      again.set(id, (again.get(id) ?? false) || always);
      return;
    }
    if (closed) return;
    if (queued.has(id)) {
      if (always) queued.set(id, true);
      return;
    }
    // A reader's page waits its turn behind publications; past the cap it is asked for again later.
    if (asked && asking.size >= maxQueued) return;
    if (asked) asking.add(id);
    queued.set(id, always);
    chain = chain.then(async () => {
      const force = queued.get(id) === true;
      queued.delete(id);
      asking.delete(id);
      if (closed) return;
      running.add(id);
      try {
        await render(id, force);
      } finally {
        running.delete(id);
        const next = again.get(id);
        again.delete(id);
        if (next !== undefined) schedule(id, next);
      }
    });
  };

  const idle = async (): Promise<void> => {
    let seen: Promise<void>;
    do {
      seen = chain;
      await seen;
    } while (seen !== chain);
  };

  return {
    published(report) {
      versions.note(report.id, report.version);
      schedule(report.id, true);
    },

    publishedElsewhere(report) {
      if (versions.noted(report.id) >= report.version) return;
      versions.note(report.id, report.version);
      if (renderer !== undefined) schedule(report.id);
    },

    async mayServe(file) {
      const page = parsePageFile(file);
      if (page === undefined) return true;
      if (!v.is(ReportIdSchema, page.id)) return false;
      try {
        const [shown, latest] = await Promise.all([pageVersion(distDir, page.lang, page.id), versions.get(page.id)]);
        // Out of date or missing (another process published it, a notification was lost): rendered
        // now for the next reader, unless rendering this very version failed already.
        if (latest !== undefined && shown !== latest && renderer !== undefined && failed.get(page.id) !== latest) schedule(page.id, false, true);
        return shown !== undefined && shown === latest;
      } catch (error) {
        logger.warn('cannot check a report page against the database: serving the app shell', { file, ...errorFields(error) });
        return false;
      }
    },

    useTranslations(source) {
      translations = source;
    },

    async retranslated() {
      if (renderer === undefined) return;
      await scheduleAll().catch((error: unknown) => {
        logger.error('report pages: cannot list the reports to render them with the reviewed Tibetan', errorFields(error));
      });
    },

    async refresh() {
      if (renderer === undefined) return;
      try {
        // Pages rendered by the build know nothing of this deployment's reviews.
        const overlay = await translations?.();
        if (overlay !== undefined && overlayChangesPages(overlay)) {
          logger.info('rendering every report page with the reviewed Tibetan');
          await scheduleAll();
        }
        const limit = options.startupRenders ?? DEFAULT_STARTUP_RENDERS;
        const newestFirst = (await storage.listReports()).sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
        const stale: string[] = [];
        for (const row of newestFirst) {
          const shown = await Promise.all(LANGS.map((lang) => pageVersion(distDir, lang, row.id)));
          if (shown.every((version) => version === row.version)) continue;
          stale.push(row.id);
        }
        const now = stale.slice(0, limit);
        if (stale.length > 0) logger.info('rendering report pages older than the database', { reports: now.length, whenAskedFor: stale.length - now.length });
        // One at a time, each after whatever else is queued: a publication made meanwhile is
        // rendered next, not after the whole backlog.
        for (const id of now) {
          if (closed) break;
          await idle();
          // Each render holds the event loop: while requests come in, they go first.
          await options.backgroundTurn?.();
          // schedule() queues nothing once closed.
          schedule(id);
        }
        await idle();
      } catch (error) {
        // Shutting down, the database closes under a pass still waiting its turn: nothing is wrong.
        if (!closed) logger.error('report pages: cannot compare them with the database', errorFields(error));
      }
    },

    idle,

    async close() {
      closed = true;
      await idle();
    },
  };
}
