/**
 * JSON answers kept per state of the database, for answers that are large and asked for by many:
 * a region's `GET /api/oversight` is 2,800 rows (1.2 MB of JSON) built from every agency, report
 * digest and draft of the subtree, and `GET /api/reports` 14,000 rows (3.7 MB). An answer is made
 * once per (what was asked, `stamp()`), concurrent requests share the making, and its gzip is made
 * once too (a 3.7 MB body compressed per request held the event loop for most of a second). The
 * stamp is read on every request, so any change the stamp follows is seen by the next request.
 */
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Context } from 'hono';
import { bodyEtag, ifNoneMatch } from './etag.ts';

const gzip = promisify(gzipCallback);

interface Answer {
  json: string;
  etag: string;
  gzipped?: Promise<Buffer>;
}

/** Answers kept: a few subtrees, years and queries at a time. */
const MAX_ANSWERS = 32;

export interface StampedAnswers {
  /**
   * Sends the answer to `key` (what was asked), made by `make` unless this state of the database
   * has it; `scope` (default '') names the part of the database the answer reads, passed to `stamp`.
   */
  send(c: Context, key: string, make: () => Promise<unknown>, scope?: string): Promise<Response>;
}

/**
 * Answers kept for the states `stamp` names (a count and a maximum, cheap to read per request),
 * of the whole database or of the `scope` an answer reads (a subtree: a change elsewhere keeps it).
 */
export function stampedAnswers(stamp: (scope: string) => Promise<string>): StampedAnswers {
  const answers = new Map<string, Promise<Answer>>();

  const answer = async (key: string, make: () => Promise<unknown>, scope: string): Promise<Answer> => {
    const full = `${key}#${await stamp(scope)}`;
    let made = answers.get(full);
    if (made === undefined) {
      made = make().then((body) => {
        const json = JSON.stringify(body);
        return { json, etag: bodyEtag(json) };
      });
      answers.set(full, made);
      // A failure is not kept: the next request tries again.
      made.catch(() => {
        if (answers.get(full) === made) answers.delete(full);
      });
      // The oldest goes: a state the database has left is never asked for again.
      if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value ?? full);
    }
    return made;
  };

  return {
    async send(c, key, make, scope = '') {
      const found = await answer(key, make, scope);
      c.header('ETag', found.etag);
      c.header('Vary', 'Accept-Encoding');
      if (ifNoneMatch(c.req.header('If-None-Match'), found.etag)) return c.body(null, 304);
      c.header('Content-Type', 'application/json; charset=utf-8');
      if (!/\bgzip\b/u.test(c.req.header('Accept-Encoding') ?? '') || found.json.length < 1024) return c.body(found.json);
      found.gzipped ??= gzip(found.json);
      c.header('Content-Encoding', 'gzip');
      return c.body(new Uint8Array(await found.gzipped));
    },
  };
}
