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
 *   server process on the same PostgreSQL published it (that process renders into its own
 *   STATIC_DIR; here the app shell answers until this process renders it, at its next start).
 * - `refresh()`, at start, renders every report whose pages are missing or older than the database
 *   (published after the build, or on a PostgreSQL server while the build pre-rendered the seed).
 * Renders run one at a time: each takes the event loop for some milliseconds.
 */
import * as v from 'valibot';
import { LANGS } from '../report/model.ts';
import { ReportIdSchema } from './api.ts';
import { errorFields, type Logger } from './logger.ts';
import { pageVersion, parsePageFile, removeReportPages } from './page-files.ts';
import { prerenderReport, readPageBuild, writeReportPages, type PageRenderer } from './prerender.ts';
import type { ServerStorage } from './storage/types.ts';

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
}

export interface ReportPages {
  /** After a publication's commit: the older pages stop being served at once, and new ones are rendered. Never throws. */
  published(report: { id: string; version: number }): void;
  /** Whether static.ts may serve `file` (relative to the build): any file but a page, and a page of the latest version. */
  mayServe(file: string): Promise<boolean>;
  /** Renders every published report whose pages are missing or out of date; resolves when done, never rejects. */
  refresh(): Promise<void>;
  /** Resolves once no render is queued or running. */
  idle(): Promise<void>;
  /** Drops the queued renders and resolves when the running one is done (before the database closes). */
  close(): Promise<void>;
}

const DEFAULT_TTL_MS = 2_000;
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
  const queued = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

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
  const render = async (id: string): Promise<void> => {
    const started = performance.now();
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const stored = await storage.getReport(id);
        if (stored === undefined) throw new Error(`report ${id} is not published`);
        if (renderer === undefined) {
          await removeReportPages(distDir, id);
          logger.warn('report pages removed: no SSR build to render them with (npm run build makes one)', { id, version: stored.version });
          return;
        }
        await writeReportPages(await readPageBuild(distDir), renderer, prerenderReport(stored));
        versions.note(id, stored.version);
        // Another process sharing this STATIC_DIR may have published a newer version meanwhile
        // and written its pages before ours: then ours are the older ones, rendered again.
        const latest = (await storage.listReportVersions(id)).at(-1)?.version;
        if (latest === stored.version) {
          logger.info('report pages rendered', { id, version: stored.version, ms: Math.round(performance.now() - started) });
          return;
        }
      }
      throw new Error(`report ${id} kept changing while its pages were rendered`);
    } catch (error) {
      await removeAfterFailure(id, error);
    }
  };

  const schedule = (id: string): void => {
    // A render still waiting reads the latest version when it starts: one is enough.
    if (closed || queued.has(id)) return;
    queued.add(id);
    chain = chain.then(async () => {
      queued.delete(id);
      if (!closed) await render(id);
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
      schedule(report.id);
    },

    async mayServe(file) {
      const page = parsePageFile(file);
      if (page === undefined) return true;
      if (!v.is(ReportIdSchema, page.id)) return false;
      try {
        const [shown, latest] = await Promise.all([pageVersion(distDir, page.lang, page.id), versions.get(page.id)]);
        return shown !== undefined && shown === latest;
      } catch (error) {
        logger.warn('cannot check a report page against the database: serving the app shell', { file, ...errorFields(error) });
        return false;
      }
    },

    async refresh() {
      if (renderer === undefined) return;
      try {
        let stale = 0;
        for (const row of await storage.listReports()) {
          const shown = await Promise.all(LANGS.map((lang) => pageVersion(distDir, lang, row.id)));
          if (shown.every((version) => version === row.version)) continue;
          stale += 1;
          schedule(row.id);
        }
        if (stale > 0) logger.info('rendering report pages older than the database', { reports: stale });
        await idle();
      } catch (error) {
        logger.error('report pages: cannot compare them with the database', errorFields(error));
      }
    },

    idle,

    async close() {
      closed = true;
      await idle();
    },
  };
}
