/**
 * `GET /healthz` for a process manager or a load balancer: 200 when the database answers within
 * 2 s, its schema is the one this server knows, and the app build is there; 503 otherwise. The
 * answer says which check failed, never why in detail (that goes to the log).
 */
import { Hono } from 'hono';
import { errorFields, type Logger } from '../logger.ts';
import type { ServerStorage } from '../storage/types.ts';

const DATABASE_TIMEOUT_MS = 2_000;

export interface Health {
  status: 'ok' | 'failing';
  database: 'ok' | 'unreachable';
  /** `current`, or `behind` (migrations not applied) / `ahead` (a newer server migrated it). */
  migrations: 'current' | 'behind' | 'ahead' | 'unknown';
  build: 'present' | 'missing';
}

function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${String(ms)} ms`));
    }, ms);
  });
  return { promise, cancel: () => { clearTimeout(timer); } };
}

export async function checkHealth(storage: ServerStorage, hasBuild: boolean, logger: Logger): Promise<Health> {
  let database: Health['database'] = 'ok';
  let migrations: Health['migrations'] = 'unknown';
  const limit = timeout(DATABASE_TIMEOUT_MS);
  try {
    const schema = await Promise.race([storage.schemaVersion(), limit.promise]);
    migrations = schema.current === schema.latest ? 'current' : schema.current < schema.latest ? 'behind' : 'ahead';
  } catch (error) {
    database = 'unreachable';
    logger.error('health: database unreachable', errorFields(error));
  } finally {
    limit.cancel();
  }
  const build = hasBuild ? 'present' : 'missing';
  const status = database === 'ok' && migrations === 'current' && build === 'present' ? 'ok' : 'failing';
  return { status, database, migrations, build };
}

export function healthRoutes(storage: ServerStorage, hasBuild: boolean, logger: Logger): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const health = await checkHealth(storage, hasBuild, logger);
    c.header('Cache-Control', 'no-store');
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });
  return app;
}
