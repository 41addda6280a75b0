/**
 * CSV as Excel and every spreadsheet read it (RFC 4180): UTF-8 with a byte-order mark (without it
 * Excel on Windows reads Chinese as mojibake), CRLF line ends, a field quoted when it holds a comma,
 * a quote or a line break. Text a person typed that starts with = + - @ (or a tab or CR) is prefixed
 * with ' so that a spreadsheet shows it rather than running it as a formula (OWASP CSV injection).
 */
import type { TableValue } from './figures-table.ts';

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/u;

function field(value: TableValue, typed: boolean): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typed && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of a header and rows; `typed[i]` marks columns of text people typed. */
export function csvText(header: readonly string[], rows: readonly (readonly TableValue[])[], typed: readonly boolean[] = []): string {
  const line = (values: readonly TableValue[], guard: boolean): string => values.map((v, i) => field(v, guard && typed[i] === true)).join(',');
  return `${BOM}${[line(header, false), ...rows.map((r) => line(r, true))].join('\r\n')}\r\n`;
}
