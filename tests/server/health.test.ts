/** GET /healthz, request ids in answers and log lines, and LOG_LEVEL, on both databases. */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { jsonLogger } from '../../src/server/logger.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { fakeBuild } from './fake-build.ts';

const database = useDatabases(afterEach);

/** A logger keeping its parsed lines, as a log collector reads them. */
function collected(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: Record<string, unknown>[] = [];
  const logger = jsonLogger({ ...(level === undefined ? {} : { level }), write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

function appOver(storage: ServerStorage, options: { build?: boolean; trustProxy?: boolean; level?: 'debug' | 'info' } = {}) {
  const { lines, logger } = collected(options.level);
  const app = buildApp({
    storage,
    logger,
    auth: { trustProxy: options.trustProxy ?? false },
    ...(options.build === false ? {} : { staticDir: fakeBuild() }),
  });
  return { app, lines };
}

describe.each(DATABASES)('GET /healthz on $kind', ({ create }) => {
  it('is 200 with the database reachable, migrations current and the build present', async () => {
    const db = await database(create);
    const { app } = appOver(await db.open());
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'current', build: 'present' });
  });

  it('is 503 naming the failed check: no build, migrations not applied, database gone', async () => {
    const db = await database(create);
    const noBuild = appOver(await db.open(), { build: false });
    const missing = await noBuild.app.request('/healthz');
    expect(missing.status).toBe(503);
    expect(await missing.json()).toMatchObject({ status: 'failing', build: 'missing', database: 'ok' });

    const fresh = await database(create);
    const behind = appOver(await fresh.open({ migrate: false }));
    expect(await (await behind.app.request('/healthz')).json()).toMatchObject({ status: 'failing', migrations: 'behind' });

    const storage = await db.open();
    const closed = appOver(storage);
    await storage.close();
    const gone = await closed.app.request('/healthz');
    expect(gone.status).toBe(503);
    expect(await gone.json()).toMatchObject({ status: 'failing', database: 'unreachable', migrations: 'unknown' });
    // Why goes to the log, with the request's id.
    expect(closed.lines.find((l) => l.msg === 'health: database unreachable')).toMatchObject({ level: 'error', requestId: gone.headers.get('x-request-id') });
  });
});

describe('request ids and LOG_LEVEL', () => {
  it('gives each request an id, sent back and on its log line', async () => {
    const db = await database(DATABASES[0].create);
    const { app, lines } = appOver(await db.open());
    const first = await app.request('/api/reports');
    const second = await app.request('/api/reports');
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/u);
    expect(ids[1]).not.toBe(ids[0]);
    expect(lines.filter((l) => l.msg === 'request').map((l) => l.requestId)).toEqual(ids);
  });

  it('keeps the id of a trusted proxy (nginx $request_id) and replaces one that is not an id', async () => {
    const db = await database(DATABASES[0].create);
    const storage = await db.open();
    const proxied = appOver(storage, { trustProxy: true });
    const nginx = 'a3f1c2d4e5b60718293a4b5c6d7e8f90';
    expect((await proxied.app.request('/api/reports', { headers: { 'X-Request-Id': nginx } })).headers.get('x-request-id')).toBe(nginx);
    const forged = await proxied.app.request('/api/reports', { headers: { 'X-Request-Id': '<script>alert(1)</script>' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/u);
    const direct = appOver(storage);
    expect((await direct.app.request('/api/reports', { headers: { 'X-Request-Id': nginx } })).headers.get('x-request-id')).not.toBe(nginx);
  });

  it('logs a 500 with its id and stack, and the answer names the id only', async () => {
    const db = await database(DATABASES[0].create);
    const storage = await db.open();
    const { app, lines } = appOver(storage);
    await storage.close();
    const response = await app.request('/api/reports');
    expect(response.status).toBe(500);
    const id = response.headers.get('x-request-id');
    const body = await response.text();
    expect(body).not.toMatch(/closed|stack|sqlite/iu);
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal_error', message: 'Internal server error', requestId: id } });
    const logged = lines.find((l) => l.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', requestId: id, path: '/api/reports' });
    expect(String(logged?.stack)).toContain('at ');
  });

  it('drops lines below LOG_LEVEL, and logs health probes at debug level only', async () => {
    const db = await database(DATABASES[0].create);
    const storage = await db.open();
    const info = appOver(storage);
    await info.app.request('/healthz');
    await info.app.request('/api/reports');
    expect(info.lines.map((l) => l.path)).toEqual(['/api/reports']);
    const debug = appOver(storage, { level: 'debug' });
    await debug.app.request('/healthz');
    expect(debug.lines).toMatchObject([{ level: 'debug', msg: 'request', path: '/healthz', status: 200 }]);
    const { lines, logger } = collected('warn');
    logger.info('dropped');
    logger.warn('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });
});
