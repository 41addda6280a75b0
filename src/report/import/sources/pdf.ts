/**
 * PDF to source lines with pdf.js (the legacy build: it runs in Node 20 and older browsers).
 *
 * Lines are built the way pypdf builds them, which is what corpus 02–04 show and what the parser
 * is written against: text items are taken in content-stream order, and an item continues the
 * current line when it sits on the same baseline (within half the font size), or a little lower
 * or higher (within 0.8 of it) while moving right: numbers of a table row are often printed
 * between the two lines of a wrapped label, and belong to its last line. Items of one line are
 * sorted by x and joined with a space where a gap is visible or the PDF has a space glyph there
 * (pypdf keeps those too: `2024 年`, `711 号`).
 *
 * Why not group every item of the page by y alone: merged row headers are printed as vertical
 * stacks of single characters (三、/本/年/度/办/理/结/果) and the left header of a row group
 * (（五）不/予处理) is printed before its rows. Grouped by y, those characters land inside
 * unrelated rows (`本 （一）予以公开 1288 …`, `（五）不 3.要求提供公开出版物 0 0 …`) and the
 * row labels no longer match. Stream order keeps them on lines of their own, as in the corpus.
 */
import { getDocument, GlobalWorkerOptions, OPS, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ImportError, type SourceLine } from '../types.ts';

export interface PdfReadOptions {
  /**
   * Where pdf.js finds its CMaps (a URL or, in Node, a directory path, ending with '/'). CMaps are
   * needed for PDFs that use non-embedded CJK fonts (e.g. STSong-Light with UniGB-UCS2-H); in
   * Node the copy inside pdfjs-dist is used when this is not given.
   */
  cMapUrl?: string;
  /**
   * The URL of pdf.js's worker script, in the browser (the app bundles it: modules/import-readers.ts).
   * Node needs none: pdf.js runs its worker code in the same thread there.
   */
  workerSrc?: string;
}

type TextContentItem = Awaited<ReturnType<PDFPageProxy['getTextContent']>>['items'][number];
type TextItem = Extract<TextContentItem, { str: string }>;

/** A text item placed on the page, in device space (y grows downwards). */
interface Placed {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** A space glyph came right before this item in the content stream. */
  spaceBefore: boolean;
}

