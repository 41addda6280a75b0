/**
 * A report page, /<lang>/reports/<id> (src/pages/ReportPage.vue), and the copy of the report the
 * app keeps in IndexedDB (src/db/reports.ts: database "lotho-reports", store "reports", key "id").
 */
import type { Locator, Response } from 'playwright-core';
import type { Lang } from '../support/content.ts';
import { AppPage } from './AppPage.ts';

/** Database and store of cached reports (src/db/reports.ts, idb). */
const DB_NAME = 'lotho-reports';
const STORE = 'reports';

/** A row of the reports table as IndexedDB holds it (CachedReport in src/db/index.ts). */
export interface StoredReport {
  id: string;
  version: unknown;
  etag: string | null;
  updatedAt: string | null;
  document: unknown;
  fetchedAt: number;
}

export class ReportPage extends AppPage {
  static path(lang: Lang, id: string): string {
    return `/${lang}/reports/${encodeURIComponent(id)}`;
  }

  goto(lang: Lang, id: string): Promise<Response | null> {
    return this.page.goto(ReportPage.path(lang, id));
  }

  /** The report itself (absent while loading and on an error). */
  get article(): Locator {
    return this.page.locator('article.report');
  }

  /** The agency's name in the report's title. */
  get agency(): Locator {
    return this.page.locator('.report-header .agency');
  }

  /** "Data as of", "checking" and the notices (ReportStatus). */
  get status(): Locator {
    return this.page.locator('.report-status');
  }

  /** The error shown instead of a report (not found, network, server, invalid). */
  get errorTitle(): Locator {
    return this.page.locator('.report-page .error h1');
  }

  /** Waits until the report is on screen. */
  async waitForReport(timeout = 15_000): Promise<void> {
    await this.agency.waitFor({ state: 'visible', timeout });
  }

  articleText(): Promise<string> {
    return this.article.innerText();
  }

  /** The cached copy of report `id`, as stored (undefined when there is none). */
  storedReport(id: string): Promise<StoredReport | undefined> {
    return this.page.evaluate(
      ({ name, store, key }) =>
        new Promise<StoredReport | undefined>((resolve, reject) => {
          const open = indexedDB.open(name);
          // Not there yet: reading must not create it (the app would then find it without its stores).
          open.onupgradeneeded = () => { open.transaction?.abort(); };
          open.onerror = () => {
            if (open.error?.name === 'AbortError') resolve(undefined);
            else reject(open.error ?? new Error('indexedDB.open failed'));
          };
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(store)) {
              db.close();
              resolve(undefined);
              return;
            }
            const get = db.transaction(store, 'readonly').objectStore(store).get(key);
            get.onerror = () => { reject(get.error ?? new Error('get failed')); };
            get.onsuccess = () => {
              db.close();
              resolve(get.result as StoredReport | undefined);
            };
          };
        }),
      { name: DB_NAME, store: STORE, key: id },
    );
  }

  /** Overwrites the cached copy of `record.id` with `record` (straight into IndexedDB, no Dexie). */
  writeStoredReport(record: StoredReport): Promise<void> {
    return this.page.evaluate(
      ({ name, store, value }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => { reject(open.error ?? new Error('indexedDB.open failed')); };
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(store, 'readwrite');
            tx.objectStore(store).put(value);
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => { reject(tx.error ?? new Error('put failed')); };
          };
        }),
      { name: DB_NAME, store: STORE, value: record },
    );
  }
}
