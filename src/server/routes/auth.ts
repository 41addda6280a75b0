/**
 * `/api/auth`: login (throttled; a session as an HttpOnly cookie and as a bearer token), logout,
 * who am I, and choosing a new password (required after a one-time code).
 */
import { Hono } from 'hono';
import type { LoginResponse, MeResponse } from '../../contract/auth.ts';
import { LoginRequestSchema } from '../../contract/auth.ts';
import { PasswordChangeRequestSchema } from '../../contract/accounts.ts';
import { canonicalCode } from '../auth/one-time-code.ts';
import type { AuthOptions } from '../auth/options.ts';
import { hashPassword, needsRehash, passwordProblem, verifyNobody, verifyPassword } from '../auth/password.ts';
import { clearSessionCookie, clientIp, newToken, requireSession, setSessionCookie, tokenHash, type AuthEnv } from '../auth/session.ts';
import { checkThrottle } from '../auth/throttle.ts';
import { ApiError } from '../errors.ts';
import { errorFields, type Logger } from '../logger.ts';
import { readJson } from '../request.ts';
import type { ServerStorage } from '../storage/types.ts';
import { userWire } from './wire.ts';

/**
 * A hash made with less work than today's is replaced now that the password is at hand. A failure
 * is logged and does not fail the sign-in: the old hash still works.
 */
async function upgradeHash(storage: ServerStorage, options: AuthOptions, logger: Logger, userId: number, stored: string, password: string): Promise<void> {
  if (!needsRehash(stored, options.scrypt)) return;
  try {
    await storage.setPasswordHash(userId, await hashPassword(password, options.scrypt));
    logger.info('password hash upgraded', { userId, N: options.scrypt.N });
  } catch (error) {
    logger.error('password hash not upgraded', { userId, ...errorFields(error) });
  }
}

export function authRoutes(storage: ServerStorage, options: AuthOptions, now: () => Date, logger: Logger): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  const session = requireSession(storage, options, now, 'allow');

  /** Whether `typed` opens the account: its password, or its one-time code typed in any case and grouping. */
  const matches = (typed: string, credentials: { passwordHash: string; mustChangePassword: boolean }) =>
    verifyPassword(credentials.mustChangePassword ? canonicalCode(typed) : typed, credentials.passwordHash);

  routes.post('/login', async (c) => {
    const body = await readJson(c, LoginRequestSchema);
    const username = body.username.trim().normalize('NFC').toLowerCase();
    const ip = clientIp(c, options);
    const at = now();
    await checkThrottle(storage, options, username, ip, at);
    const credentials = await storage.getCredentials(username);
    const ok = credentials === undefined ? await verifyNobody(body.password, options.scrypt) : await matches(body.password, credentials);
    if (!ok || credentials === undefined) {
      await storage.recordLoginFailure({ username, ip, at: at.toISOString() });
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    // Said only to whoever knows the password: it tells them to see their admin, not to retry.
    if (credentials.disabled) throw new ApiError(403, 'account_disabled', 'This account is disabled: ask your admin');
    const agency = await storage.getAgency(credentials.user.agencyId);
    if (agency === undefined) throw new Error(`user ${username} has no agency`);
    await storage.clearLoginFailures(username);
    if (!credentials.mustChangePassword) await upgradeHash(storage, options, logger, credentials.user.id, credentials.passwordHash, body.password);
    await storage.pruneAuth(at.toISOString(), new Date(at.getTime() - options.throttle.windowMs).toISOString());
    const token = newToken();
    const expiresAt = new Date(at.getTime() + options.sessionMs).toISOString();
    await storage.createSession({ tokenHash: tokenHash(token), userId: credentials.user.id, createdAt: at.toISOString(), expiresAt });
    setSessionCookie(c, options, token, expiresAt);
    c.header('Cache-Control', 'no-store');
    const body200: LoginResponse = {
      user: userWire(credentials.user, agency),
      token,
      expiresAt,
      ...(credentials.mustChangePassword ? { mustChangePassword: true as const } : {}),
    };
    return c.json(body200);
  });

  routes.post('/logout', session, async (c) => {
    await storage.deleteSession(c.var.session.tokenHash);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  routes.get('/me', session, (c) => {
    const { user, agency, expiresAt, mustChangePassword } = c.var.session;
    const me: MeResponse = { user: userWire(user, agency), expiresAt, ...(mustChangePassword ? { mustChangePassword: true as const } : {}) };
    c.header('Cache-Control', 'no-store');
    return c.json(me);
  });

  routes.post('/password', session, async (c) => {
    const body = await readJson(c, PasswordChangeRequestSchema);
    const { user } = c.var.session;
    const at = now();
    const ip = clientIp(c, options);
    await checkThrottle(storage, options, user.username, ip, at);
    const credentials = await storage.getCredentials(user.username);
    if (credentials === undefined || !(await matches(body.current, credentials))) {
      await storage.recordLoginFailure({ username: user.username, ip, at: at.toISOString() });
      throw new ApiError(400, 'wrong_current', 'The current password (or one-time code) is wrong');
    }
    const problem = passwordProblem(body.next, user.username);
    if (problem !== undefined) throw new ApiError(400, 'bad_password', problem);
    if (credentials.mustChangePassword && canonicalCode(body.next) === canonicalCode(body.current)) {
      throw new ApiError(400, 'bad_password', 'the new password must not be the one-time code');
    }
    await storage.changeAccount(user.id, { kind: 'password', passwordHash: await hashPassword(body.next, options.scrypt) }, user.username);
    await storage.clearLoginFailures(user.username);
    return c.body(null, 204);
  });

  return routes;
}
