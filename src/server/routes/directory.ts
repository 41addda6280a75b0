/**
 * The residents' directory (src/contract/directory.ts): `GET /api/agencies` and
 * `GET /api/agencies/:id`, one page of published reports at a time, with ETags like the read API.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { AgencyIdSchema } from '../../contract/common.ts';
import { DIRECTORY_QUERY_MAX, type DirectoryQuery } from '../../contract/directory.ts';
import type { Directory } from '../directory/index.ts';
import { ApiError } from '../errors.ts';
import { bodyEtag, ifNoneMatch } from '../etag.ts';
import { queryInt } from '../request.ts';

/** Largest page number asked for (a region has about 330 pages of 50). */
const MAX_PAGE = 100_000;

/** The year, search and page of a directory request; 400 for a malformed one. */
export function directoryQuery(c: Context): DirectoryQuery {
  const year = queryInt(c, 'year', 0, 9999);
  if (year !== 0 && year < 1000) throw new ApiError(400, 'invalid_query', 'year must be a four-digit year');
  const page = queryInt(c, 'page', 1, MAX_PAGE);
  const q = c.req.query('q') ?? '';
  if (q.length > DIRECTORY_QUERY_MAX) throw new ApiError(400, 'invalid_query', `q must be at most ${DIRECTORY_QUERY_MAX} characters`);
  return { ...(year === 0 ? {} : { year }), ...(q.trim() === '' ? {} : { q: q.trim() }), page: Math.max(1, page) };
}

/** An agency id from the address; 404 for one that cannot exist. */
export function directoryAgencyId(raw: string): string {
  const result = v.safeParse(AgencyIdSchema, raw);
  if (!result.success) throw new ApiError(404, 'agency_not_found', `No agency ${raw}`);
  return result.output;
}

function json(c: Context, body: unknown): Response {
  const text = JSON.stringify(body);
  const etag = bodyEtag(text);
  c.header('ETag', etag);
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'Accept-Encoding');
  if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=utf-8');
  return c.body(text, 200);
}

/** Routes under /api/agencies. */
export function directoryRoutes(directory: Directory): Hono {
  const routes = new Hono();
  routes.get('/', async (c) => json(c, await directory.listing(null, directoryQuery(c))));
  routes.get('/:id', async (c) => {
    const id = directoryAgencyId(c.req.param('id'));
    const listing = await directory.listing(id, directoryQuery(c));
    if (listing === undefined) throw new ApiError(404, 'agency_not_found', `No agency ${id}`);
    return json(c, listing);
  });
  return routes;
}
