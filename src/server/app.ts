/**
 * The HTTP application: middleware, routes, static files and the one error handler. It never
 * listens: main.ts does, and tests call `app.request()` without a port.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { ApiError, errorResponse, handleError } from './errors.ts';
import { errorFields, silentLogger, type Logger } from './logger.ts';
import { DEFAULT_AUTH, type AuthOptions } from './auth/options.ts';
import { withSessionCache } from './auth/session-cache.ts';
import { requestLog } from './request-log.ts';
import { requestReader } from './request-reader.ts';
import { accountRoutes } from './routes/accounts.ts';
import { authRoutes } from './routes/auth.ts';
import { importRoutes } from './routes/imports.ts';
import { BULK_MAX_BYTES } from '../contract/imports.ts';
import { draftRoutes } from './routes/drafts.ts';
import { healthRoutes } from './routes/health.ts';
import { HEARTBEAT_MAX_BYTES, kioskRoutes } from './routes/kiosks.ts';
import { fontRoutes, type WordFontSubsetter } from './routes/fonts.ts';
import { oversightRoutes } from './routes/oversight.ts';
import { oversightService } from './oversight/service.ts';
import { reportRoutes } from './routes/reports.ts';
import { reviewRoutes, translationRoutes } from './routes/review.ts';
import { reviewService, type ReviewService } from './review/service.ts';
import { directoryRoutes } from './routes/directory.ts';
import { directory as makeDirectory, type Directory } from './directory/index.ts';
import { directoryPages } from './directory/pages.ts';
import type { PageRenderer } from './prerender.ts';
import { parseDirectoryQuery } from '../contract/directory.ts';
import type { Lang } from '../report/model.ts';
import { syncRoutes } from './routes/sync.ts';
import { securityHeaders } from './security-headers.ts';
import { reportPages, type ReportPages } from './report-pages.ts';
import { APP_ROUTE, staticFiles } from './static.ts';
import type { ServerStorage } from './storage/types.ts';

export interface AppOptions {
  storage: ServerStorage;
  /** The app build (Vite's dist/). Ignored when it has no index.html: the API is served alone. */
  staticDir?: string;
  logger?: Logger;
  /**
   * Largest request body accepted, in bytes (default 1 MiB: a report JSON is well under, and so
   * is a push of 500 mutations unless it carries long prose).
   */
  maxBodyBytes?: number;
  /** Sessions, cookies and login throttling (defaults in auth/options.ts). */
  auth?: Partial<Omit<AuthOptions, 'throttle'>> & { throttle?: Partial<AuthOptions['throttle']> };
  /** Clock of sessions and throttling; tests move it. */
  now?: () => Date;
  /**
   * The pre-rendered report pages of `staticDir` (report-pages.ts): re-rendered on publication,
   * and never served older than the report. main.ts passes one with the SSR build's renderer;
   * by default there is none, and a publication removes the report's pages.
   */
  pages?: ReportPages;
  /** The Tibetan review (default: one over `storage`, rendering the pages again after each decision). */
  review?: ReviewService;
  /** The residents' directory (directory/index.ts); main.ts passes the one its notifications reach. */
  directory?: Directory;
  /** The SSR build's renderer: the home and agency pages are rendered with it (directory/pages.ts). */
  renderer?: PageRenderer;
  /** Cuts the Tibetan font for a Word file made in the browser (routes/fonts.ts; a worker thread by default). */
  wordFont?: WordFontSubsetter;
}

/** True when `dir` holds a build the server can serve. */
export function hasAppBuild(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(join(dir, 'index.html'));
}

