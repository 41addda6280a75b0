/**
 * The one request reader, in front of every /api route: what a route sees has been read within
 * the size limit (refused from its Content-Length before reading, or counted as it arrives when
 * it comes in chunks), decoded as strict UTF-8, parsed as JSON, and walked
 * once: at most MAX_DEPTH levels of nesting, no NUL or unpaired surrogate in any string or key,
 * no number beyond 2^53 (JSON's 1e400 is Infinity, 2^53+1 silently becomes 2^53). The address
 * too: a malformed percent-encoding or a control character in the path names nothing (404), in
 * the query it is a 400. Routes then check the body against their schema (request.ts readJson).
 * Nothing runs before this, so nothing of a refused request is stored.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors.ts';

/** Deeper than any body of the API (a report document nests about 6 levels). */
export const MAX_DEPTH = 32;
const CONTROL = /[\u0000-\u001f\u007f]/u;
/** A surrogate without its pair: not Unicode text (String.isWellFormed is ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);
declare module 'hono' {
  interface ContextVariableMap {
    /**
     * The body as the reader parsed it (never undefined once set: JSON has no undefined). A
     * variable of the request's context, not a WeakMap keyed by it: one entry less for the
     * garbage collector to trace per request, and a route's own bodyLimit that wraps the Request
     * in another still sees it.
     */
    requestBody: unknown;
  }
}

/** The body as the reader parsed it, or undefined when the request had none. */
export function parsedBody(c: Context): unknown {
  return c.get('requestBody');
}

export function hasParsedBody(c: Context): boolean {
  return c.get('requestBody') !== undefined;
}

function decodedPart(raw: string, plusIsSpace: boolean): string | undefined {
  try {
    const text = decodeURIComponent(plusIsSpace ? raw.replaceAll('+', ' ') : raw);
    return CONTROL.test(text) || !wellFormed(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * What decoding could turn into something refused: a %-escape, or a control character or a
 * surrogate already in the address. An address without any (most: /api/sync/push) decodes to
 * itself and needs no more checking.
 */
const MAY_DECODE_BADLY = /[%\u0000-\u001f\u007f\uD800-\uDFFF]/u;

function checkAddress(c: Context): void {
  if (!MAY_DECODE_BADLY.test(c.req.url)) return;
  const url = new URL(c.req.url);
  if (url.pathname.split('/').some((segment) => decodedPart(segment, false) === undefined)) {
    throw new ApiError(404, 'not_found', 'Nothing is at an address with a control character or a malformed %-encoding');
  }
  for (const pair of url.search.slice(1).split('&')) {
    if (pair !== '' && pair.split('=').some((part) => decodedPart(part, true) === undefined)) {
      throw new ApiError(400, 'invalid_query', 'The query has a control character or a malformed %-encoding');
    }
  }
}

/** Why a value is refused, and the keys from its place up to the body (innermost first). */
interface Refusal {
  why: string;
  keys: string[];
}

/**
 * The first refusal in `value`, `depth` levels below the body. Recursive, but never deeper than
 * MAX_DEPTH + 1 calls: an object at MAX_DEPTH is refused before its children are walked, so no
 * depth of nesting can overflow the stack. The path is spelt out only for a refusal, as the calls
 * return: an accepted body costs no allocation but each object's key list.
 */
function refusal(value: unknown, depth: number): Refusal | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { why: 'a NUL character', keys: [] };
    if (!wellFormed(value)) return { why: 'an unpaired surrogate (not Unicode text)', keys: [] };
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return { why: `numbers are at most ±${String(Number.MAX_SAFE_INTEGER)}`, keys: [] };
  } else if (typeof value === 'object' && value !== null) {
    if (depth >= MAX_DEPTH) return { why: `nested deeper than ${String(MAX_DEPTH)} levels`, keys: [] };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const found = refusal(value[i], depth + 1);
        if (found !== undefined) {
          found.keys.push(String(i));
          return found;
        }
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key.includes('\u0000') || !wellFormed(key)) return { why: 'a key with a NUL character or an unpaired surrogate', keys: [] };
        const found = refusal(record[key], depth + 1);
        if (found !== undefined) {
          found.keys.push(key);
          return found;
        }
      }
    }
  }
  return undefined;
}

