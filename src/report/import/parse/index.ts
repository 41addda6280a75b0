/**
 * The importer's core: a Source (lines of any format) to a report document and an import report
 * that lists everything that could not be read exactly. Never guesses silently.
 */
import { SECTION_KEYS, type CellKey, type CellValue, type ReportDocument, type SectionKey } from '../../model.ts';
import { textIn } from '../../factory.ts';
import { getTemplate } from '../../templates/index.ts';
import { ImportError, type ImportReport, type ImportResult, type Source, type TableKey } from '../types.ts';
import { detectTemplate } from './detect.ts';
import { findHeadings } from './headings.ts';
import { CHROME, findTitle, levelOf, readBoilerplate, titleLines } from './meta.ts';
import { prepareSource, type PreparedLine } from './prepare.ts';
import { toProse } from './prose.ts';
import { sectionRegions } from './regions.ts';
import { readActiveTable, readAppealsTable, readRequestsTable, type TableResult } from './tables.ts';
import { collapseCjkSpaces, fold, trimLine } from './text.ts';

export interface ParseOptions {
  /** Id of the resulting report; derived from agency and year when absent. */
  id?: string;
}

const TABLES: readonly TableKey[] = ['active', 'requests', 'appeals'];
const PUBLICATION_MONTH = /^[(（]\d{4}年\d{1,2}月[)）]$/u;

function textOf(lines: readonly PreparedLine[]): string {
  return lines.map((l) => (l.cells === undefined ? l.text : l.cells.join(' '))).join('\n');
}

/** A stable id: the year and a short hash of the agency name. */
function defaultId(agency: string, year: number): string {
  let hash = 0x811c9dc5;
  for (const char of agency) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `${year}-${hash.toString(36)}`;
}

/** Parses a source into a report. Throws ImportError('not_a_report') when nothing of a report is found. */
export function parseSource(source: Source, options: ParseOptions = {}): ImportResult {
  const prepared = prepareSource(source);
  const { lines, pdfText } = prepared;
  const headings = findHeadings(lines);
  const firstHeading = Math.min(...SECTION_KEYS.map((k) => headings[k] ?? lines.length));
  const title = findTitle(lines, firstHeading);
  const regions = sectionRegions(lines, headings);

  const front = lines.slice(0, firstHeading);
  const titles = titleLines(front, front.length);
  const preambleLines = front.slice(title === undefined ? 0 : title.line + 1).filter((l, i, rest) => {
    const text = fold(trimLine(l.text));
    const position = front.length - rest.length + i;
    return !CHROME.test(text) && !PUBLICATION_MONTH.test(text) && !titles.has(position);
  });
  const skipped: ImportReport['skipped'] = [...prepared.skipped];
  front.forEach((line, i) => {
    const text = trimLine(line.text);
    const isTitle = title !== undefined && i >= title.firstLine && i <= title.line;
    if (text !== '' && !isTitle && !preambleLines.includes(line)) skipped.push({ text, reason: 'portal_chrome' });
  });

  const flat = collapseCjkSpaces(textOf([...preambleLines, ...(regions.overview?.prose ?? [])]).replace(/\n/gu, ''));
  const boilerplate = readBoilerplate(flat, textOf(front));
  const periodYear = boilerplate.period === undefined ? undefined : Number(boilerplate.period.end.slice(0, 4));
  const year = title?.year ?? periodYear;

  const tableLines = TABLES.flatMap((t) => regions[t]?.table ?? []);
  const decision = detectTemplate(textOf(tableLines), year);
  const template = getTemplate(decision.id);
  const readers = { active: readActiveTable, requests: readRequestsTable, appeals: readAppealsTable };
  const tables: Partial<Record<TableKey, TableResult>> = {};
  for (const table of TABLES) {
    const region = regions[table];
    if (region !== undefined && region.table.length > 0) tables[table] = readers[table](template, region.table);
  }
  const anyCell = TABLES.some((t) => Object.keys(tables[t]?.cells ?? {}).length > 0);
  const headingCount = Object.keys(headings).length;
  if ((title === undefined && headingCount < 2 && !anyCell) || year === undefined) {
    throw new ImportError('not_a_report', { headings: headingCount, title: title === undefined ? 0 : 1 });
  }

  const cells: Record<CellKey, CellValue> = {};
  const units: Record<CellKey, string> = {};
  const importReport: ImportReport = {
    format: source.format,
    template: decision,
    missingSections: SECTION_KEYS.filter((k) => headings[k] === undefined),
    missingTables: [],
    missingRows: [],
    unplaced: [],
    skipped,
    missingMeta: [],
    notes: [],
  };
  for (const table of TABLES) {
    const result = tables[table];
    if (result === undefined || Object.keys(result.cells).length === 0) {
      importReport.missingTables.push(table);
      if (result !== undefined) importReport.unplaced.push(...result.unplaced);
      continue;
    }
    Object.assign(cells, result.cells);
    Object.assign(units, result.units);
    importReport.missingRows.push(...result.missingRows);
    importReport.unplaced.push(...result.unplaced);
    if (result.collapsedOtherHandling) importReport.notes.push({ code: 'collapsed_other_handling', params: {} });
  }
  if (decision.decidedBy !== 'headers') importReport.notes.push({ code: `template_by_${decision.decidedBy}`, params: { template: decision.id } });

  const sections: ReportDocument['sections'] = {};
  for (const key of SECTION_KEYS) {
    const region = regions[key];
    if (region !== undefined) sections[key] = textIn('zh', toProse(region.prose, pdfText));
  }
  const agency = title?.agency ?? '';
  const meta: ReportDocument['meta'] = { agency: { zh: agency }, level: levelOf(agency), year, template: decision.id, ...boilerplate };
  const wanted: (keyof ReportDocument['meta'])[] = ['period', 'address', 'postcode', 'phone', 'website'];
  importReport.missingMeta = [...(agency === '' ? ['agency'] : []), ...wanted.filter((k) => meta[k] === undefined)];

  const report: ReportDocument = {
    schema: 1,
    id: options.id ?? defaultId(agency, year),
    meta,
    sections,
    cells,
    units,
  };
  const preamble = toProse(preambleLines, pdfText);
  if (preamble !== '') report.preamble = textIn('zh', preamble);
  const complete =
    importReport.missingSections.length === 0 &&
    importReport.missingTables.length === 0 &&
    importReport.missingRows.length === 0 &&
    importReport.unplaced.length === 0;
  return { report, importReport, complete };
}

export type { SectionKey };
