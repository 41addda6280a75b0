/**
 * Tibetan messages come in two parts (vite.config.ts messageAreas): the reader's, loaded on the
 * first Tibetan page, and the rest, loaded by the kiosk's, sign-in's and drafting's routes. A
 * reader page must find every key it names in the first part, or it would show Chinese.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppI18n, loadMessages } from '../../src/modules/i18n.ts';

const SRC = join(process.cwd(), 'src');
/** What the residents' pages are made of (router.ts READER_ROUTES and their components). */
const READER_FILES = [
  'App.vue',
  ...['HomePage.vue', 'ReportPage.vue', 'LanguagePage.vue', 'NotFoundPage.vue'].map((f) => join('pages', f)),
  ...readdirSync(join(SRC, 'components', 'app')).map((f) => join('components', 'app', f)),
  ...readdirSync(join(SRC, 'components', 'report')).map((f) => join('components', 'report', f)),
];

/** The keys (or key prefixes, for `t(\`a.b.${x}\`)`) a file passes to t() or tIn(). */
function namedKeys(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(/\bt(?:In)?\(\s*(?:'[a-z]+',\s*)?['`]([a-zA-Z][\w.]*)/gu)].map((m) => m[1] ?? '');
}

describe('message areas', () => {
  it('the reader part holds every key the reader’s pages name', async () => {
    const i18n = createAppI18n();
    await loadMessages(i18n, 'bo', 'reader');
    const missing = READER_FILES.flatMap((file) =>
      namedKeys(file)
        .filter((key) => key.includes('.') && !key.endsWith('.'))
        .filter((key) => !i18n.global.te(key, 'bo') && !i18n.global.te(key.replace(/\.[^.]*$/u, ''), 'bo'))
        .map((key) => `${file}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('the reader part leaves the kiosk and drafting out; "all" brings them', async () => {
    const i18n = createAppI18n();
    await loadMessages(i18n, 'bo', 'reader');
    expect(i18n.global.te('reader.title', 'bo')).toBe(true);
    expect(i18n.global.te('auth.entry', 'bo')).toBe(true);
    expect(i18n.global.te('kiosk.page', 'bo')).toBe(false);
    await loadMessages(i18n, 'bo', 'all');
    expect(i18n.global.te('kiosk.page', 'bo')).toBe(true);
    expect(i18n.global.te('reader.title', 'bo')).toBe(true);
  });
});
