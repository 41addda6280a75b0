/**
 * First pass over the source lines: drop page furniture and strip conversion artefacts
 * (report-format.md §7.3, §7.11), remembering what was dropped for the import report.
 */
import type { ImportReport, Source, SourceLine } from '../types.ts';
import { trimLine } from './text.ts';

/** A source line that survived the first pass, with its index in the source. */
export interface PreparedLine extends SourceLine {
  index: number;
}

export interface PreparedSource {
  lines: PreparedLine[];
  /** True for text that came out of a PDF: lines are wrapped mid-sentence and need reflowing. */
  pdfText: boolean;
  skipped: ImportReport['skipped'];
}

const PAGE_FURNITURE = [
  /^-\s*\d+\s*-$/u, // - 4 -
  /^---\s*page\s*\d+\s*---$/iu, // --- page 4 --- (our PDF reader and the corpus extractions)
  /^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$/u,
  /^\d+\s*\/\s*\d+$/u, // 3 / 6
];

const ARTEFACTS = [/\[bookmark:[^\]]*\]/gu, /\[(?:image|picture):[^\]]*\]/giu];

/** Drops furniture, strips artefacts, and says whether the text looks like PDF extraction. */
export function prepareSource(source: Source): PreparedSource {
  const skipped: ImportReport['skipped'] = [];
  const lines: PreparedLine[] = [];
  let pageMarkers = 0;
  source.lines.forEach((line, index) => {
    const trimmed = trimLine(line.text);
    if (PAGE_FURNITURE.some((pattern) => pattern.test(trimmed))) {
      pageMarkers += 1;
      skipped.push({ text: trimmed, reason: 'page_furniture' });
      return;
    }
    let text = line.text;
    for (const pattern of ARTEFACTS) {
      text = text.replace(pattern, (artefact) => {
        skipped.push({ text: artefact, reason: 'conversion_artefact' });
        return '';
      });
    }
    lines.push(line.cells === undefined ? { text, index } : { text, cells: line.cells, index });
  });
  return { lines, pdfText: source.format === 'pdf' || pageMarkers > 0, skipped };
}
