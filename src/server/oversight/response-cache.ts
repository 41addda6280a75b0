/**
 * Oversight answers kept per state of the database: a region's `GET /api/oversight` is 2,800 rows
 * (800 kB of JSON) built from every agency, report digest and draft of the subtree, and a county
 * office's page, its exports and every colleague's open page ask for the same one. An answer is
 * made once per (what was asked, `oversightStamp()`), concurrent requests share the making, and its
 * gzip is made once too. The stamp is read on every request, so a publication, a new draft or an
 * edit anywhere is seen by the next request.
 */
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Context } from 'hono';
import { bodyEtag, ifNoneMatch } from '../etag.ts';
import type { ServerStorage } from '../storage/types.ts';

const gzip = promisify(gzipCallback);

interface Answer {
  json: string;
  etag: string;
  gzipped?: Promise<Buffer>;
}

/** Answers kept: a few subtrees and years at a time. */
const MAX_ANSWERS = 32;

export interface OversightAnswers {
  /** Sends the answer to `key` (what was asked), made by `make` unless this state of the database has it. */
  send(c: Context, key: string, make: () => Promise<unknown>): Promise<Response>;
}

export function oversightAnswers(storage: ServerStorage): OversightAnswers {
  const answers = new Map<string, Promise<Answer>>();

  const answer = async (key: string, make: () => Promise<unknown>): Promise<Answer> => {
    const full = `${key}#${await storage.oversightStamp()}`;
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
    async send(c, key, make) {
      const found = await answer(key, make);
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
