/** Entity tags and conditional GET (RFC 9110 §8.8.3, §13.1.2). */
import { createHash } from 'node:crypto';

/** A strong entity tag, quoted, from an opaque value made of safe characters. */
export function strongEtag(value: string): string {
  return `"${value}"`;
}

/** A strong entity tag over a response body. */
export function bodyEtag(body: string): string {
  return strongEtag(createHash('sha256').update(body, 'utf8').digest('base64url'));
}

/**
 * True when If-None-Match matches the tag, so a 304 may be sent. GET uses the weak comparison:
 * W/"x" matches "x" (a proxy that compressed the body may have weakened our tag).
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//u, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}
