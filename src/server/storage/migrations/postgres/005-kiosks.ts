import type { Migration } from '../types.ts';

/** The last heartbeat of each kiosk, as sqlite/005-kiosks.ts. */
export const migration: Migration = {
  version: 5,
  name: 'kiosks',
  sql: `
    CREATE TABLE kiosks (
      kiosk_id         TEXT PRIMARY KEY,
      app_version      TEXT NOT NULL,
      content_versions TEXT NOT NULL,
      last_refresh     TIMESTAMPTZ,
      received_at      TIMESTAMPTZ NOT NULL,
      first_seen       TIMESTAMPTZ NOT NULL
    );
  `,
};
