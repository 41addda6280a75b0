/**
 * The lotho command: argument parsing only; the work is done by src/report (import, check) and the
 * server's storage (agency, user) through commands/. Exit status: 0 ok, 1 the check found an error,
 * 2 the input cannot be used or the arguments are wrong (one line on stderr, nothing on stdout).
 * LOTHO_DEBUG=1 adds the stack of an unexpected error.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LANGS, type Lang } from '../report/model.ts';
import { ImportError, type SuppliedMeta } from '../report/import/types.ts';
import { MAX_REPORT_YEAR, MIN_REPORT_YEAR } from '../report/schema.ts';
import { TEMPLATE_IDS } from '../report/templates/index.ts';
import type { TranslationOverlay } from '../report/review/overlay.ts';
import type { ServerStorage } from '../server/storage/types.ts';
import type { PasswordReader } from './commands/accounts.ts';
import { CHECK_FORMATS, checkCommand, type CheckFormat } from './commands/check.ts';
import { IMPORT_FORMATS, importCommand, type ImportFormat } from './commands/import.ts';
import { commandHelp, versionLine } from './help.ts';
import { CliFailure, oneLine, processIo, zh, type Io } from './output.ts';
import { readNewPassword } from './password.ts';

export const USAGE = `lotho — 政府信息公开工作年度报告 (annual government-information-disclosure report)

用法 (usage):
  lotho import FILE [--format json|cells|md|html|docx] [--lang zh|bo] [--out OUT] [--year Y] [--agency 名称] [--template T]
      读入报告 (.txt .html .docx .pdf .json) 并输出 (import a report and print it)
      json   Lotho 报告 JSON (default)
      cells  {"template","year","agency","cells","units"} 单行 JSON (one line)
      md     Markdown, 官方版式 (official layout), --lang 选择语言 (language)
      html   HTML 片段, 官方版式, 可贴入网站 (HTML fragment for a portal CMS), --lang
      docx   Word 文档, 官方版式 (Word file, official layout), --lang; 须用 --out (needs --out)
      --out  写入文件而非标准输出 (write to OUT instead of stdout)
      --year 2023  --agency 名称  --template 2019|2021
             文件未写明时补充 (supply what the file does not say; also for check)
             缺少年度时以 1 退出 (exit 1 while the year is still needed)
  lotho import DIR (--agency ID | --manifest FILE) [--publish] [--include-flagged] [--year Y]
      读入文件夹中的全部报告 (every report in DIR), 进度与汇总表 (progress, summary table);
      --publish 逐份发布到服务器数据库 (publishes each complete one, one transaction each);
      未加 --publish 只显示结果 (without it: a dry run). --agency 为机构编号 (an agency id);
      --manifest {"files":[{"file","agency","year","template"}]}
  lotho check FILE [--previous FILE] [--format text|json] [--lang zh|bo] [--year Y] [--agency 名称] [--template T]
      检查勾稽关系等规则 (check the report's rules; --previous for cross-year rules)
      text   每条一行 (one finding per line), default
      json   {"findings":[{"rule","severity","cells","message":{"zh","bo"}}]}
  lotho agency add --id ID --zh 名称 [--bo མིང་།] --level township|county|city|region|department [--parent ID]
  lotho agency list
      服务器的机构 (the server's agencies); ID 是报告编号的前缀 (prefix of report ids: ID-2024)
  lotho user add --username NAME --agency ID --role editor|publisher|admin [--password-stdin]
  lotho user list
      服务器的用户 (the server's users); 密码从标准输入或提示读取, 绝不作为参数
      (the password is read from stdin with --password-stdin or asked for, never an argument)
      数据库同服务器 (same database as the server): DATA_DIR (./data) 或 (or) DATABASE_URL
  lotho review grant USERNAME
  lotho review export [--format xliff|csv] [--all] [--out FILE]
  lotho review import FILE --as USERNAME [--apply]
      藏文审校 (the Tibetan review): grant 允许该用户审校 (lets the user review); export 未审校的
      界面文字、术语和报告段落 (the unreviewed UI strings, terms and report paragraphs) 为 XLIFF 2.0
      或 CSV, 供翻译局离线审校 (for a translation bureau to review offline); import 先显示差异
      (shows the diff first), --apply 才应用 (applies it), 重复导入不再改变 (importing again changes nothing)
  lotho backup FILE
      服务器数据库的一致副本, 服务器运行时也可 (a consistent copy of the server's database, also
      while it runs): 一个 SQLite 文件 (a SQLite file), 也适用于 PostgreSQL (also from PostgreSQL)
  lotho restore FILE [--replace]
      用备份替换服务器数据库, 须先停止服务器 (put a backup in place of the server's database;
      stop the server first). SQLite: 原文件另存 (the replaced file is kept beside it);
      PostgreSQL: 非空时须 --replace (--replace when it holds data), 一个事务 (one transaction)
  lotho migrate --to postgres://USER@HOST/DB
      把 DATA_DIR 的 SQLite 数据库搬到空的 PostgreSQL, 逐表核对 (move the SQLite database of
      DATA_DIR into an empty PostgreSQL, every table counted and compared)
  lotho help [COMMAND]
      全部用法或一个命令的用法 (all of this, or one command's part; also lotho COMMAND --help)
  lotho --version

退出状态 (exit status): 0 正常 (ok) · 1 发现错误 (error findings) · 2 无法读取或不是报告 (unusable input, bad arguments)
`;

const commonOptions = {
  format: { type: 'string', short: 'f' },
  lang: { type: 'string', short: 'l' },
  help: { type: 'boolean', short: 'h' },
  year: { type: 'string', short: 'y' },
  agency: { type: 'string', short: 'a' },
  template: { type: 'string', short: 't' },
} as const;

function usageFailure(detail: string): CliFailure {
  return new CliFailure('usage', undefined, `${detail}; lotho --help`);
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw usageFailure(`--${name} ${value}: ${allowed.join(', ')}`);
  return found;
}

function parse(command: 'import' | 'check', args: string[]) {
  try {
    return parseArgs({
      args,
      options:
        command === 'check'
          ? { ...commonOptions, previous: { type: 'string', short: 'p' } }
          : {
              ...commonOptions,
              out: { type: 'string', short: 'o' },
              publish: { type: 'boolean' },
              manifest: { type: 'string' },
              'include-flagged': { type: 'boolean' },
            },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's messages go on with advice about '--'; the first sentence is the one that matters.
    const message = error instanceof Error ? error.message : String(error);
    throw usageFailure(oneLine(message).split(/\.\s/)[0] ?? message);
  }
}

/** --year, --agency, --template: what the user supplies for what a file may not say. */
function suppliedMeta(values: { year?: string | boolean; agency?: string | boolean; template?: string | boolean }): SuppliedMeta {
  const supplied: SuppliedMeta = {};
  if (typeof values.year === 'string') {
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR) {
      throw usageFailure(`--year ${values.year}: ${MIN_REPORT_YEAR}–${MAX_REPORT_YEAR}`);
    }
    supplied.year = year;
  }
  if (typeof values.agency === 'string') {
    const agency = values.agency.trim();
    if (agency === '') throw usageFailure('--agency: empty');
    supplied.agency = agency;
  }
  if (typeof values.template === 'string') supplied.template = choice('template', values.template, TEMPLATE_IDS, '2021');
  return supplied;
}

