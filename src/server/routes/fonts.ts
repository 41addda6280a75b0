/**
 * `GET /api/fonts/tibetan-word?letters=f40,f42,…` (a signed-in official; src/contract/fonts.ts):
 * the Tibetan font for a Word file the browser makes (useDraftExport), TrueType cut to the letters.
 * The subset is made in a worker thread (about 0.7 s of CPU), once per set of letters while the
 * process runs: officials of an agency ask for nearly the same set again and again.
 */
import { Hono } from 'hono';
import { parseWordFontLetters } from '../../contract/fonts.ts';
import { requireSession, type AuthEnv } from '../auth/session.ts';
import type { AuthOptions } from '../auth/options.ts';
import { ApiError } from '../errors.ts';
import { wordFontInWorker } from '../page-font.ts';
import type { ServerStorage } from '../storage/types.ts';

/** Makes the Word font for a text (a test gives another). */
export type WordFontSubsetter = (text: string) => Promise<Uint8Array>;

/** Sets of letters kept: each subset is about 300 KB. */
const CACHED_SUBSETS = 16;

export function fontRoutes(storage: ServerStorage, auth: AuthOptions, now: () => Date, subset: WordFontSubsetter = wordFontInWorker): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  const made = new Map<string, Promise<Uint8Array>>();

  function fontFor(letters: readonly number[]): Promise<Uint8Array> {
    const key = letters.join(',');
    const known = made.get(key);
    if (known !== undefined) return known;
    const font = subset(String.fromCodePoint(...letters));
    // A failure is not kept: the next request tries again.
    font.catch(() => made.delete(key));
    made.set(key, font);
    if (made.size > CACHED_SUBSETS) made.delete(made.keys().next().value ?? key);
    return font;
  }

  routes.get('/tibetan-word', requireSession(storage, auth, now), async (c) => {
    const letters = parseWordFontLetters(c.req.query('letters'));
    if (letters === undefined) throw new ApiError(400, 'invalid_query', 'letters: Tibetan code points (U+0F00–U+0FFF) in hex, comma-separated');
    const font = await fontFor(letters);
    c.header('Content-Type', 'font/ttf');
    // The same letters give the same font until the app's font file changes with a new version.
    c.header('Cache-Control', 'private, max-age=86400');
    return c.body(font.slice().buffer);
  });

  return routes;
}
