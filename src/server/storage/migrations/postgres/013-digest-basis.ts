import type { Migration } from '../types.ts';

/** The previous-year report a draft's stored findings were counted against, as sqlite/013-digest-basis.ts. */
export const migration: Migration = {
  version: 13,
  name: 'digest-basis',
  sql: `ALTER TABLE draft_digests ADD COLUMN basis TEXT NOT NULL DEFAULT '';`,
};
