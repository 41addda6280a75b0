/**
 * JSON over fetch for the staff API (API.md: auth, drafts, sync, publish), with every failure
 * sorted into what the official can do about it: `network` (no signal: wait, it retries),
 * `auth` (sign in again), `validation` (the server refused what was sent), `server` (the server
 * failed: it retries; tell the administrator if it lasts). The session is the HttpOnly cookie the
 * server sets at sign-in, sent by fetch on same-origin requests.
 */
import * as v from 'valibot';

/** What kind of failure, for the status line and its advice. */
export type FailureKind = 'network' | 'auth' | 'validation' | 'server';

/** A failed API call: its kind, the HTTP status (0 without an answer) and the server's error code. */
export class ApiFailure extends Error {
  readonly kind: FailureKind;
  readonly status: number;
  readonly code: string | null;
  /** The error body's extra data (`field`, `findings`), unchecked, and `retryAfter` (s) from a Retry-After header. */
  readonly details: Record<string, unknown>;

  constructor(kind: FailureKind, status: number, code: string | null, details: Record<string, unknown> = {}) {
    super(`${kind}${status === 0 ? '' : ` ${status}`}${code === null ? '' : ` ${code}`}`);
    this.name = 'ApiFailure';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The fetch the API uses (tests give their own). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const ErrorBody = v.object({ error: v.looseObject({ code: v.string() }) });

/** The kind of an HTTP error status. */
export function failureKind(status: number): FailureKind {
  if (status === 401) return 'auth';
  if (status === 400 || status === 403 || status === 404 || status === 409 || status === 413 || status === 422) return 'validation';
  return 'server';
}

/**
 * Calls the API and checks the answer against `schema`. Rejects with ApiFailure only: a network
 * error (fetch rejected, or a timeout), an error status, or an answer that is not what it should be.
 */
export async function apiCall<S extends v.GenericSchema>(
  fetchImpl: FetchLike,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
  options: { timeoutMs?: number } = {},
): Promise<v.InferOutput<S>> {
  const controller = typeof AbortController === 'undefined' ? undefined : new AbortController();
  const timer = controller === undefined ? undefined : setTimeout(() => { controller.abort(); }, options.timeoutMs ?? 30_000);
  let response: Response;
  try {
    const init: RequestInit = {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (controller !== undefined) init.signal = controller.signal;
    response = await fetchImpl(path, init);
  } catch {
    throw new ApiFailure('network', 0, null);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  let json: unknown;
  try {
    json = response.status === 204 ? {} : await response.json();
  } catch {
    // A proxy's HTML page or a cut-off body: not our server speaking.
    throw new ApiFailure(response.ok ? 'server' : failureKind(response.status), response.status, null);
  }
  if (!response.ok) {
    const error = v.safeParse(ErrorBody, json);
    const details = error.success ? { ...(error.output.error as Record<string, unknown>) } : {};
    // How long to wait (a locked sign-in, 429): seconds, as the server's Retry-After says.
    const retryAfter = Number(response.headers.get('Retry-After') ?? Number.NaN);
    if (Number.isFinite(retryAfter) && retryAfter > 0) details.retryAfter = retryAfter;
    throw new ApiFailure(failureKind(response.status), response.status, error.success ? error.output.error.code : null, details);
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) throw new ApiFailure('server', response.status, 'unexpected_response');
  return parsed.output;
}
