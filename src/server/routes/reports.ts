/**
 * The read API of published reports. Both routes answer If-None-Match with 304 and send
 * `Cache-Control: no-cache`, so a phone asks every time but downloads only what changed.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ReportIdSchema, type ReportIndex, type ReportResponse, type ReportSummary, type ReportVersions } from '../../contract/reports.ts';
import { ApiError } from '../errors.ts';
import { bodyEtag, ifNoneMatch, strongEtag } from '../etag.ts';
import type { PublishedReport, ReportSummaryRow, ServerStorage } from '../storage/types.ts';
import type { Directory } from '../directory/index.ts';
import { stampedAnswers } from '../stamped-answers.ts';
import { directoryAgencyId } from './directory.ts';

const byAgency = new Intl.Collator('zh-CN');

/** Index order: agency by Chinese collation, then the newest year first, then id (stable). */
function compareSummaries(a: ReportSummary, b: ReportSummary): number {
  return byAgency.compare(a.agency.zh, b.agency.zh) || b.year - a.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function toSummary(row: ReportSummaryRow): ReportSummary {
  const { id, version, agency, level, year, template, publishedAt, note } = row;
  return { id, version, agency, level, year, template, updatedAt: publishedAt, ...(note === undefined ? {} : { note }) };
}

/** Sends a JSON body with its ETag, or 304 with none when the client already has it. */
function conditionalJson(c: Context, etag: string, body: () => string): Response {
  c.header('ETag', etag);
  c.header('Cache-Control', 'no-cache');
  // Set here too so that a 304 names the same variants as the (maybe compressed) 200.
  c.header('Vary', 'Accept-Encoding');
  if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=utf-8');
  return c.body(body(), 200);
}

function parseId(raw: string): string {
  const result = v.safeParse(ReportIdSchema, raw);
  if (!result.success) throw new ApiError(400, 'invalid_report_id', result.issues[0].message);
  return result.output;
}

/**
 * One version of a report in its envelope. The body is a function of (id, version) alone, and the
 * stored hash names the document: the pair is a strong validator that needs no serialising to check.
 */
function documentResponse(c: Context, stored: PublishedReport): Response {
  const etag = strongEtag(`${stored.etag}.${stored.version}`);
  return conditionalJson(c, etag, () => {
    const body: ReportResponse = {
      id: stored.id,
      version: stored.version,
      updatedAt: stored.publishedAt,
      ...(stored.note === undefined ? {} : { note: stored.note }),
      report: stored.document,
    };
    return JSON.stringify(body);
  });
}

const methodNotAllowed = () => {
  throw new ApiError(405, 'method_not_allowed', 'Only GET and HEAD are allowed here', { headers: { Allow: 'GET, HEAD' } });
};

/**
 * The scope of the index: with `?agency=ID` that agency's own reports, with `?subtree=ID` those of
 * the agency and every agency below it (a county's portal; never a region's 16,000). Undefined
 * when neither is asked for: every report.
 */
function indexScope(c: Context): { kind: 'own' | 'subtree'; id: string } | undefined {
  const own = c.req.query('agency');
  const subtree = c.req.query('subtree');
  if (own !== undefined && subtree !== undefined) throw new ApiError(400, 'invalid_query', 'agency and subtree exclude each other');
  if (own !== undefined) return { kind: 'own', id: directoryAgencyId(own) };
  if (subtree !== undefined) return { kind: 'subtree', id: directoryAgencyId(subtree) };
  return undefined;
}

/** Routes under /api/reports. */
export function reportRoutes(storage: ServerStorage, directory: Directory): Hono {
  const routes = new Hono();

  /**
   * The index, kept per state of the database (stamped-answers.ts): on a region every report is
   * 14,000 rows (3.7 MB of JSON), and making and compressing it per request held the event loop
   * long enough for 20 concurrent readers to lose their kept-alive connections (Node closes an
   * idle socket whose next request it has not read yet). Every report is read from the database
   * and kept per its directory stamp, read on every request as before; a scoped index comes from
   * the directory and is kept per the stamp of the data it was made from.
   */
  const everyReport = stampedAnswers(() => storage.directoryStamp());
  const scopedIndex = stampedAnswers(() => directory.stamp());
  const index = (rows: readonly ReportSummaryRow[]): ReportIndex => ({ reports: rows.map(toSummary).sort(compareSummaries) });

  routes.get('/', async (c) => {
    const scope = indexScope(c);
    c.header('Cache-Control', 'no-cache');
    if (scope === undefined) return everyReport.send(c, 'every', async () => index(await storage.listReports()));
    return scopedIndex.send(c, `${scope.kind}|${scope.id}`, async () => {
      const rows = await directory.reports(scope.id, scope.kind);
      if (rows === undefined) throw new ApiError(404, 'agency_not_found', `No agency ${scope.id}`);
      return index(rows);
    });
  });

  routes.get('/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const stored = await storage.getReport(id);
    if (stored === undefined) throw new ApiError(404, 'report_not_found', `No published report with id ${id}`);
    return documentResponse(c, stored);
  });

  // Every version stays addressable: a reader can see what a correction changed and why.
  routes.get('/:id/versions', async (c) => {
    const id = parseId(c.req.param('id'));
    const versions = (await storage.listReportVersions(id)).map(toSummary);
    if (versions.length === 0) throw new ApiError(404, 'report_not_found', `No published report with id ${id}`);
    const json = JSON.stringify({ versions } satisfies ReportVersions);
    return conditionalJson(c, bodyEtag(json), () => json);
  });

  routes.get('/:id/versions/:version', async (c) => {
    const id = parseId(c.req.param('id'));
    const raw = c.req.param('version');
    const stored = /^[1-9]\d{0,8}$/u.test(raw) ? await storage.getReportVersion(id, Number(raw)) : undefined;
    if (stored === undefined) throw new ApiError(404, 'report_not_found', `No version ${raw} of report ${id}`);
    return documentResponse(c, stored);
  });

  routes.on(['POST', 'PUT', 'PATCH', 'DELETE'], ['/', '/:id', '/:id/versions', '/:id/versions/:version'], methodNotAllowed);
  return routes;
}