function onlyFile(positionals: string[]): string {
  const [file, ...rest] = positionals;
  if (file === undefined) throw usageFailure('missing FILE');
  if (rest.length > 0) throw usageFailure(`${rest.join(' ')}: one FILE only`);
  return file;
}

/** What the account commands need from outside; tests pass their own. */
export interface RunDeps {
  env?: Record<string, string | undefined>;
  readPassword?: PasswordReader;
}

/** The server's storage, migrated; a database that cannot be opened is exit 2 with one line. */
async function openServerStorage(env: Record<string, string | undefined>): Promise<ServerStorage> {
  // Loaded here, not at the top: the database drivers (pg, better-sqlite3) would add a tenth of a
  // second to every `lotho import`, which never needs them.
  const { describeStorage, openStorage, storageConfigFromEnv } = await import('../server/storage/open.ts');
  const config = storageConfigFromEnv(env);
  let storage: ServerStorage | undefined;
  try {
    storage = openStorage(config);
    await storage.migrate();
    return storage;
  } catch (error) {
    await storage?.close().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new CliFailure('database', describeStorage(config), message, undefined, error);
  }
}

/**
 * The deployment's reviewed Tibetan (GET /api/translations/bo's overlay), for Tibetan exports to
 * match the running app: read from the server's database when there is one (DATABASE_URL, or the
 * SQLite file in DATA_DIR), never created or migrated here. Without one, or when it cannot be read,
 * the shipped texts (said on stderr in the second case).
 */
