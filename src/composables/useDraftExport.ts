/**
 * Downloads of a draft for the county portal: Word (.docx, official layout; the docx library is
 * loaded only when asked) and a clean HTML fragment, in Chinese or Tibetan.
 */
import { ref, type Ref } from 'vue';
import type { Lang, ReportDocument } from '../report/model.ts';
import { loadReportMessages } from './useReportMessages.ts';

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

export function useDraftExport(document: Ref<ReportDocument | null>) {
  const busy = ref<ExportFormat | null>(null);
  const failed = ref(false);

  async function download(format: ExportFormat, lang: Lang): Promise<void> {
    const doc = document.value;
    if (doc === null || busy.value !== null) return;
    busy.value = format;
    failed.value = false;
    try {
      const messages = await loadReportMessages(lang);
      if (format === 'docx') {
        const { toDocx } = await import('../report/export/docx.ts');
        const bytes = await toDocx(doc, lang, messages);
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

  return { busy, failed, download };
}
