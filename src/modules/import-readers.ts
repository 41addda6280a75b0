/**
 * The file readers an official's import uses in the browser, the same as the CLI's
 * (src/report/import/sources): pdf.js needs its worker script, bundled here as a file of the
 * build. The drafts page warms them once online (the service worker keeps every /assets/ file it
 * served), so an official can import a Word or PDF file offline later; residents never load them.
 */
import workerSrc from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import type { ImportOptions } from '../report/import/index.ts';

/** What importFile needs to read a PDF in this browser. */
export const browserPdfOptions: NonNullable<ImportOptions['pdf']> = { workerSrc };

let warmed = false;

/** Fetches the readers and the worker once, so the service worker keeps them for offline use. */
export function warmImportReaders(): void {
  if (warmed || typeof navigator === 'undefined' || !navigator.onLine) return;
  warmed = true;
  void Promise.all([
    import('../report/import/index.ts'),
    import('../report/import/sources/pdf.ts'),
    import('../report/import/sources/docx.ts'),
    fetch(workerSrc).then((response) => response.arrayBuffer()),
  ]).catch(() => {
    // Offline or interrupted: tried again on the next visit to the drafts page.
    warmed = false;
  });
}
