/** Builders for report documents: a blank draft of a template, and bilingual text blocks. */
import type { AdminLevel, BilingualText, CellKey, CellValue, Lang, ReportDocument } from './model.ts';
import { reportTables } from './tables/index.ts';
import { cellSpec, getTemplate, type TemplateId } from './templates/index.ts';

/** The id an agency's report of a year goes by: `<agency>-<year>` (the app's and the server's). */
export function agencyReportId(agencyId: string, year: number): string {
  return `${agencyId}-${year}`;
}

/** A text block written in one language, its translation not yet reviewed. */
export function textIn(lang: Lang, text: string): BilingualText {
  return lang === 'zh'
    ? { zh: text, original: 'zh', translationReviewed: false }
    : { bo: text, original: 'bo', translationReviewed: false };
}

export interface BlankReportOptions {
  id: string;
  template: TemplateId;
  year: number;
  agencyZh: string;
  level: AdminLevel;
  /** Value for every cell: null (blank, the default for a new draft) or a number such as 0. */
  fill?: CellValue;
}

/**
 * A report with every cell of the template present. Money cells with a template unit carry it, so
 * a new 2021 draft already says its 收费金额 is in 万元.
 */
export function blankReport(options: BlankReportOptions): ReportDocument {
  const template = getTemplate(options.template);
  const cells: Record<CellKey, CellValue> = {};
  const units: Record<CellKey, string> = {};
  for (const key of reportTables(template).order) {
    cells[key] = options.fill ?? null;
    const unit = cellSpec(template, key)?.unit;
    if (unit !== undefined) units[key] = unit;
  }
  return {
    schema: 1,
    id: options.id,
    meta: { agency: { zh: options.agencyZh }, level: options.level, year: options.year, template: options.template },
    sections: {},
    cells,
    units,
  };
}
