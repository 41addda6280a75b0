/** Plain text (and `|`-table renderings in it) to source lines. */
import type { SourceLine } from '../types.ts';

/** `|---|:--:|` and friends: the rule under a markdown table header. It carries no content. */
const MARKDOWN_SEPARATOR = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/;

/** Normalises CRLF and lone CR to LF. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Cells of a pipe-table line, or undefined when the line is not one. A line is a pipe row when it
 * has at least two `|`. One empty leading cell is dropped when the line starts with `|` and one
 * trailing cell when it ends with `|` (the frame of `| a | b |`); inner empty cells stay as ''
 * because a blank cell is information (blank is not 0, and not missing).
 */
export function pipeCells(line: string): string[] | undefined {
  const trimmed = line.trim();
  let pipes = 0;
  for (const ch of trimmed) if (ch === '|') pipes++;
  if (pipes < 2) return undefined;
  const cells = trimmed.split('|').map((cell) => cell.trim());
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|')) cells.pop();
  return cells;
}

/**
 * One SourceLine per line of the text, blank lines included. Leading tabs and spaces are kept
 * as printed (the seed marks cells with a leading tab; the parser normalises). The newline that
 * ends the last line does not start another one. Pipe rows also get `cells`; markdown separator
 * rows are dropped.
 */
export function textToLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const raw = normaliseNewlines(text).split('\n');
  // "a\nb\n" is two lines, not three.
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  for (const line of raw) {
    const trimmed = line.trim();
    if (trimmed.includes('|') && trimmed.includes('-') && MARKDOWN_SEPARATOR.test(trimmed)) continue;
    const cells = pipeCells(line);
    lines.push(cells ? { text: line, cells } : { text: line });
  }
  return lines;
}
