/** SQLite: agencies, users, sessions, failed logins, and accounts as an admin manages them. */
import type Database from 'better-sqlite3';
import { lazy } from './lazy.ts';
import { ACCOUNT_COLUMNS, AGENCY_COLUMNS, AUDIT_COLUMNS, SESSION_COLUMNS, SESSION_FROM, toAccount, toAgency, toAuditEntry, toCredentials, toSession, toUser, USER_COLUMNS } from '../rows.ts';
import { AUDIT_INSERT_COLUMNS, auditRow, endsSessions, type AuditRow } from '../account-audit.ts';
import { subtreeCte } from '../subtree.ts';
import { StorageError, type Account, type AccountChange, type AccountsSection, type NewUser } from '../types.ts';

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

const SUBTREE = subtreeCte('?');

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
    credentials: db.prepare<[string]>(`SELECT ${ACCOUNT_COLUMNS}, u.password_hash FROM users u WHERE u.username = ?`),
    account: db.prepare<[number]>(`SELECT ${ACCOUNT_COLUMNS} FROM users u WHERE u.id = ?`),
    subtreeAccounts: db.prepare<[string]>(`${SUBTREE} SELECT ${ACCOUNT_COLUMNS} FROM users u JOIN sub ON sub.id = u.agency_id ORDER BY u.agency_id, u.username`),
    insertAccount: db.prepare<[string, string, string, string, string]>(
      'INSERT INTO users (username, agency_id, role, password_hash, created_at, must_change_password) VALUES (?, ?, ?, ?, ?, 1) RETURNING id',
    ).pluck(),
    setRole: db.prepare<[string, number]>('UPDATE users SET role = ? WHERE id = ?'),
    setDisabled: db.prepare<[string | null, number]>('UPDATE users SET disabled_at = ? WHERE id = ?'),
    resetPassword: db.prepare<[string, number]>('UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?'),
    ownPassword: db.prepare<[string, number]>('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?'),
    endSessions: db.prepare<[number]>('DELETE FROM sessions WHERE user_id = ?'),
    signedIn: db.prepare<[string, number]>('UPDATE users SET last_sign_in_at = ? WHERE id = ?'),
    insertAudit: db.prepare<AuditRow>(`INSERT INTO account_audit (${AUDIT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    subtreeAudit: db.prepare<[string, number]>(
      `${SUBTREE} SELECT ${AUDIT_COLUMNS} FROM account_audit WHERE agency_id IN (SELECT id FROM sub) ORDER BY id DESC LIMIT ?`,
    ),
    setPasswordHash: db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?'),
    insertSession: db.prepare<[string, number, string, string]>(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    session: db.prepare<[string, string]>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
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

  const audit = (before: Account, after: Account, change: AccountChange | 'create', actor: string) => {
    st().insertAudit.run(...auditRow(now().toISOString(), actor, before, after, change));
  };
  const account = (userId: number): Account | undefined => {
    const row = st().account.get(userId);
    return row === undefined ? undefined : toAccount(row);
  };
  const addAccount = db.transaction((u: NewUser, actor: string): Account => {
    let id: unknown;
    try {
      id = st().insertAccount.get(u.username, u.agencyId, u.role, u.passwordHash, now().toISOString());
    } catch (error) {
      constraint(error, `user ${u.username}`);
    }
    const created = account(Number(id));
    if (created === undefined) throw new StorageError('unknown_user', u.username);
    audit(created, created, 'create', actor);
    return created;
  });
  const changeAccount = db.transaction((userId: number, change: AccountChange, actor: string): Account => {
    const before = account(userId);
    if (before === undefined) throw new StorageError('unknown_user', `user ${String(userId)}`);
    if (change.kind === 'role') st().setRole.run(change.role, userId);
    if (change.kind === 'disabled') st().setDisabled.run(change.disabled ? now().toISOString() : null, userId);
    if (change.kind === 'reset') st().resetPassword.run(change.passwordHash, userId);
    if (change.kind === 'password') st().ownPassword.run(change.passwordHash, userId);
    if (endsSessions(change)) st().endSessions.run(userId);
    const after = account(userId);
    if (after === undefined) throw new StorageError('unknown_user', `user ${String(userId)}`);
    audit(before, after, change, actor);
    return after;
  });
  const createSession = db.transaction((s: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }) => {
    st().insertSession.run(s.tokenHash, s.userId, s.createdAt, s.expiresAt);
    st().signedIn.run(s.createdAt, s.userId);
  });

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
        return row === undefined ? undefined : toCredentials(row);
      }),
    subtreeAccounts: (rootId) => run(() => st().subtreeAccounts.all(rootId).map(toAccount)),
    getAccount: (userId) => run(() => account(userId)),
    addAccount: (u, actor) => run(() => addAccount.immediate(u, actor)),
    changeAccount: (userId, change, actor) => run(() => changeAccount.immediate(userId, change, actor)),
    subtreeAccountAudit: (rootId, limit) => run(() => st().subtreeAudit.all(rootId, limit).map(toAuditEntry)),
    setPasswordHash: (userId, hash) => run(() => void st().setPasswordHash.run(hash, userId)),
    createSession: (s) => run(() => {
      createSession.immediate(s);
    }),
    getSession: (tokenHash, at) =>
      run(() => {
        const row = st().session.get(tokenHash, at);
        return row === undefined ? undefined : toSession(row);
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
