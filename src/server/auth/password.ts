/**
 * Password hashing with scrypt (node:crypto): a random salt per password, the parameters stored
 * with the hash so they can be raised later without breaking old hashes, and a timing-safe
 * comparison. Format: `scrypt$N$r$p$<salt b64url>$<hash b64url>`.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { MIN_PASSWORD } from '../../contract/auth.ts';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^17, r=8, p=1: today's recommendation (OWASP's password storage cheat sheet), 128 MiB and
 * about a quarter of a second per hash on a small server. Node runs scrypt on its thread pool
 * (4 threads unless UV_THREADPOOL_SIZE says otherwise), so logins at once need at most 512 MiB.
 * Stored with each hash: a hash made with less is replaced at the user's next sign-in
 * (`needsRehash`), when the password is at hand.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** The stored form of a password. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parseHash(stored: string): { params: ScryptParams; salt: string; hash: string } | undefined {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((x) => Number.isInteger(x) && x > 0)) return undefined;
  return { params, salt, hash };
}

/** True when the stored hash was made with less work than `target` asks for. */
export function needsRehash(stored: string, target: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  const { N, r, p } = parsed.params;
  return N < target.N || r < target.r || p < target.p;
}

/** True when `password` matches the stored hash. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  const { params, salt, hash } = parsed;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const dummies = new Map<string, Promise<string>>();

/**
 * Spends the time of a real check when the username is unknown, so the answer's timing does not
 * tell which usernames exist. Always false.
 */
export async function verifyNobody(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<false> {
  const key = `${String(params.N)}/${String(params.r)}/${String(params.p)}`;
  let dummy = dummies.get(key);
  if (dummy === undefined) {
    dummy = hashPassword('lotho: no such user', params);
    dummies.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}

const MAX_PASSWORD = 1024;

/** Why a password cannot be used, or undefined. */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD) return `a password has at least ${MIN_PASSWORD} characters`;
  if (length > MAX_PASSWORD) return `a password has at most ${MAX_PASSWORD} characters`;
  if (password.trim().toLowerCase() === username.toLowerCase()) return 'the password must not be the username';
  return undefined;
}
