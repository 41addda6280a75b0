/**
 * Helpers for the component tests: the seed report (built by the same code the server seeds
 * with), a stub of the read API, and the whole app mounted on a memory router.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, type Router } from 'vue-router';
import { vi } from 'vitest';
import App from '../../src/App.vue';
import { createAppI18n, type AppI18n } from '../../src/modules/i18n.ts';
import { createAppRouter } from '../../src/router.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { buildSeedReport, parseSeedTranslation } from '../../src/report/seed/index.ts';
import { db } from '../../src/db/index.ts';

// A path, not a URL: under happy-dom `URL` is the DOM's, which node:fs does not take.
const SEED = join(process.cwd(), 'src/report/seed');

/** 波密县倾多镇人民政府 2020 with its (unreviewed) Tibetan, as the server seeds it. */
export function seedReport(): ReportDocument {
  const text = readFileSync(join(SEED, 'qingduo-2020.txt'), 'utf8');
  const bo = parseSeedTranslation(JSON.parse(readFileSync(join(SEED, 'qingduo-2020.bo.json'), 'utf8')));
  return buildSeedReport(text, bo);
}

/** The envelope of GET /api/reports/:id (src/server/api.ts). */
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

/** Empties the database between tests. */
export async function clearDb(): Promise<void> {
  await db.open();
  await Promise.all(db.tables.map((table) => table.clear()));
}

export interface Mounted {
  wrapper: VueWrapper;
  router: Router;
  pinia: Pinia;
  i18n: AppI18n;
}

/** The whole app at `path`, after the first navigation and pending promises have settled. */
export async function mountApp(path: string): Promise<Mounted> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const i18n = createAppI18n();
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

/** Every character of Tibetan script (U+0F00–U+0FFF) in a text. */
export const TIBETAN = /[\u0F00-\u0FFF]/u;
