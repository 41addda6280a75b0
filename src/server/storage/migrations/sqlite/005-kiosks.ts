import type { Migration } from '../types.ts';

/**
 * The last heartbeat of each kiosk (noticeboard screen): one row per kiosk, overwritten.
 * content_versions is the JSON object {reportId: version} the kiosk sent.
 */
export const migration: Migration = {
  version: 5,
  name: 'kiosks',
  sql: `
    CREATE TABLE kiosks (
      kiosk_id         TEXT PRIMARY KEY,
      app_version      TEXT NOT NULL,
      content_versions TEXT NOT NULL,
      last_refresh     TEXT,
      received_at      TEXT NOT NULL,
      first_seen       TEXT NOT NULL
    ) STRICT;
  `,
};
