/**
 * The reader's side of the read API (GET /api/reports, GET /api/reports/:id; wire format in
 * src/contract/reports.ts) and the checks applied to everything that comes from the network or from
 * IndexedDB: nothing is trusted because it looks like a report. Used by the reports store only.
 */
import * as v from 'valibot';
import type { ReportDocument } from '../report/model.ts';
import { parseReportJson } from '../report/schema.ts';
import { ReportResponseSchema, ReportSummarySchema } from '../contract/reports.ts';

/** The envelope of GET /api/reports/:id; its report is checked once, by checkReport. */
const EnvelopeSchema = v.strictObject({ ...ReportResponseSchema.entries, report: v.unknown() });

/** Base path of the API (same origin; the server also serves the built app). */
export const API_BASE = '/api';

/** A report as listed on the home page: from the server's index or from a cached document. */
export interface ReportListing {
  id: string;
  agency: { zh: string; bo?: string };
  level: ReportDocument['meta']['level'];
  year: number;
  template: ReportDocument['meta']['template'];
}

const summary = ReportSummarySchema.entries;
const ListingSchema = v.object({
  id: summary.id,
  agency: summary.agency,
  level: summary.level,
  year: summary.year,
  template: summary.template,
});

/**
 * The entries of a list that pass the schema, one by one: an entry the app does not understand
 * hides that entry, not the whole list. Reads the server's index body (`{reports: [...]}`) and
 * the copy of it kept in IndexedDB (the array).
 */
export function parseIndex(value: unknown): ReportListing[] {
  const list = typeof value === 'object' && value !== null && 'reports' in value ? value.reports : value;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const result = v.safeParse(ListingSchema, entry);
    if (!result.success) return [];
    const { id, agency, level, year, template } = result.output;
    return [{ id, agency, level, year, template }];
  });
}

/** The checked report document, or undefined when the value is not a valid report. */
export function checkReport(value: unknown): ReportDocument | undefined {
  try {
    // parseReportJson is the one full check: structure, and cell keys against the template.
    return parseReportJson(JSON.stringify(value));
  } catch {
    return undefined;
  }
}

/** The listing of a report document (for reports cached on this device). */
export function listingOf(id: string, report: ReportDocument): ReportListing {
  const { agency, level, year, template } = report.meta;
  return { id, agency, level, year, template };
}

/**
 * Header the service worker (src/sw.ts) adds to an API response it answers from its own cache
 * because the network failed or was too slow: the body is an old copy, not the server's answer.
 */
export const SW_CACHE_HEADER = 'X-Lotho-SW-Cache';

/**
 * When the server sent a response the service worker answered from its cache (ms since epoch, from
 * its Date header, else 0), or null for a live answer from the server.
 */
export function servedFromCache(response: Response): number | null {
  if (response.headers.get(SW_CACHE_HEADER) === null) return null;
  const date = Date.parse(response.headers.get('Date') ?? '');
  return Number.isNaN(date) ? 0 : date;
}

/** Result of GET /api/reports/:id. */
export type FetchReportResult =
  | {
      kind: 'ok';
      report: ReportDocument;
      version: number;
      updatedAt: string;
      etag: string | null;
      /** Set when the service worker answered from its cache (see servedFromCache). */
      cachedAt: number | null;
    }
  | { kind: 'not_modified' }
  | { kind: 'not_found' }
  | { kind: 'invalid' }
  | { kind: 'server_error'; status: number };

/**
 * Fetches one report, conditionally when an ETag is known. `cache: 'no-store'` keeps the browser's
 * HTTP cache out of the way, so a 304 reaches us and our own copy stays the only one. A network
 * failure rejects (TypeError), as fetch does.
 */
export async function fetchReport(id: string, etag: string | null): Promise<FetchReportResult> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (etag !== null) headers['If-None-Match'] = etag;
  const response = await fetch(`${API_BASE}/reports/${encodeURIComponent(id)}`, { headers, cache: 'no-store' });
  if (response.status === 304) return { kind: 'not_modified' };
  if (response.status === 404) return { kind: 'not_found' };
  if (!response.ok) return { kind: 'server_error', status: response.status };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'invalid' };
  }
  // The envelope {id, version, updatedAt, report}, then the full check of the document.
  const envelope = v.safeParse(EnvelopeSchema, body);
  if (!envelope.success) return { kind: 'invalid' };
  const report = checkReport(envelope.output.report);
  if (report === undefined) return { kind: 'invalid' };
  return {
    kind: 'ok',
    report,
    version: envelope.output.version,
    updatedAt: envelope.output.updatedAt,
    etag: response.headers.get('ETag'),
    cachedAt: servedFromCache(response),
  };
}

/**
 * Fetches the report index (every report, or one agency's with `scope.agency`); rejects on a network failure or a non-2xx status. `cachedAt` is set
 * when the service worker answered from its cache (see servedFromCache).
 */
export async function fetchIndex(scope: { agency?: string } = {}): Promise<{ list: ReportListing[]; cachedAt: number | null }> {
  const query = scope.agency === undefined ? '' : `?agency=${encodeURIComponent(scope.agency)}`;
  const response = await fetch(`${API_BASE}/reports${query}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`GET /api/reports: ${response.status}`);
  return { list: parseIndex(await response.json()), cachedAt: servedFromCache(response) };
}
