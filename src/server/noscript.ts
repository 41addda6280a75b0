/**
 * What a browser with JavaScript off sees on a page that is not pre-rendered (issue 12): the app
 * shell is an empty <div id="app">, so without this the side-by-side view, the kiosk, the editor
 * and the rest were blank white. The shell the server sends for such an address carries a
 * <noscript> in both languages linking to the pre-rendered report the address is about (the
 * side-by-side view's report, the kiosk's first report), else to the home page of each language.
 * Pre-rendered pages never get it: they read fine without scripts.
 */
import { lookupMessage } from '../report/labels.ts';
import { LANGS, type Lang } from '../report/model.ts';
import { messagesOf } from './oversight/messages.ts';

/** A report id as the API allows it (src/contract/reports.ts): it also names a page's directory. */
const REPORT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/u;
/** `/zh/reports/<id>/<view>`: a view of a report other than its pre-rendered page itself. */
const REPORT_VIEW = /^\/(?:zh|bo)\/reports\/([^/]+)\/[^/]+\/?$/u;
const HTML_LANG: Record<Lang, string> = { zh: 'zh-Hans', bo: 'bo' };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c] ?? c);
}

function message(lang: Lang, key: string): string {
  const text = lookupMessage(messagesOf(lang), key) ?? lookupMessage(messagesOf('zh'), key);
  if (text === undefined) throw new Error(`no message ${key}`);
  return text;
}

/** The report an address is about, when it names one whose page may be pre-rendered. */
export function reportOfAddress(path: string, query: URLSearchParams): string | undefined {
  let id: string | undefined;
  try {
    id = decodeURIComponent(REPORT_VIEW.exec(path)?.[1] ?? '');
  } catch {
    id = undefined;
  }
  if (id === undefined || id === '') id = path.replace(/\/$/u, '') === '/kiosk' ? query.get('reports')?.split(',')[0]?.trim() : undefined;
  return id !== undefined && REPORT_ID.test(id) ? id : undefined;
}

/** The <noscript> block for an address: a line in each language with its link. */
export function noscriptBlock(path: string, query: URLSearchParams): string {
  const report = reportOfAddress(path, query);
  const lines = LANGS.map((lang) => {
    const href = report === undefined ? `/${lang}` : `/${lang}/reports/${report}`;
    const link = message(lang, report === undefined ? 'app.noscript.readReports' : 'app.noscript.readReport');
    return `<p lang="${HTML_LANG[lang]}">${escapeHtml(message(lang, 'app.noscript.needsScript'))} <a href="${escapeHtml(href)}">${escapeHtml(link)}</a></p>`;
  });
  return `<noscript><div class="noscript">${lines.join('')}</div></noscript>`;
}

/** The shell with `block` at the start of its body (or at its end, for a shell without <body>). */
export function withNoscript(html: string, block: string): string {
  const body = /<body[^>]*>/iu.exec(html);
  if (body === null) return `${html}${block}`;
  const at = body.index + body[0].length;
  return `${html.slice(0, at)}${block}${html.slice(at)}`;
}
