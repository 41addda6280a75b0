/**
 * What a copy between two databases moves: every table of the schema (but its migration record
 * and what triggers derive),
 * its columns and primary key, in an order where a table comes after those it references. Read
 * from a SQLite database (both schemas are the same, migration by migration: storage/migrations).
 */
import type Database from 'better-sqlite3';
import * as v from 'valibot';

export interface TablePlan {
  name: string;
  columns: string[];
  /** Columns of the primary key, in key order (keyset pagination). */
  primaryKey: string[];
  /** A column referencing this same table (agencies.parent_id): parents are copied first. */
  parentColumn?: string;
}

const ColumnInfo = v.object({ name: v.string(), pk: v.number() });
const ForeignKeyInfo = v.object({ table: v.string(), from: v.string() });

/** A table name from sqlite_master, quoted for SQL (they are our own identifiers). */
export function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new Error(`unexpected table or column name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * Tables the target's triggers fill as the others are copied (agency_changes: each agency's path
 * when it is inserted, its counter with its reports, drafts and writes): copied, they would clash.
 */
export const DERIVED_TABLES: ReadonlySet<string> = new Set(['agency_changes']);

export function readPlan(db: Database.Database): TablePlan[] {
  const names = v
    .parse(
      v.array(v.string()),
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").pluck().all(),
    )
    .filter((name) => !DERIVED_TABLES.has(name));
  const tables = new Map<string, { plan: TablePlan; references: Set<string> }>();
  for (const name of names) {
    const columns = v.parse(v.array(ColumnInfo), db.prepare(`PRAGMA table_info(${quoted(name)})`).all());
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    if (primaryKey.length === 0) throw new Error(`table ${name} has no primary key`);
    const keys = v.parse(v.array(ForeignKeyInfo), db.prepare(`PRAGMA foreign_key_list(${quoted(name)})`).all());
    const parent = keys.find((k) => k.table === name);
    tables.set(name, {
      plan: { name, columns: columns.map((c) => c.name), primaryKey, ...(parent === undefined ? {} : { parentColumn: parent.from }) },
      references: new Set(keys.map((k) => k.table).filter((t) => t !== name)),
    });
  }
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.size) {
    const next = [...tables.values()].find((t) => !placed.has(t.plan.name) && [...t.references].every((r) => placed.has(r) || !tables.has(r)));
    if (next === undefined) throw new Error('the tables reference each other in a cycle');
    placed.add(next.plan.name);
    ordered.push(next.plan);
  }
  return ordered;
}

/** Rows of a self-referencing table with every parent before its children. */
export function parentsFirst(rows: readonly Record<string, unknown>[], plan: TablePlan): Record<string, unknown>[] {
  const column = plan.parentColumn;
  const [key] = plan.primaryKey;
  if (column === undefined || key === undefined) return [...rows];
  const done = new Set<unknown>();
  const ordered: Record<string, unknown>[] = [];
  let pending = [...rows];
  while (pending.length > 0) {
    const ready = pending.filter((row) => row[column] === null || done.has(row[column]) || !rows.some((r) => r[key] === row[column]));
    if (ready.length === 0) throw new Error(`${plan.name}: rows reference each other in a cycle`);
    for (const row of ready) {
      done.add(row[key]);
      ordered.push(row);
    }
    pending = pending.filter((row) => !ready.includes(row));
  }
  return ordered;
}
