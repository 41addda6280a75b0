/** The SQLite migrations, in order. Never edit or remove one that has shipped: add the next. */
import { checkMigrations, type Migration } from '../types.ts';
import { migration as reports } from './001-reports.ts';

export const SQLITE_MIGRATIONS: readonly Migration[] = checkMigrations([reports]);
