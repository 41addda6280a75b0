/**
 * Where a pre-rendered report page lives in the app build and how it is written: the page at
 * `<lang>/reports/<id>/index.html`, and next to it `.version`, the published version it was
 * rendered from. The server serves a page only when that version is the report's latest
 * (report-pages.ts), so a page left behind by an older version is never mistaken for the current
 * one. Dotfiles are never served (static.ts), so neither is `.version` nor a half-written temp file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as v from 'valibot';
import { LANGS, type Lang } from '../report/model.ts';
import { ReportIdSchema } from '../contract/reports.ts';

const VERSION_FILE = '.version';

/** The directory of report `id`'s page in `lang`; refuses an id that could climb out of it. */
function pageDir(distDir: string, lang: Lang, id: string): string {
  if (!v.is(ReportIdSchema, id)) throw new Error(`report id ${JSON.stringify(id)} cannot be an address`);
  return join(distDir, lang, 'reports', id);
}

/** The page of report `id` in `lang`, relative to the build, as static.ts names files. */
export function pageFile(lang: Lang, id: string): string {
  return `${lang}/reports/${id}/index.html`;
}

// Any case: on a case-insensitive file system /ZH/Reports/… reaches the same file.
const PAGE_FILE = /^([^/]+)\/reports\/([^/]+)\/index\.html$/iu;

/**
 * The report and language of a pre-rendered page's file (relative to the build), if it has the
 * shape of one. The id is as found: the caller checks it before using it.
 */
export function parsePageFile(file: string): { lang: Lang; id: string } | undefined {
  const match = PAGE_FILE.exec(file);
  if (match === null) return undefined;
  const [, lang, id] = match;
  const known = LANGS.find((l) => l === lang?.toLowerCase());
  if (known === undefined || id === undefined) return undefined;
  return { lang: known, id };
}

/**
 * Writes `text` to `path` so that a reader sees the old file or the new one, never a part: a
 * temp file beside it (same file system), then rename(2), which replaces atomically.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  // The pid and random part keep two processes writing the same page from sharing a temp file.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes one page and then its version, each atomically. In that order: between the two, the
 * new page stands with the old version, which the server reads as out of date (app shell), never
 * an old page with the new version. (Two processes writing one report's pages at once can
 * interleave; report-pages.ts renders again until the version it wrote is the latest.)
 */
export async function writePage(distDir: string, lang: Lang, id: string, version: number, html: string): Promise<void> {
  const dir = pageDir(distDir, lang, id);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, 'index.html'), html);
  await writeFileAtomic(join(dir, VERSION_FILE), `${version}\n`);
}

/** The version the page of `id` in `lang` was rendered from; undefined when there is no page or no version. */
export async function pageVersion(distDir: string, lang: Lang, id: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(join(pageDir(distDir, lang, id), VERSION_FILE), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw error;
  }
  return /^[1-9]\d*\n?$/u.test(text) ? Number(text) : undefined;
}

/** Removes the pages of report `id` in every language (the app shell then answers their addresses). */
export async function removeReportPages(distDir: string, id: string): Promise<void> {
  for (const lang of LANGS) await rm(pageDir(distDir, lang, id), { recursive: true, force: true });
}
