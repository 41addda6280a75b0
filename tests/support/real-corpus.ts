/**
 * The real-report corpus (tests/fixtures/real, issue 9): each folder's source imported and compared
 * cell by cell with its hand-written expected.json. Shared by the corpus test (every expected cell
 * right or flagged, never a wrong figure presented as certain) and `npm run bench:import`.
 *
 * A cell is
 * - right: the importer gives the expected value (null for a printed blank);
 * - flagged: the importer gives no value, or another one, and its import report says so for that
 *   cell (uncertain cells, missing rows or tables, values it could not place in that table);
 * - wrong: a different value, or no value, with nothing in the import report about it.
 *
 * The agency is
 * - right: the import states a name that names the expected agency (`namesSameAgency` in
 *   src/report/agency-name.ts: the page may leave out the places above the agency and shorten its
 *   government word, as pages do; expected.json types the full name);
 * - asked: the import states none and lists the agency in `needs` (the only answer where
 *   expected.json has null, the page naming no agency);
 * - wrong: a name that is not the expected agency's, or any name where the page names none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile, type ImportReport, type ImportResult } from '../../src/report/import/index.ts';
import { recognisePdf } from '../../src/report/import/ocr/tesseract.ts';
import { normaliseSource } from '../../src/report/import/parse/normalise.ts';
import { agencyCore, namesSameAgency } from '../../src/report/agency-name.ts';
import { parseCellKey } from '../../src/report/templates/index.ts';

export const REAL_CORPUS = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

export interface Expected {
  agency: string | null;
  year: number | null;
  template: '2019' | '2021';
  collapsedOtherHandling?: boolean;
  complete: boolean;
  cells: Record<string, number | null>;
  units?: Record<string, string>;
}

export interface WrongCell {
  cell: string;
  expected: number | null;
  actual: number | null | undefined;
}

export interface FixtureScore {
  id: string;
  /** The file imported, relative to the fixture folder (source.txt, variants/source.pdf…). */
  file: string;
  format: string;
  cells: number;
  right: number;
  flagged: number;
  wrong: WrongCell[];
  /** Expected cells the import gave a value for (certain or not), and how many of those are right. */
  placed: number;
  placedRight: number;
  /** Right cells the import still marks for a person to check (the cost of a check in noise). */
  rightFlagged: number;
  /**
   * Cells holding a wrong figure that nothing names but an unplaced value somewhere in their
   * table: the import report does not point at the cell itself.
   */
  tableOnly: WrongCell[];
  /** Cells with a number where expected.json has none (a cut page, or an invented value). */
  extra: string[];
  year: { expected: number | null; actual: number | undefined };
  template: { expected: string; actual: string | undefined };
  agency: AgencyScore;
  ms: number;
  /** What the import asks a person for (year, agency, template). */
  needs: string[];
  /** Pages read by text recognition (scans). */
  pages?: number;
  /** The ImportError code when the file was refused. */
  refused?: string;
}

export interface AgencyScore {
  expected: string | null;
  /** The name the import states; undefined when it states none. */
  actual: string | undefined;
  verdict: 'right' | 'asked' | 'wrong';
}

/** Scores the agency an import states (or asks for) against expected.json's. */
export function scoreAgency(result: ImportResult, expected: string | null): AgencyScore {
  const stated = result.report.meta.agency.zh;
  const actual = stated === '' ? undefined : stated;
  const asked = result.importReport.needs.includes('agency');
  if (actual === undefined) return { expected, actual, verdict: asked ? 'asked' : 'wrong' };
  return { expected, actual, verdict: expected !== null && namesSameAgency(actual, expected) ? 'right' : 'wrong' };
}

/**
 * Whether the fixture's page prints the expected agency's name at all, in its shortest form that
 * still names the agency (龙口镇 for 鹤山市龙口镇人民政府). A page misspelling it throughout (沐阳 for
 * 沭阳) or naming only an office's publisher row leaves an importer nothing to read it from.
 */
export function agencyPrinted(id: string, expected: string): boolean {
  const core = agencyCore(expected);
  const forms = Array.from({ length: core.length }, (_, start) => core.slice(start)).filter((tail) => namesSameAgency(tail, expected));
  const page = pageText(id);
  return forms.some((form) => page.includes(form));
}

/** Whether the page prints this name as it stands (a name read, not made up). */
export function namePrinted(id: string, name: string): boolean {
  return pageText(id).includes(name.replace(/\s/gu, ''));
}

/**
 * The fixture's own source text without white space, through the importer's one normalisation
 * (traditional characters to simplified, compatibility forms folded), as the importer reads it.
 */
function pageText(id: string): string {
  const text = fixtureFiles(id)
    .filter((file) => !file.startsWith('variants/'))
    .map((file) => readFileSync(join(REAL_CORPUS, id, file), 'utf8'))
    .join('\n');
  const { source } = normaliseSource({ format: 'txt', lines: text.split('\n').map((line) => ({ text: line })) });
  return source.lines.map((line) => line.text.replace(/\s/gu, '')).join('');
}

