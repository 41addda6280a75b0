import type { Migration } from '../types.ts';

/**
 * A draft's findings by severity at a head (its last field write's cursor), as report_digests is
 * for a published version (issue 13). The oversight of a year being drafted validated every draft
 * of the subtree from its fields on each server's first answer: a region's 1,300 drafts held the
 * event loop for 2.8 s. Stored at the head it was made at, a count serves every process and
 * restart until the draft is written again.
 */
export const migration: Migration = {
  version: 12,
  name: 'draft-digests',
  sql: `
    CREATE TABLE draft_digests (
      draft_id TEXT    PRIMARY KEY REFERENCES drafts (id),
      head     INTEGER NOT NULL,
      errors   INTEGER NOT NULL CHECK (errors >= 0),
      warnings INTEGER NOT NULL CHECK (warnings >= 0)
    );
  `,
};
