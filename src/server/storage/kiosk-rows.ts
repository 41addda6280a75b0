/** Kiosk rows on their way out of either database, checked like any other input (see rows.ts). */
import * as v from 'valibot';
import { parseRow, timeColumn } from './rows.ts';
import type { KioskRow } from './sections/kiosks.ts';

/** The columns of a kiosk row, in the order both dialects select them. */
export const KIOSK_COLUMNS = 'kiosk_id, app_version, content_versions, last_refresh, received_at, first_seen';

const versionsJson = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    try {
      return JSON.parse(dataset.value) as unknown;
    } catch {
      addIssue({ message: 'content_versions is not JSON' });
      return NEVER;
    }
  }),
  v.record(v.string(), v.pipe(v.number(), v.integer())),
);

const KioskRowSchema = v.object({
  kiosk_id: v.string(),
  app_version: v.string(),
  content_versions: versionsJson,
  last_refresh: v.nullable(timeColumn),
  received_at: timeColumn,
  first_seen: timeColumn,
});

export function toKioskRow(row: unknown): KioskRow {
  const r = parseRow(KioskRowSchema, 'kiosks', row);
  return {
    kioskId: r.kiosk_id,
    appVersion: r.app_version,
    contentVersions: r.content_versions,
    lastRefresh: r.last_refresh,
    receivedAt: r.received_at,
    firstSeen: r.first_seen,
  };
}
