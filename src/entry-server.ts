/**
 * Pre-rendering (built by `vite build --ssr src/entry-server.ts` into dist-ssr/, run by
 * src/server/prerender.ts): one published report in one language as a complete HTML page — the
 * built index.html with the rendered app inside #app, the right <html lang> and <title>, the
 * stylesheet inlined (no request before the first paint), and the state the app hydrates from.
 * The text paints before any script runs; the app then takes the page over without a visible
 * change (main.ts loads it after the first paint).
 */
import { renderToString } from 'vue/server-renderer';
import { createMemoryHistory } from 'vue-router';
import { createLothoApp } from './app.ts';
import { withBootLoader } from './contract/boot-loader.ts';
import { LISTING_ELEMENT_ID, serializeState, STATE_ELEMENT_ID, type InitialState, type ListingState } from './initial-state.ts';
import type { DirectoryListing } from './contract/directory.ts';
import { HTML_LANG } from './modules/i18n.ts';
import { LANGS, type Lang, type ReportDocument } from './report/model.ts';
import type { RenderContext } from './composables/useDocumentTitle.ts';
import type { ServedOverlay } from './report/review/overlay.ts';
// The same hashed address the stylesheet's @font-face names (both builds name assets alike).
import tibetanFontUrl from './assets/fonts/NotoSerifTibetan-Regular.woff2?url';

/** A published report as the read API serves it (GET /api/reports/:id). */
export interface PublishedReportInput {
  id: string;
  version: number;
  updatedAt: string;
  document: ReportDocument;
}

/** A stylesheet the page needs, and its text (inlined into the page). */
export interface InlineStyle {
  href: string;
  css: string;
}

export interface RenderInput {
  /** dist/index.html as the app build wrote it. */
  template: string;
  /**
   * The stylesheets a report page needs, in cascade order (prerender.ts reportPageStyles): inlined
   * as one <style>, so nothing is fetched before the first paint.
   */
  styles?: readonly InlineStyle[];
  report: PublishedReportInput;
  lang: Lang;
  /** When the page is rendered (default now). */
  renderedAt?: Date;
  /** The deployment's reviewed Tibetan (report/review/overlay.ts). */
  translations?: ServedOverlay;
}

export interface RenderedPage {
  /** The page's address, e.g. /zh/reports/qingduo-2020. */
  url: string;
  /** Where it goes under dist/, e.g. zh/reports/qingduo-2020/index.html. */
  file: string;
  html: string;
}

