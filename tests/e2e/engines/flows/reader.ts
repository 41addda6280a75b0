/**
 * The residents' reader in one engine: the seed report in Chinese and Tibetan with the Tibetan
 * web font, Tibetan shaping compared with Chromium's, a phone's 360 px, the language switch,
 * offline after one visit (the device's link cut: the service worker and IndexedDB serve), and
 * "keep on this device" with whatever the engine says about keeping data.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_ID, SEED, message } from '../../support/content.ts';
import { difference, sideBySide, writePng } from '../images.ts';
import { ReaderScreens } from '../pages/ReaderScreens.ts';
import { chromiumReference, keepReference, sampleOnReport, renderSample } from '../shaping.ts';
import { ENGINE_ARTIFACTS, PHONE, type EngineContext } from '../suite.ts';

const YEAR = 2020;

/** An iPhone's Safari, as WebKit on an iPhone reports itself. */
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';

/** How far an engine's Tibetan may be from Chromium's, in differing pixels per pixel of ink. */
const SAME_SHAPING = 0.25;
/** How far up or down an engine may place a Tibetan line's text from where Chromium does (px): rounding. */
const SAME_BASELINE = 2;

export function readerFlows(ctx: EngineContext): void {
  describe(`the reader in ${ctx.name}`, () => {
    it('shows the seed report in Chinese: the agency, 893, the Chinese title, <html lang="zh-Hans">', async () => {
      const reader = new ReaderScreens(await ctx.device());
      await reader.openReport('zh', REPORT_ID, YEAR);
      const text = await reader.mainText();
      expect(text).toContain(SEED.agencyZh);
      expect(text).toContain(SEED.figure);
      expect(await reader.htmlLang()).toBe('zh-Hans');
      expect(await reader.fontRequests(), 'a Chinese page downloaded the Tibetan font').toEqual([]);
    });

    it('shows it in Tibetan with the page’s own subset of the Tibetan web font, fetching no font file', async () => {
      const reader = new ReaderScreens(await ctx.device());
      await reader.openReport('bo', REPORT_ID, YEAR);
      const text = await reader.mainText();
      expect(text).toContain(SEED.agencyBo);
      expect(text).toContain(SEED.overviewBo);
      expect(text).toContain(SEED.figure);
      expect(text).toContain(message('bo', 'reader.tools.sideBySide'));
      expect(await reader.htmlLang()).toBe('bo');
      // No Tibetan font on the machine: the glyphs are the subset inlined in the page
      // (server/page-font.ts), so the whole font (the family's other face) is neither preloaded
      // nor fetched; it stays 'unloaded'.
      const font = await reader.tibetanFont();
      expect(font.faces.toSorted(), JSON.stringify(font.described)).toEqual(['loaded', 'unloaded']);
      expect(await reader.hasPageFont()).toBe(true);
      expect(await reader.fontPreload()).toBeNull();
      expect(await reader.fontRequests()).toEqual([]);
    });

    it('shapes Tibetan as Chromium does (stacks, vowel signs), and the comparison sees broken shaping', async () => {
      const device = await ctx.device();
      const sample = await sampleOnReport(device);
      writePng(ctx.artifact('tibetan-sample.png'), sample);
      if (ctx.name === 'chromium') keepReference(sample);
      const reference = await chromiumReference(ctx.serverURL);
      const broken = await renderSample(device, { broken: true });
      writePng(ctx.artifact('tibetan-sample-unshaped.png'), broken);

      const same = difference(reference, sample);
      const unshaped = difference(reference, broken);
      writePng(ctx.artifact('tibetan-sample-diff.png'), same.diff);
      writePng(join(ENGINE_ARTIFACTS, 'side-by-side', `tibetan-sample-chromium-${ctx.name}.png`), sideBySide([reference, sample, broken]));
      expect(Math.abs(sample.width - reference.width) / reference.width, 'the sample is not as wide as in Chromium').toBeLessThan(0.03);
      expect(same.ratio, `differs from Chromium's: ${ctx.artifact('tibetan-sample-diff.png')}`).toBeLessThan(SAME_SHAPING);
      // The same line metrics in every engine (fonts/line-metrics.ts): the text sits where Chromium puts it.
      expect(Math.abs(same.shift.dy), `the Tibetan sits ${String(same.shift.dy)} px higher than in Chromium (negative: lower)`).toBeLessThanOrEqual(SAME_BASELINE);
      expect(unshaped.ratio, 'the comparison does not notice unshaped Tibetan').toBeGreaterThan(2 * SAME_SHAPING);
    });

    // One test per language: six page loads in one test outlasted its 60 s in WebKit at load 30.
    for (const lang of ['zh', 'bo'] as const) {
      it(`never scrolls sideways at 360 px, and keeps a screenshot of each page (${lang})`, async () => {
        const device = await ctx.device({ viewport: PHONE });
        const reader = new ReaderScreens(device);
        const widths: Record<string, number> = {};
        const pages: [string, string][] = [
          [`report-${lang}`, ReaderScreens.reportPath(lang, REPORT_ID)],
          [`side-by-side-${lang}`, `${ReaderScreens.reportPath(lang, REPORT_ID)}/side-by-side`],
          [`home-${lang}`, `/${lang}`],
        ];
        for (const [name, path] of pages) {
          await device.goto(path);
          await device.waitFor({ css: 'main h1' }, 15_000);
          await reader.tibetanFont();
          const { scroll, client } = await reader.widths();
          widths[name] = scroll - client;
          await device.screenshot(ctx.artifact(`${name}-360.png`));
        }
        expect(Object.entries(widths).filter(([, over]) => over > 0), JSON.stringify(widths)).toEqual([]);
      });
    }

    it('switches language on the page and back', async () => {
      const device = await ctx.device();
      const reader = new ReaderScreens(device);
      await reader.openReport('zh', REPORT_ID, YEAR);
      await device.click(reader.langSwitch('zh'));
      await device.waitFor(reader.reportTitle('bo', YEAR));
      expect((await device.url()).pathname).toBe(ReaderScreens.reportPath('bo', REPORT_ID));
      expect(await reader.htmlLang()).toBe('bo');
      expect(await reader.mainText()).toContain(SEED.agencyBo);
      await device.click(reader.langSwitch('bo'));
      await device.waitFor(reader.reportTitle('zh', YEAR));
      expect(await reader.htmlLang()).toBe('zh-Hans');
    });

    it('reloads a report offline after one visit, switches to Tibetan offline and opens it directly', async () => {
      const device = await ctx.device();
      const reader = new ReaderScreens(device);
      await reader.openReport('zh', REPORT_ID, YEAR);
      expect(await reader.serviceWorkerReady(), 'no service worker became active').not.toBeNull();
      await device.reload();
      await device.waitFor(reader.reportTitle('zh', YEAR));
      expect(await reader.controlled(), 'the service worker does not control the page after a reload').toBe(true);

      device.link.cut();
      await device.reload();
      await device.waitFor(reader.reportTitle('zh', YEAR), 15_000);
      expect(await reader.mainText()).toContain(SEED.figure);
      await expect.poll(() => device.text(reader.reportStatus), { timeout: 10_000 }).toContain(message('zh', 'reader.status.offlineCopy'));

      await device.click(reader.langSwitch('zh'));
      await device.waitFor(reader.reportTitle('bo', YEAR), 15_000);
      expect(await reader.mainText()).toContain(SEED.overviewBo);
      expect((await reader.tibetanFont()).check, 'the Tibetan font is not available offline').toBe(true);

      await reader.openReport('bo', REPORT_ID, YEAR);
      expect(await reader.mainText()).toContain(SEED.figure);
      await expect.poll(() => device.text(reader.reportStatus), { timeout: 10_000 }).toContain(message('bo', 'reader.status.offlineCopy'));
      expect((await reader.tibetanFont()).check, 'the Tibetan font is not available offline').toBe(true);
      await device.screenshot(ctx.artifact('report-bo-offline-360.png'));
    });

    it('keeps the listed reports for reading offline, and says what the browser promised', async () => {
      const device = await ctx.device();
      const reader = new ReaderScreens(device);
      await device.goto('/zh');
      await device.waitFor(reader.keepListedButton('zh'), 15_000);
      expect(await reader.serviceWorkerReady(), 'no service worker became active').not.toBeNull();
      expect(await device.text(reader.keepSection('zh')), 'the 7-day note outside an iPhone').not.toContain(message('zh', 'reader.keep.sevenDays'));
      await device.click(reader.keepListedButton('zh'));
      await expect.poll(() => device.text(reader.keepResult('zh')), { timeout: 15_000 }).toContain(message('zh', 'reader.keep.kept', { count: 1 }));
      // What each engine answers to navigator.storage.persist(): Firefox asks the person (a prompt
      // nobody answers here: the reports are kept all the same), WebKitGTK has no StorageManager,
      // Chromium decides by itself at once.
      const storage = await device.evaluate(async () => (navigator.storage as StorageManager | undefined) === undefined ? 'none' : String(await navigator.storage.persisted()), null);
      const expected = { firefox: 'reader.keep.asking', webkit: 'reader.keep.bestEffort', chromium: storage === 'true' ? 'reader.keep.persisted' : 'reader.keep.bestEffort' }[ctx.name];
      if (ctx.name === 'webkit') expect(storage).toBe('none');
      expect(await device.text(reader.keepResult('zh'))).toContain(message('zh', expected));
      await device.screenshot(ctx.artifact('home-zh-kept-360.png'));

      // A report never opened on this device, with the link cut: the kept copy.
      device.link.cut();
      await reader.openReport('zh', REPORT_ID, YEAR);
      expect(await reader.mainText()).toContain(SEED.figure);
    });

    if (ctx.name === 'webkit') {
      it('on an iPhone (its user agent in WebKit), explains beforehand that unused data goes after 7 days', async () => {
        const device = await ctx.device({ userAgent: IPHONE });
        const reader = new ReaderScreens(device);
        for (const lang of ['zh', 'bo'] as const) {
          await device.goto(`/${lang}`);
          await device.waitFor(reader.keepListedButton(lang), 15_000);
          expect(await device.text(reader.keepSection(lang))).toContain(message(lang, 'reader.keep.sevenDays'));
          await device.screenshot(ctx.artifact(`home-${lang}-iphone-keep-360.png`));
        }
      });
    }
  });
}
