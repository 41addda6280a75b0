/** Password hashes (src/server/auth/password.ts): today's cost by default, and which hashes to replace. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword } from '../../../src/server/auth/password.ts';

describe('password hashes', () => {
  it('are scrypt N=2^17, r=8, p=1 by default, and verify', async () => {
    const hash = await hashPassword('ཆུ་མདོ་ 倾多镇 passphrase');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/u);
    expect(await verifyPassword('ཆུ་མདོ་ 倾多镇 passphrase', hash)).toBe(true);
    expect(await verifyPassword('ཆུ་མདོ་ 倾多镇 passphrasE', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('need a new hash when made with less work than asked for, in any parameter', () => {
    const made = (N: number, r: number, p: number) => `scrypt$${String(N)}$${String(r)}$${String(p)}$c2FsdA$aGFzaA`;
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(needsRehash(made(2 ** 15, 8, 1))).toBe(true);
    expect(needsRehash(made(2 ** 17, 4, 1))).toBe(true);
    expect(needsRehash(made(2 ** 17, 8, 1))).toBe(false);
    expect(needsRehash(made(2 ** 18, 8, 2))).toBe(false);
    expect(needsRehash(made(1024, 8, 1), { N: 1024, r: 8, p: 1 })).toBe(false);
    // What cannot be read is not "weaker": it never verifies, so there is nothing to replace.
    expect(needsRehash('bcrypt$10$abc')).toBe(false);
    expect(needsRehash('scrypt$x$8$1$a$b')).toBe(false);
  });
});
