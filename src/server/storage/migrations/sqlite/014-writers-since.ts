import type { Migration } from '../types.ts';

/**
 * A push decides a conflict on whether a client other than the mutation's wrote the field after
 * the mutation's `baseRev` (sync/protocol.ts). The writers index of 003 was ordered (draft, field,
 * client, rev): reading the writers after a rev walked every past write of the field, a cost that
 * grew with its history. Ordered by rev, the read is a range of the writes after `baseRev` (none
 * when the client had seen the latest), and client_id in the index keeps it off the table.
 */
export const migration: Migration = {
  version: 14,
  name: 'writers-since',
  sql: `
    DROP INDEX field_writes_writers;
    CREATE INDEX field_writes_since ON field_writes (draft_id, field, rev, client_id);
  `,
};
