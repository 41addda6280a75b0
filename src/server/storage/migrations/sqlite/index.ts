/** The SQLite migrations, in order. Never edit or remove one that has shipped: add the next. */
import { checkMigrations, type Migration } from '../types.ts';
import { migration as reports } from './001-reports.ts';
import { migration as accounts } from './002-accounts.ts';
import { migration as drafts } from './003-drafts.ts';
import { migration as reportNotes } from './004-report-notes.ts';
import { migration as kiosks } from './005-kiosks.ts';

export const SQLITE_MIGRATIONS: readonly Migration[] = checkMigrations([reports, accounts, drafts, reportNotes, kiosks]);
