/**
 * The residents' reader in Debian's Chromium, where playwright sees every request: the Tibetan
 * web font never requested by Chinese pages, the pre-rendered page's scripts, manifest and icon
 * asked for only once its first paint is on screen, and unknown addresses. The seed report in both
 * languages, the phone's width, screenshots and offline reading run in every engine
 * (engines/flows/reader.ts).
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { HomePage } from './pages/HomePage.ts';
import { ReportPage } from './pages/ReportPage.ts';
import { PHONE, openSession, type Session } from './support/browser.ts';
import { REPORT_ID, message } from './support/content.ts';

let session: Session | undefined;

async function open(viewport: { width: number; height: number } = PHONE): Promise<Session> {
  session = await openSession(viewport);
  return session;
}

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Requests for the Tibetan web font file (src/assets/fonts/NotoSerifTibetan-*.woff2, served under /assets/). */
function tibetanFontRequests(s: Session): string[] {
  return s.requests.map((r) => r.url()).filter((url) => /\.woff2(?:$|\?)/.test(url) && /tibetan/i.test(url));
}

describe('the Tibetan font on Chinese pages', () => {
  it('is never requested by a Chinese report page or the Chinese home page', async () => {
    const s = await open();
    const report = new ReportPage(s.page);
    await report.goto('zh', REPORT_ID);
    await report.waitForReport();
    await s.page.waitForLoadState('networkidle');
    expect(await s.page.locator('link[rel="preload"][as="font"]').count()).toBe(0);
    expect((await report.tibetanFont()).faces.every((status) => status === 'unloaded')).toBe(true);

    const home = new HomePage(s.page);
    await home.goto('zh');
    await home.waitForList();
    await s.page.waitForLoadState('networkidle');
    await home.tibetanFont();

    expect(tibetanFontRequests(s)).toEqual([]);
    // The recording works: the same session loads the font as soon as a Tibetan page is shown
    // that brings no subset of its own (the side-by-side view is not pre-rendered).
    await s.page.goto(`/bo/reports/${REPORT_ID}/side-by-side`);
    await s.page.locator('main h1').waitFor({ state: 'visible', timeout: 15_000 });
    await report.tibetanFont();
    expect(tibetanFontRequests(s).length).toBeGreaterThan(0);
  });
});

describe('the pre-rendered report page', () => {
  for (const lang of ['zh', 'bo'] as const) {
    it(`asks for no script, manifest or icon until its first paint is on screen, then hydrates (${lang})`, async () => {
      const s = await open();
      // When the page's manifest <link> is added and its icon's address set, by the page's clock.
      await s.page.addInitScript(() => {
        const added: { manifest?: number; icon?: number } = {};
        (globalThis as unknown as { linksAdded: typeof added }).linksAdded = added;
        new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) if (node instanceof HTMLLinkElement && node.rel === 'manifest') added.manifest ??= performance.now();
            if (record.type === 'attributes' && record.target instanceof HTMLLinkElement && record.target.rel === 'icon') added.icon ??= performance.now();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['href'] });
      });
      const report = new ReportPage(s.page);
      await report.goto(lang, REPORT_ID);
      // Hydrated: the status line's release time is written in once the app has mounted.
      await report.status.locator('.release').waitFor({ state: 'visible', timeout: 60_000 });
      const timing = await s.page.evaluate(() => {
        const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        const scripts = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.endsWith('.js'));
        return {
          loaded: navigation?.loadEventStart ?? Number.NaN,
          painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          starts: scripts.map((entry) => entry.startTime),
          added: (globalThis as unknown as { linksAdded: { manifest?: number; icon?: number } }).linksAdded,
          manifest: document.querySelector('link[rel="manifest"]')?.getAttribute('href'),
          icon: document.querySelector('link[rel="icon"]')?.getAttribute('href'),
        };
      });
      // The app's entry and its chunks, the manifest and the icon (src/contract/boot-loader.ts):
      // none is asked for before the page's first paint has been presented, so none competes with
      // it, nor ends before it in Lighthouse's simulation.
      expect(timing.starts.length).toBeGreaterThan(0);
      expect(timing.loaded).toBeGreaterThan(0);
      expect(timing.painted).toBeGreaterThan(0);
      expect(Math.min(...timing.starts)).toBeGreaterThanOrEqual(Math.max(timing.loaded, timing.painted));
      expect(timing.added.manifest).toBeGreaterThanOrEqual(timing.painted);
      expect(timing.added.icon).toBeGreaterThanOrEqual(timing.painted);
      // And then they are the page's: installable, with its icon.
      expect(timing.manifest).toBe('/manifest.webmanifest');
      expect(timing.icon).toBe('/icons/icon-48.png');
      expect(s.pageErrors).toEqual([]);
    }, 120_000);
  }

  // The page must fit Lighthouse's first round trip (14.6 kB with its headers): the home page's
  // directory (ReportDirectory.vue) once sat in the report page's chunk and its rules were inlined
  // into every report page (vite.config.ts, the `reader` group).
  it('inlines none of the home page directory\'s styles', async () => {
    const get = async (path: string): Promise<string> => (await fetch(`${inject('baseURL')}${path}`)).text();
    const styles = (html: string): string => [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gu)].map((m) => m[1]).join('');
    const home = await get('/zh');
    const scope = /<div class="directory" (data-v-[0-9a-f]+)/u.exec(home)?.[1];
    expect(scope).toBeDefined();
    // The home page itself has them (its pre-rendered page paints styled).
    expect(styles(home)).toContain(`[${scope ?? ''}]`);
    for (const lang of ['zh', 'bo'] as const) expect(styles(await get(`/${lang}/reports/${REPORT_ID}`))).not.toContain(`[${scope ?? ''}]`);
  });
});

describe('an unknown report id', () => {
  for (const lang of ['zh', 'bo'] as const) {
    it(`shows the not-found page in its language (${lang})`, async () => {
      const s = await open();
      const report = new ReportPage(s.page);
      await report.goto(lang, 'nope-2099');
      await report.errorTitle.waitFor({ state: 'visible', timeout: 15_000 });

      expect(await report.errorTitle.innerText()).toBe(message(lang, 'reader.errors.not_found.title'));
      expect(await report.mainText()).toContain(message(lang, 'reader.errors.not_found.body'));
      expect(await report.article.count()).toBe(0);
      expect(await report.htmlLang()).toBe(lang === 'zh' ? 'zh-Hans' : 'bo');
    });
  }

  it('is a 404 with a JSON error from the API', async () => {
    const response = await fetch(`${inject('baseURL')}/api/reports/nope-2099`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    expect(body.error?.code).toBe('report_not_found');
    expect(typeof body.error?.message).toBe('string');
  });

  it('an unknown address shows the bilingual not-found page (both languages at once)', async () => {
    const s = await open();
    const page = new ReportPage(s.page);
    await s.page.goto('/zh/nope/2099');
    await s.page.locator('.not-found').waitFor({ state: 'visible', timeout: 15_000 });
    const text = await page.mainText();
    expect(text).toContain(message('zh', 'app.notFound.title'));
    expect(text).toContain(message('bo', 'app.notFound.title'));
  });
});

