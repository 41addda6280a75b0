/** Settings of sessions, cookies, passwords and login throttling, with their defaults. */
import { DEFAULT_SCRYPT, type ScryptParams } from './password.ts';

export interface AuthOptions {
  /**
   * Sliding session lifetime. 30 days: officials draft in villages without a signal for days, and
   * an edit made offline must still sync when they come back without a new login in between (the
   * outbox would wait, but the official may not have the password at hand in the field). Every
   * authenticated request moves the expiry forward (at most once a day, so reads stay reads).
   */
  sessionMs: number;
  /** `Secure` on the cookie: 'auto' when the request came over https (see trustProxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Believe X-Forwarded-For / X-Forwarded-Proto (only behind a proxy that sets them). */
  trustProxy: boolean;
  /** The cost of password hashes; a weaker stored hash is replaced at sign-in (password.ts). */
  scrypt: ScryptParams;
  throttle: {
    windowMs: number;
    /** Failed logins of one username in the window before 429. */
    perUsername: number;
    /**
     * Failed logins from one address in the window before 429. Higher than per username: a
     * county office's staff share one NAT address, and five typos among them must not lock
     * everyone out; a password-guessing run from one address is still stopped within the window.
     */
    perIp: number;
  };
}

export const DEFAULT_AUTH: AuthOptions = {
  sessionMs: 30 * 24 * 3600_000,
  cookieSecure: 'auto',
  trustProxy: false,
  scrypt: DEFAULT_SCRYPT,
  throttle: { windowMs: 15 * 60_000, perUsername: 5, perIp: 20 },
};

/** How often the sliding expiry is written back at most. */
export const EXTEND_EVERY_MS = 24 * 3600_000;

/** The session cookie. */
export const SESSION_COOKIE = 'lotho_session';
