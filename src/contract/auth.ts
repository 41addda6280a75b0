/** Sign-in (`/api/auth…`) and the names accounts go by. */
import * as v from 'valibot';
import { ADMIN_LEVELS } from '../report/model.ts';
import { AgencyIdSchema, IntSchema, TimestampSchema } from './common.ts';

export { AgencyIdSchema };

export const ROLE_NAMES = ['editor', 'publisher', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Shortest password accepted (the server checks it, the new-password fields say it): a passphrase is easier to type on a phone than symbols. */
export const MIN_PASSWORD = 10;

/** A username: lower-case letters, digits, `.`, `_` and `-`, 2–64. */
export const UsernameSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/u, 'a username is 2–64 of a-z, 0-9, ".", "_" and "-"'),
);

/** `POST /api/auth/login`. The username is compared in lower case. */
export const LoginRequestSchema = v.strictObject({
  username: v.pipe(v.string(), v.minLength(1, 'username is empty'), v.maxLength(64, 'username is too long')),
  password: v.pipe(v.string(), v.minLength(1, 'password is empty'), v.maxLength(1024, 'password is too long')),
});
export type LoginRequest = v.InferOutput<typeof LoginRequestSchema>;

export const ApiUserSchema = v.strictObject({
  id: IntSchema,
  username: v.string(),
  role: v.picklist(ROLE_NAMES),
  agency: v.strictObject({
    id: v.string(),
    zh: v.string(),
    bo: v.optional(v.string()),
    level: v.picklist(ADMIN_LEVELS),
    parentId: v.optional(v.string()),
  }),
});
export type ApiUser = v.InferOutput<typeof ApiUserSchema>;

/**
 * Present (true) when the account signed in with a one-time code: until it chooses a password
 * (`POST /api/auth/password`), every other route answers 403 `password_change_required`.
 */
const MustChangePassword = v.optional(v.literal(true));

/** `POST /api/auth/login` → 200. The token is also set as the `lotho_session` cookie. */
export const LoginResponseSchema = v.strictObject({ user: ApiUserSchema, token: v.string(), expiresAt: TimestampSchema, mustChangePassword: MustChangePassword });
export type LoginResponse = v.InferOutput<typeof LoginResponseSchema>;

/** `GET /api/auth/me`. */
export const MeResponseSchema = v.strictObject({ user: ApiUserSchema, expiresAt: TimestampSchema, mustChangePassword: MustChangePassword });
export type MeResponse = v.InferOutput<typeof MeResponseSchema>;
