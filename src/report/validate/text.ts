/**
 * Reading figures out of Chinese prose for the text-vs-table rules (report-format.md §4.4). Only
 * exact figures count: "30余条", "近20件", "超过5件", "10多件" are approximate (§8: the seed's
 * "30余条") and are marked so, never compared.
 */

/**
 * Prose as one line: NFKC (full-width digits and punctuation to half-width; the pages store is
 * NFKC already, source sites are not, §9), and line breaks from PDF text removed (§7.3), except
 * between two digits, where a space keeps "95\n2024" from becoming one number.
 */
export function normaliseProse(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[ \t\u3000]*\r?\n[ \t\u3000]*/g, (gap: string, offset: number, whole: string) => {
      const before = whole.charAt(offset - 1);
      const after = whole.charAt(offset + gap.length);
      return /\d/.test(before) && /\d/.test(after) ? ' ' : '';
    });
}

/** A number with a counting unit found in prose, e.g. "受理政府信息公开申请 3119 件". */
export interface Quantity {
  value: number;
  unit: string;
  /** Offset of the first digit in the normalised text. */
  start: number;
  /** Offset just after the unit. */
  end: number;
  /** Marked as approximate: 余/多 before the unit, 近/约/超过… before, 以上/左右 after. */
  approximate: boolean;
  /** The clause text before the number (back to the last clause mark or quantity). */
  leadIn: string;
  /** The clause text after the unit (up to the next clause mark). */
  trailing: string;
}

/** Marks that end a clause, after NFKC: ，；。（）、！？ become , ; 。 ( ) 、 ! ?. */
const CLAUSE_MARKS = /[,;。()、!?]/;
const QUANTITY = /(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?!\.\d)\s*(余|多)?\s*(件|条|个|项|篇|期|份|场|次|人)/g;
const APPROX_BEFORE = /(近|约|大约|将近|超过|超|逾|多达|不足|不到|少于)\s*$/;
const APPROX_AFTER = /^\s*(以上|左右|上下|以下)/;

/** All quantities in normalised prose, in text order. */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  let lastEnd = 0;
  for (const match of text.matchAll(QUANTITY)) {
    const start = match.index;
    const end = start + match[0].length;
    const leadIn = clauseTail(text.slice(lastEnd, start));
    const trailing = clauseHead(text.slice(end));
    found.push({
      value: Number((match[1] ?? '').replace(/,/g, '')),
      unit: match[3] ?? '',
      start,
      end,
      approximate: match[2] !== undefined || APPROX_BEFORE.test(leadIn) || APPROX_AFTER.test(trailing),
      leadIn,
      trailing,
    });
    lastEnd = end;
  }
  return found;
}

function clauseTail(text: string): string {
  let i = text.length;
  while (i > 0 && !CLAUSE_MARKS.test(text.charAt(i - 1))) i--;
  return text.slice(i);
}

function clauseHead(text: string): string {
  let i = 0;
  while (i < text.length && !CLAUSE_MARKS.test(text.charAt(i))) i++;
  return text.slice(0, i);
}

/** Sentences of normalised prose (split after 。 ; ! ?), with their offsets. */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || /[。;!?]/.test(text.charAt(i))) {
      if (i > start) out.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  return out;
}

/** A short excerpt of normalised prose for messages, whitespace squeezed. */
export function excerpt(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}
