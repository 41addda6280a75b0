/** A schema migration: applied once, in version order, recorded in `schema_migrations`. */
export interface Migration {
  /** 1, 2, 3 … with no gaps; the file name starts with it. */
  version: number;
  name: string;
  /** Statements run in one transaction with the record of the migration. */
  sql: string;
}

/** Checks that a list of migrations is numbered 1..n in order, so none is skipped or run twice. */
export function checkMigrations(migrations: readonly Migration[]): readonly Migration[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  return migrations;
}