async function reviewedOverlay(env: Record<string, string | undefined>, io: Io): Promise<TranslationOverlay | undefined> {
  const { describeStorage, openStorage, storageConfigFromEnv } = await import('../server/storage/open.ts');
  const config = storageConfigFromEnv(env);
  if (config.databaseUrl === undefined && !existsSync(join(config.dataDir, 'lotho.sqlite'))) return undefined;
  let storage: ServerStorage | undefined;
  try {
    storage = openStorage(config);
    const { reviewService } = await import('../server/review/service.ts');
    return await reviewService(storage).overlay();
  } catch (error) {
    io.stderr(`lotho: 未能读取审校过的藏文, 用随软件的译文 (reviewed Tibetan not read from ${describeStorage(config)}: ${oneLine(error instanceof Error ? error.message : String(error))}; the shipped texts are used)\n`);
    return undefined;
  } finally {
    await storage?.close().catch(() => undefined);
  }
}

async function accounts(command: 'agency' | 'user', args: string[], io: Io, deps: RunDeps): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandHelp(USAGE, command) ?? USAGE);
    return 0;
  }
  const storage = await openServerStorage(deps.env ?? process.env);
  const { accountsCommand } = await import('./commands/accounts.ts');
  try {
    return await accountsCommand(command, args, storage, io, deps.readPassword ?? readNewPassword);
  } finally {
    await storage.close();
  }
}

async function review(args: string[], io: Io, deps: RunDeps): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandHelp(USAGE, 'review') ?? USAGE);
    return 0;
  }
  const storage = await openServerStorage(deps.env ?? process.env);
  const { reviewCommand } = await import('./commands/review.ts');
  try {
    return await reviewCommand(args, storage, io);
  } finally {
    await storage.close();
  }
}

async function database(command: 'backup' | 'restore' | 'migrate', args: string[], io: Io, deps: RunDeps): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandHelp(USAGE, command) ?? USAGE);
    return 0;
  }
  // Loaded here: the database drivers are not needed by import and check.
  const { storageConfigFromEnv } = await import('../server/storage/open.ts');
  const commands = await import('./commands/database.ts');
  const config = storageConfigFromEnv(deps.env ?? process.env);
  const run = { backup: commands.backupCommand, restore: commands.restoreCommand, migrate: commands.migrateCommand }[command];
  return run(args, config, io);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `lotho import DIR …`: --agency is then an agency id of the server, and --year a default. */
