/**
 * The importer's core: a Source (lines of any format) to a report document and an import report
 * that lists everything that could not be read exactly. Never guesses silently, and never refuses
 * what can be read: a file with a title, section headings or table cells is a report, and what it
 * does not say (year, agency, template) is listed in `needs` for a person to supply.
 */
import { SECTION_KEYS, type CellKey, type CellValue, type SectionKey } from '../../model.ts';
import { textIn } from '../../factory.ts';
import { reportTables } from '../../tables/index.ts';
import { getTemplate, type TemplateDef } from '../../templates/index.ts';
import { ImportError, type ImportedReport, type ImportReport, type ImportResult, type Source, type TableKey } from '../types.ts';
import { detectTemplate } from './detect.ts';
import { readFront } from './front.ts';
import { findHeadings, splitRunInHeadings, splitRunTogether } from './headings.ts';
import { decideIdentity, decideTemplate, type SuppliedMeta } from './identity.ts';
import { levelOf, readBoilerplate, selfNamedAgency, signatureDate, splitRunInTitle } from './meta.ts';
import { normaliseSource } from './normalise.ts';
import { prepareSource, type PreparedLine } from './prepare.ts';
import { toProse } from './prose.ts';
import { sectionRegions } from './regions.ts';
import { checkSums } from './sums.ts';
import { readActiveTable, readAppealsTable, readRequestsTable, type TableResult } from './tables.ts';
import { collapseCjkSpaces } from './text.ts';

export interface ParseOptions extends SuppliedMeta {
  /** Id of the resulting report; derived from agency and year when absent. */
  id?: string;
  /** The file's name: a year in it is evidence too (the weakest but one). */
  fileName?: string;
}

const TABLES: readonly TableKey[] = ['active', 'requests', 'appeals'];

function textOf(lines: readonly PreparedLine[]): string {
  return lines.map((l) => (l.cells === undefined ? l.text : l.cells.join(' '))).join('\n');
}

/** A stable id: the year and a short hash of the agency name. */
function defaultId(agency: string, year: number | undefined): string {
  let hash = 0x811c9dc5;
  for (const char of agency) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `${year ?? 'undated'}-${hash.toString(36)}`;
}

/**
 * The tables' sums over the imported cells: per table how many hold, and every figure a failing
 * sum leaves in doubt marked uncertain, so no figure the arithmetic contradicts passes as certain.
 * Figures read from a scan are all uncertain until a person, or a sum that holds, confirms them.
 */
function judgeBySums(
  importReport: ImportReport,
  template: TemplateDef,
  cells: Record<CellKey, CellValue>,
  collapsedOtherHandling: boolean,
  recognisedPages: number | undefined,
  placement: TableResult['placement'],
): void {
  const judged = checkSums(reportTables(template, { collapsedOtherHandling }), cells);
  importReport.sums = judged.filter((j) => j.checked > 0).map(({ table, holding, checked }) => ({ table, holding, checked }));
  const doubtful = new Set(judged.flatMap((j) => j.doubtful));
  for (const cell of doubtful) importReport.uncertain.push({ cell, reason: 'sums_fail' });
  // Where a row was placed is in doubt even when its sums hold: a figure one row off keeps them.
  for (const { cell, reason } of placement) {
    if (doubtful.has(cell)) continue;
    doubtful.add(cell);
    importReport.uncertain.push({ cell, reason });
  }
  if (recognisedPages === undefined) return;
  importReport.notes.push({ code: 'recognised_from_scan', params: { pages: recognisedPages } });
  const confirmed = new Set(judged.flatMap((j) => j.confirmed));
  for (const [cell, value] of Object.entries(cells)) {
    if (value !== null && !doubtful.has(cell) && !confirmed.has(cell)) importReport.uncertain.push({ cell, reason: 'recognised' });
  }
}

