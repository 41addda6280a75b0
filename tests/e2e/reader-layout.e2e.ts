/**
 * The report page's text on a desktop (issue 12): lines of prose no wider than print's measure
 * (about 40 em), in both languages, while the tables keep the page's width. On a phone: the
 * sections far below the first screen are not laid out before they near it (content-visibility,
 * ReportPage.vue), and the downloads button still brings the downloads into view.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ReportPage } from './pages/ReportPage.ts';
import { DESKTOP, PHONE, openSession, type Session } from './support/browser.ts';
import { REPORT_ID, message } from './support/content.ts';

let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Widths of the report's text blocks, in em of their own font size. */
interface Measure {
  widest: number;
  blocks: number;
  tableWidth: number;
  pageWidth: number;
}

describe('the report on a desktop', () => {
  for (const lang of ['zh', 'bo'] as const) {
    it(`keeps text lines to about 40 em (${lang})`, async () => {
      session = await openSession(DESKTOP);
      const report = new ReportPage(session.page);
      await report.goto(lang, REPORT_ID);
      await report.waitForReport();
      const measure = await session.page.evaluate((): Measure => {
        const article = document.querySelector('article.report');
        if (article === null) throw new Error('no article.report');
        let widest = 0;
        let blocks = 0;
        for (const el of article.querySelectorAll('.prose p')) {
          if (el.textContent.trim().length < 80) continue;
          blocks += 1;
          widest = Math.max(widest, el.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize));
        }
        const table = article.querySelector('table');
        return { widest, blocks, tableWidth: table?.getBoundingClientRect().width ?? 0, pageWidth: article.getBoundingClientRect().width };
      });
      expect(measure.blocks).toBeGreaterThan(5);
      // Long paragraphs fill the measure (so it is the cap that stops them), and never pass it.
      expect(measure.widest).toBeGreaterThan(39);
      expect(measure.widest).toBeLessThanOrEqual(40.01);
      // The page is wider than the measure, and the tables use its width.
      expect(measure.pageWidth / 16).toBeGreaterThan(60);
      expect(measure.tableWidth).toBeGreaterThan(measure.pageWidth * 0.9);
    });
  }
});

describe('the report on a phone', () => {
  it('lays out a section when it nears the screen, and the downloads button still shows the downloads (bo)', async () => {
    session = await openSession(PHONE);
    const report = new ReportPage(session.page);
    await report.goto('bo', REPORT_ID);
    await report.waitForReport();
    const page = session.page;
    // The last section's heading, several screens down, has not been laid out yet.
    const lastDrawn = (): Promise<boolean> =>
      page.evaluate(() => document.querySelector('section:last-of-type > h2')?.checkVisibility({ contentVisibilityAuto: true }) ?? false);
    expect(await lastDrawn()).toBe(false);
    // The downloads are drawn by the app (not pre-rendered): the jump needs the app to have taken over.
    await page.waitForFunction(() => {
      const container = document.getElementById('app');
      return container !== null && '__vue_app__' in container && document.getElementById('downloads-title') !== null;
    });
    await page.getByRole('link', { name: message('bo', 'reader.tools.downloads') }).click();
    // The sections between were only estimated: once drawn near the screen, the heading stays in view.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const rect = document.getElementById('downloads-title')?.getBoundingClientRect();
          return rect !== undefined && rect.top >= 0 && rect.bottom <= window.innerHeight;
        }),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await lastDrawn()).toBe(true);
  });
});
