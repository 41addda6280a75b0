/**
 * The pre-rendered report page (src/entry-server.ts), rendered from the seed as `npm run build`
 * renders it: the text is in the HTML before any script runs, each block says its language, the
 * state the app hydrates from is a data block, and the only executable script is the boot loader,
 * which starts the build's entry after the first paint (the CSP allows it by its hash).
 */
import { describe, expect, it } from 'vitest';
import { renderReportPage, type RenderInput } from '../../src/entry-server.ts';
import { parseState, serializeState, STATE_ELEMENT_ID, type InitialState } from '../../src/initial-state.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { BOOT_LOADER, ICON_PLACEHOLDER } from '../../src/contract/boot-loader.ts';
import { TIBETAN, seedReport } from './helpers.ts';

/** What `vite build` writes as dist/index.html (the parts the pre-renderer fills in). */
const TEMPLATE = `<!doctype html>
<html lang="zh-Hans">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" type="image/png" sizes="48x48" href="/icons/icon-48.png" />
    <title>Lotho · 年报 · ལོ་ཐོ</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/style-abc.css">
  <link rel="manifest" href="/manifest.webmanifest"></head>
  <body>
    <div id="app"></div>
  </body>
</html>`;

const CSS = 'body{margin:0}/* </style> in a comment */';

function input(lang: 'zh' | 'bo', document: ReportDocument = seedReport()): RenderInput {
  return {
    template: TEMPLATE,
    styles: [{ href: '/assets/style-abc.css', css: CSS }],
    report: { id: document.id, version: 3, updatedAt: '2024-05-30T06:00:00.000Z', document },
    lang,
    renderedAt: new Date('2024-06-01T00:00:00.000Z'),
  };
}

/** Every <script …> start tag of a page. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/giu)].map((m) => m[0]);
}

/** The app's markup without Vue's hydration comments and scoped-style attributes. */
function appOf(html: string): string {
  const start = html.indexOf('<div id="app">');
  return html
    .slice(start, html.indexOf(`<script type="application/json"`, start))
    .replace(/<!--[[\]]?-->/gu, '')
    .replace(/ data-v-[0-9a-f]+(?:="")?/gu, '');
}

/** Whether a pattern occurs (a boolean keeps a failure message short: the page is 100 kB). */
function has(text: string, pattern: RegExp | string): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

function stateOf(html: string): InitialState | undefined {
  const match = new RegExp(`<script type="application/json" id="${STATE_ELEMENT_ID}">([^<]*)</script>`, 'u').exec(html);
  return parseState(match?.[1]);
}

