/**
 * Offline means offline (issue 11), checked on the build: every chunk and stylesheet an official's
 * pages need (the drafts, the editor, sign-in, the sync an official's device starts on any page)
 * is in the officials' precache, none of it in the residents' (the service worker's manifest), and
 * nothing those pages import is left out of both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

/** The residents' precache: the manifest injected into the service worker. */
function residents(): Set<string> {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  return new Set([...sw.matchAll(/"url":"([^"]+)"/gu)].map((m) => `/${(m[1] ?? '').replace(/^\//u, '')}`));
}

function officials(): string[] {
  return JSON.parse(readFileSync(join(DIST, 'officials-precache.json'), 'utf8')) as string[];
}

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

describe('the officials\' precache', () => {
  it('holds every chunk of the officials\' pages and official-sync, none of them in the residents\'', () => {
    const theirs = officials();
    const reader = residents();
    for (const name of ['official-sync', 'DraftsPage', 'EditorPage', 'SignInPage']) {
      expect(theirs.some((f) => new RegExp(`^/assets/${name}-[\\w-]+\\.js$`, 'u').test(f)), name).toBe(true);
    }
    expect(theirs.some((f) => /^\/assets\/EditorPage-[\w-]+\.css$/u.test(f))).toBe(true);
    expect(theirs.filter((f) => reader.has(f))).toEqual([]);
    expect([...reader].filter((f) => /(official-sync|EditorPage|DraftsPage|SignInPage)-/u.test(f))).toEqual([]);
    // The residents' still hold their pages and the entry.
    // The report page is built into the `reader` chunk group (vite.config.ts).
    expect([...reader].some((f) => /^\/assets\/reader-[\w-]+\.js$/u.test(f))).toBe(true);
  });

  it('leaves nothing an official\'s page imports outside both precaches', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const cached = new Set([...officials(), ...residents()]);
    const pages = Object.entries(manifest).filter(([key]) => /src\/(pages\/(Drafts|Editor|SignIn|Oversight)Page\.vue|modules\/official-sync\.ts)$/u.test(key));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const seen = new Set<string>();
    const missing: string[] = [];
    const visit = (key: string): void => {
      const chunk = manifest[key];
      if (chunk === undefined || seen.has(key)) return;
      seen.add(key);
      for (const file of [chunk.file, ...(chunk.css ?? [])]) if (!cached.has(`/${file}`)) missing.push(file);
      for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
    };
    for (const [key] of pages) visit(key);
    expect(missing).toEqual([]);
  });
});
