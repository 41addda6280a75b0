/**
 * Headers decided before a route runs, so that a JSON answer is built with all of them at once.
 *
 * Why: a header set on a response after the handler (`c.res.headers.set` after `await next()`)
 * makes undici build a `Headers` object for it and @hono/node-server copy it back into a plain
 * object for `writeHead`. A `Response` made with a string body and a plain-object headers init is
 * written as it is. On a push (issue 15: one edit per push, ~0.25 ms of server CPU each) those
 * objects were a visible share of the server's time.
 *
 * How: the middlewares in front of every route (request-log.ts, security-headers.ts) put what they
 * would add into the request's record before `await next()`; `jsonAnswer` builds its response with
 * that record, and the middlewares leave such a response alone afterwards. Any other response (an
 * error, a page, a file, `c.json`) still gets the same headers set after the handler: one pipeline,
 * every answer with every header.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

declare module 'hono' {
  interface ContextVariableMap {
    /** The headers this request's answer carries whatever the route answers (set before the route runs). */
    answerHeaders: Record<string, string> | undefined;
    /** The response `jsonAnswer` built with the request's record: the middlewares need not add to it. */
    completeAnswer: Response | undefined;
    /** Something set a header with `c.header` before the route ran (a cookie). */
    headerSetBeforeRoute: boolean | undefined;
  }
}

// Marks are variables of the request's context, not WeakSets keyed by the response or the
// context: no entry per request for the garbage collector to trace.

/**
 * Says that a middleware set a header with `c.header` before the route: Hono keeps it for the
 * response it builds, so `jsonAnswer` leaves the building to Hono (rare: a session's cookie renewed).
 */
export function headerSetBeforeRoute(c: Context): void {
  c.set('headerSetBeforeRoute', true);
}

/** Adds `headers` to the headers every answer to this request carries. */
export function addAnswerHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const record = c.get('answerHeaders');
  if (record === undefined) c.set('answerHeaders', { ...headers });
  else Object.assign(record, headers);
}

/** True when the request's response (`c.res`, as it is now) already carries every header of its record. */
export function hasAnswerHeaders(c: Context): boolean {
  return c.get('completeAnswer') === c.res;
}

/** A JSON answer, not cached, with the request's headers in one plain object (see above). */
export function jsonAnswer(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  if (c.get('headerSetBeforeRoute') === true) {
    c.header('Cache-Control', 'no-store');
    return c.json(body, status);
  }
  // The record is this request's own: the answer may take it over.
  const headers = c.get('answerHeaders') ?? {};
  headers['Content-Type'] = 'application/json';
  headers['Cache-Control'] = 'no-store';
  const response = new Response(JSON.stringify(body), { status, headers });
  c.set('completeAnswer', response);
  return response;
}
