/**
 * The two ends of a copy: a SQLite database (better-sqlite3) and a PostgreSQL connection, each
 * read in primary-key order a batch at a time and written in batches. The caller holds the
 * transaction (a snapshot to read from, one all-or-nothing write). Values travel in one canonical
 * form (`normalize`): integers as numbers, times as ISO text, so a copy can be verified by digest.
 */
import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { quoted, type TablePlan } from './plan.ts';

export type Row = Record<string, unknown>;
/** What a column holds, from PostgreSQL's types (SQLite's declared types say less). */
export type ColumnKind = 'integer' | 'time' | 'boolean' | 'text';
export type ColumnKinds = Record<string, ColumnKind>;

export interface TransferSide {
  count(table: TablePlan): Promise<number>;
  /** At most `limit` rows whose key is after `after` (all from the start when undefined). */
  batch(table: TablePlan, after: readonly unknown[] | undefined, limit: number): Promise<Row[]>;
  insert(table: TablePlan, rows: readonly Row[]): Promise<void>;
  /** Called once a table is copied in (PostgreSQL moves identity sequences past the copied ids). */
  finishTable(table: TablePlan): Promise<void>;
}

/** A value in the form both databases accept and a digest compares. */
export function normalize(kind: ColumnKind | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'integer' && typeof value === 'string' && /^-?\d+$/u.test(value)) {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`integer ${value} is beyond what JavaScript holds exactly`);
    return n;
  }
  if (kind === 'time') {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    return date !== undefined && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
  }
  if (kind === 'boolean') return value === true || value === 1;
  return value;
}

const keyColumns = (table: TablePlan): string => table.primaryKey.map(quoted).join(', ');

export function sqliteSide(db: Database.Database): TransferSide {
  return {
    count: (table) => Promise.resolve(Number(db.prepare(`SELECT COUNT(*) FROM ${quoted(table.name)}`).pluck().get())),
    batch: (table, after, limit) => {
      const where = after === undefined ? '' : `WHERE (${keyColumns(table)}) > (${after.map(() => '?').join(', ')})`;
      const sql = `SELECT ${table.columns.map(quoted).join(', ')} FROM ${quoted(table.name)} ${where} ORDER BY ${keyColumns(table)} LIMIT ?`;
      return Promise.resolve(db.prepare(sql).all(...(after ?? []), limit) as Row[]);
    },
    insert: (table, rows) => {
      const sql = `INSERT INTO ${quoted(table.name)} (${table.columns.map(quoted).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`;
      const statement = db.prepare(sql);
      for (const row of rows) statement.run(...table.columns.map((c) => (typeof row[c] === 'boolean' ? Number(row[c]) : row[c])));
      return Promise.resolve();
    },
    finishTable: () => Promise.resolve(),
  };
}

/** Column kinds of a PostgreSQL table, from information_schema. */
export async function postgresKinds(client: PoolClient, table: TablePlan): Promise<ColumnKinds> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
    [table.name],
  );
  const kinds: ColumnKinds = {};
  for (const { column_name: name, data_type: type } of rows) {
    kinds[name] = /int|numeric/u.test(type) ? 'integer' : type.startsWith('timestamp') ? 'time' : type === 'boolean' ? 'boolean' : 'text';
  }
  const missing = table.columns.filter((c) => !(c in kinds));
  if (missing.length > 0) throw new Error(`PostgreSQL table ${table.name} lacks ${missing.join(', ')}: migrate both databases to the same version`);
  return kinds;
}

/** Rows per INSERT: PostgreSQL takes at most 65 535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

export function postgresSide(client: PoolClient): TransferSide & { kinds: (table: TablePlan) => Promise<ColumnKinds> } {
  const known = new Map<string, Promise<ColumnKinds>>();
  const kinds = (table: TablePlan): Promise<ColumnKinds> => {
    let found = known.get(table.name);
    if (found === undefined) {
      found = postgresKinds(client, table);
      known.set(table.name, found);
    }
    return found;
  };
  return {
    kinds,
    count: async (table) => Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoted(table.name)}`)).rows[0]?.n ?? 0),
    batch: async (table, after, limit) => {
      // Text keys in byte order (COLLATE "C"), as SQLite orders them.
      const of = await kinds(table);
      const keys = table.primaryKey.map((c) => (of[c] === 'text' ? `${quoted(c)} COLLATE "C"` : quoted(c))).join(', ');
      const where = after === undefined ? '' : `WHERE (${keys}) > (${after.map((_, i) => `$${String(i + 1)}`).join(', ')})`;
      const sql = `SELECT ${table.columns.map(quoted).join(', ')} FROM ${quoted(table.name)} ${where} ORDER BY ${keys} LIMIT ${String(limit)}`;
      return (await client.query(sql, [...(after ?? [])])).rows as Row[];
    },
    insert: async (table, rows) => {
      const per = Math.max(1, Math.floor(MAX_PARAMETERS / table.columns.length));
      for (let start = 0; start < rows.length; start += per) {
        const chunk = rows.slice(start, start + per);
        const values = chunk.map((_, r) => `(${table.columns.map((_c, i) => `$${String(r * table.columns.length + i + 1)}`).join(', ')})`);
        const sql = `INSERT INTO ${quoted(table.name)} (${table.columns.map(quoted).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values.join(', ')}`;
        await client.query(sql, chunk.flatMap((row) => table.columns.map((c) => row[c])));
      }
    },
    finishTable: async (table) => {
      const { rows } = await client.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'",
        [table.name],
      );
      for (const { column_name: column } of rows) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quoted(column)}), 0) + 1, false) FROM ${quoted(table.name)}`,
          [table.name, column],
        );
      }
    },
  };
}
