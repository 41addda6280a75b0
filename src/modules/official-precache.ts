/**
 * The officials' precache (issue 11: offline means offline). The build lists every chunk and
 * stylesheet an official's pages need beyond the residents' precache, and the files those load
 * by URL (pdf.js's worker), in `/officials-precache.json` (vite.config.ts readerChunks); an
 * official's device keeps exactly those in its own cache, which
 * the service worker answers /assets/ from first (sw.ts). A resident's device never fetches it.
 */

/** The Cache Storage cache of the officials' chunks. */
export const OFFICIALS_CACHE = 'lotho-officials';
/** Where the build writes the list. */
export const OFFICIALS_PRECACHE_URL = '/officials-precache.json';

function assetPaths(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && x.startsWith('/assets/')) : [];
}

/**
 * Brings the cache in line with this build's list: fetches what is missing, drops what an older
 * build listed. Returns how many files it fetched. Never rejects (offline, no Cache Storage, dev
 * server without the list: nothing to do).
 */
export async function precacheOfficialChunks(): Promise<number> {
  try {
    if (!import.meta.env.PROD || typeof caches === 'undefined') return 0;
    const response = await fetch(OFFICIALS_PRECACHE_URL, { cache: 'no-store' });
    if (!response.ok) return 0;
    const wanted = assetPaths(await response.json());
    const cache = await caches.open(OFFICIALS_CACHE);
    const kept = await cache.keys();
    const have = new Set<string>();
    for (const request of kept) {
      const path = new URL(request.url).pathname;
      if (wanted.includes(path)) have.add(path);
      else await cache.delete(request);
    }
    const missing = wanted.filter((path) => !have.has(path));
    await cache.addAll(missing);
    return missing.length;
  } catch {
    return 0;
  }
}