/** Parses a source into a report. Throws ImportError('not_a_report') when nothing of a report is found. */
export function parseSource(raw: Source, options: ParseOptions = {}): ImportResult {
  const normalised = normaliseSource(raw);
  const source = normalised.source;
  const prepared = prepareSource(source);
  const { pdfText } = prepared;
  const lines = splitRunInHeadings(splitRunInTitle(splitRunTogether(prepared.lines)));
  const headings = findHeadings(lines);
  const firstHeading = Math.min(...SECTION_KEYS.map((k) => headings[k] ?? lines.length));
  const front = readFront(lines, firstHeading);
  const title = front.title;
  const regions = sectionRegions(lines, headings);

  const overview = regions.overview?.prose ?? [];
  const flat = collapseCjkSpaces(textOf([...front.preamble, ...overview]).replace(/\n/gu, ''));
  const boilerplate = readBoilerplate(flat, textOf(front.all));
  const signed = signatureDate(lines);
  const published = boilerplate.publishedOn ?? signed;
  const identity = decideIdentity(
    {
      ...(title?.year === undefined ? {} : { title: title.year }),
      flat,
      overviewLead: collapseCjkSpaces(toProse(overview, pdfText).split('\n').find((p) => /\d{4}\s*年/u.test(p)) ?? ''),
      ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
      ...(published === undefined ? {} : { published }),
      ...(boilerplate.period === undefined ? {} : { period: boilerplate.period }),
    },
    title !== undefined && title.agency !== '' ? title.agency : selfNamedAgency(collapseCjkSpaces(textOf(front.preamble).replace(/\n/gu, ''))),
    options,
  );

  const tableLines = TABLES.flatMap((t) => regions[t]?.table ?? []);
  const templateChoice = decideTemplate(detectTemplate(textOf(tableLines), identity.year), options.template);
  const template = getTemplate(templateChoice.decision.id);
  const readers: Record<TableKey, (t: TemplateDef, lines: readonly PreparedLine[], cut: boolean) => TableResult> = {
    active: readActiveTable,
    requests: readRequestsTable,
    appeals: readAppealsTable,
  };
  const tables: Partial<Record<TableKey, TableResult>> = {};
  for (const table of TABLES) {
    const region = regions[table];
    // A page cut short inside a table (the source's last line is the table's): rows after the
    // last figure were never printed.
    if (region !== undefined && region.table.length > 0) tables[table] = readers[table](template, region.table, region.table.at(-1) === lines.at(-1));
  }
  const anyCell = TABLES.some((t) => Object.keys(tables[t]?.cells ?? {}).length > 0);
  const headingCount = Object.keys(headings).length;
  // A prose-only page with one heading is a report too when it talks about 信息公开.
  const aboutDisclosure = headingCount >= 1 && /信息公开/u.test(flat);
  if (title === undefined && headingCount < 2 && !anyCell && !aboutDisclosure) {
    throw new ImportError('not_a_report', { headings: headingCount, title: 0, tables: 0 });
  }

  const cells: Record<CellKey, CellValue> = {};
  const units: Record<CellKey, string> = {};
  const importReport: ImportReport = {
    format: source.format,
    template: templateChoice.decision,
    missingSections: SECTION_KEYS.filter((k) => headings[k] === undefined),
    missingTables: [],
    missingRows: [],
    sums: [],
    uncertain: [],
    unplaced: [],
    skipped: [...prepared.skipped, ...front.skipped],
    missingMeta: [],
    needs: [...identity.needs, ...(templateChoice.need ? (['template'] as const) : [])],
    year: identity.yearInfo,
    notes: [...identity.notes, ...templateChoice.notes],
  };
  if (normalised.traditional > 0) importReport.notes.push({ code: 'traditional_converted', params: { characters: normalised.traditional } });
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
    for (const row of result.cutBySums) importReport.notes.push({ code: 'cut_by_sums', params: { row } });
  }
  const placement = TABLES.flatMap((t) => (importReport.missingTables.includes(t) ? [] : (tables[t]?.placement ?? [])));
  judgeBySums(importReport, template, cells, tables.requests?.collapsedOtherHandling === true, source.recognisedPages, placement);

  const sections: ImportedReport['sections'] = {};
  for (const key of SECTION_KEYS) {
    const region = regions[key];
    if (region !== undefined) sections[key] = textIn('zh', toProse(region.prose, pdfText));
  }
  const { agency } = identity;
  const meta: ImportedReport['meta'] = {
    agency: { zh: agency },
    level: levelOf(agency),
    ...(identity.year === undefined ? {} : { year: identity.year }),
    template: templateChoice.decision.id,
    ...boilerplate,
  };
  const wanted: (keyof ImportedReport['meta'])[] = ['period', 'address', 'postcode', 'phone', 'website'];
  importReport.missingMeta = [...(agency === '' ? ['agency'] : []), ...wanted.filter((k) => meta[k] === undefined)];

  const report: ImportedReport = { schema: 1, id: options.id ?? defaultId(agency, identity.year), meta, sections, cells, units };
  const preamble = toProse(front.preamble, pdfText);
  if (preamble !== '') report.preamble = textIn('zh', preamble);
  const complete =
    importReport.needs.length === 0 &&
    importReport.missingSections.length === 0 &&
    importReport.missingTables.length === 0 &&
    importReport.missingRows.length === 0 &&
    // A failing sum is the report's own arithmetic as far as the reading can tell: it is listed
    // (sums, uncertain) and the validator reports it; a figure read from an image is not yet read.
    importReport.uncertain.every((u) => u.reason === 'sums_fail') &&
    importReport.unplaced.length === 0;
  return { report, importReport, complete };
}

export type { SectionKey };
