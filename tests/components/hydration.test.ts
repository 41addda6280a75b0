// @vitest-environment happy-dom
/**
 * Hydration of a pre-rendered report page: the app started on the HTML of src/entry-server.ts,
 * with the state the page carries, takes it over without a mismatch, even on a device whose
 * settings and connection differ from the server's; those apply right after, as updates.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { renderListingPage, renderReportPage } from '../../src/entry-server.ts';
import { afterHydration, createLothoApp, type LothoApp } from '../../src/app.ts';
import { directoryKey, type DirectoryListing } from '../../src/contract/directory.ts';
import { readListingState, readState } from '../../src/initial-state.ts';
import { hydrated } from '../../src/modules/hydration-turns.ts';
import { getCachedReport } from '../../src/db/reports.ts';
import { useReportsStore } from '../../src/stores/reports.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { flushPromises } from '@vue/test-utils';
import zhCN from '../../locales/zh-CN.json';
import bo from '../../locales/bo.json';
import { baseCompile } from '@intlify/message-compiler';
import type { ServedOverlay } from '../../src/report/review/overlay.ts';
import { TIBETAN, clearDb, listingBody, seedReport, serveReports, settle } from './helpers.ts';

const TEMPLATE =
  '<!doctype html><html lang="zh-Hans"><head><title>x</title><script type="module" crossorigin src="/assets/index-abc.js"></script></head><body><div id="app"></div></body></html>';

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
async function prerendered(lang: 'zh' | 'bo', seed = seedReport()): Promise<string> {
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

/** What boot.ts does with such a page, up to the mount (some parts then wait for their turn). */
async function mount(url: string): Promise<LothoApp> {
  const initialState = readState(document);
  expect(initialState).toBeDefined();
  const app = createLothoApp({ history: createMemoryHistory(), ssr: true, ...(initialState ? { initialState } : {}) });
  await app.router.push(url);
  await app.router.isReady();
  app.app.mount('#app');
  return app;
}

/** Mounted, and every part hydrated (boot.ts applies the device's settings then). */
async function hydrate(url: string): Promise<LothoApp> {
  const app = await mount(url);
  await hydrated();
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
    lotho = await mount(url);
    // Nothing was asked of the server to draw them.
    expect(fetch).not.toHaveBeenCalled();
    await hydrated();
    expect(hydrationWarnings()).toEqual([]);
    // The same elements, not a re-render.
    expect(document.querySelector('.report-header')).toBe(header);
    expect(header?.outerHTML).toBe(html);
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
    await vi.waitFor(async () => {
      expect((await getCachedReport('qingduo-2020'))?.etag).toBe('"v1"');
    });
    await settle();
    expect(document.querySelector('.report-status .as-of')?.textContent).toMatch(/2\d{3}年/u);
  });
});

describe('the parts of a report that hydrate in turns (lazy-parts.ts)', () => {
  /** The seed with its last section written in Tibetan only: a Chinese page offers to show it. */
  function tibetanOnlySection(): ReportDocument {
    const report = seedReport();
    report.sections.other = { bo: 'མེད།', original: 'bo', translationReviewed: false };
    return report;
  }
  const showOther = (): HTMLButtonElement | null => document.querySelector('#section-other ~ .prose button');
  const shownOther = (): string | undefined => document.querySelector('#section-other ~ .prose .other')?.textContent.trim();

  it('hydrate after the mount, each in a later task; then their controls work', async () => {
    serveReports([seedReport()]);
    const url = await prerendered('zh', tibetanOnlySection());
    lotho = await mount(url);
    // Not yet hydrated: a click (with no press before it) reaches no handler.
    showOther()?.click();
    await flushPromises();
    expect(showOther()?.getAttribute('aria-expanded')).toBe('false');
    await hydrated();
    showOther()?.click();
    await flushPromises();
    expect(shownOther()).toBe('མེད།');
    expect(hydrationWarnings()).toEqual([]);
  });

  it('a part pressed before its turn hydrates at once, and the click that follows works', async () => {
    serveReports([seedReport()]);
    const url = await prerendered('zh', tibetanOnlySection());
    lotho = await mount(url);
    const button = showOther();
    button?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button?.click();
    await flushPromises();
    expect(shownOther()).toBe('མེད།');
    expect(hydrationWarnings()).toEqual([]);
  });

  it('switching language before their turn: every paragraph in Tibetan, marked so, no mismatch', async () => {
    serveReports([seedReport()]);
    const url = await prerendered('zh');
    lotho = await mount(url);
    (document.querySelector('a.lang-switch') as HTMLAnchorElement).click();
    await settle();
    expect(lotho.router.currentRoute.value.fullPath).toBe('/bo/reports/qingduo-2020');
    const paragraphs = [...document.querySelectorAll('#section-overview ~ .prose > p:not(.badge)')];
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const p of paragraphs) {
      expect(p.getAttribute('lang')).toBe('bo');
      expect(p.textContent).toMatch(TIBETAN);
    }
    expect(hydrationWarnings()).toEqual([]);
  });

  it('a newer copy of the report that arrives before their turn shows, in the prose and in a table not scrolled to', async () => {
    const newer = seedReport();
    newer.sections.other = { zh: '本年度无其他需要报告的事项。', original: 'zh', translationReviewed: false };
    newer.cells['requests.new_received.total'] = 4321;
    serveReports([newer]);
    const url = await prerendered('zh');
    const tables = document.querySelectorAll('.rt-table').length;
    lotho = await mount(url);
    useReportsStore(lotho.pinia).prime({ id: newer.id, version: 2, updatedAt: '2024-06-30T06:00:00.000Z', document: newer, renderedAt: Date.now() });
    await hydrated();
    await settle();
    expect(document.querySelector('#section-other ~ .prose p')?.textContent.trim()).toBe('本年度无其他需要报告的事项。');
    expect(document.querySelectorAll('#section-other ~ .prose p')).toHaveLength(1);
    expect(document.querySelector('.rt-requests')?.textContent).toContain('4321');
    // Rendered in place of the server's markup, not beside it.
    expect(document.querySelectorAll('.rt-table')).toHaveLength(tables);
  });
});

