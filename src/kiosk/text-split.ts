/**
 * Where a paragraph may be cut when it does not fit on one kiosk screen. Three levels, tried in
 * order: after a sentence (Chinese 。！？；, Tibetan shad ། and its relatives, or the space that
 * replaces the shad after ག), after a clause (，、： and any space), and — only when a single clause
 * is taller than a whole screen — between syllables: after a tsheg ་ in Tibetan, between two Han
 * characters in Chinese. A Tibetan syllable (a stack with its vowels and subjoined letters) is never
 * cut: every offset returned follows a tsheg, a shad, a space or a non-Tibetan character
 * (shared/i18n/tibetan.md §2). Plain functions over strings, tested in Node.
 */

/** How finely a paragraph may be cut. */
export type SplitLevel = 'sentence' | 'clause' | 'syllable';

/** The order in which the levels are tried. */
export const SPLIT_LEVELS: readonly SplitLevel[] = ['sentence', 'clause', 'syllable'];

// Shad ། ༎, the rin chen spungs shad ༑ and the other final marks of U+0F0D–U+0F12, U+0F14.
const SHAD = /[\u0F0D-\u0F12\u0F14]/u;
const TSHEG = '\u0F0B';
const TIBETAN = /[\u0F00-\u0FFF]/u;
const CHINESE_SENTENCE_END = /[。！？；!?]/u;
const CLAUSE_END = /[，、：,:]/u;
/** Closing quotes and brackets stay with the sentence they close. */
const CLOSERS = /[”’」』）》〕】)\]]/u;
/** Opening quotes and brackets stay with what they open. */
const OPENERS = /[“‘「『（《〔【([]/u;
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/u;
const SPACE = /\s/u;

/** The offset after `i` once closing marks and then spaces are skipped. */
function afterMark(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && CLOSERS.test(text.charAt(j))) j += 1;
  while (j < text.length && SPACE.test(text.charAt(j))) j += 1;
  return j;
}

function addSentenceBreaks(text: string, out: Set<number>): void {
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (CHINESE_SENTENCE_END.test(ch) || SHAD.test(ch)) {
      // A run of marks (。。 or །།) is one break, after the last of them.
      if (i + 1 < text.length && (SHAD.test(text.charAt(i + 1)) || CHINESE_SENTENCE_END.test(text.charAt(i + 1)))) continue;
      out.add(afterMark(text, i));
    } else if (SPACE.test(ch) && i > 0 && TIBETAN.test(text.charAt(i - 1)) && !SPACE.test(text.charAt(i - 1))) {
      // After ག (and ཀ) Tibetan writes a space where other syllables take a shad: the space ends
      // the sentence just as well.
      let j = i;
      while (j < text.length && SPACE.test(text.charAt(j))) j += 1;
      out.add(j);
    }
  }
}

function addClauseBreaks(text: string, out: Set<number>): void {
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (CLAUSE_END.test(ch)) {
      out.add(afterMark(text, i));
    } else if (SPACE.test(ch) && (i === 0 || !SPACE.test(text.charAt(i - 1)))) {
      let j = i;
      while (j < text.length && SPACE.test(text.charAt(j))) j += 1;
      out.add(j);
    }
  }
}

function addSyllableBreaks(text: string, out: Set<number>): void {
  for (let i = 1; i < text.length; i += 1) {
    const before = text.charAt(i - 1);
    const ch = text.charAt(i);
    if (before === TSHEG && !SPACE.test(ch)) {
      out.add(i);
    } else if (HAN.test(ch) && !OPENERS.test(before) && !SPACE.test(before)) {
      // Before a Han character, unless it follows an opening bracket (kept with it). A Han
      // character after Tibetan letters only happens after a tsheg, shad or bracket in practice;
      // the check below keeps that promise even for odd input.
      if (!TIBETAN.test(before) || before === TSHEG || SHAD.test(before)) out.add(i);
    } else if (HAN.test(before) && !HAN.test(ch) && !CLOSERS.test(ch) && !CLAUSE_END.test(ch) &&
      !CHINESE_SENTENCE_END.test(ch) && !SPACE.test(ch) && !TIBETAN.test(ch)) {
      // After a Han character before a digit or a Latin letter (2020年 → 2020 | 年 is already
      // covered above; 年 | 12 here).
      out.add(i);
    }
  }
}

/**
 * The offsets at which `text` may be cut at `level` or any coarser level, ascending, strictly
 * between 0 and the length. At each offset the next piece starts (spaces at a cut belong to the
 * piece before it, so a piece never starts with a space).
 */
export function breakOffsets(text: string, level: SplitLevel): number[] {
  const out = new Set<number>();
  addSentenceBreaks(text, out);
  if (level !== 'sentence') addClauseBreaks(text, out);
  if (level === 'syllable') addSyllableBreaks(text, out);
  return [...out].filter((offset) => offset > 0 && offset < text.length).sort((a, b) => a - b);
}

/** True when cutting `text` at `offset` would split a Tibetan syllable (never allowed). */
export function splitsTibetanSyllable(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charAt(offset - 1);
  const after = text.charAt(offset);
  if (!TIBETAN.test(after)) return false;
  if (before === TSHEG || SHAD.test(before) || SPACE.test(before)) return false;
  // A Tibetan letter, vowel sign or subjoined letter after a letter of the same syllable; also a
  // digit glued to the syllable it counts (2020ལོའི་).
  return TIBETAN.test(before) || /[0-9A-Za-z]/u.test(before);
}
