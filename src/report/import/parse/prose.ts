/** Section prose as paragraphs, one per line, with PDF line wrapping undone. */
import type { PreparedLine } from './prepare.ts';
import { collapseCjkSpaces, trimLine } from './text.ts';

// A line that opens a paragraph: （一）, 一、, 1. / 1、, 一是.
const PARAGRAPH_START = /^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[一二三四五六七八九十]是)/u;
// A line that ends a paragraph in wrapped PDF text.
const PARAGRAPH_END = /[。！？]$/u;

/**
 * Paragraphs of the given lines joined with "\n". Text from a PDF is reflowed: wrapped lines are
 * joined and the spaces extraction puts around Han characters removed. Other sources keep their
 * lines as printed, only trimmed, because there a line is a paragraph.
 */
export function toProse(lines: readonly PreparedLine[], pdfText: boolean): string {
  const texts = lines.map((l) => trimLine(l.cells === undefined ? l.text : l.cells.join(' '))).filter((t) => t !== '');
  if (!pdfText) return texts.join('\n');
  const paragraphs: string[] = [];
  for (const raw of texts) {
    const text = collapseCjkSpaces(raw);
    const last = paragraphs.at(-1);
    if (last === undefined || PARAGRAPH_END.test(last) || PARAGRAPH_START.test(text)) paragraphs.push(text);
    else paragraphs[paragraphs.length - 1] = last + text;
  }
  return paragraphs.join('\n');
}
