/**
 * The front matter: the lines before the first section heading, split into the title, the
 * preamble (the boilerplate that names period, contact and notice) and portal chrome, which is
 * skipped and listed in the import report.
 */
import type { ImportReport } from '../types.ts';
import { CHROME, findTitle, titleLines, type TitleInfo } from './meta.ts';
import type { PreparedLine } from './prepare.ts';
import { fold, trimLine } from './text.ts';

const PUBLICATION_MONTH = /^[(（]\d{4}年\d{1,2}月[)）]$/u;

export interface FrontMatter {
  title: TitleInfo | undefined;
  preamble: PreparedLine[];
  /** Every line of the front matter, chrome included (publication dates are read there). */
  all: PreparedLine[];
  skipped: ImportReport['skipped'];
}

/** Title, preamble and chrome of the lines before index `firstHeading`. */
export function readFront(lines: readonly PreparedLine[], firstHeading: number): FrontMatter {
  const front = lines.slice(0, firstHeading);
  const title = findTitle(lines, firstHeading);
  const titles = titleLines(front, front.length);
  const start = title === undefined ? 0 : title.line + 1;
  const preamble = front.filter((l, position) => {
    if (position < start) return false;
    const text = fold(trimLine(l.text));
    return !CHROME.test(text) && !PUBLICATION_MONTH.test(text) && !titles.has(position);
  });
  const skipped: ImportReport['skipped'] = [];
  front.forEach((line, i) => {
    const text = trimLine(line.text);
    const isTitle = title !== undefined && i >= title.firstLine && i <= title.line;
    if (text !== '' && !isTitle && !preamble.includes(line)) skipped.push({ text, reason: 'portal_chrome' });
  });
  return { title, preamble, all: front, skipped };
}
