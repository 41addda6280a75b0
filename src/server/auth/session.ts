/**
 * Sessions: an opaque random token, sent as the HttpOnly SameSite=Strict cookie `lotho_session`
 * or as `Authorization: Bearer`; the database keeps its SHA-256 only. The middleware turns it into
 * the user and agency of the request, or answers 401.
 */
import { hash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { headerSetBeforeRoute } from '../answer-headers.ts';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';
import type { Agency, Role, ServerStorage, User } from '../storage/types.ts';
import { EXTEND_EVERY_MS, SESSION_COOKIE, type AuthOptions } from './options.ts';

/** The authenticated request's user. */
export interface Session {
  user: User;
  agency: Agency;
  tokenHash: string;
  expiresAt: string;
  mustChangePassword: boolean;
}

/** Hono environment of authenticated routes. */
export interface AuthEnv {
  Variables: { session: Session };
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/u;

/** A new session token: 256 random bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token's SHA-256, base64url: what the database keeps. One call, no Hash object (once per request). */
export function tokenHash(token: string): string {
  return hash('sha256', token, 'base64url');
}

/** More tokens than a county has live sessions: past it the memory of digests starts again empty. */
const REMEMBERED_DIGESTS = 10_000;
const digests = new Map<string, string>();

/**
 * The token's digest, remembered: a device sends the same token with every push, and its SHA-256
 * was about 1% of a push's CPU. Only the digest is remembered (a pure function of the token), never
 * whether its session is valid: that is looked up by digest on every request as before
 * (session-cache.ts), so a sign-out, a new password, an account disabled or a session expired takes
 * effect exactly as it did. The database still keeps only digests.
 */
function rememberedDigest(token: string): string {
  let digest = digests.get(token);
  if (digest === undefined) {
    if (digests.size >= REMEMBERED_DIGESTS) digests.clear();
    digest = tokenHash(token);
    digests.set(token, digest);
  }
  return digest;
}

/** True when the request came over https (directly, or per a trusted proxy). */
function overHttps(c: Context, options: AuthOptions): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return options.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: Context, options: AuthOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded !== undefined && forwarded !== '') return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket: app.request() in tests.
    return 'unknown';
  }
}

export function setSessionCookie(c: Context, options: AuthOptions, token: string, expiresAt: string): void {
  const secure = options.cookieSecure === 'always' || (options.cookieSecure === 'auto' && overHttps(c, options));
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', expires: new Date(expiresAt) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

function unauthenticated(message: string): ApiError {
  return new ApiError(401, 'unauthenticated', message, { headers: { 'WWW-Authenticate': 'Bearer realm="lotho"' } });
}

/** The token of a request, and whether it came as the cookie. A malformed one is a 401. */
function requestToken(c: Context): { token: string; viaCookie: boolean } {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/iu.exec(header);
    if (match?.[1] === undefined || !TOKEN.test(match[1])) throw unauthenticated('Authorization must be "Bearer <token>"');
    return { token: match[1], viaCookie: false };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie === undefined) throw unauthenticated('Log in first (POST /api/auth/login)');
  if (!TOKEN.test(cookie)) throw unauthenticated('The session cookie is not a session');
  return { token: cookie, viaCookie: true };
}

/**
 * Middleware: the session of the request, or 401. Moves a sliding expiry forward. A session made
 * with a one-time code gets 403 `password_change_required` unless `pendingPassword` lets it in
 * (who am I, sign-out, choosing the password).
 */
export function requireSession(storage: ServerStorage, options: AuthOptions, now: () => Date, pendingPassword: 'refuse' | 'allow' = 'refuse') {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const { token, viaCookie } = requestToken(c);
    const digest = rememberedDigest(token);
    const at = now();
    const record = await storage.getSession(digest, at.toISOString());
    if (record === undefined) throw unauthenticated('The session has expired or was ended: log in again');
    if (record.mustChangePassword && pendingPassword === 'refuse') {
      throw new ApiError(403, 'password_change_required', 'Choose a new password first (POST /api/auth/password)');
    }
    let { expiresAt } = record;
    const target = at.getTime() + options.sessionMs;
    if (Date.parse(expiresAt) < target - EXTEND_EVERY_MS) {
      expiresAt = new Date(target).toISOString();
      await storage.extendSession(digest, expiresAt);
      if (viaCookie) {
        setSessionCookie(c, options, token, expiresAt);
        headerSetBeforeRoute(c);
      }
    }
    c.set('session', { user: record.user, agency: record.agency, tokenHash: digest, expiresAt, mustChangePassword: record.mustChangePassword });
    await next();
  });
}

const RANK: Record<Role, number> = { editor: 0, publisher: 1, admin: 2 };

/** Throws 403 unless the session's role is at least `role`. */
export function requireRole(session: Session, role: Role): void {
  if (RANK[session.user.role] < RANK[role]) throw new ApiError(403, 'forbidden', `This needs the ${role} role`);
}
