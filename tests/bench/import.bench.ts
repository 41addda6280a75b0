/**
 * `npm run bench:import`: the importer over the real-report corpus (tests/fixtures/real, with
 * the generated Word/PDF/scan variants), compared cell by cell with the hand-written
 * expected.json (tests/support/real-corpus.ts). Prints per format and in all: files, files exact
 * (every cell right, nothing flagged), cells right / total, flagged, table only (cells with a wrong
 * figure that the import report names only through an unplaced value in their table), wrong but certain (the goal:
 * 0), right flagged (right cells still marked uncertain: the checks' noise), years right, the
 * agency (right / wrong but certain / asked for, as scored in real-corpus.ts; the goal: 0 wrong), and
 * the median import time per report. Scanned reports (variants/source-scan.pdf) add a line: cells
 * placed and right, and the text recognition's time per page. `--runs N` (default 3) imports each
 * file N times for the timing; `--list` prints every file's line; `--only SUBSTRING` filters.
 */
import { parseArgs } from 'node:util';
import { fixtureFiles, fixtureIds, scoreFile, type FixtureScore } from '../support/real-corpus.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, list: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs));

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface Measured {
  score: FixtureScore;
  ms: number;
}

async function measure(id: string, file: string): Promise<Measured> {
  const times: number[] = [];
  let score: FixtureScore | undefined;
  for (let i = 0; i < runs; i += 1) {
    score = await scoreFile(id, file);
    times.push(score.ms);
  }
  if (score === undefined) throw new Error('no run');
  return { score, ms: median(times) };
}

function formatOf(file: string): string {
  if (file.includes('scan')) return 'scan';
  const ext = file.split('.').pop() ?? '?';
  return ext === 'md' ? 'txt' : ext === 'htm' ? 'html' : ext;
}

function summary(label: string, rows: readonly Measured[]): string[] {
  const cells = rows.reduce((n, r) => n + r.score.cells, 0);
  const right = rows.reduce((n, r) => n + r.score.right, 0);
  const flagged = rows.reduce((n, r) => n + r.score.flagged, 0);
  const wrong = rows.reduce((n, r) => n + r.score.wrong.length, 0);
  const tableOnly = rows.reduce((n, r) => n + r.score.tableOnly.length, 0);
  const rightFlagged = rows.reduce((n, r) => n + r.score.rightFlagged, 0);
  const exact = rows.filter((r) => r.score.wrong.length === 0 && r.score.flagged === 0 && r.score.refused === undefined).length;
  const refused = rows.filter((r) => r.score.refused !== undefined).length;
  const years = rows.filter((r) => r.score.year.actual === (r.score.year.expected ?? undefined)).length;
  const asked = rows.filter((r) => r.score.year.actual === undefined && r.score.needs.includes('year')).length;
  const agencies = (verdict: string): number => rows.filter((r) => r.score.agency.verdict === verdict).length;
  return [
    label,
    String(rows.length),
    `${exact}`,
    `${right} / ${cells}${cells === 0 ? '' : ` (${((100 * right) / cells).toFixed(1)} %)`}`,
    String(flagged),
    String(tableOnly),
    String(wrong),
    String(rightFlagged),
    String(refused),
    `${years} (+${asked} asked)`,
    `${agencies('right')} / ${agencies('wrong')} / ${agencies('asked')}`,
    median(rows.map((r) => r.ms)).toFixed(1),
  ];
}

function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  const files = fixtureIds().flatMap((id) => fixtureFiles(id).map((file) => ({ id, file })));
  const chosen = values.only === undefined ? files : files.filter((f) => `${f.id}/${f.file}`.includes(values.only ?? ''));
  console.log(`bench:import: ${chosen.length} files of tests/fixtures/real, ${runs} run(s) each, Node ${process.version}\n`);
  const rows: Measured[] = [];
  for (const { id, file } of chosen) {
    const row = await measure(id, file);
    rows.push(row);
    const s = row.score;
    const bad = s.wrong.length > 0 || s.tableOnly.length > 0 || s.refused !== undefined || s.agency.verdict === 'wrong';
    if (values.list || bad) {
      const wrong = [...s.wrong, ...s.tableOnly].slice(0, 3).map((w) => `${w.cell}=${String(w.actual)}≠${String(w.expected)}`).join(' ');
      const agency = s.agency.verdict === 'wrong' ? ` agency ${s.agency.actual ?? '(none, not asked)'}≠${s.agency.expected ?? '(not named)'}` : '';
      console.log(`${id}/${file}: ${s.right}/${s.cells} right, ${s.flagged} flagged (${s.tableOnly.length} table only), ${s.rightFlagged} right flagged, ${s.wrong.length} wrong ${s.refused ?? ''} ${wrong}${agency} ${row.ms.toFixed(1)} ms`);
    }
  }
  const formats = [...new Set(rows.map((r) => formatOf(r.score.file)))].sort();
  const header = ['format', 'files', 'exact', 'cells right / total', 'flagged', 'table only', 'wrong certain', 'right flagged', 'refused', 'year right', 'agency right / wrong certain / asked', 'ms / report'];
  console.log('');
  printTable(header, [...formats.map((f) => summary(f, rows.filter((r) => formatOf(r.score.file) === f))), summary('all', rows)]);
  // Text recognition: how many expected figures it placed at all, and how many of those are right.
  const scans = rows.filter((r) => formatOf(r.score.file) === 'scan');
  if (scans.length > 0) {
    const cells = scans.reduce((n, r) => n + r.score.cells, 0);
    const placed = scans.reduce((n, r) => n + r.score.placed, 0);
    const right = scans.reduce((n, r) => n + r.score.placedRight, 0);
    const pages = scans.reduce((n, r) => n + (r.score.pages ?? 0), 0);
    const ms = scans.reduce((n, r) => n + r.ms, 0);
    console.log(
      `\nscans (OCR): ${placed} of ${cells} cells placed (${((100 * placed) / cells).toFixed(1)} %), ` +
        `${right} of those right (${((100 * right) / Math.max(1, placed)).toFixed(1)} %), all flagged uncertain; ` +
        `${(ms / Math.max(1, pages) / 1000).toFixed(1)} s per page (${pages} pages)`,
    );
  }
}

await main();
