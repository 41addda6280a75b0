/**
 * `npm run bench:import`: import and check every report of ../shared/corpus (and raw/*.pdf,
 * raw/*.docx) repeatedly and print median and p95 times per file, then the median over the full
 * .txt reports. Options: --runs N (default 30), --warmup N (default 3). LOTHO_CORPUS overrides the
 * folder. Skips with a message when the corpus is not there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importFile } from '../../src/report/import/index.ts';
import { ImportError } from '../../src/report/import/types.ts';
import { validate } from '../../src/report/validate/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpus = resolve(root, process.env.LOTHO_CORPUS ?? '../shared/corpus');

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, warmup: { type: 'string', default: '3' } },
});
const runs = Math.max(1, Number(values.runs));
const warmup = Math.max(0, Number(values.warmup));

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function files(): string[] {
  const top = readdirSync(corpus)
    .filter((name) => /\.(txt|html?|json|docx|pdf)$/i.test(name))
    .map((name) => join(corpus, name));
  const rawDir = join(corpus, 'raw');
  const raw = existsSync(rawDir)
    ? readdirSync(rawDir)
        .filter((name) => /\.(pdf|docx)$/i.test(name))
        .map((name) => join(rawDir, name))
    : [];
  return [...top.sort(), ...raw.sort()];
}

interface Row {
  file: string;
  format: string;
  bytes: number;
  importMs: number;
  importP95: number;
  checkMs: number;
  checkP95: number;
  note: string;
  importTimes: number[];
  checkTimes: number[];
}

async function bench(path: string): Promise<Row> {
  const buffer = readFileSync(path);
  // A plain Uint8Array, as the CLI passes: pdf.js refuses Node's Buffer subclass.
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const name = path.slice(corpus.length + 1);
  const importTimes: number[] = [];
  const checkTimes: number[] = [];
  let format = name.split('.').pop() ?? '?';
  let note = '';
  for (let i = 0; i < warmup + runs; i += 1) {
    const t0 = performance.now();
    let result;
    try {
      result = await importFile(bytes, name.split('/').pop() ?? name);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      note = `ImportError ${error.code}`;
      if (i >= warmup) importTimes.push(performance.now() - t0);
      continue;
    }
    const t1 = performance.now();
    const findings = validate(result.report);
    const t2 = performance.now();
    format = result.importReport.format;
    note = `${result.complete ? 'complete' : 'incomplete'}, ${findings.length} findings`;
    if (i >= warmup) {
      importTimes.push(t1 - t0);
      checkTimes.push(t2 - t1);
    }
  }
  const si = [...importTimes].sort((a, b) => a - b);
  const sc = [...checkTimes].sort((a, b) => a - b);
  return {
    file: name,
    format,
    bytes: bytes.length,
    importMs: median(importTimes),
    importP95: quantile(si, 0.95),
    checkMs: median(checkTimes),
    checkP95: quantile(sc, 0.95),
    note,
    importTimes,
    checkTimes,
  };
}

function ms(x: number): string {
  return Number.isNaN(x) ? '-' : x.toFixed(2);
}

function printTable(rows: Row[]): void {
  const header = ['file', 'format', 'bytes', 'import ms (median)', 'import p95', 'check ms (median)', 'check p95', 'result'];
  const body = rows.map((r) => [r.file, r.format, String(r.bytes), ms(r.importMs), ms(r.importP95), ms(r.checkMs), ms(r.checkP95), r.note]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const numeric = new Set([2, 3, 4, 5, 6]);
  const line = (cells: string[]): string =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

async function main(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`bench:import: no corpus at ${corpus}; nothing to measure (set LOTHO_CORPUS to point at one).`);
    return;
  }
  console.log(`bench:import: ${corpus}, ${warmup} warm-up + ${runs} runs per file, Node ${process.version}\n`);
  const rows: Row[] = [];
  for (const path of files()) rows.push(await bench(path));
  printTable(rows);
  // Full reports: the corpus marks partial texts in their file names.
  const full = rows.filter((r) => r.file.endsWith('.txt') && !r.file.includes('partial'));
  if (full.length > 0) {
    console.log(
      `\nfull .txt reports (${full.length}: ${full.map((r) => r.file).join(', ')}): ` +
        `median over all runs: import ${ms(median(full.flatMap((r) => r.importTimes)))} ms, ` +
        `check ${ms(median(full.flatMap((r) => r.checkTimes)))} ms`,
    );
  }
}

await main();