/** The line that marks the start of page `n`, as in the corpus text files. */
export function pageMarker(n: number): string {
  return `--- page ${n} ---`;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

function asMatrix(values: readonly number[]): Matrix {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = values;
  return [a, b, c, d, e, f];
}

function place(item: TextItem, viewport: Matrix, spaceBefore: boolean): Placed {
  const m = multiply(viewport, asMatrix(item.transform as number[]));
  const size = Math.hypot(m[2], m[3]) || item.height || 1;
  return { str: item.str, x: m[4], y: m[5], width: item.width, size, spaceBefore };
}

/** Whether `next` continues the line whose last item is `prev` (see the module comment). */
function continues(prev: Placed, next: Placed): boolean {
  const size = Math.min(prev.size, next.size);
  const dy = Math.abs(next.y - prev.y);
  if (dy <= 0.5 * size) return true;
  const movesRight = next.x >= prev.x + prev.width - 0.5 * size;
  return dy <= 0.8 * size && movesRight;
}

function joinLine(items: Placed[]): string {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  let text = '';
  let prev: Placed | undefined;
  for (const item of sorted) {
    if (prev) {
      const size = Math.min(prev.size, item.size);
      const gap = item.x - (prev.x + prev.width);
      // A space glyph is honoured unless the items overlap; without one, only a gap of a fifth
      // of the font size counts (Word puts ~0.2 em between CJK and digits, with a space glyph).
      const space = gap > 0.2 * size || (item.spaceBefore && gap > -0.25 * size);
      if (space && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    }
    text += item.str;
    prev = item;
  }
  return text.trim();
}

/** Lines of one page, from its text items in content-stream order. */
function itemsToLines(items: readonly Placed[]): string[] {
  const lines: string[] = [];
  let current: Placed[] = [];
  for (const item of items) {
    const last = current[current.length - 1];
    if (last && !continues(last, item)) {
      lines.push(joinLine(current));
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) lines.push(joinLine(current));
  return lines.filter((line) => line !== '');
}

interface GlyphLike {
  unicode: string;
  vmetric?: unknown;
}

function isGlyph(value: unknown): value is GlyphLike {
  return typeof value === 'object' && value !== null && typeof (value as { unicode?: unknown }).unicode === 'string';
}

/**
 * The texts printed with vertical fonts on a page, read from its operator list, one string per
 * run of consecutive vertical glyphs.
 *
 * Why: pdf.js's text content drops the tail of such runs. Word/WPS print a merged row header
 * (三、本年度办理结果) glyph by glyph with a vertical font, each placed by a Td relative to the
 * line start; pdf.js 5.6 returns one 'ttb' item "三、本年" and loses 度办理结果 (corpus 03, 04).
 * The glyphs are all in the operator list, so the items are completed from there.
 */
async function verticalRuns(page: PDFPageProxy): Promise<string[]> {
  const ops = await page.getOperatorList();
  const runs: string[] = [];
  let run = '';
  const end = (): void => {
    if (run.trim() !== '') runs.push(run);
    run = '';
  };
  ops.fnArray.forEach((fn, i) => {
    if (fn === OPS.endText) end();
    if (fn !== OPS.showText) return;
    const args: unknown = ops.argsArray[i];
    const glyphs: unknown = Array.isArray(args) ? args[0] : undefined;
    if (!Array.isArray(glyphs)) return;
    for (const glyph of glyphs as unknown[]) {
      if (!isGlyph(glyph)) continue; // a number: TJ spacing
      if (glyph.vmetric === undefined || glyph.vmetric === null) end();
      else run += glyph.unicode;
    }
  });
  end();
  return runs;
}

/** Completes truncated vertical ('ttb') items from the page's vertical runs, in order. */
async function completeVertical(page: PDFPageProxy, items: TextItem[]): Promise<void> {
  if (!items.some((item) => item.dir === 'ttb')) return;
  const runs = await verticalRuns(page);
  let next = 0;
  for (const item of items) {
    if (item.dir !== 'ttb') continue;
    const key = item.str.replace(/\s+/g, '');
    const found = runs.findIndex((run, i) => i >= next && run.replace(/\s+/g, '').startsWith(key));
    if (found === -1) continue;
    const run = runs[found] ?? item.str;
    if (run.length > item.str.length) item.str = run;
    next = found + 1;
  }
}

interface NodeProcessLike {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

/**
 * The cmaps/ directory of the installed pdfjs-dist, in Node only (pdf.js reads CMaps there with
 * fs). Undefined in the browser or when it cannot be resolved (e.g. a bundled server).
 */
function nodeCMapDir(): string | undefined {
  const proc = (globalThis as unknown as { process?: NodeProcessLike }).process;
  if (proc?.versions?.node === undefined || proc.getBuiltinModule === undefined) return undefined;
  try {
    const nodeModule = proc.getBuiltinModule('node:module') as {
      createRequire(from: string): { resolve(id: string): string };
    };
    const pkg = nodeModule.createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
    return `${pkg.slice(0, -'package.json'.length)}cmaps/`;
  } catch {
    return undefined;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/**
 * The text lines of a PDF, with a `--- page N ---` line at the start of each page. Throws
 * ImportError 'unreadable' with params {format: 'pdf', reason}: 'encrypted' (a password is
 * needed), 'no_text' (no text layer, e.g. a scan) or 'corrupt'.
 */
export async function pdfToLines(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<SourceLine[]> {
  const cMapUrl = options.cMapUrl ?? nodeCMapDir();
  if (options.workerSrc !== undefined && GlobalWorkerOptions.workerSrc !== options.workerSrc) GlobalWorkerOptions.workerSrc = options.workerSrc;
  const task = getDocument({
    // A plain copy: with a real worker (browser) pdf.js transfers the buffer, detaching the
    // caller's; and it refuses a Node Buffer, whose slice() would not copy anyway.
    data: new Uint8Array(bytes),
    ...(cMapUrl === undefined ? {} : { cMapUrl, cMapPacked: true }),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (error) {
      const reason = errorName(error) === 'PasswordException' ? 'encrypted' : 'corrupt';
      throw new ImportError('unreadable', { format: 'pdf', reason }, String(error));
    }
    const lines: SourceLine[] = [];
    let textLines = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      lines.push({ text: pageMarker(n) });
      const page = await doc.getPage(n);
      const viewport = asMatrix(page.getViewport({ scale: 1 }).transform);
      const content = await page.getTextContent();
      const textItems = content.items.filter((item): item is TextItem => 'str' in item);
      await completeVertical(page, textItems);
      const items: Placed[] = [];
      let spaceBefore = false;
      for (const item of textItems) {
        // Whitespace-only items have no reliable width: keep them only as a hint for joining.
        if (item.str.trim() === '') {
          spaceBefore ||= item.str !== '';
          continue;
        }
        items.push(place(item, viewport, spaceBefore));
        spaceBefore = false;
      }
      for (const text of itemsToLines(items)) {
        lines.push({ text });
        textLines++;
      }
      page.cleanup();
    }
    if (textLines === 0) {
      throw new ImportError('unreadable', { format: 'pdf', reason: 'no_text', pages: doc.numPages });
    }
    return lines;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('unreadable', { format: 'pdf', reason: 'corrupt' }, String(error));
  } finally {
    await task.destroy();
  }
}
