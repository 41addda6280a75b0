/**
 * The residents' reader in Debian's Chromium, online: the seed report in Chinese and Tibetan, the
 * Tibetan web font (loaded on Tibetan pages, never requested by Chinese ones), a phone's width,
 * screenshots for a person to look at, and unknown addresses.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { HomePage } from './pages/HomePage.ts';
import { ReportPage } from './pages/ReportPage.ts';
import { DESKTOP, PHONE, artifact, openSession, type Session } from './support/browser.ts';
import { REPORT_ID, SEED, message, type Lang } from './support/content.ts';

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

describe('the seed report, qingduo-2020', () => {
  it('renders in Chinese: 倾多镇, 893, <html lang="zh-Hans">, the Chinese title', async () => {
    const s = await open();
    const report = new ReportPage(s.page);
    await report.goto('zh', REPORT_ID);
    await report.waitForReport();

    expect(await report.agency.innerText()).toContain(SEED.agencyZh);
    const text = await report.articleText();
    expect(text).toContain(SEED.figure);
    expect(text).toContain(message('zh', 'reader.title', { year: 2020 }));
    expect(await report.htmlLang()).toBe('zh-Hans');
    expect(s.pageErrors).toEqual([]);
  });

  it('renders in Tibetan with the Tibetan web font: agency, prose, 893, bo messages, <html lang="bo">', async () => {
    const s = await open();
    const report = new ReportPage(s.page);
    await report.goto('bo', REPORT_ID);
    await report.waitForReport();

    expect(await report.agency.innerText()).toBe(SEED.agencyBo);
    expect(await s.page.getByText(SEED.overviewBo).first().isVisible()).toBe(true);
    const text = await report.articleText();
    expect(text).toContain(SEED.figure);
    expect(text).toContain(message('bo', 'reader.title', { year: 2020 }));
    expect(text).toContain(message('bo', 'reader.tools.sideBySide'));
    expect(await report.htmlLang()).toBe('bo');

    const font = await report.tibetanFont();
    expect(font.check).toBe(true);
    expect(font.faces).toContain('loaded');
    // No Tibetan font is installed on the test machine: the glyphs come from our woff2, the very
    // file the pre-rendered page preloads (a different address would download it twice).
    const preloaded = await s.page.locator('link[rel="preload"][as="font"]').getAttribute('href');
    expect(preloaded).toMatch(/^\/assets\/NotoSerifTibetan-[\w-]+\.woff2$/u);
    expect(tibetanFontRequests(s).map((url) => new URL(url).pathname)).toContain(preloaded);
    expect(s.pageErrors).toEqual([]);
  });

  it('keeps screenshots of the Tibetan page at 360×740 and 1280×800 (artifacts/e2e/)', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const s = await open(viewport);
      const report = new ReportPage(s.page);
      await report.goto('bo', REPORT_ID);
      await report.waitForReport();
      expect((await report.tibetanFont()).check).toBe(true);
      const size = `${String(viewport.width)}x${String(viewport.height)}`;
      await s.page.screenshot({ path: artifact(`report-bo-${size}.png`) });
      await s.page.screenshot({ path: artifact(`report-bo-${size}-full.png`), fullPage: true });
      await s.close();
      session = undefined;
    }
  });
});

describe('a phone 360 px wide', () => {
  const pages: { name: string; lang: Lang; path: string; ready: (s: Session) => Promise<void> }[] = [];
  for (const lang of ['zh', 'bo'] as const) {
    pages.push(
      { name: `${lang} report`, lang, path: ReportPage.path(lang, REPORT_ID), ready: (s) => new ReportPage(s.page).waitForReport() },
      {
        name: `${lang} report side by side`,
        lang,
        path: `${ReportPage.path(lang, REPORT_ID)}/side-by-side`,
        ready: (s) => new ReportPage(s.page).waitForReport(),
      },
      { name: `${lang} home`, lang, path: HomePage.path(lang), ready: (s) => new HomePage(s.page).waitForList() },
    );
  }

  it('never scrolls sideways: the document is at most 360 px wide on every reader page', async () => {
    const s = await open(PHONE);
    const page = new HomePage(s.page);
    const widths: Record<string, number> = {};
    for (const entry of pages) {
      await s.page.goto(entry.path);
      await entry.ready(s);
      await page.tibetanFont();
      widths[entry.name] = await page.scrollWidth();
    }
    const tooWide = Object.entries(widths).filter(([, width]) => width > PHONE.width);
    expect(tooWide, JSON.stringify(widths)).toEqual([]);
  });
});

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
    // The recording works: the same session loads the font as soon as a Tibetan page is shown.
    await report.goto('bo', REPORT_ID);
    await report.waitForReport();
    await report.tibetanFont();
    expect(tibetanFontRequests(s).length).toBeGreaterThan(0);
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

