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
// A table run together with its rows on one long line (平潭's page text) starts with its caption.
const RUN_TOGETHER_START: Partial<Record<SectionKey, RegExp>> = {
  active: /^第二十条\s*第?\s*[(（]\s*一/u,
  requests: /^[(（]?本列数据的勾稽关系/u,
  appeals: /^行政复议\s*行政诉讼/u,
};

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
    if (RUN_TOGETHER_START[key]?.test(text) === true) return true;
    return text.length <= MAX_HEADER_LINE && marker.test(text) && !SENTENCE.test(text);
  });
  return start < 0 ? lines.length : start;
}

// A table found without its section heading (a report that numbers its parts its own way, or a
// page that starts at the tables): the line its table begins with, strict enough for prose not to match.
const STRONG_START: Record<TableSectionKey, RegExp> = {
  active: /^第二十条\s*第?\s*[(（]\s*一/u,
  requests: /本列数据的勾稽关系|^申请人情况|本年新收政府信息公开申请数量/u,
  appeals: /^行政复议/u,
};
type TableSectionKey = 'active' | 'requests' | 'appeals';
const TABLE_KEYS: readonly TableSectionKey[] = ['active', 'requests', 'appeals'];

function lineText(line: PreparedLine | undefined): string {
  if (line === undefined) return '';
  return fold(trimLine(line.cells === undefined ? line.text : line.cells.join('')));
}

/** Where each table starts, by its marker, searching from `from` on. */
function markerStart(lines: readonly PreparedLine[], key: TableSectionKey, from: number): number | undefined {
  for (let i = from; i < lines.length; i += 1) {
    const text = lineText(lines[i]);
    if (text.length > MAX_HEADER_LINE * 2 || SENTENCE.test(text) || !STRONG_START[key].test(text)) continue;
    // 行政复议 alone is a header only when 结果维持 follows within the next lines.
    if (key === 'appeals' && !lines.slice(i, i + 12).some((l) => lineText(l).includes('结果维持'))) continue;
    return i;
  }
  return undefined;
}

/** The lines of each found section, split into prose and table. */
export function sectionRegions(lines: readonly PreparedLine[], headings: HeadingIndex): Partial<Record<SectionKey, SectionRegion>> {
  const regions: Partial<Record<SectionKey, SectionRegion>> = {};
  const found = SECTION_KEYS.filter((key) => headings[key] !== undefined);
  const starts: Partial<Record<TableSectionKey, number>> = {};
  found.forEach((key, i) => {
    const heading = headings[key] ?? 0;
    const nextKey = found[i + 1];
    const end = nextKey === undefined ? lines.length : (headings[nextKey] ?? lines.length);
    const body = lines.slice(heading + 1, end);
    const start = tableStart(body, key);
    regions[key] = { heading, prose: body.slice(0, start), table: body.slice(start) };
    if (key === 'active' || key === 'requests' || key === 'appeals') if (start < body.length) starts[key] = heading + 1 + start;
  });
  // Tables without a heading of their own: found by marker, after the table before them.
  let from = 0;
  let added = false;
  for (const key of TABLE_KEYS) {
    if (starts[key] === undefined) {
      const start = markerStart(lines, key, from);
      if (start !== undefined) {
        starts[key] = start;
        added = true;
      }
    }
    from = starts[key] ?? from;
  }
  if (!added) return regions;
  // Each table runs to the next table's start or the next heading, whichever comes first.
  const boundaries = [...Object.values(starts), ...found.map((k) => headings[k] ?? 0)].sort((a, b) => a - b);
  for (const key of TABLE_KEYS) {
    const start = starts[key];
    if (start === undefined) continue;
    const end = boundaries.find((b) => b > start) ?? lines.length;
    const region = regions[key];
    regions[key] = region === undefined ? { heading: start, prose: [], table: lines.slice(start, end) } : { ...region, table: lines.slice(start, end) };
  }
  return regions;
}
