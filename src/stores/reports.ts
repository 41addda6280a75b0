/**
 * Reports for the reader, offline first: a report on this device is shown at once, then checked
 * against the server in the background (If-None-Match). The server failing keeps the copy on
 * screen with a notice; IndexedDB failing (private window, quota) falls back to the network with a
 * notice. Components read this store; only this store calls db/ and fetch.
 *
 * db/reports.ts (idb, not Dexie: the officials' database never loads on a resident's page) is
 * imported on first use: a pre-rendered report page paints and hydrates without it, from the
 * state the page carries (`prime`).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ReportDocument } from '../report/model.ts';
import type { CachedReport } from '../db/reports.ts';
import { whenIdle } from '../composables/useIdle.ts';
import { whenAppCached } from '../modules/pwa.ts';
import {
  checkReport,
  fetchIndex,
  fetchReport,
  parseIndex,
  listingOf,
  type FetchReportResult,
  type ReportListing,
} from './reports-api.ts';
import { browserSaysOffline } from '../sync/online.ts';
import { useTranslationsStore } from './translations.ts';

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
/** Which version of a report is on screen, and when the server published it. */
export interface ReportRelease {
  version: number | string;
  publishedAt: string | null;
}

export type ReaderError = 'not_found' | 'network' | 'server' | 'invalid';

/** A report as the server published it, carried by a pre-rendered page (see src/initial-state.ts). */
export interface PrimedReport {
  id: string;
  version: number;
  updatedAt: string;
  document: ReportDocument;
  /** When the page was rendered (ms since epoch): the "data as of" until the server is asked. */
  renderedAt: number;
}

/** What "keep on this device" did with one report. */
export type KeepOutcome = 'kept' | 'already' | 'failed' | 'unavailable';

type Repo = typeof import('../db/reports.ts');
let repo: Promise<Repo> | undefined;

/** db/reports.ts, loaded once on first use (a failed load is retried next time). */
function importRepo(): Promise<Repo> {
  repo ??= import('../db/reports.ts').catch((error: unknown) => {
    repo = undefined;
    throw error;
  });
  return repo;
}

/**
 * Holds back the database on a pre-rendered page until the app is cached for offline use: the
 * report is on screen already, and the service worker's precache brings the chunk along, so the
 * first visit downloads it once, in the background. (Until then an offline copy is useless anyway: the
 * app itself could not open offline.) Anything the reader asks for opens the gate at once.
 */
interface StorageGate {
  passed: Promise<void>;
  /** Whether `passed` has resolved. */
  isOpen: () => boolean;
  open: () => void;
}

