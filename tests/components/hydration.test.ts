// @vitest-environment happy-dom
/**
 * Hydration of a pre-rendered report page: the app started on the HTML of src/entry-server.ts,
 * with the state the page carries, takes it over without a mismatch, even on a device whose
 * settings and connection differ from the server's; those apply right after, as updates.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { renderReportPage } from '../../src/entry-server.ts';
import { afterHydration, createLothoApp, type LothoApp } from '../../src/app.ts';
import { readState } from '../../src/initial-state.ts';
import { TIBETAN, clearDb, seedReport, serveReports, settle } from './helpers.ts';

const TEMPLATE = '<!doctype html><html lang="zh-Hans"><head><title>x</title></head><body><div id="app"></div></body></html>';

let lotho: LothoApp | undefined;
let warnings: string[] = [];

beforeEach(async () => {
  localStorage.clear();
  await clearDb();
  warnings = [];
  const capture = (...args: unknown[]): void => {
    warnings.push(args.map(String).join(' '));
  };
  vi.spyOn(console, 'warn').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
});

afterEach(() => {
  lotho?.app.unmount();
  lotho = undefined;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Puts the pre-rendered page in the document, as the browser would have parsed it. */
async function prerendered(lang: 'zh' | 'bo'): Promise<string> {
  const seed = seedReport();
  // Rendered as the pre-renderer renders, in this browser-like environment.
  vi.stubEnv('SSR', true);
  const page = await renderReportPage({
    template: TEMPLATE,
    report: { id: seed.id, version: 1, updatedAt: '2024-05-30T06:00:00.000Z', document: seed },
    lang,
  });
  vi.unstubAllEnvs();
  document.body.innerHTML = page.html.slice(page.html.indexOf('<body>') + 6, page.html.indexOf('</body>'));
  return page.url;
}

/** What boot.ts does with such a page. */
async function hydrate(url: string): Promise<LothoApp> {
  const initialState = readState(document);
  expect(initialState).toBeDefined();
  const app = createLothoApp({ history: createMemoryHistory(), ssr: true, ...(initialState ? { initialState } : {}) });
  await app.router.push(url);
  await app.router.isReady();
  app.app.mount('#app');
  return app;
}

function hydrationWarnings(): string[] {
  return warnings.filter((w) => /hydrat|mismatch/iu.test(w));
}

describe('hydrating a pre-rendered report', () => {
  it('takes the Chinese page over without a mismatch and without refetching before it', async () => {
    const fetch = serveReports([seedReport()]);
    const url = await prerendered('zh');
    const header = document.querySelector('.report-header');
    const html = header?.outerHTML;
    lotho = await hydrate(url);
    expect(hydrationWarnings()).toEqual([]);
    // The same elements, not a re-render, and nothing was asked of the server to draw them.
    expect(document.querySelector('.report-header')).toBe(header);
    expect(header?.outerHTML).toBe(html);
    expect(fetch).not.toHaveBeenCalled();
    expect(document.querySelector('.report-header .agency')?.textContent).toBe('波密县倾多镇人民政府');
  });

  it('on a device that chose Tibetan digits and is offline: no mismatch, then both show', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    localStorage.setItem('lotho.digits', 'tibetan');
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const url = await prerendered('bo');
    lotho = await hydrate(url);
    expect(hydrationWarnings()).toEqual([]);
    expect(document.querySelector('.report-header .name')?.textContent).toMatch(/^2020/u);
    afterHydration(lotho);
    await settle();
    expect(document.querySelector('.report-header .name')?.textContent).toMatch(/^༢༠༢༠/u);
    expect(document.querySelector('.app-header .offline')).not.toBeNull();
  });

  it('then works as the app: the language switch navigates on the client', async () => {
    serveReports([seedReport()]);
    const url = await prerendered('zh');
    lotho = await hydrate(url);
    (document.querySelector('a.lang-switch') as HTMLAnchorElement).click();
    await settle();
    expect(lotho.router.currentRoute.value.fullPath).toBe('/bo/reports/qingduo-2020');
    expect(document.querySelector('.report-header .agency')?.textContent).toMatch(TIBETAN);
    expect(hydrationWarnings()).toEqual([]);
  });

  it('checks the server once hydrated and keeps the copy on this device', async () => {
    const fetch = serveReports([seedReport()]);
    const url = await prerendered('zh');
    lotho = await hydrate(url);
    await vi.waitFor(() => {
      expect(fetch).toHaveBeenCalledWith('/api/reports/qingduo-2020', expect.anything());
    });
    const { db } = await import('../../src/db/index.ts');
    await vi.waitFor(async () => {
      expect((await db.reports.get('qingduo-2020'))?.etag).toBe('"v1"');
    });
    await settle();
    expect(document.querySelector('.report-status .as-of')?.textContent).toMatch(/2\d{3}年/u);
  });
});
