/** What an account change does besides itself, the same for both databases: its audit row, ending sessions. */
import type { Account, AccountAction, AccountChange, Role } from './types.ts';

interface AuditWhat {
  action: AccountAction;
  role?: Role;
  roleBefore?: Role;
}

/** What the audit says of a change from `before` to `after` (`'create'` for a new account). */
function auditOf(before: Account, after: Account, change: AccountChange | 'create'): AuditWhat {
  if (change === 'create') return { action: 'create', role: after.role };
  switch (change.kind) {
    case 'role':
      return { action: 'change_role', role: after.role, roleBefore: before.role };
    case 'disabled':
      return { action: change.disabled ? 'disable' : 'enable' };
    case 'reset':
      return { action: 'reset_password' };
    case 'password':
      return { action: 'set_password' };
  }
}

/** The columns of an audit row as written; `auditRow` gives the values in this order. */
export const AUDIT_INSERT_COLUMNS = 'at, actor, action, user_id, username, agency_id, role, role_before';

export type AuditRow = [at: string, actor: string, action: AccountAction, userId: number, username: string, agencyId: string, role: Role | null, roleBefore: Role | null];

/** The audit row of a change from `before` to `after` made by `actor` at `at`. */
export function auditRow(at: string, actor: string, before: Account, after: Account, change: AccountChange | 'create'): AuditRow {
  const entry = auditOf(before, after, change);
  return [at, actor, entry.action, after.id, after.username, after.agencyId, entry.role ?? null, entry.roleBefore ?? null];
}

/** Disabling an account and resetting its password end its sessions at once; nothing else does. */
export function endsSessions(change: AccountChange): boolean {
  return (change.kind === 'disabled' && change.disabled) || change.kind === 'reset';
}
