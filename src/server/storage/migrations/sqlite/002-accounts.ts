import type { Migration } from '../types.ts';

/**
 * Agencies, their users, sessions and failed logins. Sessions keep a hash of the token only.
 * Failed logins live in the database so that throttling holds across server processes.
 */
export const migration: Migration = {
  version: 2,
  name: 'accounts',
  sql: `
    CREATE TABLE agencies (
      id         TEXT PRIMARY KEY,
      name_zh    TEXT NOT NULL,
      name_bo    TEXT,
      level      TEXT NOT NULL CHECK (level IN ('township', 'county', 'city', 'region', 'department')),
      parent_id  TEXT REFERENCES agencies (id),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      username      TEXT NOT NULL UNIQUE,
      agency_id     TEXT NOT NULL REFERENCES agencies (id),
      role          TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
      password_hash TEXT NOT NULL,
      created_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX users_agency ON users (agency_id);

    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sessions_expiry ON sessions (expires_at);

    CREATE TABLE login_failures (
      id       INTEGER PRIMARY KEY,
      username TEXT NOT NULL,
      ip       TEXT NOT NULL,
      at       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX login_failures_username ON login_failures (username, at);
    CREATE INDEX login_failures_ip ON login_failures (ip, at);
  `,
};
