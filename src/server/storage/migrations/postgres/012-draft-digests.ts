import type { Migration } from '../types.ts';

/** A draft's findings by severity at a head, as sqlite/012-draft-digests.ts. */
export const migration: Migration = {
  version: 12,
  name: 'draft-digests',
  sql: `
    CREATE TABLE draft_digests (
      draft_id TEXT    PRIMARY KEY REFERENCES drafts (id),
      head     BIGINT  NOT NULL,
      errors   INTEGER NOT NULL CHECK (errors >= 0),
      warnings INTEGER NOT NULL CHECK (warnings >= 0)
    );
  `,
};
