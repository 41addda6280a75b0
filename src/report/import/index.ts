/**
 * The importer: bytes of a .txt, .html, .docx, .pdf or Lotho .json file to a report document and
 * an import report. The same parser runs whatever the format, so the result is the same.
 */
import { parseReportJson } from '../schema.ts';
import { parseSource, type ParseOptions } from './parse/index.ts';
import { readSource } from './sources/index.ts';
import { textToLines } from './sources/text.ts';
import type { ImportResult } from './types.ts';

export * from './types.ts';
export type { ParseOptions };
export { parseSource };

/** Imports a file. Throws ImportError when it cannot be read or is not a report. */
export async function importFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ImportResult> {
  // pdf.js refuses a Node Buffer (a Uint8Array subclass): hand every reader a plain Uint8Array.
  const plain = Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const source = await readSource(plain, fileName);
  if (source.format === 'json') {
    const report = parseReportJson(source.lines.map((l) => l.text).join('\n'));
    const withId = options.id === undefined ? report : { ...report, id: options.id };
    return {
      report: withId,
      complete: true,
      importReport: {
        format: 'json',
        template: { id: report.meta.template, decidedBy: 'document', evidence: [] },
        missingSections: [],
        missingTables: [],
        missingRows: [],
        unplaced: [],
        skipped: [],
        missingMeta: [],
        notes: [],
      },
    };
  }
  return parseSource(source, options);
}

/** Imports report text already in memory (one cell per line, pipe rows or PDF text). */
export function importText(text: string, options: ParseOptions = {}): ImportResult {
  return parseSource({ format: 'txt', lines: textToLines(text) }, options);
}
