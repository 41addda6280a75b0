/** PostgreSQL: agencies, users, sessions, failed logins, and accounts as an admin manages them. */
import type { Pool, PoolClient } from 'pg';
import * as v from 'valibot';
import { ACCOUNT_COLUMNS, AGENCY_COLUMNS, AUDIT_COLUMNS, parseRow, SESSION_COLUMNS, SESSION_FROM, timeColumn, toAccount, toAgency, toAuditEntry, toCredentials, toSession, toUser, USER_COLUMNS } from '../rows.ts';
import { AUDIT_INSERT_COLUMNS, auditRow, endsSessions } from '../account-audit.ts';
import { subtreeCte } from '../subtree.ts';
import { StorageError, type Account, type AccountChange, type AccountsSection } from '../types.ts';
import { FOREIGN_KEY_VIOLATION, inTransaction, pgCode, query, UNIQUE_VIOLATION } from './tx.ts';

const SUBTREE = subtreeCte('$1');

async function accountOf(on: Pool | PoolClient, userId: number, lock = false): Promise<Account | undefined> {
  const { rows } = await query(on, `SELECT ${ACCOUNT_COLUMNS} FROM users u WHERE u.id = $1${lock ? ' FOR UPDATE' : ''}`, [userId]);
  return rows[0] === undefined ? undefined : toAccount(rows[0]);
}

