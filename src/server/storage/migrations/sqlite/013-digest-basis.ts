import type { Migration } from '../types.ts';

/**
 * The previous-year report a draft's stored findings were counted against (`<id>@<version>`, or ''
 * when it had none). The cross-year rules (C1–C3) read that report: when it is published or
 * corrected after the count, the draft's head has not moved but its findings have, and a count
 * kept by head alone showed the county office the old ones. Digests stored before this migration
 * get '' and are counted again once for a draft that has a previous-year report.
 */
export const migration: Migration = {
  version: 13,
  name: 'digest-basis',
  sql: `ALTER TABLE draft_digests ADD COLUMN basis TEXT NOT NULL DEFAULT '';`,
};
