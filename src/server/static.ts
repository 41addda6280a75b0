/**
 * Serves the Vite build (dist/): files as they are, index.html for the app's routes. Small on
 * purpose so every rule is visible: no path outside the root (no '..', no dotfiles, no symlink
 * out), hashed /assets cached for a year, everything else revalidated on each visit so a new
 * service worker and index.html are seen at once. A browser that takes Brotli gets an asset's
 * build-time copy and a page compressed once per version; everything else is gzipped on the fly.
 */
import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { Context } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { bodyEtag, strongEtag, ifNoneMatch } from './etag.ts';
import { noscriptBlock, withNoscript } from './noscript.ts';
import { pageBrotli } from './page-brotli.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files outside /assets/ worth Brotli (page-brotli.ts). */
const IN_MEMORY_BROTLI = new Set(['.html', '.js', '.webmanifest']);
const REVALIDATE = 'no-cache';

/** Paths the app's router owns: served index.html with 200. */
export const APP_ROUTE = /^\/(?:$|(?:zh|bo|kiosk)(?:\/|$))/u;

/** URL path to the file's path relative to the root, or undefined when it must not be served. */
function safeRelative(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  // Dot segments would climb out; dotfiles (.env, .git) are never part of a build.
  if (segments.some((s) => s.startsWith('.'))) return undefined;
  return segments.join('/');
}

/** True when the request's Accept-Encoding takes Brotli (`br`, with a q above 0). */
function acceptsBrotli(header: string | undefined): boolean {
  if (header === undefined) return false;
  return parseAccept(header).some((entry) => entry.type.toLowerCase() === 'br' && entry.q > 0);
}

/** The build's Brotli copy of `path`, when there is one. */
async function brotliCopy(path: string): Promise<{ path: string; info: Stats } | undefined> {
  const copy = `${path}.br`;
  const info = await stat(copy).catch(() => undefined);
  return info?.isFile() === true ? { path: copy, info } : undefined;
}

export interface StaticFiles {
  /**
   * Serves a file of the build, or a directory's index.html (a pre-rendered page such as
   * /zh/reports/<id> → zh/reports/<id>/index.html, see prerender.ts), or returns undefined when
   * there is neither at that path.
   */
  file(c: Context): Promise<Response | undefined>;
  /**
   * index.html with the given status (200 for app routes, 404 for unknown pages), if built, with
   * a <noscript> for the address (noscript.ts).
   */
  index(c: Context, status: 200 | 404): Promise<Response | undefined>;
}

export interface StaticOptions {
  /**
   * A last say on a file before it is served; a refused file is as if absent. report-pages.ts
   * refuses a pre-rendered page older than its report's latest version (the app shell answers).
   */
  mayServe?: (file: string) => Promise<boolean>;
}

/** Static files under `root` (an absolute path to an existing directory). */
export function staticFiles(root: string, options: StaticOptions = {}): StaticFiles {
  let realRoot: string | undefined;
  const pages = pageBrotli();

  /**
   * Sends a file of the build. `rewrite` changes an HTML file's text for this request (the shell's
   * <noscript>); such a body is small, sent as it is, and tagged by its own content.
   */
  async function send(c: Context, relative: string, status: 200 | 404, rewrite?: (html: string) => string): Promise<Response | undefined> {
    realRoot ??= await realpath(root);
    let path: string;
    try {
      path = await realpath(join(realRoot, relative));
    } catch {
      return undefined;
    }
    if (path !== realRoot && !path.startsWith(realRoot + sep)) return undefined;
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) return undefined;

    if (rewrite !== undefined) {
      const html = rewrite(await readFile(path, 'utf8'));
      c.header('Cache-Control', REVALIDATE);
      if (status === 200) {
        const etag = bodyEtag(html);
        c.header('ETag', etag);
        if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
      }
      c.header('Content-Type', TYPES['.html'] ?? 'text/html; charset=utf-8');
      return c.body(html, status);
    }

    const asset = relative.startsWith('assets/');
    // Pages, the service worker (~50 kB) and the manifest: rewritten by a build or a publication.
    const page = !asset && IN_MEMORY_BROTLI.has(extname(path).toLowerCase());
    c.header('Cache-Control', asset ? IMMUTABLE : REVALIDATE);
    if (asset || page) c.header('Vary', 'Accept-Encoding');
    // A hashed asset may have a Brotli copy made at build time (precompress.ts); a page or the
    // service worker is compressed once per version of the file, then kept in memory
    // (page-brotli.ts). One that cannot be compressed (replaced meanwhile) goes as it is.
    const brotli = acceptsBrotli(c.req.header('Accept-Encoding'));
    const copy = brotli && asset ? await brotliCopy(path) : undefined;
    const served = copy ?? { path, info };
    const encoded = brotli && page && pages.worth(info) ? await pages.body(path, info).catch(() => undefined) : undefined;
    const br = copy !== undefined || encoded !== undefined;
    if (status === 200) {
      const version = `${served.info.size.toString(36)}-${Math.trunc(served.info.mtimeMs).toString(36)}`;
      const etag = strongEtag(br ? `${version}-br` : version);
      c.header('ETag', etag);
      if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    }
    c.header('Content-Type', TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
    if (br) c.header('Content-Encoding', 'br');
    if (encoded !== undefined) return c.body(encoded, status);
    const bytes = await readFile(served.path);
    return c.body(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), status);
  }

  return {
    async file(c) {
      const relative = safeRelative(c.req.path);
      if (relative === undefined || relative === '') return undefined;
      for (const file of [relative, `${relative}/index.html`]) {
        if (options.mayServe !== undefined && !(await options.mayServe(file))) continue;
        const response = await send(c, file, 200);
        if (response !== undefined) return response;
      }
      return undefined;
    },
    index: (c, status) => {
      const block = noscriptBlock(c.req.path, new URL(c.req.url).searchParams);
      return send(c, 'index.html', status, (html) => withNoscript(html, block));
    },
  };
}
