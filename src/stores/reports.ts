/**
 * Reports for the reader, offline first: a report on this device is shown at once, then checked
 * against the server in the background (If-None-Match). The server failing keeps the copy on
 * screen with a notice; IndexedDB failing (private window, quota) falls back to the network with a
 * notice. Components read this store; only this store calls db/ and fetch.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ReportDocument } from '../report/model.ts';
import {
  deleteCachedReport,
  getCachedIndex,
  getCachedReport,
  listCachedReports,
  putCachedIndex,
  putCachedReport,
  touchCachedReport,
  type CachedReport,
} from '../db/reports.ts';
import {
  checkReport,
  fetchIndex,
  fetchReport,
  parseIndex,
  listingOf,
  type FetchReportResult,
  type ReportListing,
} from './reports-api.ts';

export type { ReportListing };

/** Something the reader should know about the report on screen (shown as reader.notices.<code>). */
export type ReaderNotice =
  /** IndexedDB cannot be used: reports are not kept for offline reading. */
  | 'storage_unavailable'
  /** The server could not be reached or failed: the copy on this device is shown. */
  | 'refresh_failed'
  /** The server no longer has this report: the copy on this device is shown. */
  | 'not_on_server'
  /** The server sent something that is not a valid report: the copy on this device is shown. */
  | 'server_invalid';

/** Why there is no report to show. */
export type ReaderError = 'not_found' | 'network' | 'server' | 'invalid';

function navigatorOffline(): boolean {
  // No navigator at all when pre-rendering in Node 20.
  return typeof navigator !== 'undefined' && !navigator.onLine;
}

