/**
 * The lotho command: argument parsing only; the work is done by src/report (import, check) and the
 * server's storage (agency, user) through commands/. Exit status: 0 ok, 1 the check found an error,
 * 2 the input cannot be used or the arguments are wrong (one line on stderr, nothing on stdout).
 * LOTHO_DEBUG=1 adds the stack of an unexpected error.
 */
import { parseArgs } from 'node:util';
import { LANGS, type Lang } from '../report/model.ts';
import { ImportError } from '../report/import/types.ts';
import { describeStorage, openStorage, storageConfigFromEnv } from '../server/storage/open.ts';
import type { ServerStorage } from '../server/storage/types.ts';
import { accountsCommand, type PasswordReader } from './commands/accounts.ts';
import { CHECK_FORMATS, checkCommand, type CheckFormat } from './commands/check.ts';
import { IMPORT_FORMATS, importCommand, type ImportFormat } from './commands/import.ts';
import { CliFailure, oneLine, processIo, zh, type Io } from './output.ts';
import { readNewPassword } from './password.ts';

export const USAGE = `lotho — 政府信息公开工作年度报告 (annual government-information-disclosure report)

用法 (usage):
  lotho import FILE [--format json|cells|md|html|docx] [--lang zh|bo] [--out OUT]
      读入报告 (.txt .html .docx .pdf .json) 并输出 (import a report and print it)
      json   Lotho 报告 JSON (default)
      cells  {"template","year","agency","cells","units"} 单行 JSON (one line)
      md     Markdown, 官方版式 (official layout), --lang 选择语言 (language)
      html   HTML 片段, 官方版式, 可贴入网站 (HTML fragment for a portal CMS), --lang
      docx   Word 文档, 官方版式 (Word file, official layout), --lang; 须用 --out (needs --out)
      --out  写入文件而非标准输出 (write to OUT instead of stdout)
  lotho check FILE [--previous FILE] [--format text|json] [--lang zh|bo]
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
  lotho --help

退出状态 (exit status): 0 正常 (ok) · 1 发现错误 (error findings) · 2 无法读取或不是报告 (unusable input, bad arguments)
`;

const commonOptions = {
  format: { type: 'string', short: 'f' },
  lang: { type: 'string', short: 'l' },
  help: { type: 'boolean', short: 'h' },
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
          : { ...commonOptions, out: { type: 'string', short: 'o' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's messages go on with advice about '--'; the first sentence is the one that matters.
    const message = error instanceof Error ? error.message : String(error);
    throw usageFailure(oneLine(message).split(/\.\s/)[0] ?? message);
  }
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

async function accounts(command: 'agency' | 'user', args: string[], io: Io, deps: RunDeps): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const storage = await openServerStorage(deps.env ?? process.env);
  try {
    return await accountsCommand(command, args, storage, io, deps.readPassword ?? readNewPassword);
  } finally {
    await storage.close();
  }
}

async function dispatch(argv: readonly string[], io: Io, deps: RunDeps): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) throw usageFailure('missing command: import, check, agency, user');
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === 'agency' || command === 'user') return accounts(command, args, io, deps);
  if (command !== 'import' && command !== 'check') throw usageFailure(`unknown command ${command}`);
  const { values, positionals } = parse(command, args);
  if (values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  const file = onlyFile(positionals);
  const lang: Lang = choice('lang', values.lang, LANGS, 'zh');
  if (command === 'import') {
    const format: ImportFormat = choice('format', values.format, IMPORT_FORMATS, 'json');
    const out = 'out' in values && typeof values.out === 'string' ? values.out : undefined;
    // A Word file on a terminal is useless bytes: it is only ever written to a file.
    if (format === 'docx' && out === undefined) throw usageFailure('--format docx writes a binary Word file: give --out FILE');
    return importCommand({ file, format, lang, ...(out === undefined ? {} : { out }) }, io);
  }
  const format: CheckFormat = choice('format', values.format, CHECK_FORMATS, 'text');
  const previous = 'previous' in values && typeof values.previous === 'string' ? values.previous : undefined;
  return checkCommand({ file, format, lang, ...(previous === undefined ? {} : { previous }) }, io);
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
