/**
 * The file readers an official's import uses in the browser, the same as the CLI's
 * (src/report/import/sources): pdf.js needs its worker script, bundled here as a file of the
 * build. The readers and the worker are in the officials' precache (vite.config.ts readerChunks,
 * modules/official-precache.ts), so an official can import a Word or PDF file offline too;
 * residents never load them.
 */
import workerSrc from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import type { ImportOptions } from '../report/import/index.ts';

/** What importFile needs to read a PDF in this browser. */
export const browserPdfOptions: NonNullable<ImportOptions['pdf']> = { workerSrc };

let warming: Promise<unknown> | null = null;

/**
 * Loads the readers ahead of the file: called when the official chooses to import, while they
 * pick the file. Not when the drafts page opens: running ~1.1 MB of readers there competed, on a
 * weak phone, with reading the list, the first sync and a tap on 新建草稿.
 */
export function warmImportReaders(): void {
  warming ??= Promise.all([
    import('../report/import/index.ts'),
    import('../report/import/sources/pdf.ts'),
    import('../report/import/sources/docx.ts'),
  ]).catch(() => {
    // Not in the cache and offline: the reading itself tries again.
    warming = null;
  });
}
