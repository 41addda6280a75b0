/**
 * Table text as segments: a run of label text followed by the values printed after it. Matching by
 * label sequence plus value count (report-format.md §7.1) instead of by line or column position is
 * what makes one-cell-per-line text, pipe rows, PDF text and HTML/Word tables parse alike.
 */
import { gluedFigures, splitGluedWord } from './glued.ts';
import { readCellToken, type CellToken } from './numbers.ts';
import type { PreparedLine } from './prepare.ts';
import { labelKeys } from './text.ts';

/** Values printed after a label; `rows` groups them by source row when rows were known. */
export interface Segment {
  /** The label text as printed (lines joined). */
  raw: string;
  /** Matching keys of the label text (see labelKeys). */
  full: string;
  bare: string;
  values: CellToken[];
  /** True when the values come from a table row whose cells were known (blanks are positional). */
  structured: boolean;
}

interface Piece {
  text?: string;
  value?: CellToken;
  rowEnd?: boolean;
  structured: boolean;
}

function piecesOf(line: PreparedLine): Piece[] {
  if (line.cells !== undefined) {
    const pieces: Piece[] = line.cells.map((cell) => {
      const value = readCellToken(cell, true);
      return value === undefined ? { text: cell, structured: true } : { value, structured: true };
    });
    pieces.push({ rowEnd: true, structured: true });
    return pieces;
  }
  // Plain text: values are whitespace-separated numbers; everything else is label text, and
  // consecutive words stay one label (PDF wraps put spaces inside labels: 只计这一情 形，不).
  // A `|` on its own (one cell per line ending in `|`, or a line of just `|`) separates cells and
  // carries nothing. Figures glued to a label (page text without spaces) are split off it.
  return line.text
    .split(/[\s\u00a0\u3000]+/u)
    .flatMap((word) => word.split(/\|+/u))
    .flatMap((word) => (readCellToken(word, false) === undefined ? splitGluedWord(word) : [word]))
    .filter((word) => word !== '')
    .map((word) => {
      const value = readCellToken(word, false) ?? gluedFigures(word);
      return value === undefined ? { text: word, structured: false } : { value, structured: false };
    });
}

/** Splits table lines into segments of label text and the values after it. */
export function toSegments(lines: readonly PreparedLine[]): Segment[] {
  const segments: Segment[] = [];
  let raw = '';
  let current: { values: CellToken[]; structured: boolean; rowClosed: boolean } | undefined;

  const close = (): void => {
    if (raw === '' && current === undefined) return;
    const keys = labelKeys(raw);
    segments.push({ raw, ...keys, values: current?.values ?? [], structured: current?.structured ?? false });
    raw = '';
    current = undefined;
  };

  for (const line of lines) {
    for (const piece of piecesOf(line)) {
      if (piece.rowEnd === true) {
        if (current !== undefined) current.rowClosed = true;
        continue;
      }
      if (piece.text !== undefined) {
        if (piece.text.trim() === '') continue;
        if (current !== undefined) close();
        raw += piece.text;
        continue;
      }
      if (piece.value === undefined) continue;
      // In a known table row, the values of a label are the cells of its own row: values in a
      // later row belong to it only when its row had none (a label row above its value row).
      if (current?.rowClosed === true && current.values.some((v) => v.kind === 'number')) close();
      // Its own row had only blank cells, so they were padding (corpus 14 pads every row to the
      // table's width at its end, header rows included) or spacers, not its values: these are.
      else if (current?.rowClosed === true) current = undefined;
      if (current === undefined) {
        if (raw === '' && piece.value.kind === 'blank') continue; // spacer cells between header rows
        current = { values: [], structured: piece.structured, rowClosed: false };
      }
      current.values.push(piece.value);
    }
  }
  close();
  return segments;
}
