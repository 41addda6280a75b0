import type { Migration } from '../types.ts';

/**
 * Accounts managed in the app (issue 13): an admin disables an account (`disabled_at`; its
 * sessions end and it cannot sign in), resets a password to a one-time code that must be replaced
 * at the next sign-in (`must_change_password`), and sees when each account last signed in
 * (`last_sign_in_at`, set when a session is made). Every such change is a row of `account_audit`
 * (who, when, what), never changed or removed once written. `agency_id` is the account's agency
 * then, so an admin reads the history of their own subtree only.
 */
export const migration: Migration = {
  version: 8,
  name: 'account-admin',
  sql: `
    ALTER TABLE users ADD COLUMN disabled_at TEXT;
    ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
    ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;

    CREATE TABLE account_audit (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      at          TEXT    NOT NULL,
      actor       TEXT    NOT NULL,
      action      TEXT    NOT NULL CHECK (action IN ('create', 'reset_password', 'disable', 'enable', 'change_role', 'set_password')),
      user_id     INTEGER NOT NULL REFERENCES users (id),
      username    TEXT    NOT NULL,
      agency_id   TEXT    NOT NULL,
      role        TEXT CHECK (role IN ('editor', 'publisher', 'admin')),
      role_before TEXT CHECK (role_before IN ('editor', 'publisher', 'admin'))
    ) STRICT;
    CREATE INDEX account_audit_agency ON account_audit (agency_id, id);
    CREATE TRIGGER account_audit_immutable BEFORE UPDATE ON account_audit
    BEGIN
      SELECT RAISE(ABORT, 'the account audit is never changed');
    END;
    CREATE TRIGGER account_audit_kept BEFORE DELETE ON account_audit
    BEGIN
      SELECT RAISE(ABORT, 'the account audit is never changed');
    END;
  `,
};
