/**
 * `lotho agency add|list` and `lotho user add|list` on the server's database (a temporary
 * DATA_DIR, and once on PostgreSQL through DATABASE_URL). Passwords never come from argv.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { buildApp } from '../../src/server/app.ts';
import { DATABASES, useDatabases, type TestDatabase } from '../server/databases.ts';
import { ROOT, capture } from './run.ts';

const database = useDatabases(afterEach);
const GOOD = 'a long passphrase';

async function lotho(db: TestDatabase, args: string[], password = GOOD) {
  const io = capture();
  const code = await run(args, io, { env: db.env, readPassword: () => Promise.resolve(password) });
  return { code, out: io.out, err: io.err };
}

/** Exit 2, one line on stderr with the code, nothing on stdout. */
function expectRefused(result: { code: number; out: string; err: string }, code: string): void {
  expect(result.code, result.err).toBe(2);
  expect(result.out).toBe('');
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  expect(result.err).toContain(`(${code})`);
}

describe('lotho agency and user', () => {
  it('adds agencies and users, lists them, and the user can log in to the server', async () => {
    const db = await database(DATABASES[0].create);
    expect(await lotho(db, ['agency', 'add', '--id', 'bomi', '--zh', '波密县人民政府', '--level', 'county'])).toEqual({
      code: 0, out: '已添加机构 (agency added): bomi 波密县人民政府 county\n', err: '',
    });
    expect((await lotho(db, ['agency', 'add', '--id', 'qingduo', '--zh', '波密县倾多镇人民政府', '--bo', 'ཆུ་མདོ།', '--level', 'township', '--parent', 'bomi'])).code).toBe(0);
    expect(await lotho(db, ['user', 'add', '--username', 'Tashi', '--agency', 'qingduo', '--role', 'publisher'])).toEqual({
      code: 0, out: '已添加用户 (user added): tashi publisher qingduo\n', err: '',
    });
    const agencies = await lotho(db, ['agency', 'list']);
    expect(agencies.out).toBe('bomi\tcounty\t-\t波密县人民政府\t\nqingduo\ttownship\tbomi\t波密县倾多镇人民政府\tཆུ་མདོ།\n');
    expect((await lotho(db, ['user', 'list'])).out).toMatch(/^tashi\tpublisher\tqingduo\t\d{4}-/u);

    const storage = await db.open();
    const app = buildApp({ storage });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'tashi', password: GOOD }),
    });
    expect(login.status).toBe(200);
    expect(await storage.hasAdmin()).toBe(false);
  });

  it('refuses bad input with exit 2 and one line', async () => {
    const db = await database(DATABASES[0].create);
    await lotho(db, ['agency', 'add', '--id', 'bomi', '--zh', '波密县人民政府', '--level', 'county']);
    expectRefused(await lotho(db, ['agency', 'add', '--id', 'bomi', '--zh', '又一个', '--level', 'county']), 'exists');
    expectRefused(await lotho(db, ['agency', 'add', '--id', 'x', '--zh', '某', '--level', 'village']), 'usage');
    expectRefused(await lotho(db, ['agency', 'add', '--id', 'Bad Id', '--zh', '某', '--level', 'county']), 'usage');
    expectRefused(await lotho(db, ['agency', 'add', '--id', 'x', '--level', 'county']), 'usage');
    expectRefused(await lotho(db, ['agency', 'add', '--id', 'x', '--zh', '某', '--level', 'township', '--parent', 'nowhere']), 'no_such_agency');
    expectRefused(await lotho(db, ['agency', 'remove', '--id', 'bomi']), 'usage');
    // A password on the command line is not an option at all.
    expectRefused(await lotho(db, ['user', 'add', '--username', 'a', '--agency', 'bomi', '--role', 'admin', '--password', GOOD]), 'usage');
    expectRefused(await lotho(db, ['user', 'add', '--username', 'ab', '--agency', 'bomi', '--role', 'root']), 'usage');
    expectRefused(await lotho(db, ['user', 'add', '--username', 'ab', '--agency', 'nowhere', '--role', 'admin']), 'no_such_agency');
    expectRefused(await lotho(db, ['user', 'add', '--username', 'ab', '--agency', 'bomi', '--role', 'admin'], 'short'), 'bad_password');
    expect((await lotho(db, ['user', 'add', '--username', 'ab', '--agency', 'bomi', '--role', 'admin'])).code).toBe(0);
    expectRefused(await lotho(db, ['user', 'add', '--username', 'AB', '--agency', 'bomi', '--role', 'editor']), 'exists');
    expect((await lotho(db, ['user', 'list'])).out.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('says so when the database cannot be opened', async () => {
    const result = await run(['user', 'list'], capture(), { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' } });
    expect(result).toBe(2);
    const io = capture();
    await run(['agency', 'list'], io, { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' } });
    expect(io.err).toMatch(/^lotho: .*\(database\): postgres:\/\/127\.0\.0\.1:1\/none — /u);
  });

  it('works on PostgreSQL through DATABASE_URL', async () => {
    const db = await database(DATABASES[1].create);
    expect((await lotho(db, ['agency', 'add', '--id', 'bomi', '--zh', '波密县人民政府', '--level', 'county'])).code).toBe(0);
    expect((await lotho(db, ['user', 'add', '--username', 'root', '--agency', 'bomi', '--role', 'admin'])).code).toBe(0);
    expect(await (await db.open()).hasAdmin()).toBe(true);
  });

  it('reads the password from stdin with --password-stdin (the real bin)', async () => {
    const db = await database(DATABASES[0].create);
    const bin = (args: string[], input: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['src/cli/lotho.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...db.env } });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('close', (code) => {
          resolve({ code, stdout, stderr });
        });
        child.stdin.end(input);
      });
    expect((await bin(['agency', 'add', '--id', 'bomi', '--zh', '波密县人民政府', '--level', 'county'], '')).code).toBe(0);
    const added = await bin(['user', 'add', '--username', 'root', '--agency', 'bomi', '--role', 'admin', '--password-stdin'], `${GOOD}\n`);
    expect(added.stderr).toBe('');
    expect(added).toMatchObject({ code: 0, stdout: '已添加用户 (user added): root admin bomi\n' });
    // Without a terminal and without --password-stdin there is nobody to ask.
    const noTty = await bin(['user', 'add', '--username', 'other', '--agency', 'bomi', '--role', 'editor'], GOOD);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/--password-stdin/u);
    const storage = await db.open();
    const login = await buildApp({ storage }).request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: GOOD }),
    });
    expect(login.status).toBe(200);
  });
});
