/**
 * `npm start` / `npm run serve`: reads the environment, opens and migrates the database (SQLite in
 * DATA_DIR, or PostgreSQL when DATABASE_URL is set), seeds it on first start, says how to create
 * the first admin when there is none, listens, and shuts down cleanly on SIGINT/SIGTERM (stop
 * accepting, let open requests finish for a few seconds, close the database).
 */
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { buildApp, hasAppBuild } from './app.ts';
import { loadConfig } from './config.ts';
import { jsonLogger, type Logger } from './logger.ts';
import { seedIfEmpty } from './seed.ts';
import { describeStorage, openStorage } from './storage/open.ts';
import type { ServerStorage } from './storage/types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Time open requests get to finish after a shutdown signal before their connections are cut. */
const GRACE_MS = 5_000;

function describe(error: unknown): { error: string; detail: string } {
  return error instanceof Error ? { error: error.name, detail: error.message } : { error: 'Error', detail: String(error) };
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

function onShutdown(logger: Logger, server: ServerType, storage: ServerStorage): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal, exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    void closeServer(server)
      .then(() => storage.close())
      .then(() => {
        logger.info('stopped');
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error('shutdown failed', describe(error));
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const logger = jsonLogger();
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', describe(reason));
    process.exit(1);
  });

  const config = loadConfig(process.env, ROOT);
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
      'no admin yet: create one with `npx lotho agency add --id ID --zh NAME --level LEVEL` then ' +
        '`npx lotho user add --username NAME --agency ID --role admin --password-stdin` (same DATA_DIR or DATABASE_URL)',
    );
  }

  const app = buildApp({
    storage,
    logger,
    auth: { cookieSecure: config.cookieSecure, trustProxy: config.trustProxy },
    ...(staticDir === undefined ? {} : { staticDir }),
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info('listening', { host: info.address, port: info.port, database, app: staticDir !== undefined });
  });
  server.on('error', (error: unknown) => {
    logger.error('server error', describe(error));
    void storage.close().finally(() => process.exit(1));
  });
  onShutdown(logger, server, storage);
}

main().catch((error: unknown) => {
  jsonLogger().error('failed to start', describe(error));
  process.exit(1);
});
