import type { Migration } from '../types.ts';

/** Published reports, as sqlite/001-reports.ts: one immutable row per version. */
export const migration: Migration = {
  version: 1,
  name: 'reports',
  sql: `
    CREATE TABLE reports (
      id           TEXT        NOT NULL,
      version      INTEGER     NOT NULL CHECK (version >= 1),
      agency_zh    TEXT        NOT NULL,
      agency_bo    TEXT,
      level        TEXT        NOT NULL,
      year         INTEGER     NOT NULL,
      template     TEXT        NOT NULL,
      document     TEXT        NOT NULL CHECK (document::jsonb IS NOT NULL),
      etag         TEXT        NOT NULL,
      published_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (id, version)
    );

    CREATE FUNCTION lotho_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
    END;
    $$;

    CREATE TRIGGER reports_immutable BEFORE UPDATE ON reports
      FOR EACH ROW EXECUTE FUNCTION lotho_refuse_change();
  `,
};
