/**
 * The residents' directory (issue 13): `GET /api/agencies` (the whole server) and
 * `GET /api/agencies/:id` (an agency and every agency below it) list published reports one page
 * at a time, by agency then year, newest first, with the years there are and a search over agency
 * names and years, so that a phone never downloads a region's 16,000 entries. The home and agency
 * pages are rendered from the same listing on the server (they work with JavaScript off) and carry
 * it for the app to hydrate from. Documented in src/server/API.md.
 */
import * as v from 'valibot';
import { ADMIN_LEVELS } from '../report/model.ts';
import { AgencyIdSchema, ReportIdSchema } from './common.ts';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const year = v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(9999));

/** Entries per page: a county's current year fits on one; a phone downloads about 10 kB. */
export const DIRECTORY_PAGE_SIZE = 50;
/** The longest search accepted (characters). */
export const DIRECTORY_QUERY_MAX = 100;

export const DirectoryAgencySchema = v.strictObject({
  id: AgencyIdSchema,
  zh: v.string(),
  bo: v.optional(v.string()),
  level: v.picklist(ADMIN_LEVELS),
});
export type DirectoryAgency = v.InferOutput<typeof DirectoryAgencySchema>;

/** One published report on a page of the directory (its latest version). */
export const DirectoryEntrySchema = v.strictObject({
  id: ReportIdSchema,
  agency: v.strictObject({ zh: v.string(), bo: v.optional(v.string()) }),
  /** The agency it belongs to, when the agencies table knows it. */
  agencyId: v.optional(AgencyIdSchema),
  level: v.picklist(ADMIN_LEVELS),
  year,
  /** When the latest version was published (ISO 8601, UTC). */
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntrySchema>;

export const DirectoryListingSchema = v.strictObject({
  /** The agency whose subtree this lists; null for the whole server (the home page). */
  agency: v.nullable(DirectoryAgencySchema),
  /** The agencies above it, the topmost first (for a way back up). */
  path: v.array(DirectoryAgencySchema),
  /** The agencies directly below it (or the topmost ones), each with its subtree's published reports. */
  children: v.array(v.strictObject({ ...DirectoryAgencySchema.entries, reports: count })),
  /** The years with a published report in the subtree, newest first. */
  years: v.array(year),
  /** What was asked for: a year (null: every year), a search ('' for none), a page (1 and up). */
  filter: v.strictObject({ year: v.nullable(year), q: v.pipe(v.string(), v.maxLength(DIRECTORY_QUERY_MAX)) }),
  page: v.strictObject({ number: v.pipe(count, v.minValue(1)), size: v.pipe(count, v.minValue(1)), entries: count, pages: count }),
  /** This page's entries: by agency (Chinese collation), then the newest year first. */
  reports: v.array(DirectoryEntrySchema),
});
export type DirectoryListing = v.InferOutput<typeof DirectoryListingSchema>;

/** What a listing is asked for with (the query of the API and of the pages). */
export interface DirectoryQuery {
  year?: number;
  q?: string;
  page?: number;
}

/** The address of a listing (API and pages share the query). */
export function directoryQueryString(query: DirectoryQuery): string {
  const params = new URLSearchParams();
  if (query.year !== undefined) params.set('year', String(query.year));
  if (query.q !== undefined && query.q.trim() !== '') params.set('q', query.q.trim());
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** One key per listing asked for: which agency, year, search and page. */
export function directoryKey(agencyId: string | null, query: DirectoryQuery): string {
  return `${agencyId ?? ''}${directoryQueryString(query)}`;
}

/** Reads year, q and page from a route's query (anything else, or malformed, is ignored). */
export function parseDirectoryQuery(query: Record<string, unknown>): DirectoryQuery {
  const one = (value: unknown): string | undefined => (Array.isArray(value) ? one(value[0]) : typeof value === 'string' ? value : undefined);
  const year = Number(one(query.year));
  const page = Number(one(query.page));
  const q = one(query.q)?.trim() ?? '';
  return {
    ...(Number.isInteger(year) && year >= 1000 && year <= 9999 ? { year } : {}),
    ...(q === '' ? {} : { q: q.slice(0, DIRECTORY_QUERY_MAX) }),
    ...(Number.isInteger(page) && page > 1 && page <= 100_000 ? { page } : {}),
  };
}
