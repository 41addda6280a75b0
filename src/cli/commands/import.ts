/** `lotho import FILE --format cells|json|md [--lang zh|bo]`: prints the imported report. */
import type { Lang } from '../../report/model.ts';
import { toCellsJson, toMarkdown, toReportJson } from '../../report/export/index.ts';
import { readReport } from '../input.ts';
import { importReportLines, messagesFor, type Io } from '../output.ts';

export type ImportFormat = 'cells' | 'json' | 'md';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['cells', 'json', 'md'];

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  lang: Lang;
}

/** Prints the report on stdout and, when the import is not complete, what is missing on stderr. */
export async function importCommand(options: ImportOptions, io: Io): Promise<number> {
  const { report, importReport, complete } = await readReport(options.file);
  const text =
    options.format === 'cells'
      ? `${toCellsJson(report)}\n`
      : options.format === 'md'
        ? toMarkdown(report, options.lang, messagesFor(options.lang))
        : `${toReportJson(report)}\n`;
  io.stdout(text);
  if (!complete) io.stderr(importReportLines(importReport, 'cli.importReport.incomplete', options.file));
  return 0;
}
