/**
 * `npm start` / `npm run serve`: reads the environment, opens and migrates the database (SQLite in
 * DATA_DIR, or PostgreSQL when DATABASE_URL is set), seeds it on first start, says how to create
 * the first admin when there is none, listens, brings the pre-rendered report pages up to date in
 * the background, and shuts down cleanly on SIGINT/SIGTERM (stop accepting, let open requests
 * finish for a few seconds, finish the page being rendered, close the database).
 */
import { dirname, join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { buildApp, hasAppBuild } from './app.ts';
import { loadConfig } from './config.ts';
import { errorFields, jsonLogger, type Logger } from './logger.ts';
import { loadRenderer, type PageRenderer } from './prerender.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { reportPages, type ReportPages } from './report-pages.ts';
import { requestActivity } from './request-activity.ts';
import { directory as makeDirectory } from './directory/index.ts';
import { reviewService } from './review/service.ts';
import { seedIfEmpty } from './seed.ts';
import { describeStorage, openStorage } from './storage/open.ts';
import type { ServerStorage } from './storage/types.ts';

/** How long a kept-alive connection may stay idle (ms); see where it is set. */
const KEEP_ALIVE_MS = 65_000;

/** Time open requests get to finish after a shutdown signal before their connections are cut. */
const GRACE_MS = 5_000;

/**
 * The SSR build that goes with the app build at `staticDir`: dist-ssr/ beside it, where
 * `npm run build` writes both. A page rendered by another build's components would not hydrate.
 */
async function pageRenderer(staticDir: string, logger: Logger): Promise<PageRenderer | undefined> {
  const entry = join(dirname(staticDir), 'dist-ssr', 'entry-server.js');
  try {
    return await loadRenderer(entry);
  } catch (error) {
    logger.warn('no SSR build: a report published from now on is served by the app shell until the next build', {
      entry,
      ...errorFields(error),
    });
    return undefined;
  }
}

/**
 * Stops accepting and resolves once open requests are done, or after GRACE_MS with the remaining
 * connections cut. The timer is deliberately not unref'd: a connection Node no longer reads from
 * (a client gone mid-upload) keeps 'close' from firing but not the process from exiting, and the
 * database must be closed before it does.
 */
function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      resolve();
    }, GRACE_MS);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
  });
}

function onShutdown(logger: Logger, server: ServerType, storage: ServerStorage, pages: ReportPages | undefined): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal, exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    void closeServer(server)
      .then(() => pages?.close())
      .then(() => storage.close())
      .then(() => {
        logger.info('stopped');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error('shutdown failed', errorFields(error));
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, PROJECT_ROOT);
  const logger = jsonLogger({ level: config.logLevel });
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', errorFields(reason));
    process.exit(1);
  });

  const database = describeStorage(config);
  const storage = openStorage(config);
  const migrated = await storage.migrate();
  if (migrated.applied.length > 0) {
    logger.info('migrated', { database, version: migrated.version, applied: migrated.applied.map((m) => m.name).join(',') });
  }
  await seedIfEmpty(storage, logger);
  const staticDir = hasAppBuild(config.staticDir) ? config.staticDir : undefined;
  if (staticDir === undefined) {
    logger.warn('no app build found: serving the API only (npm run build makes one)', { dir: config.staticDir });
  }
  if (!(await storage.hasAdmin())) {
    // No default password exists: the first admin is made on the server's command line.
    logger.warn(
      'no admin yet: `npx lotho agency list` shows the agencies (add one with `npx lotho agency add`), then ' +
        '`npx lotho user add --username NAME --agency ID --role admin --password-stdin` (same DATA_DIR or DATABASE_URL)',
    );
  }

  const renderer = staticDir === undefined ? undefined : await pageRenderer(staticDir, logger);
  // The start's page renders wait for pauses in the requests (request-activity.ts).
  const activity = requestActivity();
  const pages =
    staticDir === undefined ? undefined : reportPages({ distDir: staticDir, storage, logger, backgroundTurn: () => activity.pause(), ...(renderer ? { renderer } : {}) });
  // Review decisions made through any process: the reviewed Tibetan is built again here and the
  // pages rendered with it (report pages at once, directory pages when next asked for).
  const review = reviewService(storage, { onChanged: () => void pages?.retranslated() });
  await storage.watchReviews(() => void review.reviewedElsewhere()).catch((error: unknown) => {
    logger.warn('cannot hear other processes\' review decisions: their reviewed Tibetan shows here after a restart', errorFields(error));
  });
  // Publications of the other processes on this database (PostgreSQL): their pages are rendered
  // here too, within moments. Listening starts before the pages are compared with the database,
  // so nothing published in between is missed.
  const directory = makeDirectory(storage);
  await storage
    .watchPublications((report) => {
      directory.changed();
      // The review's items include the published report's paragraphs.
      review.invalidate();
      pages?.publishedElsewhere(report);
    })
    .catch((error: unknown) => {
      logger.warn('cannot hear other processes\' publications: their pages are rendered when first asked for', errorFields(error));
    });
  const app = buildApp({
    storage,
    logger,
    review,
    auth: { cookieSecure: config.cookieSecure, trustProxy: config.trustProxy },
    directory,
    ...(renderer === undefined ? {} : { renderer }),
    ...(staticDir === undefined || pages === undefined ? {} : { staticDir, pages }),
  });

  const server = serve({ fetch: (request, env) => activity.track(() => app.fetch(request, env)), port: config.port, hostname: config.host }, (info) => {
    logger.info('listening', { host: info.address, port: info.port, database, app: staticDir !== undefined });
    // Reports published after the build (or the seed pre-rendered for a PostgreSQL server): their
    // pages are refused until then (report-pages.ts), so this only brings the fast first paint back.
    // Begun once listening: on a region it reads every report (the reviewed Tibetan's items) first.
    void pages?.refresh();
  });
  // Node closes a kept-alive connection once it has been idle KEEP_ALIVE_MS by its own timers,
  // which run before it reads the sockets: when the event loop is held longer than that (a busy
  // machine, a region's start pass), a connection whose next request is already waiting unread is
  // closed under it and the client gets a reset. Longer than any client keeps one (browsers and
  // undici a few seconds) and than a proxy's usual 60 s; headers must be allowed longer still.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  }
  server.on('error', (error: unknown) => {
    logger.error('server error', errorFields(error));
    void storage.close().finally(() => process.exit(1));
  });
  onShutdown(logger, server, storage, pages);
}

main().catch((error: unknown) => {
  jsonLogger().error('failed to start', errorFields(error));
  process.exit(1);
});
