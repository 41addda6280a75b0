/**
 * The importer: bytes of a .txt, .html, .docx, .pdf or Lotho .json file to a report document and
 * an import report. The same parser runs whatever the format, so the result is the same.
 */
import { parseReportJson } from '../schema.ts';
import { parseSource, type ParseOptions } from './parse/index.ts';
import { readSource } from './sources/index.ts';
import { textToLines } from './sources/text.ts';
import type { PdfReadOptions } from './sources/pdf.ts';
import type { ImportResult, RecogniseText } from './types.ts';

export * from './types.ts';
export { previousYearDoubts } from './previous-year.ts';
export type { ParseOptions };
export { parseSource };

export interface ImportOptions extends ParseOptions {
  /** Text recognition for scanned PDFs (server and CLI: ocr/tesseract.ts). Without it a scan is refused as 'scanned'. */
  recognise?: RecogniseText;
  /** Where pdf.js finds its worker and CMaps in a browser. */
  pdf?: PdfReadOptions;
}

/** Imports a file. Throws ImportError when it cannot be read or is not a report. */
export async function importFile(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  // pdf.js refuses a Node Buffer (a Uint8Array subclass): hand every reader a plain Uint8Array.
  const plain = Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { recognise, pdf, ...parseOptions } = options;
  const source = await readSource(plain, fileName, recognise, pdf);
  if (source.format === 'json') {
    const report = parseReportJson(source.lines.map((l) => l.text).join('\n'));
    const withId = parseOptions.id === undefined ? report : { ...report, id: parseOptions.id };
    return {
      report: withId,
      complete: true,
      importReport: {
        format: 'json',
        template: { id: report.meta.template, decidedBy: 'document', evidence: [] },
        missingSections: [],
        missingTables: [],
        missingRows: [],
        sums: [],
        uncertain: [],
        unplaced: [],
        skipped: [],
        missingMeta: [],
        needs: [],
        year: { value: report.meta.year, source: 'title', evidence: [] },
        notes: [],
      },
    };
  }
  return parseSource(source, { fileName, ...parseOptions });
}

/** Imports report text already in memory (one cell per line, pipe rows or PDF text). */
export function importText(text: string, options: ParseOptions = {}): ImportResult {
  return parseSource({ format: 'txt', lines: textToLines(text) }, options);
}
