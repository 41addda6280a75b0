/**
 * The home and agency pages rendered on the server carry their own subset of the Tibetan font,
 * as the pre-rendered report pages do (server/page-font.ts), instead of the whole font's preload:
 * subset once per rendered page, one subset at a time.
 */
import { describe, expect, it } from 'vitest';
import { PAGE_FONT_ELEMENT_ID } from '../../src/contract/pages.ts';
import { directory } from '../../src/server/directory/index.ts';
import { directoryPages } from '../../src/server/directory/pages.ts';
import { silentLogger } from '../../src/server/logger.ts';
import type { PageRenderer } from '../../src/server/prerender.ts';
import { fakeBuild } from './fake-build.ts';
import { memoryStorage, report } from './helpers.ts';

/** The whole font's preload, as entry-server.ts writes it into a Tibetan page's head. */
const WHOLE_FONT_PRELOAD = '<link rel="preload" href="/assets/NotoSerifTibetan-Regular-abc.woff2" as="font" type="font/woff2" crossorigin>';

/** A renderer writing a page with the listing's address in Tibetan text, as the SSR build's would. */
const renderer: PageRenderer = {
  renderReportPage: () => Promise.reject(new Error('not here')),
  renderListingPage: (input) =>
    Promise.resolve({
      html: `<!doctype html><html lang="${input.lang}"><head>${input.lang === 'bo' ? WHOLE_FONT_PRELOAD : ''}</head><body><h1>${input.lang === 'bo' ? 'ལོ་ཐོ།' : '年报'} ${input.url}</h1></body></html>`,
    }),
};

describe('directory pages', () => {
  it('inline the Tibetan page’s own subset instead of preloading the whole font, once per page', async () => {
    const storage = await memoryStorage();
    await storage.publishReport(report('qingduo-2020', '波密县倾多镇人民政府', 2020));
    const texts: string[] = [];
    const pages = directoryPages({
      distDir: fakeBuild(),
      renderer,
      directory: directory(storage),
      logger: silentLogger,
      pageFont: (text) => {
        texts.push(text);
        return Promise.resolve(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
      },
    });
    const bo = await pages.render('bo', null, {});
    if (bo.kind !== 'page') throw new Error(`no page: ${bo.kind}`);
    expect(bo.html).not.toContain(WHOLE_FONT_PRELOAD);
    expect(bo.html).toContain(`<style id="${PAGE_FONT_ELEMENT_ID}">`);
    expect(texts).toEqual([expect.stringContaining('ལོ་ཐོ།')]);
    // Kept with its font: the same listing again costs no subset.
    expect(await pages.render('bo', null, {})).toEqual(bo);
    expect(texts).toHaveLength(1);
    // A Chinese page has no Tibetan to draw: no font at all.
    const zh = await pages.render('zh', null, {});
    expect(zh.kind === 'page' && zh.html.includes(PAGE_FONT_ELEMENT_ID)).toBe(false);
    expect(texts).toHaveLength(1);
  });
});
