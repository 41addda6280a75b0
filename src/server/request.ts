/**
 * Request bodies and queries: JSON only, parsed and checked against a strict schema before a route
 * sees them. Malformed JSON, a wrong type, an unknown key → 4xx with a message naming the place;
 * nothing is stored, because nothing runs before this.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { ApiError } from './errors.ts';

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

/** The JSON body checked against `schema`; 415, 400 invalid_json or 400 invalid_body otherwise. */
export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header('content-type') ?? '';
  // Requiring JSON also keeps cross-site forms out: a browser cannot send it without a preflight.
  if (!/^application\/json\s*(;|$)/iu.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as Content-Type: application/json');
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\s+/gu, ' ') : 'unreadable';
    throw new ApiError(400, 'invalid_json', `The body is not JSON: ${detail}`);
  }
  const result = v.safeParse(schema, value);
  if (!result.success) throw new ApiError(400, 'invalid_body', describeIssues(result.issues));
  return result.output;
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