async function writeAudit(client: PoolClient, at: string, actor: string, before: Account, after: Account, change: AccountChange | 'create'): Promise<void> {
  await query(client,
    `INSERT INTO account_audit (${AUDIT_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    auditRow(at, actor, before, after, change),
  );
}

function constraint(error: unknown, what: string): never {
  const code = pgCode(error);
  if (code === UNIQUE_VIOLATION) throw new StorageError('exists', what);
  if (code === FOREIGN_KEY_VIOLATION) throw new StorageError('unknown_agency', what);
  throw error;
}

const TimeRow = v.object({ at: timeColumn });

export function postgresAccounts(pool: Pool, now: () => Date): AccountsSection {
  // Newest 100, returned oldest first.
  const times = (rows: unknown[]): string[] => rows.map((row) => parseRow(TimeRow, 'login_failures', row).at).reverse();
  return {
    createAgency: async (a) => {
      try {
        const { rows } = await query(pool,
          `INSERT INTO agencies (id, name_zh, name_bo, level, parent_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING ${AGENCY_COLUMNS}`,
          [a.id, a.nameZh, a.nameBo ?? null, a.level, a.parentId ?? null, now().toISOString()],
        );
        return toAgency(rows[0]);
      } catch (error) {
        return constraint(error, `agency ${a.id}`);
      }
    },
    getAgency: async (id) => {
      const { rows } = await query(pool, `SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = $1`, [id]);
      return rows[0] === undefined ? undefined : toAgency(rows[0]);
    },
    listAgencies: async () => (await query(pool, `SELECT ${AGENCY_COLUMNS} FROM agencies ORDER BY id`)).rows.map(toAgency),
    createUser: async (u) => {
      try {
        const { rows } = await query(pool,
          `INSERT INTO users AS u (username, agency_id, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
           RETURNING ${USER_COLUMNS}`,
          [u.username, u.agencyId, u.role, u.passwordHash, now().toISOString()],
        );
        return toUser(rows[0]);
      } catch (error) {
        return constraint(error, `user ${u.username}`);
      }
    },
    listUsers: async () => (await query(pool, `SELECT ${USER_COLUMNS} FROM users u ORDER BY u.agency_id, u.username`)).rows.map(toUser),
    hasAdmin: async () => {
      const { rows } = await query(pool, "SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin') AS yes");
      return parseRow(v.object({ yes: v.boolean() }), 'users', rows[0]).yes;
    },
    getCredentials: async (username) => {
      const { rows } = await query(pool, `SELECT ${ACCOUNT_COLUMNS}, u.password_hash FROM users u WHERE u.username = $1`, [username]);
      const row: unknown = rows[0];
      return row === undefined ? undefined : toCredentials(row);
    },
    subtreeAccounts: async (rootId) =>
      (await query(pool, `${SUBTREE} SELECT ${ACCOUNT_COLUMNS} FROM users u JOIN sub ON sub.id = u.agency_id ORDER BY u.agency_id, u.username`, [rootId]))
        .rows.map(toAccount),
    getAccount: (userId) => accountOf(pool, userId),
    addAccount: (u, actor) =>
      inTransaction(pool, async (client) => {
        const at = now().toISOString();
        let created: Account;
        try {
          const { rows } = await query(client,
            `INSERT INTO users AS u (username, agency_id, role, password_hash, created_at, must_change_password) VALUES ($1, $2, $3, $4, $5, TRUE)
             RETURNING ${ACCOUNT_COLUMNS}`,
            [u.username, u.agencyId, u.role, u.passwordHash, at],
          );
          created = toAccount(rows[0]);
        } catch (error) {
          return constraint(error, `user ${u.username}`);
        }
        await writeAudit(client, at, actor, created, created, 'create');
        return created;
      }),
    changeAccount: (userId, change, actor) =>
      inTransaction(pool, async (client) => {
        const at = now().toISOString();
        const before = await accountOf(client, userId, true);
        if (before === undefined) throw new StorageError('unknown_user', `user ${String(userId)}`);
        if (change.kind === 'role') await query(client, 'UPDATE users SET role = $1 WHERE id = $2', [change.role, userId]);
        if (change.kind === 'disabled') await query(client, 'UPDATE users SET disabled_at = $1 WHERE id = $2', [change.disabled ? at : null, userId]);
        if (change.kind === 'reset') await query(client, 'UPDATE users SET password_hash = $1, must_change_password = TRUE WHERE id = $2', [change.passwordHash, userId]);
        if (change.kind === 'password') await query(client, 'UPDATE users SET password_hash = $1, must_change_password = FALSE WHERE id = $2', [change.passwordHash, userId]);
        if (endsSessions(change)) await query(client, 'DELETE FROM sessions WHERE user_id = $1', [userId]);
        const after = await accountOf(client, userId);
        if (after === undefined) throw new StorageError('unknown_user', `user ${String(userId)}`);
        await writeAudit(client, at, actor, before, after, change);
        return after;
      }),
    subtreeAccountAudit: async (rootId, limit) =>
      (await query(pool, `${SUBTREE} SELECT ${AUDIT_COLUMNS} FROM account_audit WHERE agency_id IN (SELECT id FROM sub) ORDER BY id DESC LIMIT $2`, [rootId, limit]))
        .rows.map(toAuditEntry),
    setPasswordHash: async (userId, hash) => {
      await query(pool, 'UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
    },
    createSession: (s) =>
      inTransaction(pool, async (client) => {
        await query(client, 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
          s.tokenHash,
          s.userId,
          s.createdAt,
          s.expiresAt,
        ]);
        await query(client, 'UPDATE users SET last_sign_in_at = $1 WHERE id = $2', [s.createdAt, s.userId]);
      }),
    getSession: async (tokenHash, at) => {
      const { rows } = await query(pool,
        `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
        [tokenHash, at],
      );
      const row: unknown = rows[0];
      return row === undefined ? undefined : toSession(row);
    },
    extendSession: async (tokenHash, expiresAt) => {
      await query(pool, 'UPDATE sessions SET expires_at = $1 WHERE token_hash = $2', [expiresAt, tokenHash]);
    },
    deleteSession: async (tokenHash) => {
      await query(pool, 'DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    recordLoginFailure: async (f) => {
      await query(pool, 'INSERT INTO login_failures (username, ip, at) VALUES ($1, $2, $3)', [f.username, f.ip, f.at]);
    },
    loginFailures: async (q) => {
      const byUsername = await query(pool, 'SELECT at FROM login_failures WHERE username = $1 AND at > $2 ORDER BY at DESC LIMIT 100', [q.username, q.since]);
      const byIp = await query(pool, 'SELECT at FROM login_failures WHERE ip = $1 AND at > $2 ORDER BY at DESC LIMIT 100', [q.ip, q.since]);
      return { byUsername: times(byUsername.rows), byIp: times(byIp.rows) };
    },
    clearLoginFailures: async (username) => {
      await query(pool, 'DELETE FROM login_failures WHERE username = $1', [username]);
    },
    pruneAuth: async (at, failuresBefore) => {
      await query(pool, 'DELETE FROM sessions WHERE expires_at <= $1', [at]);
      await query(pool, 'DELETE FROM login_failures WHERE at <= $1', [failuresBefore]);
    },
  };
}
