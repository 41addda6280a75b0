/** Build stamps (scripts/build-stamp.mjs): what makes `npm start` and `lotho` rebuild, and what does not. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inputName, staleReason, writeStamp } from '../../../scripts/build-stamp.mjs';

let root = '';
const stamp = (): string => join(root, 'out', '.build.json');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lotho-stamp-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 2;\n');
  writeStamp(root, stamp(), ['src/a.ts', join(root, 'src', 'b.ts')]);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('staleReason', () => {
  it('is undefined right after the build', () => {
    expect(staleReason(root, stamp())).toBeUndefined();
  });

  it('is "missing" without a stamp, or with one of another format', () => {
    expect(staleReason(root, join(root, 'nowhere.json'))).toBe('missing');
    writeFileSync(stamp(), '{"version":0}');
    expect(staleReason(root, stamp())).toBe('missing');
  });

  it('names the changed file, also when its size stays the same', () => {
    writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 3;\n');
    expect(staleReason(root, stamp())).toBe('src/b.ts changed');
  });

  it('names a removed file', () => {
    rmSync(join(root, 'src', 'a.ts'));
    expect(staleReason(root, stamp())).toBe('src/a.ts removed');
  });

  it('is undefined for a file only touched (a checkout that rewrote it unchanged)', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'a.ts'), later, later);
    expect(staleReason(root, stamp())).toBeUndefined();
  });
});

describe('inputName', () => {
  it('keeps project files and leaves out dependencies and what is outside', () => {
    expect(inputName('/p', '/p/src/x.ts')).toBe('src/x.ts');
    expect(inputName('/p', 'locales/bo.json')).toBe('locales/bo.json');
    expect(inputName('/p', '/p/node_modules/vue/index.js')).toBeUndefined();
    expect(inputName('/p', '/elsewhere/x.ts')).toBeUndefined();
  });
});
