import type { Migration } from '../types.ts';

/**
 * A draft's template may be any registered one, as sqlite/009-registered-templates.ts: the CHECK
 * of 003 (named by PostgreSQL's default, drafts_template_check) goes; createDraft checks the id
 * against the template registry.
 */
export const migration: Migration = {
  version: 9,
  name: 'registered-templates',
  sql: `
    ALTER TABLE drafts DROP CONSTRAINT drafts_template_check;
  `,
};