describe('hydrating a server-rendered home page on an iPhone', () => {
  const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';
  const SEVEN_DAYS = { zh: zhCN.reader.keep.sevenDays, bo: bo.reader.keep.sevenDays };

  /** The home page as the server renders it for every browser (one cached copy). */
  async function homePage(lang: 'zh' | 'bo'): Promise<string> {
    vi.stubEnv('SSR', true);
    const { html } = await renderListingPage({
      template: TEMPLATE,
      url: `/${lang}`,
      lang,
      key: directoryKey(null, {}),
      listing: listingBody([seedReport()]) as DirectoryListing,
    });
    vi.unstubAllEnvs();
    document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
    return `/${lang}`;
  }

  for (const lang of ['zh', 'bo'] as const) {
    it(`${lang}: the page as served has no keep section; once hydrated, its button and the 7-day note come in one render`, async () => {
      vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(IPHONE);
      serveReports([seedReport()]);
      const url = await homePage(lang);
      // Nothing on the server knows the browser: no button that would do nothing before the app starts.
      expect(document.querySelector('.directory')).not.toBeNull();
      expect(document.querySelector('.keep')).toBeNull();
      const listing = readListingState(document);
      expect(listing).toBeDefined();
      const app = createLothoApp({ history: createMemoryHistory(), ssr: true, ...(listing ? { initialListing: listing } : {}) });
      lotho = app;
      await app.router.push(url);
      await app.router.isReady();
      app.app.mount('#app');
      expect(hydrationWarnings()).toEqual([]);
      await vi.waitFor(() => {
        expect(document.querySelector('.keep button')).not.toBeNull();
      });
      expect(document.querySelector('.keep .seven-days')?.textContent.trim()).toBe(SEVEN_DAYS[lang]);
    });
  }
});

describe('hydrating a server-rendered Tibetan home page with reviewed Tibetan', () => {
  it('shows the reviewed UI string in the HTML and keeps it when the app takes the page over', async () => {
    const reviewed = 'ལས་ཁུངས་ཡོངས་རྫོགས། (reviewed)';
    const translations: ServedOverlay = {
      revision: 'r1',
      messages: { 'reader.home.search': reviewed },
      reviewedKeys: ['reader.home.search'],
      paragraphs: {},
      compiled: { 'reader.home.search': baseCompile(reviewed, { jit: true, location: false }).ast },
    };
    serveReports([seedReport()]);
    vi.stubEnv('SSR', true);
    const { html } = await renderListingPage({
      template: TEMPLATE,
      url: '/bo',
      lang: 'bo',
      key: directoryKey(null, {}),
      listing: listingBody([seedReport()]) as DirectoryListing,
      translations,
    });
    vi.unstubAllEnvs();
    document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
    const label = () => document.querySelector('label[for="directory-q"]')?.textContent.trim();
    expect(label()).toBe(reviewed);
    expect(bo.reader.home.search).not.toBe(reviewed);
    const listing = readListingState(document);
    expect(listing?.translations?.revision).toBe('r1');
    const app = createLothoApp({ history: createMemoryHistory(), ssr: true, ...(listing ? { initialListing: listing } : {}) });
    lotho = app;
    await app.router.push('/bo');
    await app.router.isReady();
    app.app.mount('#app');
    expect(hydrationWarnings()).toEqual([]);
    expect(label()).toBe(reviewed);
  });
});
