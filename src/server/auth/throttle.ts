/**
 * Login throttling: too many failed logins for a username, or from an address, within the window
 * → 429 with Retry-After, without checking the password. Failures are stored in the database, so
 * the limit holds across server processes behind a load balancer.
 */
import { ApiError } from '../errors.ts';
import type { ServerStorage } from '../storage/types.ts';
import type { AuthOptions } from './options.ts';

/** Seconds until the k-th oldest failure leaves the window, k chosen so the count drops below `limit`. */
function waitSeconds(times: readonly string[], limit: number, windowMs: number, now: number): number | undefined {
  if (times.length < limit) return undefined;
  const freeing = times[times.length - limit];
  const until = (freeing === undefined ? now : Date.parse(freeing)) + windowMs;
  return Math.max(1, Math.ceil((until - now) / 1000));
}

/** Throws 429 when the username or the address is over its limit. */
export async function checkThrottle(storage: ServerStorage, options: AuthOptions, username: string, ip: string, now: Date): Promise<void> {
  const { windowMs, perUsername, perIp } = options.throttle;
  const since = new Date(now.getTime() - windowMs).toISOString();
  const failures = await storage.loginFailures({ username, ip, since });
  const waits = [
    waitSeconds(failures.byUsername, perUsername, windowMs, now.getTime()),
    waitSeconds(failures.byIp, perIp, windowMs, now.getTime()),
  ].filter((x): x is number => x !== undefined);
  if (waits.length === 0) return;
  const seconds = Math.max(...waits);
  throw new ApiError(429, 'too_many_attempts', `Too many failed logins: try again in ${seconds} s`, {
    headers: { 'Retry-After': String(seconds) },
  });
}
