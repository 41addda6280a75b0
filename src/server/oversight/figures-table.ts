/**
 * Every figure of every agency of a subtree for a year, as one table: the CSV and the workbook
 * write the same columns. One row per agency (tree order, as the oversight page lists them), the
 * columns that say who and where the report stands, then one column per cell key of the templates
 * the year's reports use (the year's own template first), then the units of money cells. Only
 * published reports have figures: a draft's are not final.
 */
import { cellLabelKeys, reportTables } from '../../report/tables/index.ts';
import { LABEL_SEPARATOR } from '../../report/export/json.ts';
import { labelIn } from '../../report/export/table-layout.ts';
import { formatMessage, type MessageTree } from '../../report/labels.ts';
import type { CellKey, ReportDocument, TemplateId } from '../../report/model.ts';
import { cellSpec, getTemplate, hasCollapsedOtherHandling, templateForYear } from '../../report/templates/index.ts';
import type { OversightRow } from '../../contract/oversight.ts';

/** A cell of the table: text, a number, or nothing. */
export type TableValue = string | number | null;

export interface FiguresTable {
  /** Machine names of the columns: fixed names, then cell keys, then `unit:<cell key>`. */
  keys: string[];
  /** The same columns as people read them, in the messages' language. */
  labels: string[];
  /** Which columns hold text people typed (names): the CSV guards them against formula injection. */
  text: boolean[];
  rows: TableValue[][];
}

const FIXED = ['agency_id', 'agency_zh', 'agency_bo', 'level', 'parent_id', 'status', 'report_id', 'version', 'published_at', 'deadline', 'late', 'errors', 'warnings'] as const;
const TYPED_TEXT = new Set<string>(['agency_zh', 'agency_bo']);

interface CellColumn {
  key: CellKey;
  template: TemplateId;
}

/** Cell keys of the templates in use, each once, the year's template first. */
function cellColumns(year: number, documents: readonly ReportDocument[]): CellColumn[] {
  const templates: TemplateId[] = [templateForYear(year).id];
  for (const d of documents) if (!templates.includes(d.meta.template)) templates.push(d.meta.template);
  const columns: CellColumn[] = [];
  const seen = new Set<CellKey>();
  for (const id of templates) {
    const template = getTemplate(id);
    // The collapsed （六）其他处理 row (R6) gets columns only when a report prints it.
    const collapsed = documents.some((d) => d.meta.template === id && hasCollapsedOtherHandling(template, d.cells));
    const keys = [...reportTables(template).order, ...(collapsed ? reportTables(template, { collapsedOtherHandling: true }).order : [])];
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push({ key, template: id });
    }
  }
  return columns;
}

/** The table of the rows (oversight order) and the published documents by report id. */
export function figuresTable(year: number, rows: readonly OversightRow[], documents: ReadonlyMap<string, ReportDocument>, messages: MessageTree): FiguresTable {
  const cells = cellColumns(year, [...documents.values()]);
  const money = cells.filter((c) => cellSpec(getTemplate(c.template), c.key)?.kind === 'money');
  const label = (key: string): string => labelIn(messages, key);
  const cellLabel = (c: CellColumn): string => cellLabelKeys(getTemplate(c.template), c.key).map(label).join(LABEL_SEPARATOR);
  const keys = [...FIXED, ...cells.map((c) => c.key), ...money.map((c) => `unit:${c.key}`)];
  const labels = [
    ...FIXED.map((name) => label(`export.oversight.columns.${name}`)),
    ...cells.map(cellLabel),
    ...money.map((c) => formatMessage(label('export.oversight.columns.unit'), { cell: cellLabel(c) })),
  ];
  const body = rows.map((row): TableValue[] => {
    const document = row.reportId === null ? undefined : documents.get(row.reportId);
    const fixed: TableValue[] = [
      row.agency.id,
      row.agency.zh,
      row.agency.bo ?? null,
      row.agency.level,
      row.agency.parentId,
      row.status,
      row.reportId,
      row.version,
      row.publishedAt,
      row.deadline,
      row.late ? 1 : 0,
      row.findings.error,
      row.findings.warning,
    ];
    const values = cells.map((c) => document?.cells[c.key] ?? null);
    const units = money.map((c) => (document === undefined ? null : (document.units[c.key] ?? cellSpec(getTemplate(c.template), c.key)?.unit ?? null)));
    return [...fixed, ...values, ...units];
  });
  return { keys, labels, text: keys.map((k) => TYPED_TEXT.has(k)), rows: body };
}
