/**
 * Downloads of a draft for the county portal: Word (.docx, official layout; the docx library is
 * loaded only when asked) and a clean HTML fragment, in Chinese or Tibetan. A Word file with
 * Tibetan embeds the Tibetan font the server cuts to its letters (modules/word-font.ts); offline it
 * only names the font, and `fontLeftOut` says so, so that the official can download it again online.
 * Tibetan labels and terms are the deployment's reviewed ones (the overlay in use).
 */
import { ref, type Ref } from 'vue';
import type { Lang, ReportDocument } from '../report/model.ts';
import { withOverlayMessages } from '../report/review/overlay-messages.ts';
import type { TranslationOverlay } from '../report/review/overlay.ts';
import { loadReportMessages } from './useReportMessages.ts';
import { fetchWordTibetanFont } from '../modules/word-font.ts';

/** What to download. */
export type ExportFormat = 'docx' | 'html';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => { URL.revokeObjectURL(url); }, 60_000);
}

/** The file name: `<report id>-<lang>.docx`. */
export function exportName(doc: ReportDocument, lang: Lang, format: ExportFormat): string {
  return `${doc.id}-${lang}.${format === 'docx' ? 'docx' : 'html'}`;
}

/** `reviewed`: the deployment's reviewed Tibetan in use (stores/translations.ts), read at each download. */
export function useDraftExport(document: Ref<ReportDocument | null>, reviewed: () => TranslationOverlay | undefined = () => undefined) {
  const busy = ref<ExportFormat | null>(null);
  const failed = ref(false);
  /** The last Word file has Tibetan but not the font (no network): on a computer without the font it shows boxes. */
  const fontLeftOut = ref(false);

  async function download(format: ExportFormat, lang: Lang): Promise<void> {
    const doc = document.value;
    if (doc === null || busy.value !== null) return;
    busy.value = format;
    failed.value = false;
    fontLeftOut.value = false;
    try {
      // Labels and terms as the running app shows them: with the deployment's reviewed Tibetan.
      // (A draft's own paragraphs are the officials' text: reviews of the published one stay out.)
      const shipped = await loadReportMessages(lang);
      const overlay = reviewed();
      const messages = lang === 'bo' && overlay !== undefined ? withOverlayMessages(shipped, overlay) : shipped;
      if (format === 'docx') {
        const { toDocx } = await import('../report/export/docx.ts');
        const bytes = await toDocx(doc, lang, messages, {
          tibetanFont: async (text) => {
            const font = await fetchWordTibetanFont(text);
            fontLeftOut.value = font === undefined;
            return font;
          },
        });
        save(new Blob([bytes.slice()], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), exportName(doc, lang, format));
      } else {
        const { toHtmlFragment } = await import('../report/export/html.ts');
        save(new Blob([toHtmlFragment(doc, lang, messages)], { type: 'text/html;charset=utf-8' }), exportName(doc, lang, format));
      }
    } catch {
      failed.value = true;
    } finally {
      busy.value = null;
    }
  }

  return { busy, failed, fontLeftOut, download };
}
