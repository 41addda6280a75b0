/**
 * Text normalisation for matching printed labels against the template (report-format.md §7.8):
 * width, numbering, brackets, whitespace and punctuation never decide a match.
 */

const CN_ORDINAL = '[一二三四五六七八九十]+';
// （一） (1) — numbering of groups and rows, in either bracket width (§7.8).
const BRACKET_ORDINAL = new RegExp(`[(（]\\s*${CN_ORDINAL}\\s*[)）]`, 'gu');
// 一、 三. — section-level numbering.
const CN_LIST_ORDINAL = new RegExp(`${CN_ORDINAL}\\s*[、.．]`, 'gu');
// 1. 1、 — row numbering; "7730.28" is a number, not numbering, so a digit may not follow.
const DIGIT_ORDINAL = /\d+\s*[、.．](?!\d)/gu;
const PARENTHESISED = /[(（][^()（）]*[)）]/gu;
const NOT_A_LETTER = /[^\p{Script=Han}A-Za-z]/gu;

/** Unicode compatibility folding: full-width brackets, digits and spaces become half-width. */
export function fold(text: string): string {
  return text.normalize('NFKC');
}

/**
 * The key a label is matched by: Han characters and Latin letters only, numbering removed.
 * `bare` also drops parenthesised notes, so 规章(设区的市、自治州人民政府应提供相关数据) matches 规章.
 */
export function labelKeys(text: string): { full: string; bare: string } {
  const folded = fold(text).replace(BRACKET_ORDINAL, '').replace(CN_LIST_ORDINAL, '').replace(DIGIT_ORDINAL, '');
  let bare = folded;
  // Nested notes are rare; two passes remove one level of nesting.
  for (let i = 0; i < 2; i += 1) bare = bare.replace(PARENTHESISED, '');
  return { full: folded.replace(NOT_A_LETTER, ''), bare: bare.replace(NOT_A_LETTER, '') };
}

/** Matching key without parenthesised notes (see labelKeys). */
export function bareKey(text: string): string {
  return labelKeys(text).bare;
}

const EDGE_SPACE = /^[\s\u00a0\u2000-\u200b\u3000\ufeff]+|[\s\u00a0\u2000-\u200b\u3000\ufeff]+$/gu;

/** Trims every kind of space a converter leaves at line ends (tabs, en/ideographic spaces). */
export function trimLine(text: string): string {
  return text.replace(EDGE_SPACE, '');
}

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’《》';
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}])[ \\t\\u00a0\\u3000]+|[ \\t\\u00a0\\u3000]+(?=[${CJK}])`, 'gu');

/**
 * Removes the spaces PDF text extraction puts around Han characters ("2023 年" → "2023年",
 * "商 业 企业" → "商业企业"); spaces between Latin words stay.
 */
export function collapseCjkSpaces(text: string): string {
  return text.replace(SPACE_NEXT_TO_CJK, '');
}

/** Edit distance, bounded: returns max + 1 as soon as the distance must exceed max. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}