export function buildApp(appOptions: AppOptions): Hono {
  const options = { ...appOptions, storage: withSessionCache(appOptions.storage) };
  const logger = options.logger ?? silentLogger;
  const build = hasAppBuild(options.staticDir) ? options.staticDir : undefined;
  const pages = build === undefined ? undefined : (options.pages ?? reportPages({ distDir: build, storage: options.storage, logger }));
  const files = build === undefined ? undefined : staticFiles(build, pages === undefined ? {} : { mayServe: (file) => pages.mayServe(file) });
  const review = options.review ?? reviewService(options.storage, { onChanged: () => void pages?.retranslated() });
  pages?.useTranslations(() => review.overlay());
  const directory = options.directory ?? makeDirectory(options.storage);
  const onPublished = (report: { id: string; version: number }): void => {
    directory.changed();
    // The publication is committed: nothing after it may turn its answer into an error.
    try {
      review.invalidate();
      pages?.published(report);
    } catch (error) {
      logger.error('after publishing', { id: report.id, ...errorFields(error) });
    }
  };
  const app = new Hono();

  const auth: AuthOptions = { ...DEFAULT_AUTH, ...options.auth, throttle: { ...DEFAULT_AUTH.throttle, ...options.auth?.throttle } };
  app.use(requestLog(logger, auth.trustProxy));
  app.use(securityHeaders());
  // A report is ~30 kB of JSON and ~5 kB gzipped: it matters on a township's mobile link. A
  // compressed body gets a weak ETag (W/"…"), which If-None-Match still matches. Downloads are
  // GETs (reports, pulls); the answers to POSTs are small acks, and compressing them costs about a
  // millisecond per push, which is most of a push's time on the server. Registered for those
  // methods only, so that a POST's middleware chain does not even pass through a check of it.
  app.on(['GET', 'HEAD'], '*', compress());
  app.use(
    '/api/*',
    requestReader({
      maxBytes: options.maxBodyBytes ?? 1024 * 1024,
      smaller: { '/api/kiosks/heartbeat': HEARTBEAT_MAX_BYTES },
      binary: { '/api/imports': { maxBytes: BULK_MAX_BYTES, type: /^application\/(zip|x-zip-compressed|octet-stream)\s*(;|$)/iu } },
    }),
  );

  const now = options.now ?? (() => new Date());
  app.route('/healthz', healthRoutes(options.storage, build !== undefined, logger));
  app.route('/api/reports', reportRoutes(options.storage, directory));
  app.route('/api/agencies', directoryRoutes(directory));
  app.route('/api/auth', authRoutes(options.storage, auth, now, logger));
  app.route('/api/accounts', accountRoutes(options.storage, auth, now));
  app.route('/api/drafts', draftRoutes(options.storage, auth, now, onPublished));
  app.route('/api/imports', importRoutes(options.storage, auth, now, onPublished));
  app.route('/api/sync', syncRoutes(options.storage, auth, now));
  app.route('/api/kiosks', kioskRoutes(options.storage, auth, now));
  app.route('/api/fonts', fontRoutes(options.storage, auth, now, options.wordFont));
  app.route('/api/translations', translationRoutes(review));
  app.route('/api/review', reviewRoutes(options.storage, review, auth, now));
  app.route('/api', oversightRoutes(options.storage, oversightService(options.storage), auth, now, () => review.overlay()));
  app.all('/api/*', (c) => {
    throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path}`);
  });

  if (files !== undefined && build !== undefined) {
    const listings = directoryPages({ distDir: build, renderer: options.renderer, directory, logger, translations: () => review.overlay() });
    const DIRECTORY_PAGE = /^\/(zh|bo)(?:\/agencies\/([a-z0-9][a-z0-9-]{0,47}))?\/?$/u;
    app.on(['GET', 'HEAD'], '*', async (c, next) => {
      const match = DIRECTORY_PAGE.exec(c.req.path);
      if (match === null) return next();
      const answer = await listings.render(match[1] as Lang, match[2] ?? null, parseDirectoryQuery(c.req.query()));
      if (answer.kind === 'none') return next();
      if (answer.kind === 'not_found') return (await files.index(c, 404)) ?? c.notFound();
      c.header('Cache-Control', 'no-cache');
      c.header('Content-Type', 'text/html; charset=utf-8');
      return c.body(answer.html, 200);
    });
  }
  if (files !== undefined) {
    app.on(['GET', 'HEAD'], '*', async (c) => {
      const file = await files.file(c);
      if (file !== undefined) return file;
      if (APP_ROUTE.test(c.req.path)) return (await files.index(c, 200)) ?? c.notFound();
      // A page-like path the router does not own: the app renders its bilingual "not found",
      // with an honest status. A missing file (it has an extension) is a plain 404.
      if (!/\.[a-z0-9]+$/iu.test(c.req.path)) return (await files.index(c, 404)) ?? c.notFound();
      return c.notFound();
    });
  }

  app.notFound((c) => errorResponse(c, 404, 'not_found', `Nothing at ${c.req.path}`));
  app.onError(handleError(logger));
  return app;
}
