/**
 * locales/glossary-bo.csv is what a translator reviews: one row per template label, carrying the
 * same zh and bo text as the locale files, where the Tibetan came from and how sure we are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leafEntries, parseCsv, projectPath, readMessages } from './helpers.ts';

const HEADER = ['key', 'zh', 'bo', 'source', 'confidence', 'notes', 'reviewed'];
const CONFIDENCE = new Set(['high', 'medium-high', 'medium', 'medium-low', 'low']);

const [header = [], ...rows] = parseCsv(readFileSync(projectPath('locales/glossary-bo.csv'), 'utf8'));
const byKey = new Map(rows.map((r) => [r[0] ?? '', r]));
const zhTemplate = new Map(leafEntries(readMessages('zh-CN')).filter(([key]) => key.startsWith('template.')));
const boTemplate = new Map(leafEntries(readMessages('bo')).filter(([key]) => key.startsWith('template.')));

describe('locales/glossary-bo.csv', () => {
  it('has the documented columns and one row per key', () => {
    expect(header).toEqual(HEADER);
    expect(rows.filter((r) => r.length !== HEADER.length).map((r) => r[0])).toEqual([]);
    expect(byKey.size).toBe(rows.length);
  });

  it('has a row for every template key and none for keys that are gone', () => {
    expect([...zhTemplate.keys()].filter((key) => !byKey.has(key))).toEqual([]);
    expect([...byKey.keys()].filter((key) => !zhTemplate.has(key))).toEqual([]);
  });

  it('carries the same zh and bo text as the locale files', () => {
    const stale = rows
      .filter(([key = '', zh, bo]) => zh !== zhTemplate.get(key) || bo !== boTemplate.get(key))
      .map(([key]) => key);
    expect(stale).toEqual([]);
  });

  it('names a source, a valid confidence and a reviewed flag on every row', () => {
    const bad = rows
      .filter(
        ([, , , source = '', confidence = '', , reviewed = '']) =>
          !/^(glossary|constructed from): \S/.test(source) || !CONFIDENCE.has(confidence) || !['yes', 'no'].includes(reviewed),
      )
      .map(([key]) => key);
    expect(bad).toEqual([]);
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and newlines inside fields', () => {
    expect(parseCsv('a,"b, ""c""",d\n"e\nf",,g\n')).toEqual([
      ['a', 'b, "c"', 'd'],
      ['e\nf', '', 'g'],
    ]);
  });
});
