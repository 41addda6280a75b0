/**
 * The first middleware: gives each request an id and logs it once answered. The id is sent back as
 * `X-Request-Id`, carried by every log line written while the request is handled (logger.ts), and
 * put in the body of a 500, so a county's IT person can find a user's failed request in the log.
 * Behind a trusted proxy its id is kept (nginx `$request_id`), so both logs name the same id.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { addAnswerHeaders, hasAnswerHeaders } from './answer-headers.ts';
import { withRequestId, type Logger } from './logger.ts';

/** What a proxy's id may look like (nginx's is 32 hex digits). Anything else is replaced. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{8,64}$/u;

/** Paths polled by process managers and load balancers: logged at debug level only. */
const QUIET_PATHS = new Set(['/healthz']);

export function requestLog(logger: Logger, trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    const forwarded = trustProxy ? c.req.header('x-request-id') : undefined;
    const id = forwarded !== undefined && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
    const started = performance.now();
    addAnswerHeaders(c, { 'X-Request-Id': id });
    await withRequestId(id, async () => {
      await next();
      if (!hasAnswerHeaders(c)) c.res.headers.set('X-Request-Id', id);
      const level = QUIET_PATHS.has(c.req.path) ? 'debug' : 'info';
      // The path only: query strings may one day carry something personal.
      logger[level]('request', {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
  };
}
