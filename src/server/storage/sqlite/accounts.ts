/** SQLite: agencies, users, sessions and failed logins. */
import type Database from 'better-sqlite3';
import * as v from 'valibot';
import { lazy } from './lazy.ts';
import { AGENCY_COLUMNS, AGENCY_JOIN_COLUMNS, parseRow, timeColumn, toAgency, toJoinedAgency, toUser, USER_COLUMNS } from '../rows.ts';
import { StorageError, type AccountsSection } from '../types.ts';

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Turns constraint failures into StorageErrors; rethrows anything else. */
function constraint(error: unknown, what: string): never {
  const code = sqliteCode(error);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StorageError('exists', what);
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new StorageError('unknown_agency', what);
  throw error;
}

const CredentialsRow = v.object({ password_hash: v.string() });

function prepare(db: Database.Database) {
  return {
    insertAgency: db.prepare<[string, string, string | null, string, string | null, string]>(
      'INSERT INTO agencies (id, name_zh, name_bo, level, parent_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    agency: db.prepare<[string]>(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = ?`),
    agencies: db.prepare<[]>(`SELECT ${AGENCY_COLUMNS} FROM agencies ORDER BY id`),
    insertUser: db.prepare<[string, string, string, string, string]>(
      'INSERT INTO users (username, agency_id, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    ).pluck(),
    user: db.prepare<[number]>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`),
    users: db.prepare<[]>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.agency_id, u.username`),
    hasAdmin: db.prepare<[]>("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')").pluck(),
    credentials: db.prepare<[string]>(`SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = ?`),
    insertSession: db.prepare<[string, number, string, string]>(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    session: db.prepare<[string, string]>(
      `SELECT ${USER_COLUMNS}, s.expires_at, ${AGENCY_JOIN_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    ),
    extendSession: db.prepare<[string, string]>('UPDATE sessions SET expires_at = ? WHERE token_hash = ?'),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
    insertFailure: db.prepare<[string, string, string]>('INSERT INTO login_failures (username, ip, at) VALUES (?, ?, ?)'),
    failuresByUsername: db.prepare<[string, string]>(
      'SELECT at FROM login_failures WHERE username = ? AND at > ? ORDER BY at DESC LIMIT 100',
    ).pluck(),
    failuresByIp: db.prepare<[string, string]>('SELECT at FROM login_failures WHERE ip = ? AND at > ? ORDER BY at DESC LIMIT 100').pluck(),
    clearFailures: db.prepare<[string]>('DELETE FROM login_failures WHERE username = ?'),
    pruneSessions: db.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?'),
    pruneFailures: db.prepare<[string]>('DELETE FROM login_failures WHERE at <= ?'),
  };
}

export function sqliteAccounts(db: Database.Database, now: () => Date): AccountsSection {
  const st = lazy(() => prepare(db));
  const run = <T>(f: () => T): Promise<T> => Promise.resolve().then(f);
  // Newest 100, returned oldest first.
  const times = (rows: unknown[]): string[] => rows.filter((x): x is string => typeof x === 'string').reverse();

  return {
    createAgency: (a) =>
      run(() => {
        const createdAt = now().toISOString();
        try {
          st().insertAgency.run(a.id, a.nameZh, a.nameBo ?? null, a.level, a.parentId ?? null, createdAt);
        } catch (error) {
          constraint(error, `agency ${a.id}`);
        }
        return toAgency(st().agency.get(a.id));
      }),
    getAgency: (id) => run(() => {
      const row = st().agency.get(id);
      return row === undefined ? undefined : toAgency(row);
    }),
    listAgencies: () => run(() => st().agencies.all().map(toAgency)),
    createUser: (u) =>
      run(() => {
        let id: unknown;
        try {
          id = st().insertUser.get(u.username, u.agencyId, u.role, u.passwordHash, now().toISOString());
        } catch (error) {
          constraint(error, `user ${u.username}`);
        }
        return toUser(st().user.get(Number(id)));
      }),
    listUsers: () => run(() => st().users.all().map(toUser)),
    hasAdmin: () => run(() => st().hasAdmin.get() === 1),
    getCredentials: (username) =>
      run(() => {
        const row = st().credentials.get(username);
        if (row === undefined) return undefined;
        return { user: toUser(row), passwordHash: parseRow(CredentialsRow, 'users', row).password_hash };
      }),
    createSession: (s) => run(() => void st().insertSession.run(s.tokenHash, s.userId, s.createdAt, s.expiresAt)),
    getSession: (tokenHash, at) =>
      run(() => {
        const row = st().session.get(tokenHash, at);
        if (row === undefined) return undefined;
        const { expires_at: expiresAt } = parseRow(v.object({ expires_at: timeColumn }), 'sessions', row);
        return { user: toUser(row), agency: toJoinedAgency(row), expiresAt };
      }),
    extendSession: (tokenHash, expiresAt) => run(() => void st().extendSession.run(expiresAt, tokenHash)),
    deleteSession: (tokenHash) => run(() => void st().deleteSession.run(tokenHash)),
    recordLoginFailure: (f) => run(() => void st().insertFailure.run(f.username, f.ip, f.at)),
    loginFailures: (q) =>
      run(() => ({
        byUsername: times(st().failuresByUsername.all(q.username, q.since)),
        byIp: times(st().failuresByIp.all(q.ip, q.since)),
      })),
    clearLoginFailures: (username) => run(() => void st().clearFailures.run(username)),
    pruneAuth: (at, failuresBefore) =>
      run(() => {
        st().pruneSessions.run(at);
        st().pruneFailures.run(failuresBefore);
      }),
  };
}
