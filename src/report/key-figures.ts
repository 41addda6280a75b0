/**
 * The key figures the county office compares across agencies and years: what residents asked
 * (applications received), what was decided (results), the disputes (administrative review,
 * lawsuits) and what was disclosed actively. Defined once on the cell keys of templates.json, for
 * both templates, so the oversight page, its chart and the exports sum the same cells.
 */
import type { CellKey, ReportDocument, TemplateId } from './model.ts';
import { cellKey } from './templates/index.ts';

export type KeyFigure = 'received' | 'results' | 'review' | 'lawsuits' | 'disclosed';
export const KEY_FIGURES: readonly KeyFigure[] = ['received', 'results', 'review', 'lawsuits', 'disclosed'];

/** A key figure per name; null when a cell it adds up is blank or absent (M1: blank is not 0). */
export type KeyFigures = Record<KeyFigure, number | null>;

/**
 * The cells each key figure adds up. "Disclosed" is the regulations and normative documents made
 * public this year: 本年新公开数量 in 2019 (第二十条第(一)项), 本年制发件数 in 2021.
 */
export function keyFigureCells(template: TemplateId): Record<KeyFigure, readonly CellKey[]> {
  const disclosedColumn = template === '2019' ? 'published' : 'issued';
  return {
    received: [cellKey('requests', 'new_received', 'total')],
    results: [cellKey('requests', 'results_total', 'total')],
    review: [cellKey('appeals', 'review', 'total')],
    lawsuits: [cellKey('appeals', 'litigation_direct', 'total'), cellKey('appeals', 'litigation_after_review', 'total')],
    disclosed: [cellKey('active', 'rules', disclosedColumn), cellKey('active', 'normative', disclosedColumn)],
  };
}

/** The key figures of a report. */
export function keyFigures(report: Pick<ReportDocument, 'cells'> & { meta: Pick<ReportDocument['meta'], 'template'> }): KeyFigures {
  const cells = keyFigureCells(report.meta.template);
  const sum = (keys: readonly CellKey[]): number | null => {
    let total = 0;
    for (const key of keys) {
      const value = report.cells[key];
      if (value === undefined || value === null) return null;
      total += value;
    }
    return total;
  };
  return {
    received: sum(cells.received),
    results: sum(cells.results),
    review: sum(cells.review),
    lawsuits: sum(cells.lawsuits),
    disclosed: sum(cells.disclosed),
  };
}
