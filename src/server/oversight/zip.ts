/**
 * All published reports of a subtree as one .zip of Word files in the official layout
 * (src/report/export/docx.ts), streamed as each is made (fflate): a region's 2,800 documents never
 * sit in memory at once, and the download starts with the first. A .docx is compressed already, so
 * each is stored as it is.
 */
import { Zip, ZipPassThrough } from 'fflate';
import { docxTibetanFontForMany } from '../../fonts/tibetan.ts';
import { toDocx } from '../../report/export/docx.ts';
import type { MessageTree } from '../../report/labels.ts';
import type { Lang } from '../../report/model.ts';
import type { ServerStorage } from '../storage/types.ts';

/** A report to put in: its id and the name to file it under (without .docx). */
export interface ZipEntry {
  reportId: string;
  name: string;
}

/** File names in the archive: the report id first (unique, sorts by agency), then the name people read. */
export function docxName(entry: ZipEntry): string {
  // Characters Windows refuses in file names become a full-width stand-in or go.
  const clean = entry.name.replace(/[\\/:*?"<>|]/gu, '_').trim();
  return `${entry.reportId}${clean === '' ? '' : ` ${clean}`}.docx`;
}

export function reportsZip(storage: ServerStorage, entries: readonly ZipEntry[], lang: Lang, messages: MessageTree): ReadableStream<Uint8Array> {
  let next = 0;
  let zip: Zip | undefined;
  // Each Tibetan document embeds the font, cut to the letters of the archive's documents so far.
  const tibetanFont = docxTibetanFontForMany();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error !== null) {
          controller.error(error);
          return;
        }
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    // One document per pull: the archive grows as fast as the client reads it.
    async pull() {
      const entry = entries[next];
      next += 1;
      if (zip === undefined) return;
      if (entry === undefined) {
        zip.end();
        return;
      }
      const report = await storage.getReport(entry.reportId);
      if (report === undefined) return;
      const file = new ZipPassThrough(docxName(entry));
      file.mtime = new Date(report.publishedAt);
      zip.add(file);
      file.push(await toDocx(report.document, lang, messages, { tibetanFont }), true);
    },
    cancel() {
      zip?.terminate();
    },
  });
}
