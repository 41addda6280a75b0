/** The setup PIN: format, salted SHA-256 (crypto.subtle or our own), verification, storage. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPin, hashPin, isValidPin, newSalt, parseStoredPin, verifyPin } from '../../../src/kiosk/pin.ts';
import { sha256 } from '../../../src/kiosk/sha256.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

afterEach(() => vi.unstubAllGlobals());

describe('sha256 (for pages served over plain HTTP, where crypto.subtle is missing)', () => {
  it('matches node:crypto on the test vectors and on random input', () => {
    expect(hex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });
});

describe('PIN', () => {
  it('is 4 to 8 ASCII digits', () => {
    expect(['1234', '12345678', '0000'].every(isValidPin)).toBe(true);
    expect(['123', '123456789', '12a4', '１２３４', '༡༢༣༤', ' 1234', ''].some(isValidPin)).toBe(false);
  });

  it('is stored salted and hashed, never as itself, and verifies', async () => {
    const random = await createPin('2468');
    expect(random.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(random.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(random).sort()).toEqual(['hash', 'salt']);
    // A fixed salt for the "never as itself" check: with a random one, the 96 hex digits of salt
    // and hash spell 2468 somewhere about once in 700 runs (it failed a full run that way).
    const stored = await createPin('2468', '00112233445566778899aabbccddeeff');
    expect(JSON.stringify(stored)).not.toContain('2468');
    expect(stored.hash).not.toBe(createHash('sha256').update('2468').digest('hex'));
    expect(await verifyPin('2468', stored)).toBe(true);
    expect(await verifyPin('2469', stored)).toBe(false);
    expect(await verifyPin('24680', stored)).toBe(false);
    expect(await verifyPin('abcd', stored)).toBe(false);
  });

  it('gets a new salt each time: the same PIN hashes differently on two devices', async () => {
    const [a, b] = [await createPin('1234'), await createPin('1234')];
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(newSalt()).not.toBe(newSalt());
  });

  it('hashes the same with crypto.subtle and without it (plain HTTP)', async () => {
    const salt = '00112233445566778899aabbccddeeff';
    const withSubtle = await hashPin('9876', salt);
    expect(withSubtle).toBe(createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from('9876')])).digest('hex'));
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a, subtle: undefined });
    expect(await hashPin('9876', salt)).toBe(withSubtle);
  });

  it('refuses to create a PIN of the wrong shape', async () => {
    await expect(createPin('12')).rejects.toThrow();
  });

  it('reads back only a well-formed record', async () => {
    const stored = await createPin('1357');
    expect(parseStoredPin(JSON.stringify(stored))).toEqual(stored);
    expect(parseStoredPin(null)).toBeUndefined();
    expect(parseStoredPin('{')).toBeUndefined();
    expect(parseStoredPin(JSON.stringify({ salt: 'x', hash: stored.hash }))).toBeUndefined();
    expect(parseStoredPin(JSON.stringify({ ...stored, pin: '1357' }))).toBeUndefined();
  });
});
