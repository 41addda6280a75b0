/**
 * The `lotho` command on a server's DATA_DIR, as an administrator runs it: agencies and the
 * officials' accounts for the drafting flows (SQLite lets the running server see them at once).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, shellEnv } from './app-server.ts';

export function lotho(dataDir: string, args: string[], input?: string): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'src/cli/lotho.mjs'), ...args], {
    cwd: ROOT,
    env: shellEnv({ DATA_DIR: dataDir }),
    input,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`lotho ${args.join(' ')} failed: ${result.stderr}`);
}

export interface Account {
  username: string;
  password: string;
  role: 'editor' | 'publisher';
}

/** A township's agency. */
export function addAgency(dataDir: string, agency: { id: string; zh: string; bo: string }): void {
  lotho(dataDir, ['agency', 'add', '--id', agency.id, '--zh', agency.zh, '--bo', agency.bo, '--level', 'township']);
}

/** Officials' accounts in agency `agencyId`. */
export function addAccounts(dataDir: string, agencyId: string, accounts: readonly Account[]): void {
  for (const account of accounts) {
    lotho(dataDir, ['user', 'add', '--username', account.username, '--agency', agencyId, '--role', account.role, '--password-stdin'], `${account.password}\n`);
  }
}
