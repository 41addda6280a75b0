/** PostgreSQL: agencies, users, sessions and failed logins. */
import type { Pool } from 'pg';
import * as v from 'valibot';
import { AGENCY_COLUMNS, AGENCY_JOIN_COLUMNS, parseRow, timeColumn, toAgency, toJoinedAgency, toUser, USER_COLUMNS } from '../rows.ts';
import { StorageError, type AccountsSection } from '../types.ts';
import { FOREIGN_KEY_VIOLATION, pgCode, query, UNIQUE_VIOLATION } from './tx.ts';

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
      const { rows } = await query(pool, `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = $1`, [username]);
      const row: unknown = rows[0];
      if (row === undefined) return undefined;
      return { user: toUser(row), passwordHash: parseRow(v.object({ password_hash: v.string() }), 'users', row).password_hash };
    },
    createSession: async (s) => {
      await query(pool, 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        s.tokenHash,
        s.userId,
        s.createdAt,
        s.expiresAt,
      ]);
    },
    getSession: async (tokenHash, at) => {
      const { rows } = await query(pool,
        `SELECT ${USER_COLUMNS}, s.expires_at, ${AGENCY_JOIN_COLUMNS}
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
         WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, at],
      );
      const row: unknown = rows[0];
      if (row === undefined) return undefined;
      const { expires_at: expiresAt } = parseRow(v.object({ expires_at: timeColumn }), 'sessions', row);
      return { user: toUser(row), agency: toJoinedAgency(row), expiresAt };
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
