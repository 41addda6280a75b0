/**
 * The glossary's terms (locales/terms-bo.csv: the shared term list with the corrections
 * term-review.md proves) as the review needs them: which terms a Chinese text uses, and whether
 * its Tibetan uses the glossary's word for each. The consistency test runs this over the UI,
 * the template labels and the seed; the review page shows a string's terms and their sources.
 */

/** One row of locales/terms-bo.csv, as parsed (every column a string). */
export interface TermRow {
  zh: string;
  bo: string;
  stem: string;
  source: string;
  confidence: string;
  notes: string;
}

/** One term: a row, or one half of a row that pairs two (`确定 / 取消`). */
export interface Term {
  zh: string;
  bo: string;
  /** What every Tibetan use must contain: the word without its shad and nominaliser, or the row's verb stem. */
  stem: string;
  source: string;
  confidence: string;
  notes: string;
}

const TSHEG = '\u0F0B';

/** The glossary word without final shad and tsheg, and without a nominalising བ/པ after two syllables. */
export function tibetanStem(bo: string): string {
  const word = bo.trim().replace(/[\u0F0D\s]+$/u, '').replace(/\u0F0B+$/u, '');
  const syllables = word.split(TSHEG);
  const last = syllables.at(-1);
  return (syllables.length >= 3 && (last === 'བ' || last === 'པ') ? syllables.slice(0, -1) : syllables).join(TSHEG);
}

const split = (text: string): string[] => text.split(' / ').map((part) => part.trim());

/**
 * The terms of the rows. Rows that are patterns (`第X条`, `X年X月X日`) or lists (`字号 大/中/小`)
 * are not words a text uses, and are left out.
 */
export function termsOf(rows: readonly TermRow[]): Term[] {
  return rows.flatMap((row) => {
    if (/X/u.test(row.zh) || row.zh.includes('/') && !row.zh.includes(' / ')) return [];
    const zh = split(row.zh);
    const bo = split(row.bo);
    const stems = row.stem === '' ? [] : split(row.stem);
    if (zh.length !== bo.length) return [];
    return zh.map((term, i) => {
      const word = bo[i] ?? '';
      return { zh: term, bo: word, stem: stems[i] ?? tibetanStem(word), source: row.source, confidence: row.confidence, notes: row.notes };
    });
  });
}

/** The terms a Chinese text uses. */
export function termsIn(zh: string, terms: readonly Term[]): Term[] {
  return terms.filter((term) => zh.includes(term.zh));
}

/** The terms a Chinese text uses whose glossary word its Tibetan lacks. */
export function missingTerms(zh: string, bo: string, terms: readonly Term[]): Term[] {
  return termsIn(zh, terms).filter((term) => !bo.includes(term.stem));
}
