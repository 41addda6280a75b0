/**
 * The oversight page's side of `GET /api/oversight*` (src/server/api-oversight.ts): one checked GET
 * with the session cookie, its outcome as a value. Online only: the county office's view is a
 * status board, and the server decides what a user may see.
 */
import * as v from 'valibot';
import { API_BASE } from './reports-api.ts';

export type Fetched<T> =
  | { kind: 'ok'; value: T }
  /** Not signed in (or the session ended). */
  | { kind: 'unauthenticated' }
  /** The agency is not in the user's part of the hierarchy. */
  | { kind: 'not_found' }
  /** No connection. */
  | { kind: 'offline' }
  | { kind: 'error' };

/** What a query names: the year and the agency whose subtree is shown (default: the user's own). */
export interface OversightQuery {
  year?: number;
  agency?: string;
}

/** The query string of a query (and extra parameters), e.g. `?year=2024&agency=bomi`. */
export function queryString(query: OversightQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.year !== undefined) params.set('year', String(query.year));
  if (query.agency !== undefined) params.set('agency', query.agency);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** GET `/api<path>` checked against `schema`. */
export async function fetchChecked<S extends v.GenericSchema>(path: string, schema: S): Promise<Fetched<v.InferOutput<S>>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return { kind: 'offline' };
  }
  if (response.status === 401) return { kind: 'unauthenticated' };
  if (response.status === 404) return { kind: 'not_found' };
  if (!response.ok) return { kind: 'error' };
  try {
    const parsed = v.safeParse(schema, await response.json());
    return parsed.success ? { kind: 'ok', value: parsed.output } : { kind: 'error' };
  } catch {
    return { kind: 'error' };
  }
}
