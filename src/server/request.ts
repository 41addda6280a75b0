/**
 * Request bodies and queries, checked against a route's strict schema before it acts: a wrong
 * type, an unknown key → 400 with a message naming the place. The body was read, decoded and
 * parsed once by the request reader (request-reader.ts) in front of every route.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { ApiError } from './errors.ts';
import { arrayForObject } from './object-shape.ts';
import { hasParsedBody, parsedBody } from './request-reader.ts';

/** `path: message` of the first issue, with "unknown key" for a key a strict object lacks. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const [first] = issues;
  if (first === undefined) return 'invalid';
  const path = v.getDotPath(first) ?? '(body)';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  if (first.type === 'strict_object' && first.expected === 'never') return `unknown key ${path}${more}`;
  if (first.kind === 'schema' && first.received === 'undefined' && first.path !== undefined) return `missing key ${path}${more}`;
  return `${path}: ${first.message}${more}`;
}

/**
 * The JSON body checked against `schema`; 415 or 400 invalid_json without one, 400 invalid_body
 * otherwise. `plain` is a hand-written check that accepts only bodies the schema accepts as they
 * are (and no array for an object): what it accepts is taken without walking the schema.
 */
export function readJson<S extends v.GenericSchema>(c: Context, schema: S, plain?: (body: unknown) => body is v.InferOutput<S>): Promise<v.InferOutput<S>> {
  if (plain !== undefined && hasParsedBody(c)) {
    const body = parsedBody(c);
    if (plain(body)) return Promise.resolve(body);
  }
  if (!hasParsedBody(c)) {
    if (!/^application\/json\s*(;|$)/iu.test(c.req.header('content-type') ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the body as Content-Type: application/json');
    }
    throw new ApiError(400, 'invalid_json', 'The body is empty: send a JSON object');
  }
  const result = v.safeParse(schema, parsedBody(c));
  if (!result.success) throw new ApiError(400, 'invalid_body', describeIssues(result.issues));
  const misplaced = arrayForObject(schema, parsedBody(c));
  if (misplaced !== undefined) throw new ApiError(400, 'invalid_body', `${misplaced === '' ? '(body)' : misplaced}: expected an object, got an array`);
  return Promise.resolve(result.output);
}

/** A non-negative integer query parameter (default when absent); 400 invalid_query otherwise. */
export function queryInt(c: Context, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,16}$/u.test(raw) || Number(raw) > max) {
    throw new ApiError(400, 'invalid_query', `${name} must be an integer 0–${max}`);
  }
  return Number(raw);
}
