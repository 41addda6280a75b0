/** Reading the numbers printed in table cells (report-format.md §7.5–§7.7). */
import { MAX_COUNT } from '../../values.ts';

/** A value token: a number (with the unit printed after it, if any) or an explicit blank. */
export type CellToken =
  | { kind: 'number'; value: number; raw: string; unit?: string }
  | { kind: 'blank'; raw: string };

// 251000元, 96171.6, +1036, −8, 3,119, 0 (full-width digits are folded before this runs).
// 增72 / 减3 (本年增/减 written as words, 杭锦后旗 2020) are signed numbers too.
const NUMBER = /^([+\-−－增减]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|元|件|条|个|项)?$/u;
// Markers real reports print for "nothing here" (§7.5): -, —, /, 无.
const BLANK_MARKERS = new Set(['', '-', '—', '–', '－', '/', '／', '无', '\\']);

/**
 * Reads a cell's text as a number or an explicit blank; undefined when it is text (a label).
 * `allowWordBlank` lets 无 count as blank: only safe inside a table cell whose position is known,
 * because in running text 无 is also a word (（四）无法提供 split by a PDF line break).
 */
export function readCellToken(text: string, allowWordBlank: boolean): CellToken | undefined {
  const trimmed = text.normalize('NFKC').trim();
  if (BLANK_MARKERS.has(trimmed) && (allowWordBlank || trimmed !== '无')) return { kind: 'blank', raw: text };
  const match = NUMBER.exec(trimmed);
  if (match === null) return undefined;
  const [, sign = '', integer = '', fraction, unit] = match;
  const magnitude = Number(`${integer.replaceAll(',', '')}${fraction === undefined ? '' : `.${fraction}`}`);
  const value = sign === '' || sign === '+' || sign === '增' ? magnitude : -magnitude;
  // Beyond what a report holds (values.ts, the policy the editor and the server apply): a phone
  // or document number, never a figure.
  if (Math.abs(value) > MAX_COUNT) return undefined;
  const token: CellToken = { kind: 'number', value: Object.is(value, -0) ? 0 : value, raw: text.trim() };
  return unit === '元' || unit === '万元' ? { ...token, unit } : token;
}
