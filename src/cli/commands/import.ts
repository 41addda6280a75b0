/**
 * `lotho import FILE --format cells|json|md|html|docx [--lang zh|bo] [--out OUT]
 * [--year Y] [--agency 名称] [--template 2019|2021]`: prints the imported report, or writes it to
 * OUT (always so for docx, which is binary). In Tibetan, with the deployment's reviewed texts.
 */
import { writeFile } from 'node:fs/promises';
import type { Lang } from '../../report/model.ts';
import { toCellsJson, toHtmlFragment, toMarkdown, toReportJson } from '../../report/export/index.ts';
import { completedReport, type SuppliedMeta } from '../../report/import/index.ts';
import { applyParagraphReviews, type TranslationOverlay } from '../../report/review/overlay.ts';
import { withOverlayMessages } from '../../report/review/overlay-messages.ts';
import { fsFailure, readReport } from '../input.ts';
import { importReportLines, messagesFor, type Io } from '../output.ts';

export type ImportFormat = 'cells' | 'json' | 'md' | 'html' | 'docx';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['cells', 'json', 'md', 'html', 'docx'];

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  lang: Lang;
  /** The deployment's reviewed Tibetan (main.ts reads it from the server's database, when there is one). */
  overlay?: TranslationOverlay;
  /** Write here instead of stdout; required for docx (checked by the argument parser). */
  out?: string;
  supplied?: SuppliedMeta;
}

/**
 * Prints the report on stdout (or writes it to `out`) and, when the import is not complete, what
 * is missing on stderr. A report whose year is still needed prints as cells or JSON with its year
 * left out (the official layouts need it) and exits 1: `--year` supplies it.
 */
export async function importCommand(options: ImportOptions, io: Io): Promise<number> {
  const { report: imported, importReport, complete } = await readReport(options.file, options.supplied);
  const completed = completedReport(imported);
  // Tibetan exports speak as the running app does: reviewed terms, labels and paragraphs.
  const overlay = options.lang === 'bo' ? options.overlay : undefined;
  const report = completed === undefined || overlay === undefined ? completed : applyParagraphReviews(completed, overlay).document;
  const messages = overlay === undefined ? messagesFor(options.lang) : withOverlayMessages(messagesFor(options.lang), overlay);
  let output: string | Uint8Array | undefined;
  if (options.format === 'cells') output = `${toCellsJson(imported)}\n`;
  else if (report === undefined) output = options.format === 'json' ? `${JSON.stringify(imported, null, 2)}\n` : undefined;
  else if (options.format === 'docx') {
    // Loaded on demand: the docx package is only needed for this format.
    const { toDocx } = await import('../../report/export/docx.ts');
    const { docxTibetanFont } = await import('../../fonts/tibetan.ts');
    output = await toDocx(report, options.lang, messages, { tibetanFont: docxTibetanFont });
  } else {
    output =
      options.format === 'md'
        ? toMarkdown(report, options.lang, messages)
        : options.format === 'html'
          ? toHtmlFragment(report, options.lang, messages)
          : `${toReportJson(report)}\n`;
  }
  if (output === undefined) {
    // Nothing written.
  } else if (options.out !== undefined) {
    try {
      await writeFile(options.out, output);
    } catch (error) {
      throw fsFailure(error, options.out).about('--out');
    }
  } else if (typeof output === 'string') {
    io.stdout(output);
  }
  if (!complete) io.stderr(importReportLines(importReport, 'cli.importReport.incomplete', options.file));
  return report === undefined ? 1 : 0;
}
