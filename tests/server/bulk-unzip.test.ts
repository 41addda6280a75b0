/**
 * The bulk-import route's unzipping (src/server/bulk/unzip.ts): an entry is inflated only up to a
 * limit on the bytes it actually produces, whatever size the zip claims for it (a zip bomb claims
 * a small one; `unzipSync` trusts the claim).
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unzipLimited, ZipTooLargeError } from '../../src/server/bulk/unzip.ts';
import { lyingZip } from './zip-bomb.ts';

const MiB = 1024 * 1024;
const everything = (): boolean => true;

describe('unzipLimited', () => {
  it('reads the entries it is asked for, folders kept in their names', () => {
    const zip = zipSync({ 'a/2020.txt': strToU8('二〇二〇'), 'b.jpg': strToU8('x'), 'c.txt': new Uint8Array(3000).fill(65) });
    const { files, tooLarge } = unzipLimited(zip, (name) => name.endsWith('.txt'), { entryBytes: MiB, totalBytes: 2 * MiB });
    expect([...files.keys()].sort()).toEqual(['a/2020.txt', 'c.txt']);
    expect(new TextDecoder().decode(files.get('a/2020.txt'))).toBe('二〇二〇');
    expect(files.get('c.txt')?.length).toBe(3000);
    expect(tooLarge).toEqual([]);
  });

  it('stops an entry whose data inflates past the limit although the zip claims 100 bytes, and reads the others', () => {
    const zip = lyingZip(24, { 'report.txt': strToU8('一、总体情况') });
    expect(zip.length).toBeLessThan(64 * 1024);
    const { files, tooLarge } = unzipLimited(zip, everything, { entryBytes: 2 * MiB, totalBytes: 64 * MiB });
    expect(tooLarge).toEqual(['bomb.txt']);
    expect([...files.keys()]).toEqual(['report.txt']);
    expect(new TextDecoder().decode(files.get('report.txt'))).toBe('一、总体情况');
  });

  it('refuses a zip whose entries inflate past the total limit, each within its own', () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${String(i)}.txt`, new Uint8Array(MiB)])));
    expect(() => unzipLimited(zip, everything, { entryBytes: 2 * MiB, totalBytes: 3 * MiB })).toThrow(ZipTooLargeError);
  });

  it('throws on a zip cut short inside an entry, and finds nothing in bytes that are no zip', () => {
    const zip = zipSync({ 'a.txt': [new Uint8Array(5000).fill(66), { level: 0 }] });
    expect(() => unzipLimited(zip.subarray(0, 100), everything, { entryBytes: MiB, totalBytes: MiB })).toThrow();
    expect(unzipLimited(strToU8('not a zip'), everything, { entryBytes: MiB, totalBytes: MiB }).files.size).toBe(0);
  });
});
