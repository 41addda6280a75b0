/**
 * `lotho import DIR [--agency ID | --manifest FILE] [--publish] [--include-flagged]`: loads a
 * county's past reports in one run. Every file of DIR (and its folders) is read first, with a
 * progress line on stderr; then, with --publish, each report that was read completely is
 * published in the server's database as `<agency>-<year>`, one transaction per report, so a file
 * that fails leaves nothing of itself behind. A summary table on stdout says what was imported,
 * flagged (read, but with cells to check: published only with --include-flagged), refused, or
 * already there. Without --publish nothing is written: the table shows what a run would do.
 *
 * The manifest maps files to agencies (and, where a file does not say, years and templates):
 * `{"files": [{"file": "2021/倾多镇.pdf", "agency": "qingduo", "year": 2021, "template": "2021"}]}`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import type { SuppliedMeta } from '../../report/import/index.ts';
import { TEMPLATE_IDS } from '../../report/templates/index.ts';
import { checkPreviousYears, countStatuses, IMPORTABLE_FILE, publishBulkRows, readBulkFile, refusedRow, type BulkRow, type BulkStatus } from '../../server/bulk/import.ts';
import type { Agency, ServerStorage } from '../../server/storage/types.ts';
import { readReport } from '../input.ts';
import { CliFailure, oneLine, type Io } from '../output.ts';

const ManifestSchema = v.object({
  files: v.array(
    v.object({
      file: v.pipe(v.string(), v.minLength(1)),
      agency: v.optional(v.string()),
      year: v.optional(v.pipe(v.number(), v.integer())),
      template: v.optional(v.picklist(TEMPLATE_IDS)),
    }),
  ),
});
type ManifestEntry = v.InferOutput<typeof ManifestSchema>['files'][number];

export interface BulkOptions {
  dir: string;
  agency?: string;
  manifest?: string;
  publish: boolean;
  includeFlagged: boolean;
  supplied: SuppliedMeta;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && IMPORTABLE_FILE.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function readManifest(path: string): Promise<Map<string, ManifestEntry>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliFailure('usage', path, `--manifest: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = v.safeParse(ManifestSchema, parsed);
  if (!result.success) throw new CliFailure('usage', path, `--manifest: ${result.issues.map((i) => i.message).join('; ')}`);
  return new Map(result.output.files.map((entry) => [entry.file, entry]));
}

/** One file of DIR, read with its manifest entry (year, template) and what the command line supplies. */
function readOne(storage: ServerStorage, dir: string, file: string, agency: Agency, entry: ManifestEntry | undefined, supplied: SuppliedMeta): Promise<BulkRow> {
  const meta: SuppliedMeta = { ...supplied };
  if (entry?.year !== undefined) meta.year = entry.year;
  if (entry?.template !== undefined) meta.template = entry.template;
  return readBulkFile(storage, file, agency, meta, {
    read: (withAgency) => readReport(join(dir, file), withAgency),
    refusal: (error) => (error instanceof CliFailure ? oneLine(error.line().replace(/^lotho: /u, '')) : String(error)),
    yearHint: '--year or the manifest',
  });
}

function printTable(rows: readonly BulkRow[], io: Io): void {
  const header = ['file', 'agency', 'year', 'status', 'detail'];
  const body = rows.map((r) => [r.file, r.agency, r.year, r.status, r.detail]);
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...body.map((b) => (b[i] ?? '').length))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  io.stdout(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')}\n`);
}

/** Runs the bulk import. Exit status 0 when every file was imported (or was there), 1 otherwise. */
export async function bulkImportCommand(options: BulkOptions, storage: ServerStorage, io: Io): Promise<number> {
  if (options.agency === undefined && options.manifest === undefined) throw new CliFailure('usage', options.dir, 'a folder needs --agency ID or --manifest FILE');
  const manifest = options.manifest === undefined ? new Map<string, ManifestEntry>() : await readManifest(options.manifest);
  const files = options.manifest === undefined ? await listFiles(options.dir) : [...manifest.keys()];
  const agencies = new Map<string, Agency | undefined>();
  const rows: BulkRow[] = [];
  for (const [i, file] of files.entries()) {
    io.stderr(`[${i + 1}/${files.length}] ${file}\n`);
    const entry = manifest.get(file);
    const agencyId = entry?.agency ?? options.agency ?? '';
    if (!agencies.has(agencyId)) agencies.set(agencyId, await storage.getAgency(agencyId));
    const agency = agencies.get(agencyId);
    if (agency === undefined) {
      rows.push(refusedRow(file, agencyId, 'unknown_agency', 'no such agency (lotho agency add)'));
      continue;
    }
    rows.push(await readOne(storage, options.dir, file, agency, entry, options.supplied));
  }
  await checkPreviousYears(storage, rows);
  if (options.publish) await publishBulkRows(storage, rows, { includeFlagged: options.includeFlagged, note: (row) => `lotho import ${row.file}` });
  printTable(rows, io);
  const counts = countStatuses(rows);
  const count = (s: BulkStatus): number => counts[s];
  io.stderr(
    `lotho: ${files.length} files: ${count('published')} published, ${count('imported')} imported${options.publish ? ' (not published)' : ' (dry run: --publish writes them)'}, ` +
      `${count('flagged')} flagged, ${count('refused')} refused, ${count('exists')} already there, ${count('failed')} failed\n`,
  );
  return rows.every((r) => r.status === 'published' || r.status === 'exists' || (!options.publish && r.status === 'imported')) ? 0 : 1;
}
