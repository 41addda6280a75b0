/** Builds and keeps the model of each template variant (see README.md). */
import type { CellKey } from '../model.ts';
import { getTemplate, hasCollapsedOtherHandling, type TemplateDef, type TemplateId } from '../templates/index.ts';
import { activeTables, appealsTable, requestsTable } from './build.ts';
import { totalsOf } from './totals.ts';
import type { ReportTables, TableVariant } from './types.ts';

const built = new WeakMap<TemplateDef, Map<boolean, ReportTables>>();

function build(template: TemplateDef, variant: TableVariant): ReportTables {
  const collapsed = variant.collapsedOtherHandling && template.requests.collapsedOtherHandling !== undefined;
  const tables = [...activeTables(template), requestsTable(template, collapsed), appealsTable(template)];
  return {
    templateId: template.id,
    variant: { collapsedOtherHandling: collapsed },
    tables,
    totals: totalsOf(template, tables, collapsed),
    order: tables.flatMap((t) => t.cells),
  };
}

/**
 * The tables of a template as a report of `variant` prints them. A template without a collapsed
 * row (2019) has one variant only: asking for the collapsed one gives the full one.
 */
export function reportTables(template: TemplateDef, variant: TableVariant = { collapsedOtherHandling: false }): ReportTables {
  let variants = built.get(template);
  if (variants === undefined) {
    variants = new Map();
    built.set(template, variants);
  }
  const collapsed = variant.collapsedOtherHandling && template.requests.collapsedOtherHandling !== undefined;
  let tables = variants.get(collapsed);
  if (tables === undefined) {
    tables = build(template, { collapsedOtherHandling: collapsed });
    variants.set(collapsed, tables);
  }
  return tables;
}

/** The tables as this report prints them: its template, with the collapsed （六） row when it holds it (R6). */
export function tablesOfReport(report: { meta: { template: TemplateId }; cells: Record<CellKey, unknown> }): ReportTables {
  const template = getTemplate(report.meta.template);
  return reportTables(template, { collapsedOtherHandling: hasCollapsedOtherHandling(template, report.cells) });
}
