/**
 * One-time codes an admin hands over in person (no e-mail in a village): 12 characters of lower
 * case letters and digits without the look-alikes (0/o, 1/l/i), about 59 bits, shown in groups of
 * four. Typed back at sign-in in any case, with or without the separators: `canonicalCode` is
 * what is hashed and what a typed code is compared as.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 12;

/** A new code as shown to the admin: `abcd-efgh-jkmn`. */
export function newOneTimeCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)] ?? '');
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((group) => group.join('')).join('-');
}

/** The code as stored: lower case, spaces and dashes dropped (a phone capitalises the first letter). */
export function canonicalCode(typed: string): string {
  return typed.normalize('NFKC').toLowerCase().replace(/[\s-]/gu, '');
}