describe('pre-rendered report page', () => {
  it('carries the Chinese report: title, agency, figures, lang attributes', async () => {
    const page = await renderReportPage(input('zh'));
    expect(page.url).toBe('/zh/reports/qingduo-2020');
    expect(page.file).toBe('zh/reports/qingduo-2020/index.html');
    const { html } = page;
    expect(has(html, '<html lang="zh-Hans"')).toBe(true);
    expect(has(html, '<title>波密县倾多镇人民政府 2020年政府信息公开工作年度报告</title>')).toBe(true);
    const app = appOf(html);
    expect(has(app, '<span class="agency" lang="zh-Hans">波密县倾多镇人民政府</span>')).toBe(true);
    expect(has(app, '主动公开各类政务（政府）信息893条')).toBe(true);
    expect(has(app, '<article class="report" lang="zh-Hans">')).toBe(true);
    expect(has(html, '<link rel="alternate" hreflang="bo" href="/bo/reports/qingduo-2020">')).toBe(true);
  });

  it('carries the Tibetan report with lang="bo", and Chinese-only data marked zh-Hans', async () => {
    const { html } = await renderReportPage(input('bo'));
    expect(has(html, '<html lang="bo"')).toBe(true);
    const app = appOf(html);
    expect(has(app, '<article class="report" lang="bo">')).toBe(true);
    expect(has(app, /<span class="agency" lang="bo">[^<]*\p{Script=Tibetan}[^<]*<\/span>/u)).toBe(true);
    expect(app.match(new RegExp(TIBETAN.source, 'gu'))?.length ?? 0).toBeGreaterThan(1000);
    // Data written in Chinese only keeps its language.
    expect(has(app, '<dd lang="zh-Hans">波密县倾多镇</dd>')).toBe(true);
    expect(has(app, '893')).toBe(true);
  });

  it('shows no downloads link before the app has made the files (the link would lead nowhere)', async () => {
    const app = appOf((await renderReportPage(input('zh'))).html);
    // The files are blobs made in the browser: the page holds neither them nor their section.
    expect(has(app, 'id="downloads-title"')).toBe(false);
    expect(has(app, /<a class="waiting button" href="#downloads-title">/u)).toBe(true);
  });

  it('holds the state the app hydrates from, as a data block the app accepts', async () => {
    const seed = seedReport();
    const { html } = await renderReportPage(input('zh', seed));
    const state = stateOf(html);
    expect(state?.lang).toBe('zh');
    expect(state?.report.version).toBe(3);
    expect(state?.renderedAt).toBe('2024-06-01T00:00:00.000Z');
    expect(state?.report.document).toEqual(seed);
  });

  it('starts the app only through the boot loader the CSP allows by its hash, and inlines the stylesheet', async () => {
    for (const lang of ['zh', 'bo'] as const) {
      const { html } = await renderReportPage(input(lang));
      // The data block and the loader, which names the build's entry and its manifest; no module script of its own.
      expect(scripts(html)).toEqual([
        `<script type="application/json" id="${STATE_ELEMENT_ID}">`,
        '<script data-src="/assets/index-abc.js" data-manifest="/manifest.webmanifest" data-icon="/icons/icon-48.png">',
      ]);
      // Exactly the text whose hash the CSP names (tests/server/reports-api.test.ts).
      expect(/<script data-src="[^"]*"[^>]*>([^<]*)<\/script><\/body>/u.exec(html)?.[1]).toBe(BOOT_LOADER);
      // The manifest is linked, and the icon's address set, by the loader once the page has painted
      // (contract/boot-loader.ts); until then the icon is an empty data URL, so nothing is fetched.
      expect(html).not.toMatch(/<link rel="manifest"/u);
      expect(html.match(/<link rel="icon"[^>]*>/gu)).toEqual([`<link rel="icon" type="image/png" sizes="48x48" href="${ICON_PLACEHOLDER}" />`]);
      // The stylesheet is inline; its <link> stays only as a disabled marker (never fetched).
      expect(html).toContain('<style>body{margin:0}/* <\\/style> in a comment */</style>');
      expect(html.match(/<link rel="stylesheet"[^>]*>/gu)).toEqual(['<link rel="stylesheet" href="/assets/style-abc.css" disabled>']);
      // Event handler attributes would be inline script too.
      expect(html).not.toMatch(/\son[a-z]+="/u);
    }
  });

  it('cannot be broken out of by a report text', async () => {
    const seed = seedReport();
    const hostile: ReportDocument = {
      ...seed,
      meta: { ...seed.meta, address: '</script><script>alert(1)</script><!-- $& $1' },
    };
    const { html } = await renderReportPage(input('zh', hostile));
    expect(scripts(html)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
    expect(stateOf(html)?.report.document.meta.address).toBe('</script><script>alert(1)</script><!-- $& $1');
  });

  it('refuses an id that cannot be an address', async () => {
    const seed = seedReport();
    await expect(renderReportPage(input('zh', { ...seed, id: '../etc' }))).rejects.toThrow(/cannot be an address/u);
  });
});

describe('page state', () => {
  const state = (): InitialState => ({
    v: 1,
    lang: 'bo',
    report: { id: 'qingduo-2020', version: 1, updatedAt: '2024-05-30T06:00:00.000Z', document: seedReport() },
    renderedAt: '2024-06-01T00:00:00.000Z',
  });

  it('survives the round trip with < and line separators escaped', () => {
    const text = serializeState(state());
    expect(text).not.toMatch(/[<\u2028\u2029]/u);
    expect(parseState(text)).toEqual(state());
  });

  it('is refused when it is not a valid state (the app then renders from scratch)', () => {
    expect(parseState(undefined)).toBeUndefined();
    expect(parseState('{')).toBeUndefined();
    expect(parseState(JSON.stringify({ ...state(), v: 2 }))).toBeUndefined();
    const broken = state();
    expect(parseState(JSON.stringify({ ...broken, report: { ...broken.report, document: { meta: 'garbage' } } }))).toBeUndefined();
    expect(parseState(JSON.stringify({ ...broken, report: { ...broken.report, id: 'other' } }))).toBeUndefined();
  });

  it('is refused when its report is malformed in one place only (the quick shape check lets nothing through)', () => {
    const good = state();
    const withDocument = (document: unknown) => JSON.stringify({ ...good, report: { ...good.report, document } });
    const doc = good.report.document;
    const [cell] = Object.keys(doc.cells);
    expect(cell).toBeDefined();
    expect(parseState(withDocument(doc))).toEqual(good);
    for (const bad of [
      { ...doc, cells: { ...doc.cells, [cell ?? '']: '12' } },
      { ...doc, cells: { ...doc.cells, 'no.such.cell': 1 } },
      { ...doc, meta: { ...doc.meta, year: 1999 } },
      { ...doc, meta: { ...doc.meta, agency: { zh: '' } } },
      { ...doc, sections: { ...doc.sections, overview: { zh: 'x', original: 'zh', translationReviewed: 'yes' } } },
      { ...doc, script: '<img src=x onerror=alert(1)>' },
      { ...doc, preamble: { zh: 'a\u0000b', original: 'zh', translationReviewed: false } },
    ]) {
      expect(parseState(withDocument(bad))).toBeUndefined();
    }
  });
});
