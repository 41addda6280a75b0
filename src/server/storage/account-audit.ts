/** The audit entry an account change makes, the same for both databases. */
import type { Account, AccountAction, AccountChange, Role } from './types.ts';

export interface AuditWhat {
  action: AccountAction;
  role?: Role;
  roleBefore?: Role;
}

/** What the audit says of a change from `before` to `after` (`'create'` for a new account). */
export function auditOf(before: Account, after: Account, change: AccountChange | 'create'): AuditWhat {
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
