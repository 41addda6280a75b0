/**
 * `/api/kiosks`: noticeboard screens report in, admins look. The heartbeat is anonymous (a kiosk
 * has no account), so it is held to a strict schema, a small body, one per kiosk per 30 s and a cap
 * on the number of kiosks. The list needs an admin session and says which kiosks are stale: showing
 * an older version of a report than the latest published, or silent for more than a day.
 */
import { Hono } from 'hono';
import { KioskHeartbeatSchema, type KioskList, type KioskStaleReason, type KioskStatus } from '../../contract/kiosks.ts';
import type { AuthOptions } from '../auth/options.ts';
import { requireRole, requireSession, type AuthEnv } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { readJson } from '../request.ts';
import type { HeartbeatLimits, KioskRow, ServerStorage } from '../storage/types.ts';

/** One heartbeat per kiosk per 30 s (kiosks send one every 5 minutes); at most 10 000 kiosks. */
export const HEARTBEAT_LIMITS: HeartbeatLimits = { minIntervalMs: 30_000, maxKiosks: 10_000 };
/** A heartbeat is a few hundred bytes; 8 KiB leaves room for 50 reports. */
export const HEARTBEAT_MAX_BYTES = 8 * 1024;
/** A kiosk not heard from for this long is stale. */
export const SILENT_AFTER_MS = 24 * 3600_000;

/** A kiosk's row with what the server makes of it, given the latest published version of each report. */
export function kioskStatus(row: KioskRow, latest: ReadonlyMap<string, number>, now: Date): KioskStatus {
  const outdated = Object.entries(row.contentVersions)
    .filter(([id, version]) => {
      const newest = latest.get(id);
      return newest !== undefined && version < newest;
    })
    .map(([id]) => id)
    .sort();
  const silent = now.getTime() - Date.parse(row.receivedAt) > SILENT_AFTER_MS;
  const reasons: KioskStaleReason[] = [...(outdated.length > 0 ? (['content'] as const) : []), ...(silent ? (['silent'] as const) : [])];
  return {
    kioskId: row.kioskId,
    appVersion: row.appVersion,
    contentVersions: row.contentVersions,
    lastRefresh: row.lastRefresh,
    lastSeen: row.receivedAt,
    firstSeen: row.firstSeen,
    stale: reasons.length > 0,
    reasons,
    outdated,
  };
}

const methodNotAllowed = (allow: string) => () => {
  throw new ApiError(405, 'method_not_allowed', `Only ${allow} is allowed here`, { headers: { Allow: allow } });
};

/** Routes under /api/kiosks. */
export function kioskRoutes(storage: ServerStorage, auth: AuthOptions, now: () => Date, limits: HeartbeatLimits = HEARTBEAT_LIMITS): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();

  // At most HEARTBEAT_MAX_BYTES: the request reader (app.ts) holds a heartbeat to it.
  routes.post(
    '/heartbeat',
    async (c) => {
      const heartbeat = await readJson(c, KioskHeartbeatSchema);
      const outcome = await storage.upsertKioskHeartbeat(heartbeat, limits);
      if (outcome !== 'stored') {
        const wait = outcome === 'too_soon' ? Math.ceil(limits.minIntervalMs / 1000) : 3600;
        const why = outcome === 'too_soon' ? `one heartbeat per kiosk every ${wait} s` : 'too many kiosks are known';
        throw new ApiError(429, 'too_many_attempts', `Heartbeat refused: ${why}`, { headers: { 'Retry-After': String(wait) } });
      }
      c.header('Cache-Control', 'no-store');
      return c.body(null, 204);
    },
  );

  routes.get('/', requireSession(storage, auth, now), async (c) => {
    requireRole(c.get('session'), 'admin');
    const [rows, reports] = await Promise.all([storage.listKiosks(), storage.listReports()]);
    const latest = new Map(reports.map((r) => [r.id, r.version]));
    const at = now();
    const kiosks = rows
      .map((row) => kioskStatus(row, latest, at))
      .sort((a, b) => Number(b.stale) - Number(a.stale) || Date.parse(b.lastSeen) - Date.parse(a.lastSeen) || (a.kioskId < b.kioskId ? -1 : 1));
    const body: KioskList = { kiosks };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });

  routes.on(['PUT', 'PATCH', 'DELETE', 'POST'], '/', methodNotAllowed('GET'));
  routes.on(['GET', 'PUT', 'PATCH', 'DELETE'], '/heartbeat', methodNotAllowed('POST'));
  return routes;
}
