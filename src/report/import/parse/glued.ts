/**
 * Figures printed without a break between them (平潭's page text: `（一）予以公开7000007`, `230 000023`):
 * every way of cutting the digit runs into a row's cells, each cut a figure with no leading zero.
 * The text alone rarely tells one reading; the row's sums decide (parse/sums.ts), and a row no sum
 * can check is never cut.
 */

import type { CellToken } from './numbers.ts';

// Beyond this many readings the text says too little for the sums to single one out.
const MAX_READINGS = 5000;

/** The ways of cutting one digit run into `parts` figures, none with a leading zero. */
function cuts(digits: string, parts: number): number[][] {
  if (parts === 1) return /^(0|[1-9]\d*)$/u.test(digits) ? [[Number(digits)]] : [];
  const readings: number[][] = [];
  const firstMax = digits.length - (parts - 1);
  for (let length = 1; length <= firstMax; length += 1) {
    const head = digits.slice(0, length);
    if (length > 1 && head.startsWith('0')) break;
    for (const rest of cuts(digits.slice(length), parts - 1)) readings.push([Number(head), ...rest]);
  }
  return readings;
}

/**
 * Every reading of the runs (each a string of digits, printed apart) as `count` figures in order,
 * a run giving one or more of them; undefined when there are too many to weigh.
 */
export function gluedReadings(runs: readonly string[], count: number): number[][] | undefined {
  let partial: number[][] = [[]];
  for (const [index, run] of runs.entries()) {
    const left = runs.length - index - 1;
    const next: number[][] = [];
    for (const reading of partial) {
      const room = count - reading.length - left;
      for (let parts = 1; parts <= Math.min(room, run.length); parts += 1) {
        for (const cut of cuts(run, parts)) next.push([...reading, ...cut]);
        if (next.length > MAX_READINGS) return undefined;
      }
    }
    partial = next;
  }
  return partial.filter((r) => r.length === count);
}

/** True for a printed run of digits only: the only text that can hold glued figures. */
export function isDigitRun(raw: string): boolean {
  return /^\d+$/u.test(raw.normalize('NFKC'));
}

const PIECES = /(\d+(?:\.\d+)?(?:万元|元)?)|(\D+)/gu;
const ROW_NUMBER_AFTER = /^[.．、]\p{Script=Han}/u;
const NOTE_AFTER = /^[年月日号)）]/u;
const NOTE_BEFORE = /[-+−－:：如]$/u;

/**
 * Splits a word of plain text where label text and figures touch (`数量230`, `公开7000007（二）`), so
 * the figures become values of their own. A row's number stays with its label (`1.属于国家秘密`):
 * in `…00000002.其他` the last digit before `.` and a label numbers that row.
 */
export function splitGluedWord(word: string): string[] {
  const folded = word.normalize('NFKC');
  if (!/\p{Script=Han}/u.test(folded) || !/\d/u.test(folded)) return [word];
  const pieces = [...folded.matchAll(PIECES)].map((m) => ({ text: m[0], figure: m[1] !== undefined }));
  const out: { text: string; figure: boolean }[] = [];
  pieces.forEach((piece, i) => {
    const next = pieces[i + 1];
    if (piece.figure && /^\d+$/u.test(piece.text) && next !== undefined && ROW_NUMBER_AFTER.test(next.text)) {
      const figure = piece.text.slice(0, -1);
      if (figure !== '') out.push({ text: figure, figure: true });
      next.text = `${piece.text.slice(-1)}${next.text}`;
      return;
    }
    // A figure with a date word after it (指2019年事项数), or a sign or bracket next to it (如-8)),
    // is part of a note in the label's text.
    const previous = pieces[i - 1];
    const inNote = (next !== undefined && NOTE_AFTER.test(next.text)) || (previous !== undefined && NOTE_BEFORE.test(previous.text));
    const asText = !piece.figure || inNote;
    const last = out.at(-1);
    if (asText && last !== undefined && !last.figure) last.text += piece.text;
    else if (asText) out.push({ text: piece.text, figure: false });
    else out.push({ ...piece });
  });
  return out.map((p) => p.text);
}

/**
 * A run of digits too long for one figure (`21710000218`): several figures printed without a
 * break. It is a value whose figure is not known (NaN) until the row's sums cut it; it is never
 * placed as it stands.
 */
export function gluedFigures(word: string): CellToken | undefined {
  return isDigitRun(word) ? { kind: 'number', value: Number.NaN, raw: word.normalize('NFKC') } : undefined;
}
