// @vitest-environment happy-dom
// (in a browser environment vue-i18n holds messages in a deep ref: the last test needs one)
/**
 * Tibetan messages come in two parts (vite.config.ts messageAreas): the reader's, loaded on the
 * first Tibetan page, and the rest, loaded by the kiosk's, sign-in's and drafting's routes. A
 * reader page must find every key it names in the first part, or it would show Chinese.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isReactive } from 'vue';
import { describe, expect, it } from 'vitest';
import { createAppI18n, loadMessages, setReviewedMessages } from '../../src/modules/i18n.ts';
import boReader from '../../src/modules/messages-bo.ts';
import boJson from '../../locales/bo.json';

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

  it('reviewed Tibetan goes over every part loaded, in its own app only; the parts stay as built', async () => {
    // A compiled message taken from the part itself: the reviewed text of another key.
    const compiled = (boReader as { app: { name: unknown } }).app.name;
    const reviewedApp = createAppI18n();
    await loadMessages(reviewedApp, 'bo', 'reader');
    setReviewedMessages(reviewedApp, { 'reader.tools.downloads': compiled });
    const t = (i18n: ReturnType<typeof createAppI18n>, key: string) => i18n.global.t(key, {}, { locale: 'bo' });
    expect(t(reviewedApp, 'reader.tools.downloads')).toBe(boJson.app.name);
    expect(t(reviewedApp, 'reader.tools.label')).toBe(boJson.reader.tools.label);
    await loadMessages(reviewedApp, 'bo', 'all');
    expect(t(reviewedApp, 'reader.tools.downloads')).toBe(boJson.app.name);
    expect(t(reviewedApp, 'kiosk.setup.title')).toBe(boJson.kiosk.setup.title);

    const other = createAppI18n();
    await loadMessages(other, 'bo', 'reader');
    expect(t(other, 'reader.tools.downloads')).toBe(boJson.reader.tools.downloads);
    // Held as plain objects: vue-i18n's lookups then wrap no node of them in a reactive proxy.
    expect(isReactive(other.global.messages.value.bo)).toBe(false);
    expect(isReactive(other.global.messages.value['zh-CN'])).toBe(false);
  });
});
