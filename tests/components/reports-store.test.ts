// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { getCachedReport, listCachedReports, putCachedReport } from '../../src/db/reports.ts';
import { useReportsStore } from '../../src/stores/reports.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { clearDb, json, reportBody, seedReport, serveReports, settle } from './helpers.ts';

const ID = 'qingduo-2020';

function cacheCopy(document: unknown, fetchedAt = 1_000, etag: string | null = '"v1"') {
  return putCachedReport({ id: ID, version: 1, etag, updatedAt: null, document, fetchedAt });
}

/** The API, except that the first request waits: to look at the state while it is in flight. */
function deferredFetch(reports: ReportDocument[]) {
  let resolve!: (response: Response) => void;
  const stub = serveReports(reports);
  stub.mockImplementationOnce(
    () =>
      new Promise<Response>((r) => {
        resolve = r;
      }),
  );
  return { stub, answer: (response: Response) => { resolve(response); } };
}

let seed: ReportDocument;

beforeEach(async () => {
  setActivePinia(createPinia());
  seed = seedReport();
  await clearDb();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('reports store: loadReport', () => {
  it('shows the cached copy at once, then the server copy, and stores it', async () => {
    const old: ReportDocument = { ...seed, cells: { ...seed.cells, 'requests.new_received.total': 7 } };
    await cacheCopy(old, 1_000, '"v0"');
    const { stub, answer } = deferredFetch([seed]);
    const store = useReportsStore();

    const done = store.loadReport(ID);
    await vi.waitFor(() => { expect(stub).toHaveBeenCalled(); });
    // The request is still open: what the reader sees is the cached copy.
    expect(store.report?.cells['requests.new_received.total']).toBe(7);
    expect(store.dataAsOf).toBe(1_000);
    expect(store.refreshing).toBe(true);
    const [, init] = stub.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get('If-None-Match')).toBe('"v0"');

    answer(json(reportBody(seed, 2), { etag: '"v2"' }));
    await done;
    expect(store.report?.cells['requests.new_received.total']).toBe(0);
    expect(store.refreshing).toBe(false);
    expect(store.dataAsOf).toBeGreaterThan(1_000);
    const stored = await getCachedReport(ID);
    expect(stored?.etag).toBe('"v2"');
    expect(stored?.version).toBe(2);
  });

  it('keeps the cached copy on 304 and moves "data as of" forward', async () => {
    await cacheCopy(seed, 1_000, '"v1"');
    serveReports([seed]);
    const store = useReportsStore();
    await store.loadReport(ID);
    expect(store.report?.id).toBe(ID);
    expect(store.stale).toBe(false);
    expect(store.dataAsOf).toBeGreaterThan(1_000);
    expect((await getCachedReport(ID))?.fetchedAt).toBe(store.dataAsOf);
  });

  it('drops a corrupt cached record and fetches the report again', async () => {
    await cacheCopy({ schema: 1, id: ID, meta: { year: 'twenty' } }, 1_000, '"v1"');
    const stub = serveReports([seed]);
    const store = useReportsStore();
    await store.loadReport(ID);
    // Fetched unconditionally: the dropped copy's ETag must not earn a 304 with nothing to show.
    const [, init] = stub.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get('If-None-Match')).toBeNull();
    expect(store.report?.meta.agency.zh).toBe('波密县倾多镇人民政府');
    expect(store.error).toBeNull();
    const stored = await getCachedReport(ID);
    expect((stored?.document as ReportDocument).meta.year).toBe(2020);
  });

  it('never shows a corrupt cached record, even offline, and deletes it', async () => {
    await cacheCopy({ schema: 1, id: ID }, 1_000, '"v1"');
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const store = useReportsStore();
    await store.loadReport(ID);
    expect(store.report).toBeNull();
    expect(store.error).toBe('network');
    expect(await getCachedReport(ID)).toBeUndefined();
  });

  it('keeps the cached copy with a notice when the API fails', async () => {
    await cacheCopy(seed, 1_000);
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const store = useReportsStore();
    await store.loadReport(ID);
    expect(store.report?.id).toBe(ID);
    expect(store.error).toBeNull();
    expect(store.stale).toBe(true);
    expect(store.offline).toBe(true);
    expect(store.notices).toContain('refresh_failed');
    expect(store.dataAsOf).toBe(1_000);
  });

  it('stays offline when a pre-rendered page learned it before hydrating finished', async () => {
    // A slow phone with no route to the server (navigator.onLine still true): the request fails
    // while the page is still hydrating, and the check after hydration must not undo what it learned.
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const store = useReportsStore();
    store.prime({ id: ID, version: 1, updatedAt: '2024-06-30T06:00:00.000Z', document: seed, renderedAt: 1_000 });
    await store.loadReport(ID);
    expect(store.offline).toBe(true);
    expect(store.notices).toContain('refresh_failed');
    store.checkConnectivity();
    expect(store.offline).toBe(true);
  });

  it('keeps the cached copy with a notice when the server answers 500', async () => {
    await cacheCopy(seed, 1_000);
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(json({ error: { code: 'internal_error' } }, { status: 500 }))));
    const store = useReportsStore();
    await store.loadReport(ID);
    expect(store.report?.id).toBe(ID);
    expect(store.notices).toEqual(['refresh_failed']);
    expect(store.offline).toBe(false);
  });

  it('refuses a server answer that is not a valid report', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(json({ id: ID, version: 1, updatedAt: 'x', report: {} }))));
    const store = useReportsStore();
    await store.loadReport(ID);
    expect(store.report).toBeNull();
    expect(store.error).toBe('invalid');
    expect(await listCachedReports()).toHaveLength(0);
  });

  it('says not_found for an unknown report with nothing cached', async () => {
    serveReports([seed]);
    const store = useReportsStore();
    await store.loadReport('no-such-report');
    expect(store.report).toBeNull();
    expect(store.error).toBe('not_found');
  });

  it('falls back to the network with a notice when IndexedDB fails', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    serveReports([seed]);
    const store = useReportsStore();
    await store.loadReport(ID);
    expect(store.report?.id).toBe(ID);
    expect(store.error).toBeNull();
    expect(store.storageAvailable).toBe(false);
    expect(store.notices).toContain('storage_unavailable');
  });

  it('lets the last of two quick loads win', async () => {
    const other: ReportDocument = { ...seed, id: 'other-2020' };
    serveReports([seed, other]);
    const store = useReportsStore();
    const first = store.loadReport(ID);
    const second = store.loadReport('other-2020');
    await Promise.all([first, second]);
    expect(store.reportId).toBe('other-2020');
    expect(store.report?.id).toBe('other-2020');
  });

  it("loads the same agency's previous year when the index lists it", async () => {
    const previous: ReportDocument = {
      ...seed,
      id: 'qingduo-2019',
      meta: { ...seed.meta, year: 2019 },
      cells: { ...seed.cells, 'requests.new_received.total': 4 },
    };
    serveReports([seed, previous]);
    const store = useReportsStore();
    await store.loadReport(ID);
    await settle();
    expect(store.previous?.meta.year).toBe(2019);
    expect(store.previous?.cells['requests.new_received.total']).toBe(4);
  });
});

describe('reports store: loadIndex', () => {
  it('lists the server index and the reports on this device; keeps the index for offline use', async () => {
    const other: ReportDocument = { ...seed, id: 'cached-only', meta: { ...seed.meta, year: 2019 } };
    await putCachedReport({ id: 'cached-only', version: 1, etag: null, updatedAt: null, document: other, fetchedAt: 5 });
    await putCachedReport({ id: 'broken', version: 1, etag: null, updatedAt: null, document: 'garbage', fetchedAt: 5 });
    serveReports([seed]);
    const store = useReportsStore();
    await store.loadIndex();
    expect(store.index.map((r) => r.id)).toEqual([ID]);
    expect(store.onDevice.map((r) => r.id)).toEqual(['cached-only']);
    // The broken record is gone for good.
    expect(await getCachedReport('broken')).toBeUndefined();

    // Next visit, offline: the kept index is shown.
    setActivePinia(createPinia());
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('offline'))));
    const offline = useReportsStore();
    await offline.loadIndex();
    expect(offline.index.map((r) => r.id)).toEqual([ID]);
    expect(offline.indexFailed).toBe(true);
    expect(offline.offline).toBe(true);
  });
});
