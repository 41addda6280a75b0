/**
 * The guard against silent fallback to Chinese: zh-CN.json and bo.json must have the same leaf
 * keys, every bo message must be usable by vue-i18n and portable (NFC, no PUA), and the official
 * template labels must really be Tibetan. See locales/README.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupMessage } from '../../../src/report/labels.ts';
import { leafEntries, placeholders, PRIVATE_USE, projectPath, readMessages, TIBETAN } from './helpers.ts';

const zh = readMessages('zh-CN');
const bo = readMessages('bo');
const zhLeaves = leafEntries(zh);
const boLeaves = leafEntries(bo);

describe('zh-CN.json and bo.json have the same keys', () => {
  it('every zh-CN key has a non-empty bo message', () => {
    const missing = zhLeaves.filter(([key]) => (lookupMessage(bo, key)?.trim() ?? '') === '').map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it('every bo key exists in zh-CN with a non-empty message', () => {
    const orphans = boLeaves.filter(([key]) => (lookupMessage(zh, key)?.trim() ?? '') === '').map(([key]) => key);
    expect(orphans).toEqual([]);
  });
});

describe('bo messages', () => {
  it('contain no vue-i18n syntax characters except {name} placeholders', () => {
    // `|` is the plural separator (never a stand-in for the shad །), `@` starts a linked message,
    // `$` and stray braces are message-format syntax.
    const bad = boLeaves.filter(([, m]) => /[|@${}]/.test(m.replace(/\{\w+\}/g, ''))).map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('are NFC and contain no Private Use Area code points', () => {
    expect(boLeaves.filter(([, m]) => m.normalize('NFC') !== m).map(([key]) => key)).toEqual([]);
    expect(boLeaves.filter(([, m]) => PRIVATE_USE.test(m)).map(([key]) => key)).toEqual([]);
  });

  it('use the same placeholders as zh-CN', () => {
    const mismatched = boLeaves
      .filter(([key, m]) => {
        const source = lookupMessage(zh, key);
        return source !== undefined && placeholders(source).join() !== placeholders(m).join();
      })
      .map(([key, m]) => `${key}: ${placeholders(m).join()}`);
    expect(mismatched).toEqual([]);
  });

  it('under template are written in Tibetan script', () => {
    const template = boLeaves.filter(([key]) => key.startsWith('template.'));
    expect(template.length).toBeGreaterThan(0);
    expect(template.filter(([, m]) => !TIBETAN.test(m)).map(([key]) => key)).toEqual([]);
  });

  it('write Arabic digits, not Tibetan digits (PRC official usage; Tibetan digits are a display option)', () => {
    expect(boLeaves.filter(([, m]) => /[\u0F20-\u0F33]/u.test(m)).map(([key]) => key)).toEqual([]);
  });
});

describe('locales/review-pending.json', () => {
  // A note names the strings it concerns by key; a key renamed or dropped would silently hide it
  // from the review page.
  it('names only keys bo.json has', () => {
    const pending = JSON.parse(readFileSync(projectPath('locales/review-pending.json'), 'utf8')) as { items: { id: string; keys?: string[] }[] };
    const keys = new Set(boLeaves.map(([key]) => key));
    const unknown = pending.items.flatMap((item) => (item.keys ?? []).filter((key) => !keys.has(key)).map((key) => `${item.id}: ${key}`));
    expect(pending.items.some((item) => (item.keys ?? []).length > 0)).toBe(true);
    expect(unknown).toEqual([]);
  });
});

describe('the helpers', () => {
  it('leafEntries lists dotted keys of nested trees', () => {
    expect(leafEntries({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual([
      ['a.b', 'x'],
      ['a.c.d', 'y'],
      ['e', 'z'],
    ]);
  });

  it('placeholders are distinct and sorted', () => {
    expect(placeholders('{year}ལོའི་{agency} {year}')).toEqual(['agency', 'year']);
  });

  it('PRIVATE_USE catches BMP and supplementary PUA', () => {
    expect(PRIVATE_USE.test('\uE000')).toBe(true);
    expect(PRIVATE_USE.test('\u{F0000}')).toBe(true);
    expect(PRIVATE_USE.test('བོད་ཡིག')).toBe(false);
  });
});
