/**
 * `lotho agency add|list` and `lotho user add|list`: the server's accounts, in the database the
 * server uses (DATA_DIR, or DATABASE_URL for PostgreSQL). A password is never an argument (argv is
 * visible to every user of the machine and kept in shell history): it comes from stdin with
 * --password-stdin, or from a prompt that does not echo.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { ADMIN_LEVELS, type AdminLevel } from '../../report/model.ts';
import { AgencyIdSchema, UsernameSchema } from '../../contract/auth.ts';
import { hashPassword, passwordProblem } from '../../server/auth/password.ts';
import { StorageError, ROLES, type Role, type ServerStorage } from '../../server/storage/types.ts';
import { CliFailure, oneLine, type Io } from '../output.ts';

/** Reads the new user's password (stdin or a prompt); main.ts supplies the real one. */
export type PasswordReader = (fromStdin: boolean) => Promise<string>;

const usage = (detail: string) => new CliFailure('usage', undefined, `${detail}; lotho --help`);

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/** The options of a subcommand as plain values; unknown options and positionals are usage errors. */
function parse(args: string[], options: OptionSpec): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usage(oneLine(message).split(/\.\s/u)[0] ?? message);
  }
}

function text(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = text(values, name);
  if (value === undefined || value.trim() === '') throw usage(`missing --${name}`);
  return value.trim();
}

function checked(schema: v.GenericSchema<string, string>, name: string, value: string): string {
  const result = v.safeParse(schema, value);
  if (!result.success) throw usage(`--${name} ${value}: ${result.issues[0].message}`);
  return result.output;
}

function pick<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw usage(`--${name} ${value}: ${allowed.join(', ')}`);
  return found;
}

function storageFailure(error: unknown, subject: string): never {
  if (error instanceof StorageError && error.code === 'exists') throw new CliFailure('exists', subject);
  if (error instanceof StorageError && error.code === 'unknown_agency') throw new CliFailure('no_such_agency', subject);
  throw error;
}

async function agencyAdd(args: string[], storage: ServerStorage, io: Io): Promise<number> {
  const option = { type: 'string' } as const;
  const values = parse(args, { id: option, zh: option, bo: option, level: option, parent: option });
  const id = checked(AgencyIdSchema, 'id', required(values, 'id'));
  const nameZh = required(values, 'zh');
  const level: AdminLevel = pick('level', required(values, 'level'), ADMIN_LEVELS);
  const nameBo = text(values, 'bo')?.trim();
  const parentId = text(values, 'parent')?.trim();
  if (parentId !== undefined && (await storage.getAgency(parentId)) === undefined) throw new CliFailure('no_such_agency', `--parent ${parentId}`);
  try {
    const agency = await storage.createAgency({
      id,
      nameZh,
      level,
      ...(nameBo === undefined || nameBo === '' ? {} : { nameBo }),
      ...(parentId === undefined ? {} : { parentId }),
    });
    io.stdout(`已添加机构 (agency added): ${agency.id} ${agency.nameZh} ${agency.level}\n`);
    return 0;
  } catch (error) {
    return storageFailure(error, `agency ${id}`);
  }
}

async function userAdd(args: string[], storage: ServerStorage, io: Io, readPassword: PasswordReader): Promise<number> {
  const values = parse(args, {
    username: { type: 'string' },
    agency: { type: 'string' },
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  const username = checked(UsernameSchema, 'username', required(values, 'username').toLowerCase());
  const agencyId = required(values, 'agency');
  const role: Role = pick('role', required(values, 'role'), ROLES);
  if ((await storage.getAgency(agencyId)) === undefined) throw new CliFailure('no_such_agency', agencyId);
  if ((await storage.getCredentials(username)) !== undefined) throw new CliFailure('exists', `user ${username}`);
  const password = await readPassword(values['password-stdin'] === true);
  const problem = passwordProblem(password, username);
  if (problem !== undefined) throw new CliFailure('bad_password', undefined, problem);
  try {
    const user = await storage.createUser({ username, agencyId, role, passwordHash: await hashPassword(password) });
    io.stdout(`已添加用户 (user added): ${user.username} ${user.role} ${user.agencyId}\n`);
    return 0;
  } catch (error) {
    return storageFailure(error, `user ${username}`);
  }
}

async function agencyList(args: string[], storage: ServerStorage, io: Io): Promise<number> {
  parse(args, {});
  for (const a of await storage.listAgencies()) {
    io.stdout(`${[a.id, a.level, a.parentId ?? '-', a.nameZh, a.nameBo ?? ''].join('\t')}\n`);
  }
  return 0;
}

async function userList(args: string[], storage: ServerStorage, io: Io): Promise<number> {
  parse(args, {});
  for (const u of await storage.listUsers()) io.stdout(`${[u.username, u.role, u.agencyId, u.createdAt].join('\t')}\n`);
  return 0;
}

/** The account commands: `agency add|list`, `user add|list`. */
export async function accountsCommand(
  command: 'agency' | 'user',
  args: string[],
  storage: ServerStorage,
  io: Io,
  readPassword: PasswordReader,
): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'add') return command === 'agency' ? agencyAdd(rest, storage, io) : userAdd(rest, storage, io, readPassword);
  if (action === 'list') return command === 'agency' ? agencyList(rest, storage, io) : userList(rest, storage, io);
  throw usage(action === undefined ? `lotho ${command}: add or list` : `lotho ${command} ${action}: add or list`);
}
