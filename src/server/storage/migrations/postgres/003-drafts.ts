import type { Migration } from '../types.ts';

/**
 * Drafts and sync, as sqlite/003-drafts.ts. field_writes.cursor comes from an identity sequence;
 * the storage takes an advisory lock before inserting writes, so cursors become visible in order
 * (a pull never skips a write committed late with a smaller cursor).
 */
export const migration: Migration = {
  version: 3,
  name: 'drafts',
  sql: `
    CREATE TABLE drafts (
      id                 TEXT PRIMARY KEY,
      agency_id          TEXT NOT NULL REFERENCES agencies (id),
      report_id          TEXT NOT NULL UNIQUE,
      year               INTEGER NOT NULL,
      template           TEXT NOT NULL CHECK (template IN ('2019', '2021')),
      source             TEXT NOT NULL CHECK (source IN ('blank', 'previous', 'document')),
      previous_report_id TEXT,
      created_by         INTEGER REFERENCES users (id),
      created_at         TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX drafts_agency ON drafts (agency_id);

    CREATE TABLE draft_fields (
      draft_id TEXT NOT NULL REFERENCES drafts (id),
      field    TEXT NOT NULL,
      value    TEXT NOT NULL,
      rev      INTEGER NOT NULL CHECK (rev >= 1),
      PRIMARY KEY (draft_id, field)
    );

    CREATE TABLE field_writes (
      cursor    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      agency_id TEXT NOT NULL REFERENCES agencies (id),
      draft_id  TEXT NOT NULL REFERENCES drafts (id),
      field     TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT NOT NULL,
      rev       INTEGER NOT NULL,
      client_id TEXT NOT NULL,
      seq       BIGINT  NOT NULL,
      user_id   INTEGER REFERENCES users (id),
      at        TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX field_writes_writers ON field_writes (draft_id, field, client_id, rev);
    CREATE INDEX field_writes_agency ON field_writes (agency_id, cursor);
    CREATE INDEX field_writes_draft ON field_writes (draft_id, cursor);
    CREATE TRIGGER field_writes_append_only BEFORE UPDATE OR DELETE ON field_writes
      FOR EACH ROW EXECUTE FUNCTION lotho_refuse_change();

    CREATE TABLE sync_acks (
      client_id TEXT NOT NULL,
      seq       BIGINT  NOT NULL,
      draft_id  TEXT NOT NULL REFERENCES drafts (id),
      ack       TEXT NOT NULL,
      user_id   INTEGER REFERENCES users (id),
      at        TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (client_id, seq)
    );

    CREATE TABLE conflicts (
      id             TEXT PRIMARY KEY,
      agency_id      TEXT NOT NULL REFERENCES agencies (id),
      draft_id       TEXT NOT NULL REFERENCES drafts (id),
      field          TEXT NOT NULL,
      mine           TEXT NOT NULL,
      mine_client_id TEXT NOT NULL,
      theirs         TEXT NOT NULL,
      theirs_rev     INTEGER NOT NULL,
      user_id        INTEGER REFERENCES users (id),
      created_at     TIMESTAMPTZ NOT NULL,
      resolved_at    TIMESTAMPTZ,
      resolved_by    INTEGER REFERENCES users (id),
      resolution     TEXT CHECK (resolution IN ('applied', 'superseded'))
    );
    CREATE INDEX conflicts_open ON conflicts (agency_id, created_at) WHERE resolved_at IS NULL;
  `,
};
