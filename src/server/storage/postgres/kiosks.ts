/**
 * PostgreSQL: the kiosks section, as sqlite/kiosks.ts. The upsert's WHERE is the rate limit: an
 * early second heartbeat updates no row. Two new kiosks at once may both pass the cap check; the
 * cap is a guard against floods, not an exact quota.
 */
import type { Pool } from 'pg';
import * as v from 'valibot';
import { KIOSK_COLUMNS, toKioskRow } from '../kiosk-rows.ts';
import { intColumn, parseRow } from '../rows.ts';
import type { KiosksSection } from '../types.ts';
import { inTransaction } from './tx.ts';

export function postgresKiosks(pool: Pool, now: () => Date): KiosksSection {
  return {
    upsertKioskHeartbeat: (hb, limits) =>
      inTransaction(pool, async (client) => {
        const at = now();
        const { rows } = await client.query(
          'SELECT EXISTS (SELECT 1 FROM kiosks WHERE kiosk_id = $1) AS known, (SELECT COUNT(*) FROM kiosks) AS count',
          [hb.kioskId],
        );
        const state = parseRow(v.object({ known: v.boolean(), count: intColumn }), 'kiosks', rows[0]);
        if (!state.known && state.count >= limits.maxKiosks) return 'too_many' as const;
        const result = await client.query(
          `INSERT INTO kiosks (kiosk_id, app_version, content_versions, last_refresh, received_at, first_seen)
           VALUES ($1, $2, $3, $4, $5, $5)
           ON CONFLICT (kiosk_id) DO UPDATE SET
             app_version = excluded.app_version,
             content_versions = excluded.content_versions,
             last_refresh = excluded.last_refresh,
             received_at = excluded.received_at
           WHERE kiosks.received_at <= $6`,
          [hb.kioskId, hb.appVersion, JSON.stringify(hb.contentVersions), hb.lastRefresh, at.toISOString(), new Date(at.getTime() - limits.minIntervalMs).toISOString()],
        );
        return result.rowCount === 0 ? ('too_soon' as const) : ('stored' as const);
      }),
    listKiosks: async () => {
      const { rows } = await pool.query(`SELECT ${KIOSK_COLUMNS} FROM kiosks`);
      return rows.map(toKioskRow);
    },
  };
}
