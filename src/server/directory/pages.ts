/**
 * The residents' home and agency pages (`/:lang`, `/:lang/agencies/:id`, with `?year=&q=&page=`)
 * rendered on the server from the directory, with the app's own SSR build, like the report pages:
 * the list paints before any script runs and every link, the search and the pages work with
 * JavaScript off. A Tibetan page carries its own subset of the Tibetan font (page-font.ts). A page is rendered once per listing and kept (at most MAX_PAGES, the oldest
 * dropped) until the directory changes (a publication here or in another process, an agency
 * added) or the reviewed Tibetan does (a review decision), so readers cost a lookup. A page is
 * rendered with the reviewed Tibetan the report pages get and carries it for the app to hydrate
 * with. Anything that fails leaves the app shell to answer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import type { Lang } from '../../report/model.ts';
import { errorFields, type Logger } from '../logger.ts';
import { directoryPageStyles, type PageRenderer } from '../prerender.ts';
import { oneAtATime, subsetInWorker, withPageFont, type PageFontSubsetter } from '../page-font.ts';
import type { Directory } from './index.ts';
import { overlayChangesPages, type ServedOverlay } from '../../report/review/overlay.ts';
import { directoryKey, directoryQueryString, type DirectoryQuery } from '../../contract/directory.ts';

/** Rendered pages kept per process (about 15 kB each). */
const MAX_PAGES = 500;

const RenderedSchema = v.object({ html: v.string() });

export type DirectoryPageAnswer = { kind: 'page'; html: string } | { kind: 'not_found' } | { kind: 'none' };

export interface DirectoryPages {
  /** The page of `agencyId` (null: the home) in `lang` for `query`. */
  render(lang: Lang, agencyId: string | null, query: DirectoryQuery): Promise<DirectoryPageAnswer>;
}

/** The address of a directory page with its query, as the app's router writes it. */
export function directoryUrl(lang: Lang, agencyId: string | null, query: DirectoryQuery): string {
  return `/${lang}${agencyId === null ? '' : `/agencies/${agencyId}`}${directoryQueryString(query)}`;
}

export function directoryPages(options: {
  distDir: string;
  renderer: PageRenderer | undefined;
  directory: Directory;
  logger: Logger;
  /** Subsets the Tibetan font for a page's text (page-font.ts; default: in a worker thread). */
  pageFont?: PageFontSubsetter;
  /** The reviewed Tibetan (review/service.ts), the same the report pages are rendered with. */
  translations?: () => Promise<ServedOverlay>;
}): DirectoryPages {
  const { distDir, renderer, directory, logger } = options;
  // A Tibetan page carries its own subset of the font, as a report page does (page-font.ts), not the
  // whole font's preload. Subsetting takes a CPU-second or more: one at a time, so that a burst of
  // searches queues rather than starting a worker each.
  const pageFont = oneAtATime(options.pageFont ?? subsetInWorker);
  let build: Promise<{ template: string; styles: { href: string; css: string }[] }> | undefined;
  const kept = new Map<string, string>();
  let keptStamp = '';
  let warned = false;

  const readBuild = () => {
    build ??= Promise.all([readFile(join(distDir, 'index.html'), 'utf8'), directoryPageStyles(distDir)]).then(([template, styles]) => ({ template, styles }));
    return build;
  };

  return {
    async render(lang, agencyId, query) {
      if (renderer?.renderListingPage === undefined) return { kind: 'none' };
      try {
        const overlay = await options.translations?.();
        // The overlay's revision changes with every review decision: the pages kept go with it.
        const stamp = `${await directory.stamp()} ${overlay?.revision ?? ''}`;
        if (stamp !== keptStamp) {
          kept.clear();
          keptStamp = stamp;
        }
        const url = directoryUrl(lang, agencyId, query);
        const cached = kept.get(url);
        if (cached !== undefined) return { kind: 'page', html: cached };
        const listing = await directory.listing(agencyId, query);
        if (listing === undefined) return { kind: 'not_found' };
        const { template, styles } = await readBuild();
        const key = directoryKey(agencyId, query);
        const translations = overlay !== undefined && overlayChangesPages(overlay) ? { translations: overlay } : {};
        const page = v.parse(RenderedSchema, await renderer.renderListingPage({ template, styles, url, lang, key, listing, ...translations }));
        const html = await withPageFont(page.html, pageFont);
        // Rendered from data that changed meanwhile: served to this reader, not kept for the next.
        if (stamp !== keptStamp) return { kind: 'page', html };
        if (kept.size >= MAX_PAGES) {
          const oldest = kept.keys().next().value;
          if (oldest !== undefined) kept.delete(oldest);
        }
        kept.set(url, html);
        return { kind: 'page', html };
      } catch (error) {
        if (!warned) {
          warned = true;
          logger.error('directory page not rendered: the app shell answers', { agencyId, ...errorFields(error) });
        }
        build = undefined;
        return { kind: 'none' };
      }
    },
  };
}
