/**
 * Every table of a test database as rows and a content digest (storage/transfer's own reading),
 * to tell that nothing changed, or that two databases hold the same. Values are read as
 * PostgreSQL's column types say when `kindsFrom` is given (comparing SQLite with PostgreSQL).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { tableDigest } from '../../src/server/storage/transfer/copy.ts';
import { currentPlan } from '../../src/server/storage/transfer/operations.ts';
import type { TablePlan } from '../../src/server/storage/transfer/plan.ts';
import { postgresSide, sqliteSide, type ColumnKinds } from '../../src/server/storage/transfer/sides.ts';
import type { TestDatabase } from './databases.ts';

const PLAN = currentPlan();
export type Content = Record<string, { rows: number; digest: string }>;

/** Rows and digest of every table, values read as `kinds` says (PostgreSQL's, when comparing across databases). */
export async function contentOf(db: TestDatabase, kindsFrom?: TestDatabase): Promise<Content> {
  const kindsPool = kindsFrom === undefined ? undefined : new pg.Pool({ connectionString: kindsFrom.env.DATABASE_URL, max: 1 });
  const kindsClient = await kindsPool?.connect();
  const kinds = async (table: TablePlan): Promise<ColumnKinds> => (kindsClient === undefined ? {} : postgresSide(kindsClient).kinds(table));
  const content: Content = {};
  try {
    if (db.kind === 'sqlite') {
      const raw = new Database(join(db.env.DATA_DIR ?? '', 'lotho.sqlite'), { readonly: true });
      try {
        for (const table of PLAN) content[table.name] = await tableDigest(sqliteSide(raw), table, await kinds(table));
      } finally {
        raw.close();
      }
    } else {
      const pool = new pg.Pool({ connectionString: db.env.DATABASE_URL, max: 1 });
      const client = await pool.connect();
      try {
        const side = postgresSide(client);
        for (const table of PLAN) content[table.name] = await tableDigest(side, table, await side.kinds(table));
      } finally {
        client.release();
        await pool.end();
      }
    }
  } finally {
    kindsClient?.release();
    await kindsPool?.end();
  }
  return content;
}

