import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fontFormatOf } from '../../src/fonts/subset.ts';
import { TIBETAN_FACE_METRICS } from '../../src/fonts/tibetan.ts';
import { oneAtATime, pageText, subsetInWorker, unicodeRange, withPageFont } from '../../src/server/page-font.ts';

const PRELOAD = '<link rel="preload" href="/assets/NotoSerifTibetan-Regular-abc.woff2" as="font" type="font/woff2" crossorigin>';
const BO_PAGE =
  `<!doctype html><html lang="bo"><head><meta name="description" content="སྙན་ཞུ།"><style>body{margin:0}</style>${PRELOAD}</head><body>` +
  '<div id="app"><h1 title="ལོ་ཐོ།">བོད་ལྗོངས་ 2020</h1><svg aria-label="ཡིག"></svg></div>' +
  '<script type="application/json" id="lotho-state">{"x":"ཀཁག"}</script></body></html>';

describe('pageText', () => {
  it('is the Tibetan a page shows, attributes included, scripts, styles, the head and aria-label left out', () => {
    const text = pageText(BO_PAGE);
    expect(text).toContain('ལོ་ཐོ།');
    expect(text).toContain('བོད་ལྗོངས་');
    expect(text).not.toContain('ཀཁག');
    expect(text).not.toContain('སྙན');
    expect(text).not.toContain('ཡིག');
    expect(text).not.toMatch(/[a-z0-9]/u);
  });
});

describe('unicodeRange', () => {
  it('joins consecutive code points into ranges', () => {
    expect(unicodeRange([0x0f40, 0x0f42, 0x0f41, 0x0f0b, 0x25cc, 0x0f40])).toBe('U+F0B,U+F40-F42,U+25CC');
  });
});

describe('withPageFont', () => {
  it('inlines the subset for the page’s Tibetan as the family’s last face, and drops the whole font’s preload', async () => {
    const texts: string[] = [];
    const html = await withPageFont(BO_PAGE, (text) => {
      texts.push(text);
      return Promise.resolve(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
    });
    expect(texts).toEqual([pageText(BO_PAGE)]);
    expect(html).not.toContain(PRELOAD);
    const style = /<style id="lotho-page-font">(.*?)<\/style><\/head>/u.exec(html)?.[1];
    const url = `data:font/woff2;base64,${Buffer.from('wOF2').toString('base64')}`;
    expect(style).toContain("font-family:'Lotho Tibetan'");
    expect(style).toContain(`url(${url})`);
    // Preloaded, so that the browser has it before it lays the page out (no shift when it arrives),
    // and without `crossorigin`, with which WebKit now and then fails the face (page-font.ts).
    expect(html).toContain(`<link rel="preload" href="${url}" as="font" type="font/woff2"><style id="lotho-page-font">`);
    // Exactly the letters of the page (the space and the dotted circle too): any other goes to the whole font.
    expect(style).toContain('unicode-range:U+20,U+F0B,U+F0D,U+F44,U+F50-F51,U+F56,U+F63,U+F66,U+F7C,U+F97,U+25CC}');
    // The whole font's line metrics: the subset places a line's baseline where the whole font does.
    expect(style).toContain(TIBETAN_FACE_METRICS);
    expect(html.indexOf('<style>body')).toBeLessThan(html.indexOf('<style id="lotho-page-font">'));
  });

  it('leaves a page without Tibetan as it is, without subsetting', async () => {
    // The Chinese page: Tibetan only in its description and the language switch's aria-label.
    const zh = BO_PAGE.replace('བོད་ལྗོངས་', '').replace('ལོ་ཐོ།', '');
    let called = false;
    const html = await withPageFont(zh, () => {
      called = true;
      return Promise.resolve(new Uint8Array());
    });
    expect(html).toBe(zh);
    expect(called).toBe(false);
  });
});

describe('oneAtATime', () => {
  it('starts a subset when the one before has settled, failed or not', async () => {
    const started: string[] = [];
    const finish = new Map<string, (result: Uint8Array | Error) => void>();
    const subset = oneAtATime(
      (text) =>
        new Promise<Uint8Array>((resolve, reject) => {
          started.push(text);
          finish.set(text, (result) => {
            if (result instanceof Error) reject(result);
            else resolve(result);
          });
        }),
    );
    const first = subset('ཀ');
    const second = subset('ཁ');
    const third = subset('ག');
    await Promise.resolve();
    expect(started).toEqual(['ཀ']);
    finish.get('ཀ')?.(new Error('no font'));
    await expect(first).rejects.toThrow('no font');
    await expect.poll(() => started).toEqual(['ཀ', 'ཁ']);
    finish.get('ཁ')?.(new Uint8Array([2]));
    expect(await second).toEqual(new Uint8Array([2]));
    await expect.poll(() => started).toEqual(['ཀ', 'ཁ', 'ག']);
    finish.get('ག')?.(new Uint8Array([3]));
    expect(await third).toEqual(new Uint8Array([3]));
  });
});

describe('the Tibetan faces', () => {
  it('have the same line metrics and the space in their range, in fonts.css and in a page’s subset', () => {
    const css = readFileSync('src/styles/fonts.css', 'utf8').replace(/\s+/gu, '');
    for (const descriptor of TIBETAN_FACE_METRICS.split(';')) expect(css).toContain(`${descriptor};`);
    expect(css).toMatch(/unicode-range:U\+0020,/u);
  });
});

describe('subsetInWorker', () => {
  it('subsets the Tibetan font in a worker thread', async () => {
    const font = await subsetInWorker('བོད་ལྗོངས་');
    expect(fontFormatOf(font)).toBe('woff2');
    expect(font.byteLength).toBeGreaterThan(500);
    expect(font.byteLength).toBeLessThan(20_000);
  }, 300_000);
});
