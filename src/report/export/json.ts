/**
 * JSON exports: the full report (Lotho's own file format, read back by parseReportJson) and the
 * compact cells-only form for scripts and diffs. Both write keys in a fixed order, so the same
 * report always gives the same bytes.
 */
import type { BilingualText, CellKey, ReportDocument, ReportMeta } from '../model.ts';
import { SECTION_KEYS } from '../model.ts';
import { orderedCellKeys } from '../tables/index.ts';

/**
 * Joins the levels of a merged header or a row's group and label into one cell (the Markdown
 * tables, the reader's CSV). Kept here, in a module without label lookups, so the reader's
 * download code does not pull in the Markdown export.
 */
export const LABEL_SEPARATOR = ' · ';

function textJson(text: BilingualText): BilingualText {
  return { zh: text.zh, bo: text.bo, original: text.original, translationReviewed: text.translationReviewed };
}

function metaJson(meta: ReportMeta): ReportMeta {
  return {
    agency: { zh: meta.agency.zh, bo: meta.agency.bo },
    level: meta.level,
    year: meta.year,
    template: meta.template,
    period: meta.period && { start: meta.period.start, end: meta.period.end },
    publishedOn: meta.publishedOn,
    address: meta.address,
    postcode: meta.postcode,
    phone: meta.phone,
    email: meta.email,
    website: meta.website,
    notice: meta.notice,
    declaredParts: meta.declaredParts,
  };
}

/** The report as pretty-printed JSON (2-space indent), keys in a stable order; undefined fields omitted. */
export function toReportJson(report: ReportDocument): string {
  const keys = orderedCellKeys(report);
  const sections: ReportDocument['sections'] = {};
  for (const key of SECTION_KEYS) {
    const text = report.sections[key];
    if (text !== undefined) sections[key] = textJson(text);
  }
  const document: ReportDocument = {
    schema: report.schema,
    id: report.id,
    meta: metaJson(report.meta),
    preamble: report.preamble && textJson(report.preamble),
    sections,
    cells: Object.fromEntries(keys.map((key) => [key, report.cells[key] ?? null])),
    units: Object.fromEntries(
      keys.flatMap((key) => (report.units[key] === undefined ? [] : [[key, report.units[key]]])),
    ),
  };
  // Units of cells the report does not hold are kept too, after the others.
  for (const key of Object.keys(report.units).sort()) {
    const unit = report.units[key];
    if (!(key in document.units) && unit !== undefined) document.units[key] = unit;
  }
  return JSON.stringify(document, null, 2);
}

/**
 * The cells only, compact, on one line:
 * `{"template":…,"year":…,"agency":…,"cells":{…},"units":{…}}`. Cells in template order, only
 * those the report holds (null kept: printed blank); units only for those cells. The year is null
 * for an import whose year is still to be supplied.
 */
export function toCellsJson(report: Pick<ReportDocument, 'cells' | 'units'> & { meta: Pick<ReportMeta, 'template' | 'agency'> & { year?: number } }): string {
  const keys = orderedCellKeys(report);
  const cells: Record<CellKey, number | null> = {};
  const units: Record<CellKey, string> = {};
  for (const key of keys) {
    cells[key] = report.cells[key] ?? null;
    const unit = report.units[key];
    if (unit !== undefined) units[key] = unit;
  }
  return JSON.stringify({
    template: report.meta.template,
    year: report.meta.year ?? null,
    agency: report.meta.agency.zh,
    cells,
    units,
  });
}
