import type { Migration } from '../types.ts';

/**
 * Published reports. A row is one immutable version: publishing again adds (id, version + 1), so a
 * reader's cached version stays addressable and the history is the table itself.
 */
export const migration: Migration = {
  version: 1,
  name: 'reports',
  sql: `
    CREATE TABLE reports (
      id           TEXT    NOT NULL,
      version      INTEGER NOT NULL CHECK (version >= 1),
      agency_zh    TEXT    NOT NULL,
      agency_bo    TEXT,
      level        TEXT    NOT NULL,
      year         INTEGER NOT NULL,
      template     TEXT    NOT NULL,
      document     TEXT    NOT NULL CHECK (json_valid(document)),
      etag         TEXT    NOT NULL,
      published_at TEXT    NOT NULL,
      PRIMARY KEY (id, version)
    ) STRICT;

    CREATE TRIGGER reports_immutable BEFORE UPDATE ON reports
    BEGIN
      SELECT RAISE(ABORT, 'published report versions are immutable');
    END;
  `,
};
