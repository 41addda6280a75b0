/**
 * A pre-rendered Tibetan page carries its own font: the app's Noto Serif Tibetan subset to the
 * Tibetan the page shows (src/fonts, glyphs: 'shaped'), inlined in the page as a WOFF2 data URL.
 * It is there with the HTML, preloaded before the first layout: no request, no swap, so the page
 * paints its Tibetan at once and nothing moves (the whole font, 156 KiB, made LCP 2.1 s on a phone). The
 * whole font stays the family's other face (fonts.css): the precache brings it for the editor,
 * other pages and any letter this page lacks.
 *
 * The subset's @font-face comes after the stylesheet's, with the same family name and a
 * unicode-range of exactly the letters it has: the browser takes it for those letters and the whole
 * font for any other. It holds only the stacks of this page's text, so the app removes it when it
 * leaves the page (modules/page-font.ts) and other text is never drawn with it.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from './project-root.ts';
import { codePointsOf } from '../fonts/subset.ts';
import { SPACE, TIBETAN_FACE_METRICS, tibetanTextOf } from '../fonts/tibetan.ts';
import { PAGE_FONT_ELEMENT_ID } from '../contract/pages.ts';

/**
 * The text a page may draw with its fonts: its <body> without scripts, styles and tags. Attributes
 * are kept (a placeholder or a value is drawn), but not aria-label, which only assistive technology
 * reads, nor the <head> (the title and the description are shown by the browser or other sites, in
 * their own fonts): the Chinese page, whose Tibetan is only there, then carries no font at all.
 */
export function pageText(html: string): string {
  const bodyStart = html.search(/<body\b/iu);
  const body = (bodyStart === -1 ? html : html.slice(bodyStart))
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/giu, ' ')
    .replace(/\saria-label="[^"]*"/giu, ' ');
  return tibetanTextOf(body.replace(/[<>]/gu, '\n'));
}

/** A CSS unicode-range listing `codePoints` (ranges of consecutive ones joined). */
export function unicodeRange(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let index = 0; index < sorted.length; ) {
    const start = sorted[index] ?? 0;
    let end = start;
    while (sorted[index + 1] === end + 1) end = sorted[++index] ?? end;
    index++;
    const hex = (codePoint: number): string => codePoint.toString(16).toUpperCase();
    ranges.push(start === end ? `U+${hex(start)}` : `U+${hex(start)}-${hex(end)}`);
  }
  return ranges.join(',');
}

/** Where the worker is: compiled beside the server (dist-node/), or the source file under tsx/vitest. */
function workerFile(): string {
  return import.meta.url.endsWith('.ts') ? join(PROJECT_ROOT, 'src', 'server', 'page-font-worker.ts') : join(PROJECT_ROOT, 'dist-node', 'page-font-worker.js');
}

/** Subsets the Tibetan font to `text` in a worker thread (the event loop stays free) for a page: WOFF2, the glyphs of this text's shaping. */
export function subsetInWorker(text: string): Promise<Uint8Array> {
  return runWorker(text);
}

/** The same for a Word file (routes/fonts.ts): TrueType, every glyph its letters reach (src/fonts docxTibetanFont). */
export function wordFontInWorker(text: string): Promise<Uint8Array> {
  return runWorker({ word: text });
}

/** One font from page-font-worker.ts for `workerData` (a page's text, or { word } for Word). */
function runWorker(workerData: string | { word: string }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData });
    let settled = false;
    worker.once('message', (message: { font?: Uint8Array; error?: string }) => {
      settled = true;
      if (message.font instanceof Uint8Array) resolve(message.font);
      else reject(new Error(`page font: ${message.error ?? 'no font'}`));
      void worker.terminate();
    });
    worker.once('error', (error: Error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`page font: the worker stopped (exit ${String(code)}) without a font`));
    });
  });
}

/** Subsets the Tibetan font for a text; subsetInWorker unless a test gives another. */
export type PageFontSubsetter = (text: string) => Promise<Uint8Array>;

/** `subset` run for one text at a time: the next call starts when the one before has settled. */
export function oneAtATime(subset: PageFontSubsetter): PageFontSubsetter {
  let last: Promise<unknown> = Promise.resolve();
  return (text) => {
    const next = last.then(() => subset(text));
    last = next.catch(() => undefined);
    return next;
  };
}

/**
 * `html` (a pre-rendered page) with its own Tibetan font inlined and the whole font's preload gone.
 * A page with no Tibetan comes back unchanged.
 */
export async function withPageFont(html: string, subset: PageFontSubsetter = subsetInWorker): Promise<string> {
  const text = pageText(html);
  const letters = codePointsOf(text).filter((codePoint) => codePoint >= 0x0f00 && codePoint <= 0x0fff);
  if (letters.length === 0) return html;
  const font = await subset(text);
  // The dotted circle is in the subset (tibetan.ts) for a vowel standing alone: the range says so.
  // The space too (the text keeps its spaces): the subset, with the whole font's metrics, is then
  // the line's first available font and places the baseline as the whole font does (fonts.css).
  const range = unicodeRange([SPACE, ...letters, 0x25cc]);
  const url = `data:font/woff2;base64,${Buffer.from(font).toString('base64')}`;
  const face =
    `@font-face{font-family:'Lotho Tibetan';font-style:normal;font-weight:400;font-display:block;${TIBETAN_FACE_METRICS};` +
    `src:url(${url}) format('woff2');unicode-range:${range}}`;
  const withoutPreload = html.replace(/<link rel="preload" href="[^"]*" as="font" type="font\/woff2" crossorigin>/gu, '');
  if (!withoutPreload.includes('</head>')) throw new Error('page font: the page has no </head>');
  // Without the preload, Chromium lays the page out once before it has decoded the inlined font
  // (with a phone's CPU, every time), with the fallback's widths, and the page moves when it
  // arrives (CLS 0.06–0.11, tests/e2e/layout-shift.e2e.ts). A preloaded font is loaded while the
  // HTML is parsed and holds the first paint back until it is there. The same data URL twice costs
  // next to nothing compressed: the copies are side by side (Brotli and gzip find the repeat).
  // No `crossorigin` on this one (unlike a preload of a font file): with it, WebKit (every iPhone
  // browser) now and then fails the @font-face of the same data URL, status 'error', when the
  // face asks for it while the preload is in flight, and draws the page with the whole font
  // (8 of 12 loads at load 20; 0 of 8 without). A data URL is never cross-origin, and Chromium
  // still holds the first paint for it (layout-shift.e2e: CLS 0; 0.06–0.12 without the preload).
  const preload = `<link rel="preload" href="${url}" as="font" type="font/woff2">`;
  return withoutPreload.replace('</head>', () => `${preload}<style id="${PAGE_FONT_ELEMENT_ID}">${face}</style></head>`);
}