function storageGate(until: Promise<void>): StorageGate {
  let open: () => void = () => undefined;
  let isOpen = false;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const passed = Promise.race([until, opened]).then(() => {
    isOpen = true;
  });
  return { passed, isOpen: () => isOpen, open };
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
  /** When the server last confirmed the report on screen (ms since epoch): "checked at". */
  const dataAsOf = ref<number | null>(null);
  /** The version on screen and when it was published (ISO; a version after the first is a correction). */
  const shownRelease = ref<ReportRelease | null>(null);
  /** Nothing to show yet. */
  const loading = ref(false);
  /** Checking the server for a newer copy. */
  const refreshing = ref(false);
  /** The copy on screen could not be checked against the server this time. */
  const stale = ref(false);
  const error = ref<ReaderError | null>(null);
  const storageAvailable = ref(true);
  /** No connection to the server: from the browser's online/offline events and from failed requests. */
  const offline = ref(browserSaysOffline());
  const reportNotices = ref<ReaderNotice[]>([]);
  /** The report a pre-rendered page carried (its first render shows it). */
  let primed: PrimedReport | null = null;
  let gate: StorageGate | null = null;

  async function loadRepo(): Promise<Repo> {
    if (gate !== null && !gate.isOpen()) {
      await gate.passed;
      // Opening the database is a long task on a slow phone: not in the middle of other work.
      await whenIdle();
    }
    return importRepo();
  }

  /** The reader wants something from this device now (another page, "keep"): no more waiting. */
  function openStorage(): void {
    gate?.open();
  }
  /** Version of the report on screen: the same version again is the same document (not redrawn). */
  let shownVersion: number | string | null = null;

  /** Puts a document on screen unless the same version of it is there already. */
  function show(document: ReportDocument, version: number | string, publishedAt: string | null): void {
    shownRelease.value = { version, publishedAt };
    if (report.value !== null && shownVersion === version && report.value.id === document.id) return;
    report.value = document;
    shownVersion = version;
  }

  const notices = computed<ReaderNotice[]>(() => [
    ...(storageAvailable.value ? [] : (['storage_unavailable'] as const)),
    ...reportNotices.value,
  ]);

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => (offline.value = false));
    window.addEventListener('offline', () => (offline.value = true));
  }

  /**
   * Shows a report the page was rendered with, before anything else runs: the first render then
   * matches the pre-rendered HTML. Connectivity is assumed, as on the server; `checkConnectivity`
   * reads the browser's after hydration.
   */
  function prime(state: PrimedReport): void {
    primed = state;
    gate = storageGate(whenAppCached());
    reportId.value = state.id;
    report.value = state.document;
    shownVersion = state.version;
    shownRelease.value = { version: state.version, publishedAt: state.updatedAt };
    offline.value = false;
  }

  /**
   * Reads navigator.onLine (after hydrating a pre-rendered page, which assumed online). It can only
   * say offline: a request that failed while the page hydrated (the report's refresh starts when
   * the browser is idle, which on a slow phone can come before the last part has hydrated) already
   * said so, and navigator.onLine's "some network" must not undo it.
   */
  function checkConnectivity(): void {
    if (browserSaysOffline()) offline.value = true;
  }

  /** Whether IndexedDB still works (read fresh: any await may have changed it). */
  function usable(): boolean {
    return storageAvailable.value;
  }

  /** Runs a database operation; on any failure switches to network-only for the session. */
  async function storage<T>(operation: (db: Repo) => Promise<T>): Promise<T | undefined> {
    if (!storageAvailable.value) return undefined;
    try {
      return await operation(await loadRepo());
    } catch {
      storageAvailable.value = false;
      return undefined;
    }
  }

  /** The cached copy if it passes the schema; a copy that does not is dropped. */
  async function readCached(id: string): Promise<{ record: CachedReport; document: ReportDocument } | undefined> {
    const record = await storage((db) => db.getCachedReport(id));
    if (record === undefined) return undefined;
    const document = checkReport(record.document);
    if (document === undefined) {
      await storage((db) => db.deleteCachedReport(id));
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

  /** Keeps a copy received from the server (or the service worker's cache, with its date). */
  async function store(id: string, result: Extract<FetchReportResult, { kind: 'ok' }>, fetchedAt: number): Promise<boolean> {
    const done = await storage(async (db) => {
      await db.putCachedReport({
        id,
        version: result.version,
        etag: result.etag,
        updatedAt: result.updatedAt,
        document: result.report,
        fetchedAt,
      });
      return true;
    });
    return done === true;
  }

  let loadToken = 0;

  /**
   * Asks the server about the report on screen (or fetches it when there is none). `cached` is the
   * copy on this device whose ETag was sent; a copy from a pre-rendered page has none.
   */
  async function refresh(id: string, cached: CachedReport | undefined, token: number, writes: Promise<unknown>[]): Promise<void> {
    const result = await tryFetch(id, cached?.etag ?? null);
    if (token !== loadToken) return;
    const hasCopy = report.value !== null;
    const keepCopy = (notice: ReaderNotice, otherwise: ReaderError): void => {
      if (hasCopy) {
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
        if (result.cachedAt !== null) {
          // The network failed and the service worker answered with its old copy: a second line
          // behind ours, used only when this device has no copy of its own (IndexedDB unusable).
          offline.value = true;
          stale.value = true;
          reportNotices.value = [...reportNotices.value, 'refresh_failed'];
          if (!hasCopy) {
            show(result.report, result.version, result.updatedAt);
            dataAsOf.value = result.cachedAt;
            writes.push(store(id, result, result.cachedAt));
          }
          return;
        }
        show(result.report, result.version, result.updatedAt);
        dataAsOf.value = now;
        stale.value = false;
        writes.push(store(id, result, now));
        return;
      case 'not_modified':
        if (cached === undefined) { keepCopy('server_invalid', 'invalid'); return; }
        dataAsOf.value = now;
        stale.value = false;
        writes.push(storage((db) => db.touchCachedReport(id, now)));
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
   * both steps are done and the copy is kept; the state is updated as each arrives. A later call
   * wins over an earlier one still in flight.
   */
  async function loadReport(id: string): Promise<void> {
    const token = ++loadToken;
    if (reportId.value !== id) {
      report.value = null;
      shownVersion = null;
      shownRelease.value = null;
      dataAsOf.value = null;
    }
    reportId.value = id;
    previous.value = null;
    error.value = null;
    stale.value = false;
    reportNotices.value = [];
    loading.value = report.value === null;
    const page = primed?.id === id && report.value !== null ? primed : null;
    if (page === null) openStorage();
    else await whenIdle(); // Painted and hydrated first: the server and IndexedDB can wait.
    if (token !== loadToken) return;
    const writes: Promise<unknown>[] = [];
    // On a pre-rendered page whose database is held back, the server is asked without an ETag.
    let cached = page === null || gate === null || gate.isOpen() ? await readCached(id) : undefined;
    if (token !== loadToken) return;
    // A pre-rendered page newer than the copy on this device wins (and its copy is not revalidated).
    if (cached !== undefined && page !== null && typeof cached.record.version === 'number' && cached.record.version < page.version) {
      cached = undefined;
    }
    if (cached !== undefined) {
      show(cached.document, cached.record.version, cached.record.updatedAt);
      dataAsOf.value = cached.record.fetchedAt;
      loading.value = false;
    } else if (page !== null) {
      dataAsOf.value = page.renderedAt;
    }
    refreshing.value = true;
    try {
      await refresh(id, cached?.record, token, writes);
    } finally {
      if (token === loadToken) {
        refreshing.value = false;
        loading.value = false;
      }
    }
    if (page !== null && writes.length === 0) writes.push(keepPrimed(page));
    await Promise.all(writes);
    if (token === loadToken && report.value !== null) await loadPrevious(report.value, token);
  }

  /**
   * Keeps the pre-rendered copy when the server could not be asked (a page the service worker
   * served offline): unless this device holds the same or a newer version already.
   */
  async function keepPrimed(page: PrimedReport): Promise<void> {
    const cached = await readCached(page.id);
    if (cached !== undefined && !(typeof cached.record.version === 'number' && cached.record.version < page.version)) {
      if (reportId.value === page.id && dataAsOf.value !== null && cached.record.fetchedAt > dataAsOf.value) dataAsOf.value = cached.record.fetchedAt;
      return;
    }
    await storage((db) =>
      db.putCachedReport({ id: page.id, version: page.version, etag: null, updatedAt: page.updatedAt, document: page.document, fetchedAt: page.renderedAt }),
    );
  }

  /** Loads the same agency's report for year − 1 when the index lists one (for comparison). */
  async function loadPrevious(current: ReportDocument, token: number): Promise<void> {
    // The agency's own reports (`<agency>-<year>` ids), never a region's whole index.
    const agencyId = /^([a-z0-9][a-z0-9-]*)-\d{4}$/u.exec(current.id)?.[1];
    if (agencyId !== undefined) await loadAgencyIndex(agencyId);
    else if (indexAsOf.value === null && onDevice.value.length === 0) await loadIndex();
    const { agency, year } = current.meta;
    const entry = [...onDevice.value, ...index.value].find((e) => e.agency.zh === agency.zh && e.year === year - 1);
    if (entry === undefined || token !== loadToken) return;
    let document = (await readCached(entry.id))?.document;
    if (document === undefined) {
      const result = await tryFetch(entry.id, null);
      if (result?.kind === 'ok') {
        document = result.report;
        await store(entry.id, result, result.cachedAt ?? Date.now());
      }
    }
    if (token === loadToken && document !== undefined) previous.value = document;
  }

  /** Adds one agency's reports on the server (GET /api/reports?agency=) to the index; quiet when offline. */
  async function loadAgencyIndex(agencyId: string): Promise<void> {
    await readOnDevice();
    try {
      const { list } = await fetchIndex({ agency: agencyId });
      const merged = new Map(index.value.map((entry) => [entry.id, entry]));
      for (const entry of list) merged.set(entry.id, entry);
      index.value = [...merged.values()];
    } catch {
      // The previous year's figures are an extra: the report is on screen without them.
    }
  }

  let indexLoad: Promise<void> | null = null;

  /**
   * Loads the reports on this device and the server's index (its kept copy first). Calls made
   * while one is running share it (the home page and the previous-year lookup both ask).
   */
  function loadIndex(): Promise<void> {
    openStorage();
    indexLoad ??= readIndex().finally(() => {
      indexLoad = null;
    });
    return indexLoad;
  }

  /** Lists the valid reports on this device (and drops any copy that no longer passes the schema). */
  async function readOnDevice(): Promise<void> {
    const records = (await storage((db) => db.listCachedReports())) ?? [];
    const valid: ReportListing[] = [];
    for (const record of records) {
      const document = checkReport(record.document);
      if (document === undefined) await storage((db) => db.deleteCachedReport(record.id));
      else valid.push(listingOf(record.id, document));
    }
    onDevice.value = valid;
  }

  /** Lists the reports kept on this device (the directory pages show them beside the server's). */
  async function loadOnDevice(): Promise<void> {
    openStorage();
    await readOnDevice();
  }

  async function readIndex(): Promise<void> {
    indexLoading.value = true;
    try {
      await readOnDevice();
      const kept = await storage((db) => db.getCachedIndex());
      if (kept !== undefined && indexAsOf.value === null) {
        index.value = parseIndex(kept.entries);
        indexAsOf.value = kept.fetchedAt;
      }
      try {
        const { list, cachedAt } = await fetchIndex();
        if (cachedAt !== null) {
          // The service worker's old copy: shown only when this device kept none of its own.
          offline.value = true;
          indexFailed.value = true;
          if (kept === undefined) {
            index.value = list;
            indexAsOf.value = cachedAt;
          }
          return;
        }
        const now = Date.now();
        index.value = list;
        indexAsOf.value = now;
        indexFailed.value = false;
        offline.value = false;
        await storage((db) => db.putCachedIndex(list, now));
      } catch (cause) {
        indexFailed.value = true;
        if (cause instanceof TypeError) offline.value = true;
      }
    } finally {
      indexLoading.value = false;
    }
  }

  /**
   * Downloads report `id` onto this device unless a valid copy is there already. Used by "keep on
   * this device" (stores/keep.ts), one report at a time.
   */
  async function keepReport(id: string): Promise<KeepOutcome> {
    openStorage();
    if (!storageAvailable.value) return 'unavailable';
    const cached = await readCached(id);
    // Reading may have found the database unusable.
    if (!usable()) return 'unavailable';
    if (cached !== undefined) return 'already';
    const result = await tryFetch(id, null);
    if (result?.kind !== 'ok') return 'failed';
    if (result.cachedAt !== null) offline.value = true;
    if (!(await store(id, result, result.cachedAt ?? Date.now()))) return 'unavailable';
    const listing = listingOf(id, result.report);
    onDevice.value = [...onDevice.value.filter((r) => r.id !== id), listing];
    return 'kept';
  }

  // What the reader shows: the report with the deployment's reviewed Tibetan paragraphs.
  const translations = useTranslationsStore();
  const reviewedReport = computed(() => (report.value === null ? null : translations.reviewed(report.value)));
  /** Which Tibetan paragraphs of the report on screen are reviewed: block → indices. */
  const reviewedParagraphs = computed(() => translations.reviewedParagraphs(report.value));

  return {
    index,
    indexAsOf,
    indexLoading,
    indexFailed,
    onDevice,
    reportId,
    report: reviewedReport,
    reviewedParagraphs,
    previous,
    dataAsOf,
    shownRelease,
    loading,
    refreshing,
    stale,
    error,
    offline,
    storageAvailable,
    notices,
    prime,
    checkConnectivity,
    loadIndex,
    loadOnDevice,
    loadReport,
    readOnDevice,
    keepReport,
  };
});