/** The address of a report page. */
export function reportPath(lang: Lang, id: string): string {
  return `/${lang}/reports/${encodeURIComponent(id)}`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function replaceOnce(html: string, pattern: RegExp | string, replacement: string, what: string): string {
  const found = typeof pattern === 'string' ? html.includes(pattern) : pattern.test(html);
  if (!found) throw new Error(`pre-render: the built index.html has no ${what}`);
  // A function, so that `$&` or `$1` in a report's text is never read as a replacement pattern.
  return html.replace(pattern, () => replacement);
}

/** A report id as the API allows it (src/contract/reports.ts): it also names a directory. */
const REPORT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/u;

/** The built index.html with a rendered page in it: language, title, head links, styles inlined. */
function fillTemplate(input: { template: string; styles?: readonly InlineStyle[] }, page: { lang: Lang; title: string; head: string; body: string }): string {
  let html = input.template;
  const styles = input.styles ?? [];
  if (styles.length > 0) {
    // The shell's own <link>s go; each inlined sheet keeps a disabled <link> (never fetched) so
    // the app's chunk loader sees it present and does not load it a second time.
    html = html.replace(/<link rel="stylesheet"[^>]*>/gu, '');
    const markers = styles.map((s) => `<link rel="stylesheet" href="${escapeHtml(s.href)}" disabled>`).join('');
    // `</style` inside the CSS (a string or comment) would end the element early.
    const css = styles.map((s) => s.css.replace(/<\/style/giu, '<\\/style')).join('\n');
    html = replaceOnce(html, '</head>', `<style>${css}</style>${markers}</head>`, '</head>');
  }
  html = replaceOnce(html, /<html lang="[^"]*"/u, `<html lang="${HTML_LANG[page.lang]}"`, '<html lang>');
  html = replaceOnce(html, /<title>[^<]*<\/title>/u, `<title>${escapeHtml(page.title)}</title>`, '<title>');
  // No paint before the header is whole: a slow phone's parser yields within it, painted the
  // language switch without its hint and moved it when the hint came (layout-shift.e2e, zh).
  // Browsers without `rel=expect` ignore it.
  html = replaceOnce(html, '</head>', `<link rel="expect" href="#main" blocking="render">${page.head}</head>`, '</head>');
  // The page reads without scripts: the app starts once it has painted (contract/boot-loader.ts).
  return withBootLoader(replaceOnce(html, '<div id="app"></div>', `<div id="app">${page.body}</div>`, '<div id="app"></div>'));
}

/** Renders one report page. Throws when the report cannot be rendered (a build must not hide it). */
export async function renderReportPage(input: RenderInput): Promise<RenderedPage> {
  const { report, lang } = input;
  if (!REPORT_ID.test(report.id)) throw new Error(`pre-render: report id ${JSON.stringify(report.id)} cannot be an address`);
  const url = reportPath(lang, report.id);
  const state: InitialState = {
    v: 1,
    lang,
    report,
    renderedAt: (input.renderedAt ?? new Date()).toISOString(),
    ...(input.translations === undefined ? {} : { translations: input.translations }),
  };
  const { app, router } = createLothoApp({ history: createMemoryHistory(), ssr: true, initialState: state });
  await router.push(url);
  await router.isReady();
  const context: RenderContext = {};
  const body = await renderToString(app, context);
  if (!body.includes('class="report"')) throw new Error(`pre-render: ${url} did not render the report`);

  const alternates = LANGS.filter((l) => l !== lang)
    .map((l) => `<link rel="alternate" hreflang="${HTML_LANG[l]}" href="${escapeHtml(reportPath(l, report.id))}">`)
    .join('');
  const html = fillTemplate(input, {
    lang,
    title: context.title ?? '',
    // A Tibetan page asks for its font while the HTML is still arriving, not after the first layout:
    // on a phone with no Tibetan font the text is otherwise laid out in wide tofu boxes first and
    // jumps when the font comes (CLS 0.21 measured). A Chinese page never loads it.
    head: (lang === 'bo' ? `<link rel="preload" href="${escapeHtml(tibetanFontUrl)}" as="font" type="font/woff2" crossorigin>` : '') + alternates,
    body: `${body}<script type="application/json" id="${STATE_ELEMENT_ID}">${serializeState(state)}</script>`,
  });
  return { url, file: `${lang}/reports/${report.id}/index.html`, html };
}

export interface ListingRenderInput {
  template: string;
  /** The stylesheets of a directory page, in cascade order (prerender.ts directoryPageStyles). */
  styles?: readonly InlineStyle[];
  /** The page's address with its query, e.g. /zh/agencies/bomi?year=2024. */
  url: string;
  lang: Lang;
  key: string;
  listing: DirectoryListing;
  renderedAt?: Date;
  /** The deployment's reviewed Tibetan (report/review/overlay.ts), as report pages get it. */
  translations?: ServedOverlay;
}

/**
 * Renders a directory page (the home or an agency's) for one listing, as the server answers it:
 * the list is in the HTML, so the page reads and its links, search and pages work with
 * JavaScript off; the app hydrates from the listing it carries. Throws when it did not render.
 */
export async function renderListingPage(input: ListingRenderInput): Promise<{ html: string }> {
  const { lang, listing } = input;
  const state: ListingState = {
    v: 1,
    lang,
    key: input.key,
    listing,
    renderedAt: (input.renderedAt ?? new Date()).toISOString(),
    ...(input.translations === undefined ? {} : { translations: input.translations }),
  };
  const { app, router } = createLothoApp({ history: createMemoryHistory(), ssr: true, initialListing: state });
  await router.push(input.url);
  await router.isReady();
  const context: RenderContext = {};
  const body = await renderToString(app, context);
  if (!body.includes('class="directory"')) throw new Error(`render: ${input.url} did not render the directory`);
  const path = input.url.replace(/\?.*$/u, '');
  const alternates = LANGS.filter((l) => l !== lang)
    .map((l) => `<link rel="alternate" hreflang="${HTML_LANG[l]}" href="${escapeHtml(path.replace(/^\/(zh|bo)/u, `/${l}`))}">`)
    .join('');
  const preload = lang === 'bo' ? `<link rel="preload" href="${escapeHtml(tibetanFontUrl)}" as="font" type="font/woff2" crossorigin>` : '';
  const html = fillTemplate(input, {
    lang,
    title: context.title ?? '',
    head: preload + alternates,
    body: `${body}<script type="application/json" id="${LISTING_ELEMENT_ID}">${serializeState(state)}</script>`,
  });
  return { html };
}
