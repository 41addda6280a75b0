import type { Migration } from '../types.ts';

/** The writers of a field after a rev, as a range of an index ordered by rev: as sqlite/014-writers-since.ts. */
export const migration: Migration = {
  version: 14,
  name: 'writers-since',
  sql: `
    DROP INDEX field_writes_writers;
    CREATE INDEX field_writes_since ON field_writes (draft_id, field, rev, client_id);
  `,
};
