/**
 * Brotli for HTML pages (and the service worker script, also outside /assets/), made when first
 * asked for and kept in memory per version of the file.
 *
 * Why: a pre-rendered report page is ~170 kB of HTML, 19.8 kB gzipped but 13.4 kB as Brotli at
 * quality 11. Under ~14 kB the whole page arrives in the first round trip of a new connection
 * (TCP's initial window), a round trip sooner on a slow link. Quality 11 is too slow per request
 * (brotli.ts), so once per version.
 * Pages are rewritten after the build (publishing re-renders them): a file on disk could go stale,
 * a cache keyed by the file's size and mtime cannot.
 */
import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { brotliMax, MIN_BROTLI_BYTES } from './brotli.ts';

/** Enough for every page of a county's townships; the oldest entry goes first beyond it. */
const MAX_ENTRIES = 500;

interface Entry {
  stamp: string;
  body: Promise<Uint8Array<ArrayBuffer>>;
}

export interface PageBrotli {
  /** Whether a file of this size is worth compressing. */
  worth(info: Stats): boolean;
  /** The Brotli body of the file at `path` as it is now (`info`). Rejects when it cannot be read. */
  body(path: string, info: Stats): Promise<Uint8Array<ArrayBuffer>>;
}

export function pageBrotli(): PageBrotli {
  const entries = new Map<string, Entry>();
  return {
    worth: (info) => info.size >= MIN_BROTLI_BYTES,
    body(path, info) {
      const stamp = `${String(info.size)}-${String(info.mtimeMs)}`;
      const cached = entries.get(path);
      if (cached?.stamp === stamp) return cached.body;
      const body = readFile(path).then(brotliMax);
      entries.delete(path);
      entries.set(path, { stamp, body });
      // A failed read (the file was replaced meanwhile) is not kept: the next request tries again.
      body.catch(() => {
        if (entries.get(path)?.body === body) entries.delete(path);
      });
      while (entries.size > MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return body;
    },
  };
}
