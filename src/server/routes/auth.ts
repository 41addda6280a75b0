/**
 * `/api/auth`: login (throttled; a session as an HttpOnly cookie and as a bearer token), logout,
 * and who am I.
 */
import { Hono } from 'hono';
import type { LoginResponse, MeResponse } from '../api.ts';
import { LoginRequestSchema } from '../api.ts';
import type { AuthOptions } from '../auth/options.ts';
import { verifyNobody, verifyPassword } from '../auth/password.ts';
import { clearSessionCookie, clientIp, newToken, requireSession, setSessionCookie, tokenHash, type AuthEnv } from '../auth/session.ts';
import { checkThrottle } from '../auth/throttle.ts';
import { ApiError } from '../errors.ts';
import { readJson } from '../request.ts';
import type { ServerStorage } from '../storage/types.ts';
import { userWire } from './wire.ts';

export function authRoutes(storage: ServerStorage, options: AuthOptions, now: () => Date): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  const session = requireSession(storage, options, now);

  routes.post('/login', async (c) => {
    const body = await readJson(c, LoginRequestSchema);
    const username = body.username.trim().normalize('NFC').toLowerCase();
    const ip = clientIp(c, options);
    const at = now();
    await checkThrottle(storage, options, username, ip, at);
    const credentials = await storage.getCredentials(username);
    const ok = credentials === undefined ? await verifyNobody(body.password) : await verifyPassword(body.password, credentials.passwordHash);
    if (!ok || credentials === undefined) {
      await storage.recordLoginFailure({ username, ip, at: at.toISOString() });
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    const agency = await storage.getAgency(credentials.user.agencyId);
    if (agency === undefined) throw new Error(`user ${username} has no agency`);
    await storage.clearLoginFailures(username);
    await storage.pruneAuth(at.toISOString(), new Date(at.getTime() - options.throttle.windowMs).toISOString());
    const token = newToken();
    const expiresAt = new Date(at.getTime() + options.sessionMs).toISOString();
    await storage.createSession({ tokenHash: tokenHash(token), userId: credentials.user.id, createdAt: at.toISOString(), expiresAt });
    setSessionCookie(c, options, token, expiresAt);
    c.header('Cache-Control', 'no-store');
    const body200: LoginResponse = { user: userWire(credentials.user, agency), token, expiresAt };
    return c.json(body200);
  });

  routes.post('/logout', session, async (c) => {
    await storage.deleteSession(c.var.session.tokenHash);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  routes.get('/me', session, (c) => {
    const { user, agency, expiresAt } = c.var.session;
    const me: MeResponse = { user: userWire(user, agency), expiresAt };
    c.header('Cache-Control', 'no-store');
    return c.json(me);
  });

  return routes;
}
