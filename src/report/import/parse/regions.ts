/** Splits the prepared lines into title, preamble, and per-section prose and table lines. */
import { SECTION_KEYS, type SectionKey } from '../../model.ts';
import type { HeadingIndex } from './headings.ts';
import type { PreparedLine } from './prepare.ts';
import { fold, trimLine } from './text.ts';

export interface SectionRegion {
  heading: number;
  prose: PreparedLine[];
  /** Table lines (sections 二, 三, 四 only); empty when no table start was recognised. */
  table: PreparedLine[];
}

// The first line of each table: a caption or header line, short (prose that mentions 行政复议
// is not a header), or any line of a table whose cells are known.
const TABLE_START: Partial<Record<SectionKey, RegExp>> = {
  active: /第二十条|信息内容/u,
  requests: /勾稽|申请人情况|本年新收|自然人/u,
  appeals: /行政复议|行政诉讼|结果维持/u,
};
const MAX_HEADER_LINE = 40;

// Prose ends a sentence; a table header line does not (本年度未发生行政复议、行政诉讼。 is prose,
// the corner note （本列数据的勾稽关系为：…） is table).
const SENTENCE = /[。！？；;]$/u;

function tableStart(lines: readonly PreparedLine[], key: SectionKey): number {
  const marker = TABLE_START[key];
  if (marker === undefined) return lines.length;
  // Where table rows are known (HTML, Word, | rows), the table starts at the first of them.
  const structured = lines.findIndex((line) => line.cells !== undefined);
  if (structured >= 0) return structured;
  const start = lines.findIndex((line) => {
    const text = fold(trimLine(line.text));
    return text.length <= MAX_HEADER_LINE && marker.test(text) && !SENTENCE.test(text);
  });
  return start < 0 ? lines.length : start;
}

/** The lines of each found section, split into prose and table. */
export function sectionRegions(lines: readonly PreparedLine[], headings: HeadingIndex): Partial<Record<SectionKey, SectionRegion>> {
  const regions: Partial<Record<SectionKey, SectionRegion>> = {};
  const found = SECTION_KEYS.filter((key) => headings[key] !== undefined);
  found.forEach((key, i) => {
    const heading = headings[key] ?? 0;
    const nextKey = found[i + 1];
    const end = nextKey === undefined ? lines.length : (headings[nextKey] ?? lines.length);
    const body = lines.slice(heading + 1, end);
    const start = tableStart(body, key);
    regions[key] = { heading, prose: body.slice(0, start), table: body.slice(start) };
  });
  return regions;
}
