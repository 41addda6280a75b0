/**
 * The one normalisation step every source goes through before anything is matched
 * (report-format.md §7.7, §7.8, §9): traditional characters to simplified (mirror sites serve
 * reports as 規章, 行政處罰, 萬元), then compatibility forms folded (full-width digits and letters,
 * the Kangxi radicals and compatibility ideographs PDF text extraction produces: ⾏政 for 行政), and
 * the pinyin glosses some mirrors add (報(bào)告).
 *
 * What stays as printed: full-width punctuation (，。：（）), which is how Chinese prose is
 * written. Matching keys fold it further (text.ts labelKeys); the prose keeps it.
 */
import { Converter } from 'opencc-js/t2cn';
import type { Source, SourceLine } from '../types.ts';

// OpenCC's t2s tables (traditional → mainland simplified, character by character and with its
// phrase table). On text that is already simplified it is the identity (checked on ../shared/corpus).
const toSimplified = Converter({ from: 't', to: 'cn' });

// Folded with NFKC: full-width ASCII letters and digits (Ａ-Ｚ, ０-９), Kangxi radicals, CJK radicals
// supplement, compatibility ideographs (BMP and supplementary), and the ideographic space.
const FOLDED = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u2e80-\u2fdf\uf900-\ufaff\u3000]|[\u{2f800}-\u{2fa1f}]/gu;

// Mirror sites gloss rare characters with their pinyin: 報(bào)告, 統(tǒng)計. A gloss is a run of
// pinyin letters with at least one tone mark, in brackets right after a Han character.
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
const PINYIN_GLOSS = new RegExp(`(?<=\\p{Script=Han})[(（](?=[a-zü]*[${TONED}])[a-zü${TONED}]{1,7}[)）]`, 'gu');

function foldCompatibility(text: string): string {
  return text.replace(FOLDED, (char) => char.normalize('NFKC')).replace(PINYIN_GLOSS, '');
}

/** What the step changed, for the import report. */
export interface NormalisedSource {
  source: Source;
  /** How many characters were converted from traditional to simplified. */
  traditional: number;
}

function countChanged(before: string, after: string): number {
  // t2s maps character for character here (phrases of equal length), so positions line up; a
  // length change would only blur the count, never the text.
  let changed = 0;
  const length = Math.min(before.length, after.length);
  for (let i = 0; i < length; i += 1) if (before[i] !== after[i]) changed += 1;
  return changed + Math.abs(before.length - after.length);
}

/** Normalises every line's text and cells. */
export function normaliseSource(source: Source): NormalisedSource {
  let traditional = 0;
  const convert = (text: string): string => {
    const folded = foldCompatibility(text);
    const simplified = toSimplified(folded);
    if (simplified !== folded) traditional += countChanged(folded, simplified);
    return simplified;
  };
  const lines = source.lines.map((line): SourceLine =>
    line.cells === undefined ? { text: convert(line.text) } : { text: convert(line.text), cells: line.cells.map(convert) },
  );
  return { source: { ...source, lines }, traditional };
}
