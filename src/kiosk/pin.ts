/**
 * The PIN that guards the kiosk's setup screen, set on the device on first run: 4–8 digits, kept
 * in localStorage only as SHA-256(salt ‖ PIN) with a random salt, compared in constant time. It
 * keeps passers-by out of the settings of a screen on a public noticeboard; it is not an account
 * (anyone holding the device can clear its storage, which also clears the settings).
 */
import * as v from 'valibot';
import { sha256 } from './sha256.ts';

/** localStorage key of the stored hash. */
export const PIN_KEY = 'lotho.kiosk.pin';

/** What is stored: hex salt and hex SHA-256(salt ‖ PIN). */
export interface StoredPin {
  salt: string;
  hash: string;
}

const HEX = /^[0-9a-f]+$/u;
const StoredPinSchema = v.strictObject({
  salt: v.pipe(v.string(), v.length(32), v.regex(HEX)),
  hash: v.pipe(v.string(), v.length(64), v.regex(HEX)),
});

/** True for 4 to 8 ASCII digits. */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{4,8}$/u.test(pin);
}

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A random 16-byte salt, hex (crypto.getRandomValues works outside secure contexts too). */
export function newSalt(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * SHA-256 of the salt's bytes followed by the PIN's, as hex. Uses crypto.subtle where the browser
 * offers it (secure contexts), else our own implementation: same result either way.
 */
export async function hashPin(pin: string, salt: string): Promise<string> {
  const saltBytes = Uint8Array.from(salt.match(/../gu) ?? [], (byte) => parseInt(byte, 16));
  const pinBytes = new TextEncoder().encode(pin);
  const input = new Uint8Array(saltBytes.length + pinBytes.length);
  input.set(saltBytes);
  input.set(pinBytes, saltBytes.length);
  const subtle = typeof crypto !== 'undefined' ? (crypto.subtle as SubtleCrypto | undefined) : undefined;
  if (subtle !== undefined) return toHex(new Uint8Array(await subtle.digest('SHA-256', input)));
  return toHex(sha256(input));
}

/** Compares two strings of equal length without an early exit. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The stored PIN record to keep for `pin`. Throws on a PIN that is not 4–8 digits. */
export async function createPin(pin: string, salt: string = newSalt()): Promise<StoredPin> {
  if (!isValidPin(pin)) throw new Error('a PIN is 4 to 8 digits');
  return { salt, hash: await hashPin(pin, salt) };
}

/** True when `pin` matches the stored record. */
export async function verifyPin(pin: string, stored: StoredPin): Promise<boolean> {
  if (!isValidPin(pin)) return false;
  return sameText(await hashPin(pin, stored.salt), stored.hash);
}

/** The stored record read back from its JSON, or undefined when absent or not valid. */
export function parseStoredPin(json: string | null): StoredPin | undefined {
  if (json === null) return undefined;
  try {
    const result = v.safeParse(StoredPinSchema, JSON.parse(json));
    return result.success ? result.output : undefined;
  } catch {
    return undefined;
  }
}
