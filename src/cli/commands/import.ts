/**
 * `lotho import FILE --format cells|json|md|html|docx [--lang zh|bo] [--out OUT]`: prints the
 * imported report, or writes it to OUT (always so for docx, which is binary).
 */
import { writeFile } from 'node:fs/promises';
import type { Lang } from '../../report/model.ts';
import { toCellsJson, toHtmlFragment, toMarkdown, toReportJson } from '../../report/export/index.ts';
import { fsFailure, readReport } from '../input.ts';
import { importReportLines, messagesFor, type Io } from '../output.ts';

export type ImportFormat = 'cells' | 'json' | 'md' | 'html' | 'docx';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['cells', 'json', 'md', 'html', 'docx'];

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  lang: Lang;
  /** Write here instead of stdout; required for docx (checked by the argument parser). */
  out?: string;
}

/**
 * Prints the report on stdout (or writes it to `out`) and, when the import is not complete, what
 * is missing on stderr.
 */
export async function importCommand(options: ImportOptions, io: Io): Promise<number> {
  const { report, importReport, complete } = await readReport(options.file);
  let output: string | Uint8Array;
  if (options.format === 'docx') {
    // Loaded on demand: the docx package is only needed for this format.
    const { toDocx } = await import('../../report/export/docx.ts');
    output = await toDocx(report, options.lang, messagesFor(options.lang));
  } else {
    output =
      options.format === 'cells'
        ? `${toCellsJson(report)}\n`
        : options.format === 'md'
          ? toMarkdown(report, options.lang, messagesFor(options.lang))
          : options.format === 'html'
            ? toHtmlFragment(report, options.lang, messagesFor(options.lang))
            : `${toReportJson(report)}\n`;
  }
  if (options.out !== undefined) {
    try {
      await writeFile(options.out, output);
    } catch (error) {
      throw fsFailure(error, options.out).about('--out');
    }
  } else if (typeof output === 'string') {
    io.stdout(output);
  }
  if (!complete) io.stderr(importReportLines(importReport, 'cli.importReport.incomplete', options.file));
  return 0;
}
