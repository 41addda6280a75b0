/**
 * Password hashing with scrypt (node:crypto): a random salt per password, the parameters stored
 * with the hash so they can be raised later without breaking old hashes, and a timing-safe
 * comparison. Format: `scrypt$N$r$p$<salt b64url>$<hash b64url>`.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^15, r=8, p=1: 32 MiB and some tens of milliseconds per hash, a cost a small county server
 * can pay for every login while keeping offline guessing expensive. Stored with each hash, so it
 * can be raised later.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
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

/** True when `password` matches the stored hash. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of a real check when the username is unknown, so the answer's timing does not
 * tell which usernames exist. Always false.
 */
export async function verifyNobody(password: string): Promise<false> {
  dummy ??= hashPassword('lotho: no such user');
  await verifyPassword(password, await dummy);
  return false;
}

/** Shortest password accepted: a passphrase is easier to type on a phone than symbols. */
export const MIN_PASSWORD = 10;
const MAX_PASSWORD = 1024;

/** Why a password cannot be used, or undefined. */
export function passwordProblem(password: string, username: string): string | undefined {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD) return `a password has at least ${MIN_PASSWORD} characters`;
  if (length > MAX_PASSWORD) return `a password has at most ${MAX_PASSWORD} characters`;
  if (password.trim().toLowerCase() === username.toLowerCase()) return 'the password must not be the username';
  return undefined;
}
