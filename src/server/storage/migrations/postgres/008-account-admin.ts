import type { Migration } from '../types.ts';

/** Disabled accounts, one-time passwords, last sign-in and the account audit, as sqlite/008-account-admin.ts. */
export const migration: Migration = {
  version: 8,
  name: 'account-admin',
  sql: `
    ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;
    ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
    ALTER TABLE users ADD COLUMN last_sign_in_at TIMESTAMPTZ;

    CREATE TABLE account_audit (
      id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at          TIMESTAMPTZ NOT NULL,
      actor       TEXT        NOT NULL,
      action      TEXT        NOT NULL CHECK (action IN ('create', 'reset_password', 'disable', 'enable', 'change_role', 'set_password')),
      user_id     INTEGER     NOT NULL REFERENCES users (id),
      username    TEXT        NOT NULL,
      agency_id   TEXT        NOT NULL,
      role        TEXT CHECK (role IN ('editor', 'publisher', 'admin')),
      role_before TEXT CHECK (role_before IN ('editor', 'publisher', 'admin'))
    );
    CREATE INDEX account_audit_agency ON account_audit (agency_id, id);
    CREATE TRIGGER account_audit_immutable BEFORE UPDATE OR DELETE ON account_audit
      FOR EACH ROW EXECUTE FUNCTION lotho_refuse_change();
  `,
};
