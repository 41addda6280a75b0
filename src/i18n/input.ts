/**
 * What officials type, made safe to store (shared/i18n/tibetan.md §6): numbers typed with Tibetan
 * digits (༡༢), full-width digits (１２), Arabic digits or nothing at all (blank is not 0, M1);
 * text normalised to NFC, with Private Use Area characters (precomposed stacks from old Chinese
 * Tibetan input methods, GB/T 20542 / 22238) found and refused, never stored.
 */
import { fromTibetanDigits } from './format.ts';

/** What a number cell's text means. */
export type CellInput =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  /** Not a number: kept as typed, never stored as a value. */
  | { kind: 'invalid' };

/** Full-width ASCII (U+FF01–U+FF5E) to ASCII: １２．５ → 12.5, －３ → -3. */
function fromFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Reads a cell's text: digits of any of the three scripts, an optional minus sign (ASCII, full
 * width, U+2212), a decimal point (also 。 and ．, which Chinese keyboards give), spaces and
 * thousands separators ignored. Whether the number fits the cell (R5: a count is a non-negative
 * integer) is the validator's business: the value is stored as typed so nothing is lost.
 */
export function parseCellInput(text: string): CellInput {
  const plain = fromFullWidth(fromTibetanDigits(text.normalize('NFC')))
    .replace(/[\s\u3000,，]/gu, '')
    .replace(/[−\u2212]/gu, '-')
    .replace(/。/gu, '.');
  if (plain === '') return { kind: 'empty' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/u.test(plain)) return { kind: 'invalid' };
  const value = Number(plain);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
}

/** Private Use Area code points (BMP and planes 15–16). */
const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/gu;

/** A text as it may be stored, and what was wrong with it. */
export interface CheckedText {
  /** NFC. */
  text: string;
  /** How many Private Use Area characters it holds (0: fine to store). */
  privateUse: number;
}

/** Normalises to NFC and counts Private Use Area characters. */
export function checkText(text: string): CheckedText {
  const nfc = text.normalize('NFC');
  return { text: nfc, privateUse: nfc.match(PRIVATE_USE)?.length ?? 0 };
}