export const useReportsStore = defineStore('reports', () => {
  /** The server's report index (live, or the copy kept from the last visit). */
  const index = ref<ReportListing[]>([]);
  const indexAsOf = ref<number | null>(null);
  const indexLoading = ref(false);
  /** The last attempt to fetch the index failed (what is shown may be old or empty). */
  const indexFailed = ref(false);
  /** Reports stored on this device, readable offline. */
  const onDevice = ref<ReportListing[]>([]);

  /** Id of the report asked for (the route's), its document once known. */
  const reportId = ref<string | null>(null);
  const report = shallowRef<ReportDocument | null>(null);
  /** The same agency's report for the previous year, when there is one. */
  const previous = shallowRef<ReportDocument | null>(null);
  /** When the server last confirmed the report on screen (ms since epoch). */
  const dataAsOf = ref<number | null>(null);
  /** Nothing to show yet. */
  const loading = ref(false);
  /** Checking the server for a newer copy. */
  const refreshing = ref(false);
  /** The copy on screen could not be checked against the server this time. */
  const stale = ref(false);
  const error = ref<ReaderError | null>(null);
  const storageAvailable = ref(true);
  const offline = ref(navigatorOffline());
  const reportNotices = ref<ReaderNotice[]>([]);

  const notices = computed<ReaderNotice[]>(() => [
    ...(storageAvailable.value ? [] : (['storage_unavailable'] as const)),
    ...reportNotices.value,
  ]);

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => (offline.value = false));
    window.addEventListener('offline', () => (offline.value = true));
  }

  /** Runs a database operation; on any failure switches to network-only for the session. */
  async function storage<T>(operation: () => Promise<T>): Promise<T | undefined> {
    if (!storageAvailable.value) return undefined;
    try {
      return await operation();
    } catch {
      storageAvailable.value = false;
      return undefined;
    }
  }

  /** The cached copy if it passes the schema; a copy that does not is dropped. */
  async function readCached(id: string): Promise<{ record: CachedReport; document: ReportDocument } | undefined> {
    const record = await storage(() => getCachedReport(id));
    if (record === undefined) return undefined;
    const document = checkReport(record.document);
    if (document === undefined) {
      await storage(() => deleteCachedReport(id));
      return undefined;
    }
    return { record, document };
  }

  /** Fetches a report; undefined when the network failed (offline is then set). */
  async function tryFetch(id: string, etag: string | null): Promise<FetchReportResult | undefined> {
    try {
      const result = await fetchReport(id, etag);
      offline.value = false;
      return result;
    } catch {
      offline.value = true;
      return undefined;
    }
  }

  async function store(id: string, result: Extract<FetchReportResult, { kind: 'ok' }>, fetchedAt: number): Promise<void> {
    await storage(() =>
      putCachedReport({
        id,
        version: result.version,
        etag: result.etag,
        updatedAt: result.updatedAt,
        document: result.report,
        fetchedAt,
      }),
    );
  }

  let loadToken = 0;

  /** Asks the server about the report on screen (or fetches it when there is none). */
  async function refresh(id: string, cached: CachedReport | undefined, token: number): Promise<void> {
    const result = await tryFetch(id, cached?.etag ?? null);
    if (token !== loadToken) return;
    const keepCopy = (notice: ReaderNotice, otherwise: ReaderError): void => {
      if (cached !== undefined) {
        stale.value = true;
        reportNotices.value = [...reportNotices.value, notice];
      } else {
        error.value = otherwise;
      }
    };
    if (result === undefined) { keepCopy('refresh_failed', 'network'); return; }
    const now = Date.now();
    switch (result.kind) {
      case 'ok':
        report.value = result.report;
        dataAsOf.value = now;
        stale.value = false;
        await store(id, result, now);
        return;
      case 'not_modified':
        if (cached === undefined) { keepCopy('server_invalid', 'invalid'); return; }
        dataAsOf.value = now;
        stale.value = false;
        await storage(() => touchCachedReport(id, now));
        return;
      case 'not_found':
        { keepCopy('not_on_server', 'not_found'); return; }
      case 'invalid':
        { keepCopy('server_invalid', 'invalid'); return; }
      case 'server_error':
        { keepCopy('refresh_failed', 'server'); return; }
    }
  }

  /**
   * Shows report `id`: the copy on this device at once, then the server's answer. Resolves when
   * both steps are done; the state is updated as each arrives. A later call wins over an earlier
   * one still in flight.
   */
  async function loadReport(id: string): Promise<void> {
    const token = ++loadToken;
    if (reportId.value !== id) {
      report.value = null;
      dataAsOf.value = null;
    }
    reportId.value = id;
    previous.value = null;
    error.value = null;
    stale.value = false;
    reportNotices.value = [];
    loading.value = report.value === null;
    const cached = await readCached(id);
    if (token !== loadToken) return;
    if (cached !== undefined) {
      report.value = cached.document;
      dataAsOf.value = cached.record.fetchedAt;
      loading.value = false;
    }
    refreshing.value = true;
    try {
      await refresh(id, cached?.record, token);
    } finally {
      if (token === loadToken) {
        refreshing.value = false;
        loading.value = false;
      }
    }
    if (token === loadToken && report.value !== null) await loadPrevious(report.value, token);
  }

  /** Loads the same agency's report for year − 1 when the index lists one (for comparison). */
  async function loadPrevious(current: ReportDocument, token: number): Promise<void> {
    if (indexAsOf.value === null && onDevice.value.length === 0) await loadIndex();
    const { agency, year } = current.meta;
    const entry = [...onDevice.value, ...index.value].find((e) => e.agency.zh === agency.zh && e.year === year - 1);
    if (entry === undefined || token !== loadToken) return;
    let document = (await readCached(entry.id))?.document;
    if (document === undefined) {
      const result = await tryFetch(entry.id, null);
      if (result?.kind === 'ok') {
        document = result.report;
        await store(entry.id, result, Date.now());
      }
    }
    if (token === loadToken && document !== undefined) previous.value = document;
  }

  let indexLoad: Promise<void> | null = null;

  /**
   * Loads the reports on this device and the server's index (its kept copy first). Calls made
   * while one is running share it (the home page and the previous-year lookup both ask).
   */
  function loadIndex(): Promise<void> {
    indexLoad ??= readIndex().finally(() => {
      indexLoad = null;
    });
    return indexLoad;
  }

  async function readIndex(): Promise<void> {
    indexLoading.value = true;
    try {
      const records = (await storage(() => listCachedReports())) ?? [];
      const valid: ReportListing[] = [];
      for (const record of records) {
        const document = checkReport(record.document);
        if (document === undefined) await storage(() => deleteCachedReport(record.id));
        else valid.push(listingOf(record.id, document));
      }
      onDevice.value = valid;
      const kept = await storage(() => getCachedIndex());
      if (kept !== undefined && indexAsOf.value === null) {
        index.value = parseIndex(kept.entries);
        indexAsOf.value = kept.fetchedAt;
      }
      try {
        const list = await fetchIndex();
        const now = Date.now();
        index.value = list;
        indexAsOf.value = now;
        indexFailed.value = false;
        offline.value = false;
        await storage(() => putCachedIndex(list, now));
      } catch (cause) {
        indexFailed.value = true;
        if (cause instanceof TypeError) offline.value = true;
      }
    } finally {
      indexLoading.value = false;
    }
  }

  return {
    index,
    indexAsOf,
    indexLoading,
    indexFailed,
    onDevice,
    reportId,
    report,
    previous,
    dataAsOf,
    loading,
    refreshing,
    stale,
    error,
    offline,
    storageAvailable,
    notices,
    loadIndex,
    loadReport,
  };
});
