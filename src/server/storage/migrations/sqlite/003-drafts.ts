import type { Migration } from '../types.ts';

/**
 * Drafts and sync. A draft is a set of fields (value as JSON text, rev). Every field write is an
 * append-only row of field_writes: the audit history (who, when, old → new) and, by its cursor,
 * the order pull returns changes in. sync_acks holds the ack of every (client_id, seq), so a
 * repeated mutation is acknowledged again and never applied twice. Conflicts keep both values.
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
      created_at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX drafts_agency ON drafts (agency_id);

    CREATE TABLE draft_fields (
      draft_id TEXT NOT NULL REFERENCES drafts (id),
      field    TEXT NOT NULL,
      value    TEXT NOT NULL,
      rev      INTEGER NOT NULL CHECK (rev >= 1),
      PRIMARY KEY (draft_id, field)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE field_writes (
      cursor    INTEGER PRIMARY KEY AUTOINCREMENT,
      agency_id TEXT NOT NULL REFERENCES agencies (id),
      draft_id  TEXT NOT NULL REFERENCES drafts (id),
      field     TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT NOT NULL,
      rev       INTEGER NOT NULL,
      client_id TEXT NOT NULL,
      seq       INTEGER NOT NULL,
      user_id   INTEGER REFERENCES users (id),
      at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX field_writes_writers ON field_writes (draft_id, field, client_id, rev);
    CREATE INDEX field_writes_agency ON field_writes (agency_id, cursor);
    CREATE INDEX field_writes_draft ON field_writes (draft_id, cursor);
    CREATE TRIGGER field_writes_no_update BEFORE UPDATE ON field_writes
    BEGIN
      SELECT RAISE(ABORT, 'the audit history is append-only');
    END;
    CREATE TRIGGER field_writes_no_delete BEFORE DELETE ON field_writes
    BEGIN
      SELECT RAISE(ABORT, 'the audit history is append-only');
    END;

    CREATE TABLE sync_acks (
      client_id TEXT NOT NULL,
      seq       INTEGER NOT NULL,
      draft_id  TEXT NOT NULL REFERENCES drafts (id),
      ack       TEXT NOT NULL,
      user_id   INTEGER REFERENCES users (id),
      at        TEXT NOT NULL,
      PRIMARY KEY (client_id, seq)
    ) STRICT, WITHOUT ROWID;

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
      created_at     TEXT NOT NULL,
      resolved_at    TEXT,
      resolved_by    INTEGER REFERENCES users (id),
      resolution     TEXT CHECK (resolution IN ('applied', 'superseded'))
    ) STRICT;
    CREATE INDEX conflicts_open ON conflicts (agency_id, created_at) WHERE resolved_at IS NULL;
  `,
};
