/**
 * `/api/imports`: an admin loads a county's past reports from a folder or zip (the app zips a
 * folder before sending), as `lotho import DIR --agency ID [--publish]` does and with the same
 * code (../bulk/import.ts). The agency must be the admin's or below it (404 otherwise, as in
 * accounts). The answer streams one JSON event a line: progress before each file, then the summary
 * table; with publish=1 each complete report is published in its own transaction, so a file that
 * fails leaves nothing of itself behind.
 */
import { Hono } from 'hono';
import { BULK_MAX_BYTES, BULK_MAX_FILES, type BulkImportEvent } from '../../contract/imports.ts';
import { importFile } from '../../report/import/index.ts';
import { recogniseScan } from '../../report/import/ocr/lazy.ts';
import { ImportError } from '../../report/import/types.ts';
import { MAX_SOURCE_BYTES } from '../../report/import/sources/index.ts';
import type { AuthOptions } from '../auth/options.ts';
import { requireRole, requireSession, type AuthEnv } from '../auth/session.ts';
import { checkPreviousYears, countStatuses, IMPORTABLE_FILE, publishBulkRows, readBulkFile, refusedRow, type BulkRow } from '../bulk/import.ts';
import { unzipLimited, ZipTooLargeError, type ZipEntries } from '../bulk/unzip.ts';
import { ApiError } from '../errors.ts';
import { binaryBody } from '../request-reader.ts';
import type { ServerStorage } from '../storage/types.ts';

/** What a zip may inflate to altogether: four times the largest upload. */
const BULK_MAX_INFLATED = 4 * BULK_MAX_BYTES;

/**
 * The report files of a zip (folders kept in their names) and those too large to read; refuses
 * what is not a zip. Only files the importer reads are inflated, each stopped once its actual
 * bytes pass the importer's limit, whatever size the zip claims for it (bulk/unzip.ts).
 */
function reportFiles(zip: Uint8Array): ZipEntries {
  let entries: ZipEntries;
  try {
    const wanted = (name: string): boolean => IMPORTABLE_FILE.test(name) && !name.startsWith('__MACOSX/');
    entries = unzipLimited(zip, wanted, { entryBytes: MAX_SOURCE_BYTES, totalBytes: BULK_MAX_INFLATED });
  } catch (error) {
    if (error instanceof ZipTooLargeError) throw new ApiError(413, 'zip_inflates_too_large', `The zip inflates to more than the ${String(BULK_MAX_INFLATED / 2 ** 20)} MB the server reads at a time`);
    throw new ApiError(400, 'invalid_body', 'The body is not a zip file');
  }
  const count = entries.files.size + entries.tooLarge.length;
  if (count === 0) throw new ApiError(400, 'invalid_body', 'The zip holds no report file (.txt .md .html .docx .pdf .json)');
  if (count > BULK_MAX_FILES) throw new ApiError(400, 'invalid_body', `At most ${String(BULK_MAX_FILES)} files at a time`);
  return { files: new Map([...entries.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), tooLarge: entries.tooLarge.sort() };
}

export function importRoutes(
  storage: ServerStorage,
  options: AuthOptions,
  now: () => Date,
  published: (report: { id: string; version: number }) => void,
): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', requireSession(storage, options, now));
  routes.use('*', async (c, next) => {
    requireRole(c.var.session, 'admin');
    await next();
    c.header('Cache-Control', 'no-store');
  });

  routes.post('/', async (c) => {
    const agencyId = c.req.query('agency') ?? '';
    const inSubtree = (await storage.agencyPath(agencyId)).some((a) => a.id === c.var.session.agency.id);
    const agency = inSubtree ? await storage.getAgency(agencyId) : undefined;
    if (agency === undefined) throw new ApiError(404, 'not_found', `No agency ${agencyId} among those you manage`);
    const zip = binaryBody(c);
    if (zip === undefined) throw new ApiError(400, 'invalid_body', 'Send the reports as one zip file');
    const { files, tooLarge } = reportFiles(zip);
    const publish = c.req.query('publish') === '1';
    const includeFlagged = c.req.query('includeFlagged') === '1';
    const user = c.var.session.user;
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: BulkImportEvent): void => {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        };
        const rows: BulkRow[] = tooLarge.map((name) => refusedRow(name, agency.id, 'too_large'));
        let done = 0;
        for (const [name, bytes] of files) {
          send({ type: 'progress', done, total: files.size, file: name });
          rows.push(
            await readBulkFile(storage, name, agency, {}, {
              read: (meta) => importFile(bytes, name.split('/').pop() ?? name, { ...meta, recognise: recogniseScan }),
              refusal: (error) => (error instanceof ImportError ? error.code : 'unreadable'),
              yearHint: 'year',
            }),
          );
          done += 1;
        }
        await checkPreviousYears(storage, rows);
        if (publish) await publishBulkRows(storage, rows, { includeFlagged, note: (row) => `import ${row.file}`, published, publishedBy: user.id });
        rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
        const wire = rows.map(({ file, year, status, reportId, notes }) => ({ file, year, status, notes, ...(reportId === undefined ? {} : { reportId }) }));
        send({ type: 'summary', published: publish, rows: wire, counts: countStatuses(rows) });
        controller.close();
      },
    });
    return c.body(stream, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
  });
  return routes;
}
