// @vitest-environment happy-dom
/**
 * The report's status line dates the version on screen (issue 12): when it was published, or
 * corrected for any version after the first, in both languages; when this device fetched it only
 * offline, as "checked at".
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import zhCN from '../../locales/zh-CN.json';
import boJson from '../../locales/bo.json';
import { lookupMessage } from '../../src/report/labels.ts';
import { putCachedReport } from '../../src/db/reports.ts';
import { formatDateTime } from '../../src/i18n/format.ts';
import { json, readerTestSetup } from './helpers.ts';

const PUBLISHED = '2024-05-30T06:00:00.000Z';
/** When this device last fetched its copy: a day after the publication. */
const FETCHED = Date.parse('2024-05-31T09:30:00.000Z');

function message(lang: 'zh' | 'bo', key: string, time: number): string {
  const template = lookupMessage(lang === 'zh' ? zhCN : boJson, key);
  if (template === undefined) throw new Error(`no ${lang} message ${key}`);
  return template.replace('{time}', formatDateTime(time, { lang }));
}

const reader = readerTestSetup();

/** The read API answering with `version` of the seed, published at PUBLISHED. */
function serveVersion(version: number): void {
  vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(json({ id: reader.seed.id, version, updatedAt: PUBLISHED, report: reader.seed }, { etag: `"v${String(version)}"` }))));
}

function statusText(): string {
  return document.querySelector('.report-status')?.textContent ?? '';
}

/** The line that dates the version ("published at …" or "corrected at …"). */
function releaseLine(): string {
  return document.querySelector('.report-status .release')?.textContent.trim() ?? '';
}

describe('the report status line', () => {
  for (const lang of ['zh', 'bo'] as const) {
    it(`shows when the version on screen was published, not when it was fetched (${lang})`, async () => {
      serveVersion(1);
      await reader.mount(`/${lang}/reports/${reader.seed.id}`);
      expect(releaseLine()).toBe(message(lang, 'reader.status.publishedAt', Date.parse(PUBLISHED)));
      expect(document.querySelector('.report-status .checked')).toBeNull();
    });

    it(`says a later version is a correction (${lang})`, async () => {
      serveVersion(3);
      await reader.mount(`/${lang}/reports/${reader.seed.id}`);
      expect(releaseLine()).toBe(message(lang, 'reader.status.correctedAt', Date.parse(PUBLISHED)));
    });

    it(`offline, adds when this device last checked its copy (${lang})`, async () => {
      await putCachedReport({ id: reader.seed.id, version: 2, etag: '"v2"', updatedAt: PUBLISHED, document: reader.seed, fetchedAt: FETCHED });
      vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
      await reader.mount(`/${lang}/reports/${reader.seed.id}`);
      expect(releaseLine()).toBe(message(lang, 'reader.status.correctedAt', Date.parse(PUBLISHED)));
      expect(statusText()).toContain(message(lang, 'reader.status.checkedAt', FETCHED));
    });
  }
});