/** Fixture folder names, sorted. */
export function fixtureIds(): string[] {
  if (!existsSync(REAL_CORPUS)) return [];
  return readdirSync(REAL_CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(REAL_CORPUS, entry.name, 'expected.json')))
    .map((entry) => entry.name)
    .sort();
}

/** The files of a fixture to import: its source, and generated variants (variants/source.*). */
export function fixtureFiles(id: string): string[] {
  const dir = join(REAL_CORPUS, id);
  const sources = readdirSync(dir).filter((name) => /^source\.(txt|md|html?)$/u.test(name));
  const variantsDir = join(dir, 'variants');
  const variants = existsSync(variantsDir) ? readdirSync(variantsDir).filter((name) => /^source\b/u.test(name)).map((name) => `variants/${name}`) : [];
  return [...sources, ...variants.sort()];
}

export function readExpected(id: string): Expected {
  return JSON.parse(readFileSync(join(REAL_CORPUS, id, 'expected.json'), 'utf8')) as Expected;
}

/** True when the import report names this cell (uncertain), its row or its table as missing. */
export function isFlaggedCell(report: ImportReport, cell: string): boolean {
  const parts = parseCellKey(cell);
  if (parts === undefined) return false;
  const table = parts.table as 'active' | 'requests' | 'appeals';
  if (report.uncertain.some((u) => u.cell === cell)) return true;
  if (report.missingTables.includes(table)) return true;
  return report.missingRows.some((r) => r.table === table && r.row === parts.row);
}

/** True when the import report tells a person to look at this cell, or at values unplaced in its table. */
export function isFlagged(report: ImportReport, cell: string): boolean {
  const table = parseCellKey(cell)?.table;
  return isFlaggedCell(report, cell) || report.unplaced.some((u) => u.table === table);
}

function pagesOf(result: ImportResult): { pages?: number } {
  const note = result.importReport.notes.find((n) => n.code === 'recognised_from_scan');
  return typeof note?.params.pages === 'number' ? { pages: note.params.pages } : {};
}

/** Scores one import against the expected cells. */
export function score(id: string, file: string, result: ImportResult, expected: Expected, ms: number): FixtureScore {
  const { cells } = result.report;
  let right = 0;
  let flagged = 0;
  let placed = 0;
  let rightFlagged = 0;
  const tableOnly: WrongCell[] = [];
  const wrong: WrongCell[] = [];
  for (const [cell, value] of Object.entries(expected.cells)) {
    const actual = cells[cell];
    if (actual !== undefined) placed += 1;
    const named = isFlaggedCell(result.importReport, cell);
    if (actual === value) {
      right += 1;
      if (named) rightFlagged += 1;
    } else if (isFlagged(result.importReport, cell)) {
      flagged += 1;
      if (!named && actual !== undefined) tableOnly.push({ cell, expected: value, actual });
    } else wrong.push({ cell, expected: value, actual });
  }
  const extra = Object.entries(cells)
    .filter(([cell, value]) => value !== null && !(cell in expected.cells) && expected.complete)
    .map(([cell]) => cell);
  return {
    id,
    file,
    format: result.importReport.format,
    cells: Object.keys(expected.cells).length,
    right,
    flagged,
    wrong,
    placed,
    placedRight: right,
    rightFlagged,
    tableOnly,
    extra,
    year: { expected: expected.year, actual: result.report.meta.year },
    template: { expected: expected.template, actual: result.report.meta.template },
    agency: scoreAgency(result, expected.agency),
    ms,
    needs: result.importReport.needs,
    ...pagesOf(result),
  };
}

/** Imports one file of a fixture and scores it; a refused file scores every cell as wrong. */
export async function scoreFile(id: string, file: string): Promise<FixtureScore> {
  const expected = readExpected(id);
  const bytes = new Uint8Array(readFileSync(join(REAL_CORPUS, id, file)));
  const started = performance.now();
  try {
    const result = await importFile(bytes, file.split('/').pop() ?? file, { recognise: recognisePdf });
    return score(id, file, result, expected, performance.now() - started);
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
    return {
      id,
      file,
      format: file.split('.').pop() ?? '?',
      cells: Object.keys(expected.cells).length,
      right: 0,
      flagged: 0,
      placed: 0,
      placedRight: 0,
      rightFlagged: 0,
      tableOnly: [],
      wrong: Object.entries(expected.cells).map(([cell, value]) => ({ cell, expected: value, actual: undefined })),
      extra: [],
      year: { expected: expected.year, actual: undefined },
      template: { expected: expected.template, actual: undefined },
      agency: { expected: expected.agency, actual: undefined, verdict: 'wrong' },
      ms: performance.now() - started,
      needs: [],
      refused: code,
    };
  }
}
