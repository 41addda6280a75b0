/**
 * The server's one error path: handlers throw ApiError; anything else becomes a 500 whose details
 * go to the log only. Clients always get `{"error":{"code","message"}}`, never a stack.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ApiErrorCode } from './api.ts';
import type { Logger } from './logger.ts';

/** An error meant for the client: its code and message are sent as they are. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  readonly headers: Record<string, string>;

  constructor(status: ContentfulStatusCode, code: ApiErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** The JSON error response. Errors are not cached: the next request must ask again. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string): Response {
  const body: ApiErrorBody = { error: { code, message } };
  c.header('Cache-Control', 'no-store');
  return c.json(body, status);
}

/** `app.onError`: known errors as they are, everything else as a logged 500. */
export function handleError(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return errorResponse(c, error.status, error.code, error.message);
    }
    logger.error('unhandled error', {
      method: c.req.method,
      path: c.req.path,
      error: error.name,
      detail: error.message,
      stack: error.stack ?? null,
    });
    return errorResponse(c, 500, 'internal_error', 'Internal server error');
  };
}
