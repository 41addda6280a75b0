/**
 * Helpers for the component tests: the seed report (built by the same code the server seeds
 * with), a stub of the read API, and the whole app mounted on a memory router.
 */
import { matcher } from '../../src/contract/directory-search.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, type Router } from 'vue-router';
import { afterEach, beforeEach, vi } from 'vitest';
import App from '../../src/App.vue';
import { createAppI18n, type AppI18n } from '../../src/modules/i18n.ts';
import { createAppRouter } from '../../src/router.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { buildSeedReport, parseSeedTranslation } from '../../src/report/seed/index.ts';
import { db } from '../../src/db/index.ts';
import { clearCachedReports } from '../../src/db/reports.ts';

// A path, not a URL: under happy-dom `URL` is the DOM's, which node:fs does not take.
const SEED = join(process.cwd(), 'src/report/seed');

/** 波密县倾多镇人民政府 2020 with its (unreviewed) Tibetan, as the server seeds it. */
export function seedReport(): ReportDocument {
  const text = readFileSync(join(SEED, 'qingduo-2020.txt'), 'utf8');
  const bo = parseSeedTranslation(JSON.parse(readFileSync(join(SEED, 'qingduo-2020.bo.json'), 'utf8')));
  return buildSeedReport(text, bo);
}

/** The envelope of GET /api/reports/:id (src/contract/reports.ts). */
export function reportBody(report: ReportDocument, version = 1): unknown {
  return { id: report.id, version, updatedAt: '2024-05-30T06:00:00.000Z', report };
}

/** The body of GET /api/reports for these reports. */
export function indexBody(reports: ReportDocument[]): unknown {
  return {
    reports: reports.map((r) => ({
      id: r.id,
      version: 1,
      agency: r.meta.agency,
      level: r.meta.level,
      year: r.meta.year,
      template: r.meta.template,
      updatedAt: '2024-05-30T06:00:00.000Z',
    })),
  };
}

/**
 * The body of GET /api/agencies for these reports: the whole server, one page, no agencies known,
 * searched (`q`, the server's own matcher) and filtered by `year` as the server does.
 */
export function listingBody(all: ReportDocument[], params = new URLSearchParams()): unknown {
  const q = params.get('q') ?? '';
  const year = params.get('year');
  const matches = matcher(q);
  const reports = all.filter((r) => (year === null || r.meta.year === Number(year)) && matches({ agency: r.meta.agency, year: r.meta.year }));
  const sorted = [...reports].sort((a, b) => a.meta.agency.zh.localeCompare(b.meta.agency.zh, 'zh') || b.meta.year - a.meta.year);
  return {
    agency: null,
    path: [],
    children: [],
    years: [...new Set(all.map((r) => r.meta.year))].sort((a, b) => b - a),
    filter: { year: year === null ? null : Number(year), q },
    page: { number: 1, size: 50, entries: reports.length, pages: reports.length === 0 ? 0 : 1 },
    reports: sorted.map((r) => ({ id: r.id, agency: r.meta.agency, level: r.meta.level, year: r.meta.year, updatedAt: '2024-05-30T06:00:00.000Z' })),
  };
}

export function json(body: unknown, init: { status?: number; etag?: string } = {}): Response {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  if (init.etag !== undefined) headers.set('ETag', init.etag);
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

export type FetchStub = ReturnType<typeof vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>>;

/** Stubs fetch with an API serving `reports` (ETag "v1"; If-None-Match "v1" gets a 304). */
export function serveReports(reports: ReportDocument[]): FetchStub {
  const answer = (url: string, init?: RequestInit): Response => {
    if (url === '/api/reports') return json(indexBody(reports));
    if (url.startsWith('/api/reports?agency=')) {
      const agency = decodeURIComponent(url.slice('/api/reports?agency='.length));
      return json(indexBody(reports.filter((r) => r.id.startsWith(`${agency}-`))));
    }
    if (url === '/api/agencies' || url.startsWith('/api/agencies?')) return json(listingBody(reports, new URL(url, 'http://lotho.test').searchParams));
    const id = decodeURIComponent(url.replace('/api/reports/', ''));
    const report = reports.find((r) => r.id === id);
    if (report === undefined) return json({ error: { code: 'report_not_found', message: 'no such report' } }, { status: 404 });
    const headers = new Headers(init?.headers);
    if (headers.get('If-None-Match') === '"v1"') return new Response(null, { status: 304 });
    return json(reportBody(report), { etag: '"v1"' });
  };
  const stub = vi.fn((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return Promise.resolve(answer(url, init));
  });
  vi.stubGlobal('fetch', stub);
  return stub;
}

/** Empties the databases between tests (the officials' and the reader's). */
export async function clearDb(): Promise<void> {
  await db.open();
  await Promise.all(db.tables.map((table) => table.clear()));
  await clearCachedReports();
}

export interface Mounted {
  wrapper: VueWrapper;
  router: Router;
  pinia: Pinia;
  i18n: AppI18n;
}

/** The whole app at `path`, after the first navigation and pending promises have settled. */
/**
 * Mounts the whole app at `path`. `prepareI18n` runs before anything renders: vue-i18n keeps its
 * messages in a shallow ref, so messages merged after the first render do not re-render it.
 */
export async function mountApp(path: string, prepareI18n?: (i18n: AppI18n) => void): Promise<Mounted> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const i18n = createAppI18n();
  prepareI18n?.(i18n);
  const router = createAppRouter(createMemoryHistory(), i18n);
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  await settle();
  return { wrapper, router, pinia, i18n };
}

/** Lets fetches, IndexedDB and lazy pages finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Every Blob made into an object URL, by URL; `revoke` spies on URL.revokeObjectURL, which then does nothing. */
export function captureBlobs() {
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const href = `blob:test/${(n += 1)}`;
    blobs.set(href, blob as Blob);
    return href;
  });
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  return { blobs, revoke };
}

/** Every character of Tibetan script (U+0F00–U+0FFF) in a text. */
export const TIBETAN = /[\u0F00-\u0FFF]/u;

/** A reader test file's set-up (readerTestSetup): the seed report of the test, and the app it mounts. */
export interface ReaderTest {
  /** A fresh copy of the seed report, made before each test. */
  readonly seed: ReportDocument;
  /** Mounts the app at `path` (mountApp), unmounting the test's earlier one; unmounted after the test. */
  mount(path: string): Promise<Mounted>;
}

/**
 * The set-up the reader's page tests share: before each test a fresh seed report and an empty
 * database; after it, the app unmounted and the stubbed globals (fetch) restored. Call once at
 * the top of a test file.
 */
export function readerTestSetup(): ReaderTest {
  let seed = seedReport();
  let app: Mounted | undefined;
  const unmount = (): void => {
    app?.wrapper.unmount();
    app = undefined;
  };
  beforeEach(async () => {
    seed = seedReport();
    await clearDb();
  });
  afterEach(() => {
    unmount();
    vi.unstubAllGlobals();
  });
  return {
    get seed() {
      return seed;
    },
    async mount(path) {
      unmount();
      app = await mountApp(path);
      return app;
    },
  };
}