/** Why a parsed JSON value is refused (with the place: `a.b.0.c`, or `(body)`), or undefined. */
export function jsonProblem(value: unknown): string | undefined {
  const found = refusal(value, 0);
  if (found === undefined) return undefined;
  return `${found.keys.length === 0 ? '(body)' : found.keys.reverse().join('.')}: ${found.why}`;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export interface ReaderLimits {
  /** Largest body of any route, in bytes. */
  maxBytes: number;
  /** Routes whose bodies are smaller (a kiosk heartbeat), by path, in bytes. */
  smaller?: Readonly<Record<string, number>>;
  /**
   * Routes that take a file instead of JSON (an admin's zip of reports), by path: its largest size
   * and its content type. A cross-site form cannot send such a type without a preflight either.
   */
  binary?: Readonly<Record<string, { maxBytes: number; type: RegExp }>>;
}

const binaryBodies = new WeakMap<Context, Uint8Array>();

/** The body of a `binary` route, as read by the request reader. */
export function binaryBody(c: Context): Uint8Array | undefined {
  return binaryBodies.get(c);
}

/**
 * The body's bytes within `limit`, or undefined when there is none. Reads the way that costs
 * least: with a Content-Length, Node's server hands the bytes over directly
 * (`arrayBuffer`); `c.req.raw.body` would first build a web stream and a fetch Request around
 * them, a tenth of a small push's time. A chunked body is counted chunk by chunk, and refused as
 * soon as it passes the limit.
 */
async function readBody(c: Context, limit: number, tooLarge: () => ApiError): Promise<ArrayBuffer | Uint8Array | undefined> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return undefined;
  const length = c.req.header('content-length');
  const chunked = c.req.header('transfer-encoding') !== undefined;
  if (!chunked && length !== undefined) {
    if (Number(length) > limit) throw tooLarge();
    if (Number(length) === 0) return undefined;
  } else if (!chunked && c.req.raw.body === null) {
    return undefined;
  }
  if (!chunked) {
    // A Content-Length (Node reads no more than it), or a Request made in memory (app.request()).
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > limit) throw tooLarge();
    return bytes;
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = c.req.raw.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader?.read(); chunk !== undefined && !chunk.done; chunk = await reader?.read()) {
    const bytes: Uint8Array = chunk.value;
    size += bytes.byteLength;
    if (size > limit) {
      void reader?.cancel();
      throw tooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

export function requestReader({ maxBytes, smaller = {}, binary = {} }: ReaderLimits): MiddlewareHandler {
  return async (c, next) => {
    checkAddress(c);
    const file = binary[c.req.path];
    const limit = file?.maxBytes ?? smaller[c.req.path] ?? maxBytes;
    const tooLarge = () => {
      // The rest of the body is never read: close the connection rather than leave it stalled.
      c.header('Connection', 'close');
      return new ApiError(413, 'payload_too_large', `The body is larger than the ${String(limit)} bytes accepted here`);
    };
    const bytes = await readBody(c, limit, tooLarge);
    if (file !== undefined && bytes !== undefined && bytes.byteLength > 0) {
      if (!file.type.test(c.req.header('content-type') ?? '')) throw new ApiError(415, 'unsupported_media_type', 'Send the file as it is (e.g. Content-Type: application/zip)');
      // A plain Uint8Array view (a chunked body comes as a Node Buffer, which pdf.js refuses).
      binaryBodies.set(c, bytes instanceof Uint8Array ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes));
    } else if (bytes !== undefined && bytes.byteLength > 0) {
      // Requiring JSON also keeps cross-site forms out: a browser cannot send it without a preflight.
      if (!/^application\/json\s*(;|$)/iu.test(c.req.header('content-type') ?? '')) {
        throw new ApiError(415, 'unsupported_media_type', 'Send the body as Content-Type: application/json');
      }
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch (error) {
        if (error instanceof TypeError) throw new ApiError(400, 'invalid_json', 'The body is not UTF-8 text');
        throw error;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        const detail = error instanceof Error ? error.message.replace(/\s+/gu, ' ') : 'unreadable';
        throw new ApiError(400, 'invalid_json', `The body is not JSON: ${detail}`);
      }
      const problem = jsonProblem(value);
      if (problem !== undefined) throw new ApiError(400, 'invalid_body', problem);
      c.set('requestBody', value);
    }
    await next();
  };
}
