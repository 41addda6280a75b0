/** `lotho check FILE [--previous FILE] [--format text|json] [--lang zh|bo]`: runs the validator. */
import type { Lang } from '../../report/model.ts';
import { describeFinding, validate } from '../../report/validate/index.ts';
import { completedReport, type ImportResult, type SuppliedMeta } from '../../report/import/index.ts';
import { readReport } from '../input.ts';
import { CliFailure, importReportLines, messagesFor, oneLine, zh, type Io } from '../output.ts';

export type CheckFormat = 'text' | 'json';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json'];

export interface CheckOptions {
  file: string;
  previous?: string;
  format: CheckFormat;
  lang: Lang;
  supplied?: SuppliedMeta;
}

async function readPrevious(file: string): Promise<ImportResult> {
  try {
    return await readReport(file);
  } catch (error) {
    throw error instanceof CliFailure ? error.about(`${zh('cli.previous')} (--previous)`) : error;
  }
}

/**
 * Prints the findings; exit status 1 when one of them is an error. An incomplete import is still
 * checked, and stderr says which parts were not found.
 */
export async function checkCommand(options: CheckOptions, io: Io): Promise<number> {
  const current = await readReport(options.file, options.supplied);
  const previous = options.previous === undefined ? undefined : await readPrevious(options.previous);
  for (const [result, file] of [[current, options.file], [previous, options.previous]] as const) {
    if (result !== undefined && file !== undefined && !result.complete) {
      io.stderr(importReportLines(result.importReport, 'cli.importReport.checkingPartial', file));
    }
  }
  const report = completedReport(current.report);
  // Without its year the report cannot be checked: stderr (above) says to give --year.
  if (report === undefined) return 1;
  const previousReport = previous === undefined ? undefined : completedReport(previous.report);
  const findings = validate(report, previousReport === undefined ? {} : { previous: previousReport });
  const template = report.meta.template;
  if (options.format === 'json') {
    const zhMessages = messagesFor('zh');
    const boMessages = messagesFor('bo');
    const out = findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      cells: f.cells,
      message: { zh: describeFinding(f, zhMessages, template), bo: describeFinding(f, boMessages, template) },
    }));
    io.stdout(`${JSON.stringify({ findings: out })}\n`);
  } else {
    const messages = messagesFor(options.lang);
    for (const f of findings) {
      const cells = f.cells.length > 0 ? ` ${f.cells.join(',')}` : '';
      io.stdout(`${f.rule} ${f.severity}${cells}: ${oneLine(describeFinding(f, messages, template))}\n`);
    }
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
