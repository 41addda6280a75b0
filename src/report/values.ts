/**
 * The one value policy of the report, per kind of value: what a cell (count, signed change,
 * amount of money) and a text may hold. The app's editor, the server (field-rules.ts, the report
 * schema) and documents made by the importer all ask here, and get a code with the bound, never
 * a sentence: the app says it in zh or bo, the server in English.
 *
 * The bounds are what a report can hold, with room to spare: 999,999,999 is nine digits, more
 * than any agency's yearly count of requests, penalties or licences (a county's are in the
 * thousands), and 999,999,999 万元 is more than any fee income. A figure beyond is a typo or an
 * attack (1e300, 2^64), never a report.
 */
import type { CellKind } from './templates/types.ts';

export const MAX_COUNT = 999_999_999;
export const MAX_AMOUNT = 999_999_999;

export type ValueProblem =
  | { code: 'not_a_number' }
  | { code: 'negative' }
  | { code: 'not_integer' }
  | { code: 'too_large'; max: number }
  | { code: 'too_long'; max: number }
  | { code: 'nul_character' }
  | { code: 'unpaired_surrogate' };

/** The largest magnitude a cell of `kind` holds. */
export function cellBound(kind: CellKind): number {
  return kind === 'money' ? MAX_AMOUNT : MAX_COUNT;
}

/**
 * What is wrong with `value` in a cell of `kind`: not a finite number, beyond the bound, or (for
 * an edit) negative or fractional where the kind forbids it. `strict: false` (a published or
 * imported document) lets signs and decimals through: the validator reports them (R5) and the
 * figure is kept as written.
 */
export function cellValueProblem(kind: CellKind, value: number, options: { strict: boolean } = { strict: true }): ValueProblem | undefined {
  if (!Number.isFinite(value)) return { code: 'not_a_number' };
  const max = cellBound(kind);
  if (Math.abs(value) > max) return { code: 'too_large', max };
  if (!options.strict) return undefined;
  if (kind !== 'money' && !Number.isInteger(value)) return { code: 'not_integer' };
  if (kind !== 'signed' && value < 0) return { code: 'negative' };
  return undefined;
}

// A surrogate without its pair is not Unicode text (String.isWellFormed is ES2024).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a text value at most `max` UTF-16 units long: NUL, a broken surrogate, the length. */
export function textValueProblem(text: string, max: number): ValueProblem | undefined {
  if (text.includes('\u0000')) return { code: 'nul_character' };
  if (LONE_SURROGATE.test(text)) return { code: 'unpaired_surrogate' };
  if (text.length > max) return { code: 'too_long', max };
  return undefined;
}

/** The problem in English, for the API's messages and logs. */
export function describeValueProblem(problem: ValueProblem): string {
  switch (problem.code) {
    case 'not_a_number':
      return 'not a finite number';
    case 'negative':
      return 'a count or an amount is not negative';
    case 'not_integer':
      return 'this cell holds a whole number';
    case 'too_large':
      return `at most ${problem.max.toLocaleString('en')} in a report`;
    case 'too_long':
      return `at most ${String(problem.max)} characters`;
    case 'nul_character':
      return 'text holds no NUL character';
    case 'unpaired_surrogate':
      return 'not Unicode text (an unpaired surrogate)';
  }
}
