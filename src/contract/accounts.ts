/**
 * Accounts as an admin manages them in the app (issue 13): `/api/accounts` (the accounts of the
 * admin's subtree, their audit history, add, reset, disable/enable, change role) and a user's own
 * new password (`POST /api/auth/password`). Documented in src/server/API.md.
 */
import * as v from 'valibot';
import { ADMIN_LEVELS } from '../report/model.ts';
import { AgencyIdSchema, IntSchema, TimestampSchema } from './common.ts';
import { OversightAgencySchema } from './oversight.ts';
import { ROLE_NAMES, UsernameSchema } from './auth.ts';

/** Error codes of the account routes and of `POST /api/auth/password`. */
export const ACCOUNT_ERROR_CODES = [
  'password_change_required',
  'account_disabled',
  'own_account',
  'exists',
  'wrong_current',
  'bad_password',
] as const;

export const ACCOUNT_ACTION_NAMES = ['create', 'reset_password', 'disable', 'enable', 'change_role', 'set_password'] as const;

export const AccountWireSchema = v.strictObject({
  id: IntSchema,
  username: v.string(),
  role: v.picklist(ROLE_NAMES),
  agency: v.strictObject({ id: AgencyIdSchema, zh: v.string(), bo: v.optional(v.string()), level: v.picklist(ADMIN_LEVELS) }),
  createdAt: TimestampSchema,
  /** null: never signed in. */
  lastSignInAt: v.nullable(TimestampSchema),
  disabled: v.boolean(),
  /** A one-time code was given: the account chooses a password at its next sign-in. */
  mustChangePassword: v.boolean(),
});
export type AccountWire = v.InferOutput<typeof AccountWireSchema>;

export const AccountAuditWireSchema = v.strictObject({
  id: IntSchema,
  at: TimestampSchema,
  /** Who made the change: a username, or `cli:<name>` for the command line. */
  actor: v.string(),
  action: v.picklist(ACCOUNT_ACTION_NAMES),
  username: v.string(),
  agencyId: AgencyIdSchema,
  role: v.optional(v.picklist(ROLE_NAMES)),
  roleBefore: v.optional(v.picklist(ROLE_NAMES)),
});
export type AccountAuditWire = v.InferOutput<typeof AccountAuditWireSchema>;

/** `GET /api/accounts`: the agencies of the admin's subtree, their accounts, the newest 200 changes. */
export const AccountsResponseSchema = v.strictObject({
  agencies: v.array(OversightAgencySchema),
  accounts: v.array(AccountWireSchema),
  audit: v.array(AccountAuditWireSchema),
});
export type AccountsResponse = v.InferOutput<typeof AccountsResponseSchema>;

/** `POST /api/accounts`. */
export const NewAccountRequestSchema = v.strictObject({
  username: UsernameSchema,
  agencyId: AgencyIdSchema,
  role: v.picklist(ROLE_NAMES),
});
export type NewAccountRequest = v.InferOutput<typeof NewAccountRequestSchema>;

/** `PATCH /api/accounts/:id`: one change at a time. */
export const AccountChangeRequestSchema = v.union([
  v.strictObject({ role: v.picklist(ROLE_NAMES) }),
  v.strictObject({ disabled: v.boolean() }),
]);
export type AccountChangeRequest = v.InferOutput<typeof AccountChangeRequestSchema>;

/** `POST /api/accounts` (201) and `POST /api/accounts/:id/reset`: the account and its one-time code, shown once. */
export const OneTimeCodeResponseSchema = v.strictObject({ account: AccountWireSchema, code: v.string() });
export type OneTimeCodeResponse = v.InferOutput<typeof OneTimeCodeResponseSchema>;

/** `PATCH /api/accounts/:id`. */
export const AccountResponseSchema = v.strictObject({ account: AccountWireSchema });
export type AccountResponse = v.InferOutput<typeof AccountResponseSchema>;

/** `POST /api/auth/password`: the current password (or one-time code) and the new one. */
export const PasswordChangeRequestSchema = v.strictObject({
  current: v.pipe(v.string(), v.minLength(1, 'current is empty'), v.maxLength(1024, 'current is too long')),
  next: v.pipe(v.string(), v.maxLength(1024, 'next is too long')),
});
export type PasswordChangeRequest = v.InferOutput<typeof PasswordChangeRequestSchema>;
