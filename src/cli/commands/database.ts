/**
 * `lotho backup FILE`, `lotho restore FILE [--replace]` and `lotho migrate --to postgres://…`, on
 * the server's database (DATA_DIR, or DATABASE_URL). What each does and why it is safe is said
 * in storage/transfer/operations.ts; here: arguments, and a table of what was copied.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { StorageConfig } from '../../server/storage/open.ts';
import { describeStorage } from '../../server/storage/open.ts';
import {
  backupPostgres,
  backupSqlite,
  copySqliteToPostgres,
  inspectSqlite,
  restoreSqlite,
  type TableCopy,
} from '../../server/storage/transfer/operations.ts';
import { CliFailure, oneLine, type Io } from '../output.ts';

const usage = (detail: string) => new CliFailure('usage', undefined, `${detail}; lotho help ${detail.split(' ')[0] ?? ''}`);

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliFailure('usage', undefined, oneLine(message).split(/\.\s/u)[0] ?? message);
  }
}

function oneFile(command: string, positionals: string[]): string {
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0) throw usage(`${command} FILE: one FILE`);
  return file;
}

/** `table  rows` lines, and the total. */
function tableLines(copies: readonly TableCopy[]): string {
  const width = Math.max(...copies.map((c) => c.table.length));
  const lines = copies.map((c) => `  ${c.table.padEnd(width)}  ${String(c.rows).padStart(8)}`);
  const total = copies.reduce((sum, c) => sum + c.rows, 0);
  return `${lines.join('\n')}\n  ${'='.repeat(width)}  ${String(total).padStart(8)}\n`;
}

/** A failure of the copy itself (a damaged file, a target not empty, counts that differ). */
function transferFailure(error: unknown, subject: string): never {
  if (error instanceof CliFailure) throw error;
  const message = error instanceof Error ? error.message : String(error);
  throw new CliFailure('transfer', subject, message, undefined, error);
}

const sqlitePath = (config: StorageConfig) => join(config.dataDir, 'lotho.sqlite');

export async function backupCommand(args: string[], config: StorageConfig, io: Io): Promise<number> {
  const file = oneFile('backup', parse(args, {}).positionals);
  try {
    const copies = config.databaseUrl === undefined ? await backupSqlite(sqlitePath(config), file) : await backupPostgres(config.databaseUrl, file);
    io.stdout(`已备份 (backed up) ${describeStorage(config)} → ${file}:\n${tableLines(copies)}`);
    return 0;
  } catch (error) {
    return transferFailure(error, file);
  }
}

export async function restoreCommand(args: string[], config: StorageConfig, io: Io): Promise<number> {
  const { values, positionals } = parse(args, { replace: { type: 'boolean' } });
  const file = oneFile('restore', positionals);
  try {
    if (config.databaseUrl === undefined) {
      const saved = await restoreSqlite(file, sqlitePath(config));
      io.stdout(`已恢复 (restored) ${file} → ${describeStorage(config)}${saved === undefined ? '' : `; 原数据库另存为 (the database it replaced is kept as) ${saved}`}:\n`);
      io.stdout(tableLines(inspectSqlite(sqlitePath(config))));
      return 0;
    }
    const copies = await copySqliteToPostgres(file, config.databaseUrl, { replace: values.replace === true });
    io.stdout(`已恢复 (restored) ${file} → ${describeStorage(config)}:\n${tableLines(copies)}`);
    return 0;
  } catch (error) {
    if (error instanceof Error && /is not empty/u.test(error.message) && values.replace !== true) {
      throw new CliFailure('not_empty', describeStorage(config), `${error.message}; --replace puts the backup in place of what it holds`);
    }
    return transferFailure(error, file);
  }
}

export async function migrateCommand(args: string[], config: StorageConfig, io: Io): Promise<number> {
  const { values, positionals } = parse(args, { to: { type: 'string' } });
  if (positionals.length > 0) throw usage(`migrate ${positionals.join(' ')}: no FILE, --to postgres://…`);
  const to = values.to;
  if (typeof to !== 'string' || !/^postgres(ql)?:\/\//u.test(to)) throw usage('migrate --to postgres://user@host/database');
  const target = describeStorage({ dataDir: config.dataDir, databaseUrl: to });
  try {
    const copies = await copySqliteToPostgres(sqlitePath(config), to, { replace: false });
    io.stdout(`已迁移 (moved) ${describeStorage({ dataDir: config.dataDir })} → ${target}, 逐表核对行数与内容 (rows counted and compared per table):\n${tableLines(copies)}`);
    io.stdout(`下一步 (next): 停止服务器, 设置 DATABASE_URL=${target}..., 再启动 (stop the server, set DATABASE_URL, start it again)\n`);
    return 0;
  } catch (error) {
    if (error instanceof Error && /is not empty/u.test(error.message)) throw new CliFailure('not_empty', target, error.message);
    return transferFailure(error, target);
  }
}
