/**
 * Text recognition for scanned PDFs, on the server and the CLI only (never on a phone): each page
 * rasterised by poppler's pdftoppm (300 dpi, grey), its table rulings erased (pgm.ts), then read by
 * Debian's Tesseract with the chi_sim model (`--psm 6`: the page as one block of lines, so a table
 * row comes out as its label and its figures on one line, as in PDF text). The lines go through
 * the same parser as a PDF's text; every figure read this way is marked for a person to check
 * unless the table's sums confirm it.
 *
 * System packages: poppler-utils, tesseract-ocr, tesseract-ocr-chi-sim (.ci/system-deps).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImportError, type SourceLine } from '../types.ts';
import { eraseRulings, readPgm, writePgm } from './pgm.ts';

const run = promisify(execFile);

export const OCR_DPI = 300;
// A ruling is at least 0.4 inch long; the longest CJK stroke at report sizes is well under that.
const MIN_RULING = Math.round(OCR_DPI * 0.4);
/** Pages read at most: a scan longer than this is a book, not a report. */
export const MAX_OCR_PAGES = 40;

/** How one recognised page went: for the import report and the benchmark. */
export interface OcrPage {
  page: number;
  ms: number;
}

export interface OcrResult {
  lines: SourceLine[];
  pages: OcrPage[];
}

/** True when pdftoppm and tesseract with chi_sim are installed. */
export async function ocrAvailable(): Promise<boolean> {
  try {
    const { stdout } = await run('tesseract', ['--list-langs'], { encoding: 'utf8' });
    await run('pdftoppm', ['-v'], { encoding: 'utf8' });
    return stdout.split(/\s+/u).includes('chi_sim');
  } catch {
    return false;
  }
}

/** Recognises the text of a scanned PDF, page by page, with `--- page N ---` markers. */
export async function recognisePdf(bytes: Uint8Array): Promise<OcrResult> {
  if (!(await ocrAvailable())) throw new ImportError('unreadable', { format: 'pdf', reason: 'scan_no_ocr' });
  const dir = await mkdtemp(join(tmpdir(), 'lotho-ocr-'));
  try {
    await writeFile(join(dir, 'in.pdf'), bytes);
    await run('pdftoppm', ['-r', String(OCR_DPI), '-gray', '-l', String(MAX_OCR_PAGES), join(dir, 'in.pdf'), join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((name) => name.endsWith('.pgm')).sort();
    const lines: SourceLine[] = [];
    const timing: OcrPage[] = [];
    for (const [i, name] of pages.entries()) {
      const started = performance.now();
      const image = eraseRulings(readPgm(new Uint8Array(await readFile(join(dir, name)))), MIN_RULING);
      const clean = join(dir, `clean-${name}`);
      await writeFile(clean, writePgm(image));
      const { stdout } = await run('tesseract', [clean, '-', '-l', 'chi_sim', '--psm', '6', '--dpi', String(OCR_DPI)], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        // One thread: the server and the CLI share the machine with other work.
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      });
      lines.push({ text: `--- page ${i + 1} ---` });
      for (const text of stdout.split('\n')) if (text.trim() !== '') lines.push({ text });
      timing.push({ page: i + 1, ms: performance.now() - started });
    }
    return { lines, pages: timing };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
