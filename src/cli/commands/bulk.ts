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
import { agencyReportId } from '../../report/factory.ts';
import { completedReport, type ImportResult, type SuppliedMeta } from '../../report/import/index.ts';
import type { ReportDocument } from '../../report/model.ts';
import { TEMPLATE_IDS } from '../../report/templates/index.ts';
import { validate } from '../../report/validate/index.ts';
import { digestOf } from '../../server/oversight/digest.ts';
import type { Agency, ServerStorage } from '../../server/storage/types.ts';
import { readReport } from '../input.ts';
import { CliFailure, oneLine, type Io } from '../output.ts';

const IMPORTABLE = /\.(txt|md|html?|docx|pdf|json)$/iu;

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

type Status = 'imported' | 'flagged' | 'refused' | 'exists' | 'published' | 'failed';

interface Row {
  file: string;
  agency: string;
  year: string;
  status: Status;
  detail: string;
  document?: ReportDocument;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && IMPORTABLE.test(e.name))
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

/** What the import left for a person, in one short line. */
function flags(result: ImportResult): string {
  const r = result.importReport;
  const parts = [
    r.needs.length > 0 ? `needs ${r.needs.join(',')}` : '',
    r.uncertain.length > 0 ? `${r.uncertain.length} uncertain` : '',
    r.missingRows.length > 0 ? `${r.missingRows.length} rows missing` : '',
    r.missingTables.length > 0 ? `tables missing: ${r.missingTables.join(',')}` : '',
    r.unplaced.length > 0 ? `${r.unplaced.length} unplaced` : '',
    r.missingSections.length > 0 ? `${r.missingSections.length} sections missing` : '',
  ];
  return parts.filter((p) => p !== '').join('; ');
}

async function readOne(storage: ServerStorage, dir: string, file: string, agency: Agency, entry: ManifestEntry | undefined, supplied: SuppliedMeta): Promise<Row> {
  const meta: SuppliedMeta = { ...supplied, agency: agency.nameZh };
  if (entry?.year !== undefined) meta.year = entry.year;
  if (entry?.template !== undefined) meta.template = entry.template;
  const row: Row = { file, agency: agency.id, year: '', status: 'refused', detail: '' };
  let result: ImportResult;
  try {
    result = await readReport(join(dir, file), meta);
  } catch (error) {
    row.detail = error instanceof CliFailure ? oneLine(error.line().replace(/^lotho: /u, '')) : String(error);
    return row;
  }
  const report = completedReport(result.report);
  if (report === undefined) {
    row.detail = `${flags(result)} (--year or the manifest)`;
    return row;
  }
  row.year = String(report.meta.year);
  const id = agencyReportId(agency.id, report.meta.year);
  row.document = {
    ...report,
    id,
    meta: { ...report.meta, agency: agency.nameBo === undefined ? { zh: agency.nameZh } : { zh: agency.nameZh, bo: agency.nameBo }, level: agency.level },
  };
  if ((await storage.listReportVersions(id)).length > 0) {
    row.status = 'exists';
    row.detail = id;
    return row;
  }
  row.status = result.complete ? 'imported' : 'flagged';
  row.detail = result.complete ? id : flags(result);
  return row;
}

function printTable(rows: readonly Row[], io: Io): void {
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
  const rows: Row[] = [];
  for (const [i, file] of files.entries()) {
    io.stderr(`[${i + 1}/${files.length}] ${file}\n`);
    const entry = manifest.get(file);
    const agencyId = entry?.agency ?? options.agency ?? '';
    if (!agencies.has(agencyId)) agencies.set(agencyId, await storage.getAgency(agencyId));
    const agency = agencies.get(agencyId);
    if (agency === undefined) {
      rows.push({ file, agency: agencyId, year: '', status: 'refused', detail: 'no such agency (lotho agency add)' });
      continue;
    }
    rows.push(await readOne(storage, options.dir, file, agency, entry, options.supplied));
  }
  if (options.publish) {
    for (const row of rows) {
      const publishable = row.status === 'imported' || (row.status === 'flagged' && options.includeFlagged);
      if (!publishable || row.document === undefined) continue;
      try {
        await storage.publishReport(row.document, { note: `lotho import ${row.file}`, digest: digestOf(row.document, validate(row.document)) });
        row.status = 'published';
        row.detail = row.detail === row.document.id ? row.document.id : `${row.document.id}; ${row.detail}`;
      } catch (error) {
        row.status = 'failed';
        row.detail = oneLine(error instanceof Error ? error.message : String(error));
      }
    }
  }
  printTable(rows, io);
  const count = (s: Status): number => rows.filter((r) => r.status === s).length;
  io.stderr(
    `lotho: ${files.length} files: ${count('published')} published, ${count('imported')} imported${options.publish ? ' (not published)' : ' (dry run: --publish writes them)'}, ` +
      `${count('flagged')} flagged, ${count('refused')} refused, ${count('exists')} already there, ${count('failed')} failed\n`,
  );
  return rows.every((r) => r.status === 'published' || r.status === 'exists' || (!options.publish && r.status === 'imported')) ? 0 : 1;
}
