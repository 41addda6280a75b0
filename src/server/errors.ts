/**
 * The server's one error path: handlers throw ApiError; anything else becomes a 500 whose details
 * go to the log only. Clients always get `{"error":{"code","message"}}`, never a stack.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Finding } from '../report/validate/types.ts';
import type { ApiErrorBody, ApiErrorCode } from '../contract/errors.ts';
import { currentRequestId, type Logger } from './logger.ts';

/** What an error may carry besides its code and message. */
export interface ApiErrorExtras {
  headers?: Record<string, string>;
  field?: string;
  findings?: Finding[];
}

/** An error meant for the client: its code, message and extras are sent as they are. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  readonly extras: ApiErrorExtras;

  constructor(status: ContentfulStatusCode, code: ApiErrorCode, message: string, extras: ApiErrorExtras = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.extras = extras;
  }
}

/** The JSON error response. Errors are not cached: the next request must ask again. */
export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  extras: Pick<ApiErrorExtras, 'field' | 'findings'> & { requestId?: string } = {},
): Response {
  const body: ApiErrorBody = { error: { code, message, ...extras } };
  c.header('Cache-Control', 'no-store');
  return c.json(body, status);
}

/** `app.onError`: known errors as they are, everything else as a logged 500. */
export function handleError(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) {
      const { headers = {}, field, findings } = error.extras;
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
      return errorResponse(c, error.status, error.code, error.message, {
        ...(field === undefined ? {} : { field }),
        ...(findings === undefined ? {} : { findings }),
      });
    }
    logger.error('unhandled error', {
      method: c.req.method,
      path: c.req.path,
      error: error.name,
      detail: error.message,
      stack: error.stack ?? null,
    });
    const requestId = currentRequestId();
    return errorResponse(c, 500, 'internal_error', 'Internal server error', requestId === undefined ? {} : { requestId });
  };
}
