/**
 * Kiosks over HTTP on both databases: anonymous heartbeats held to a strict schema, a small body,
 * one per kiosk per 30 s and a cap on kiosks; the last one per kiosk kept; the admin list flags
 * kiosks showing an older version than the latest published, or silent for over a day.
 */
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskListSchema, type KioskHeartbeat } from '../../src/contract/kiosks.ts';
import type { ApiErrorBody } from '../../src/contract/errors.ts';
import { heartbeat as clientHeartbeat } from '../../src/kiosk/heartbeat.ts';
import { bearer, jsonRequest, login } from './accounts.ts';
import { apiSetup, DAY } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { report } from './helpers.ts';
import type { Hono } from 'hono';

const database = useDatabases(afterEach);
const KIOSK = `k-${'a1'.repeat(16)}`;
const OTHER = `k-${'b2'.repeat(16)}`;

function beat(overrides: Partial<KioskHeartbeat> = {}): KioskHeartbeat {
  return { kioskId: KIOSK, appVersion: '0.1.0', contentVersions: { 'bomi-2020': 1 }, lastRefresh: '2025-01-10T07:55:00.000Z', ...overrides };
}

const send = (app: Hono, body: unknown, headers: Record<string, string> = {}) => app.request('/api/kiosks/heartbeat', jsonRequest('POST', body, undefined, headers));

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as ApiErrorBody).error.code;
}

async function list(app: Hono, token: string) {
  const response = await app.request('/api/kiosks', bearer(token));
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  return v.parse(KioskListSchema, await response.json()).kiosks;
}

describe.each(DATABASES)('kiosks on $kind', ({ create }) => {
  it('keeps the last heartbeat of each kiosk and lists it for an admin only', async () => {
    const { app, storage, advance } = await apiSetup(await database(create));
    await storage.publishReport(report('bomi-2020', '波密县人民政府', 2020));
    expect((await send(app, beat())).status).toBe(204);
    advance(60_000);
    expect((await send(app, beat({ appVersion: '0.2.0', lastRefresh: '2025-01-10T08:00:30.000Z' }))).status).toBe(204);
    expect((await send(app, beat({ kioskId: OTHER, contentVersions: {} }))).status).toBe(204);

    expect((await app.request('/api/kiosks')).status).toBe(401);
    const editor = await app.request('/api/kiosks', bearer(await login(app, 'editor-a')));
    expect(editor.status).toBe(403);
    expect(await errorCode(editor)).toBe('forbidden');

    const kiosks = await list(app, await login(app, 'admin'));
    expect(kiosks.map((k) => k.kioskId).sort()).toEqual([KIOSK, OTHER].sort());
    const mine = kiosks.find((k) => k.kioskId === KIOSK);
    expect(mine).toMatchObject({
      appVersion: '0.2.0',
      contentVersions: { 'bomi-2020': 1 },
      lastRefresh: '2025-01-10T08:00:30.000Z',
      lastSeen: '2025-01-10T08:01:00.000Z',
      firstSeen: '2025-01-10T08:00:00.000Z',
      stale: false,
      reasons: [],
      outdated: [],
    });
  });

  it('flags a kiosk showing an older version, and one silent for more than a day', async () => {
    const { app, storage, advance } = await apiSetup(await database(create));
    await storage.publishReport(report('bomi-2020', '波密县人民政府', 2020));
    expect((await send(app, beat())).status).toBe(204);
    const token = await login(app, 'admin');
    expect((await list(app, token))[0]?.stale).toBe(false);

    await storage.publishReport(report('bomi-2020', '波密县人民政府', 2020), { note: 'correction' });
    expect((await list(app, token))[0]).toMatchObject({ stale: true, reasons: ['content'], outdated: ['bomi-2020'] });

    advance(60_000);
    expect((await send(app, beat({ contentVersions: { 'bomi-2020': 2, 'gone-2019': 1 } }))).status).toBe(204);
    expect((await list(app, token))[0]).toMatchObject({ stale: false, reasons: [], outdated: [] });

    advance(DAY + 1_000);
    expect((await list(app, await login(app, 'admin')))[0]).toMatchObject({ stale: true, reasons: ['silent'] });
  });

  it('takes one heartbeat per kiosk per 30 s, answering 429 with Retry-After', async () => {
    const { app, advance } = await apiSetup(await database(create));
    expect((await send(app, beat())).status).toBe(204);
    advance(10_000);
    const early = await send(app, beat({ appVersion: '9.9.9' }));
    expect(early.status).toBe(429);
    expect(early.headers.get('Retry-After')).toBe('30');
    expect(await errorCode(early)).toBe('too_many_attempts');
    // Another kiosk is not held up by the first.
    expect((await send(app, beat({ kioskId: OTHER }))).status).toBe(204);
    advance(20_000);
    expect((await send(app, beat({ appVersion: '9.9.9' }))).status).toBe(204);
    const kiosks = await list(app, await login(app, 'admin'));
    expect(kiosks.find((k) => k.kioskId === KIOSK)?.appVersion).toBe('9.9.9');
  });

  it('refuses what is not a heartbeat, and stores nothing then', async () => {
    const { app, storage } = await apiSetup(await database(create));
    const cases: [unknown, number, string][] = [
      [{ ...beat(), extra: 1 }, 400, 'invalid_body'],
      [beat({ kioskId: 'kiosk-1' }), 400, 'invalid_body'],
      [beat({ appVersion: '' }), 400, 'invalid_body'],
      [beat({ appVersion: '<script>' }), 400, 'invalid_body'],
      [beat({ contentVersions: { 'Not An Id': 1 } }), 400, 'invalid_body'],
      [beat({ contentVersions: { 'bomi-2020': -1 } }), 400, 'invalid_body'],
      [beat({ contentVersions: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`r-${i}`, 1])) }), 400, 'invalid_body'],
      [beat({ lastRefresh: 'yesterday' }), 400, 'invalid_body'],
      ['{"kioskId":', 400, 'invalid_json'],
      [{ ...beat(), pad: 'x'.repeat(9000) }, 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const response = await send(app, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(await errorCode(response)).toBe(code);
    }
    const form = await app.request('/api/kiosks/heartbeat', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(beat()) });
    expect(form.status).toBe(415);
    expect((await app.request('/api/kiosks/heartbeat')).status).toBe(405);
    expect(await storage.listKiosks()).toEqual([]);
  });

  it('stops recording new kiosks at the cap, and still hears the known ones', async () => {
    const { storage } = await apiSetup(await database(create));
    const limits = { minIntervalMs: 0, maxKiosks: 2 };
    expect(await storage.upsertKioskHeartbeat(beat(), limits)).toBe('stored');
    expect(await storage.upsertKioskHeartbeat(beat({ kioskId: OTHER }), limits)).toBe('stored');
    expect(await storage.upsertKioskHeartbeat(beat({ kioskId: `k-${'c3'.repeat(16)}` }), limits)).toBe('too_many');
    expect(await storage.upsertKioskHeartbeat(beat({ appVersion: '0.3.0' }), limits)).toBe('stored');
    expect((await storage.listKiosks()).length).toBe(2);
  });

  it('accepts the heartbeat the app builds', async () => {
    const { app } = await apiSetup(await database(create));
    const body = clientHeartbeat(KIOSK, new Map([['qingduo-2020', 3]]), Date.UTC(2025, 0, 10, 7));
    expect((await send(app, body)).status).toBe(204);
  });
});