async function bulk(dir: string, values: Record<string, unknown>, io: Io, deps: RunDeps): Promise<number> {
  const { agency, year, template } = values;
  const supplied = suppliedMeta({ ...(typeof year === 'string' ? { year } : {}), ...(typeof template === 'string' ? { template } : {}) });
  if (typeof agency !== 'string' && typeof values.manifest !== 'string') throw usageFailure(`${dir}: a folder needs --agency ID or --manifest FILE`);
  const storage = await openServerStorage(deps.env ?? process.env);
  // Loaded here: a single file's import never needs the server's code.
  const { bulkImportCommand } = await import('./commands/bulk.ts');
  try {
    return await bulkImportCommand(
      {
        dir,
        ...(typeof agency === 'string' ? { agency } : {}),
        ...(typeof values.manifest === 'string' ? { manifest: values.manifest } : {}),
        publish: values.publish === true,
        includeFlagged: values['include-flagged'] === true,
        supplied,
      },
      storage,
      io,
    );
  } finally {
    await storage.close();
  }
}

async function dispatch(argv: readonly string[], io: Io, deps: RunDeps): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) throw usageFailure('missing command: import, check, agency, user, review, backup, restore, migrate');
  if (command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === 'help') {
    const [topic, ...more] = args;
    if (more.length > 0) throw usageFailure(`help ${args.join(' ')}: one COMMAND only`);
    const help = topic === undefined ? USAGE : commandHelp(USAGE, topic);
    if (help === undefined) throw usageFailure(`no command ${topic ?? ''}`);
    io.stdout(help);
    return 0;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    io.stdout(versionLine());
    return 0;
  }
  if (command === 'agency' || command === 'user') return accounts(command, args, io, deps);
  if (command === 'backup' || command === 'restore' || command === 'migrate') return database(command, args, io, deps);
  if (command === 'review') return review(args, io, deps);
  if (command !== 'import' && command !== 'check') throw usageFailure(`unknown command ${command}`);
  const { values, positionals } = parse(command, args);
  if (values.help === true) {
    io.stdout(commandHelp(USAGE, command) ?? USAGE);
    return 0;
  }
  const file = onlyFile(positionals);
  const lang: Lang = choice('lang', values.lang, LANGS, 'zh');
  if (command === 'import' && (await isDirectory(file))) return bulk(file, values, io, deps);
  const supplied = suppliedMeta(values);
  if (command === 'import') {
    const format: ImportFormat = choice('format', values.format, IMPORT_FORMATS, 'json');
    const out = 'out' in values && typeof values.out === 'string' ? values.out : undefined;
    // A Word file on a terminal is useless bytes: it is only ever written to a file.
    if (format === 'docx' && out === undefined) throw usageFailure('--format docx writes a binary Word file: give --out FILE');
    const overlay = lang === 'bo' && format !== 'cells' && format !== 'json' ? await reviewedOverlay(deps.env ?? process.env, io) : undefined;
    return importCommand({ file, format, lang, supplied, ...(out === undefined ? {} : { out }), ...(overlay === undefined ? {} : { overlay }) }, io);
  }
  const format: CheckFormat = choice('format', values.format, CHECK_FORMATS, 'text');
  const previous = 'previous' in values && typeof values.previous === 'string' ? values.previous : undefined;
  return checkCommand({ file, format, lang, supplied, ...(previous === undefined ? {} : { previous }) }, io);
}

/** Runs the command for `argv` (without node and the script) and returns the exit status. */
export async function run(argv: readonly string[], io: Io = processIo, deps: RunDeps = {}): Promise<number> {
  try {
    return await dispatch(argv, io, deps);
  } catch (error) {
    const debug = process.env.LOTHO_DEBUG === '1';
    let shown: unknown = error;
    if (error instanceof CliFailure) {
      io.stderr(error.line());
      shown = error.cause;
    } else if (error instanceof ImportError) {
      io.stderr(new CliFailure(error.code, undefined, error.message).line());
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`lotho: ${zh('cli.errors.internal')} (internal): ${oneLine(message)}\n`);
    }
    if (debug && shown instanceof Error) io.stderr(`${shown.stack ?? shown.message}\n`);
    return 2;
  }
}
