/**
 * SQLite: the kiosks section. The rate limit is part of the upsert (the row is only overwritten
 * when the previous heartbeat is old enough), in one IMMEDIATE transaction with the cap on kiosks.
 */
import type Database from 'better-sqlite3';
import { KIOSK_COLUMNS, toKioskRow } from '../kiosk-rows.ts';
import { lazy } from './lazy.ts';
import type { HeartbeatLimits, HeartbeatOutcome, KioskHeartbeatInput, KiosksSection } from '../types.ts';

function prepare(db: Database.Database) {
  return {
    exists: db.prepare<[string]>('SELECT EXISTS (SELECT 1 FROM kiosks WHERE kiosk_id = ?)').pluck(),
    count: db.prepare<[]>('SELECT COUNT(*) FROM kiosks').pluck(),
    upsert: db.prepare<[Record<string, string | null>]>(
      `INSERT INTO kiosks (kiosk_id, app_version, content_versions, last_refresh, received_at, first_seen)
       VALUES (@id, @app, @versions, @refresh, @now, @now)
       ON CONFLICT (kiosk_id) DO UPDATE SET
         app_version = excluded.app_version,
         content_versions = excluded.content_versions,
         last_refresh = excluded.last_refresh,
         received_at = excluded.received_at
       WHERE kiosks.received_at <= @cutoff`,
    ),
    all: db.prepare<[]>(`SELECT ${KIOSK_COLUMNS} FROM kiosks`),
  };
}

export function sqliteKiosks(db: Database.Database, now: () => Date): KiosksSection {
  const st = lazy(() => prepare(db));

  const upsert = db.transaction((hb: KioskHeartbeatInput, limits: HeartbeatLimits): HeartbeatOutcome => {
    const at = now();
    if (st().exists.get(hb.kioskId) !== 1) {
      const count = st().count.get();
      if (typeof count === 'number' && count >= limits.maxKiosks) return 'too_many';
    }
    const result = st().upsert.run({
      id: hb.kioskId,
      app: hb.appVersion,
      versions: JSON.stringify(hb.contentVersions),
      refresh: hb.lastRefresh,
      now: at.toISOString(),
      cutoff: new Date(at.getTime() - limits.minIntervalMs).toISOString(),
    });
    return result.changes === 0 ? 'too_soon' : 'stored';
  });

  return {
    upsertKioskHeartbeat: (heartbeat, limits) => Promise.resolve().then(() => upsert.immediate(heartbeat, limits)),
    listKiosks: () => Promise.resolve().then(() => st().all.all().map(toKioskRow)),
  };
}
