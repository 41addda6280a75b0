/**
 * Brotli copies of the build's hashed assets (a step of `npm run build`: precompress-main.ts): for each
 * dist/assets file a browser downloads as text (JS, CSS, SVG, JSON), writes `<file>.br` beside it
 * when that saves at least a tenth. static.ts sends the copy to a browser that accepts `br`.
 *
 * Why: the JavaScript of a report page is ~85 KiB gzipped; Brotli at its highest quality makes it
 * ~10 % smaller, on every resident's first visit over a weak link. Quality 11 is too slow to
 * run per request (brotli.ts), and the files never change (hashed names): so once, at build
 * time. Only /assets/: pages and the service worker are rewritten after the build (publishing
 * re-renders pages), and a stale compressed copy must never stand in for them.
 *
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliMax, MIN_BROTLI_BYTES } from './brotli.ts';

/** What gains from compression (woff2, PNG are compressed already). */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.html']);

/** Writes the .br copies under `dir`; returns the bytes before and after. */
export async function precompressAssets(dir: string): Promise<{ files: number; before: number; after: number }> {
  const totals = { files: 0, before: 0, after: 0 };
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if (!COMPRESSIBLE.has(extname(name).toLowerCase()) || !(await stat(path)).isFile()) continue;
    const bytes = await readFile(path);
    if (bytes.byteLength < MIN_BROTLI_BYTES) continue;
    const br = await brotliMax(bytes);
    if (br.byteLength > bytes.byteLength * 0.9) continue;
    await writeFile(`${path}.br`, br);
    totals.files += 1;
    totals.before += bytes.byteLength;
    totals.after += br.byteLength;
  }
  return totals;
}
