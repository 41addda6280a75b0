/**
 * The HTTP application: middleware, routes, static files and the one error handler. It never
 * listens: main.ts does, and tests call `app.request()` without a port.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { ApiError, errorResponse, handleError } from './errors.ts';
import { errorFields, silentLogger, type Logger } from './logger.ts';
import { DEFAULT_AUTH, type AuthOptions } from './auth/options.ts';
import { authRoutes } from './routes/auth.ts';
import { draftRoutes } from './routes/drafts.ts';
import { kioskRoutes } from './routes/kiosks.ts';
import { reportRoutes } from './routes/reports.ts';
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
}

/** True when `dir` holds a build the server can serve. */
export function hasAppBuild(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(join(dir, 'index.html'));
}

export function buildApp(options: AppOptions): Hono {
  const logger = options.logger ?? silentLogger;
  const build = hasAppBuild(options.staticDir) ? options.staticDir : undefined;
  const pages = build === undefined ? undefined : (options.pages ?? reportPages({ distDir: build, storage: options.storage, logger }));
  const files = build === undefined ? undefined : staticFiles(build, pages === undefined ? {} : { mayServe: (file) => pages.mayServe(file) });
  const onPublished = (report: { id: string; version: number }): void => {
    // The publication is committed: nothing after it may turn its answer into an error.
    try {
      pages?.published(report);
    } catch (error) {
      logger.error('after publishing', { id: report.id, ...errorFields(error) });
    }
  };
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // The path only: query strings may one day carry something personal.
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(securityHeaders());
  // A report is ~30 kB of JSON and ~5 kB gzipped: it matters on a township's mobile link. A
  // compressed body gets a weak ETag (W/"…"), which If-None-Match still matches. Downloads are
  // GETs (reports, pulls); the answers to POSTs are small acks, and compressing them costs about a
  // millisecond per push, which is most of a push's time on the server.
  const gzip = compress();
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? gzip(c, next) : next()));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) => {
        // The rest of the body is never read: close the connection rather than leave it stalled.
        c.header('Connection', 'close');
        return errorResponse(c, 413, 'payload_too_large', 'Request body too large');
      },
    }),
  );

  const auth: AuthOptions = { ...DEFAULT_AUTH, ...options.auth, throttle: { ...DEFAULT_AUTH.throttle, ...options.auth?.throttle } };
  const now = options.now ?? (() => new Date());
  app.route('/api/reports', reportRoutes(options.storage));
  app.route('/api/auth', authRoutes(options.storage, auth, now));
  app.route('/api/drafts', draftRoutes(options.storage, auth, now, onPublished));
  app.route('/api/sync', syncRoutes(options.storage, auth, now));
  app.route('/api/kiosks', kioskRoutes(options.storage, auth, now));
  app.all('/api/*', (c) => {
    throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path}`);
  });

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
