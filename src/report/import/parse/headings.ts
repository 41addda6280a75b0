/**
 * Section headings found by ordinal plus keywords (report-format.md §7.10): the seed writes
 * `1、 总体情况` and `二、主动公开情况`, corpus 01 `五、政府信息公开工作存在的主要问题及改进情况`.
 */
import { SECTION_KEYS, type SectionKey } from '../../model.ts';
import type { PreparedLine } from './prepare.ts';
import { fold, trimLine } from './text.ts';

const KEYWORDS: Record<SectionKey, readonly string[]> = {
  overview: ['总体情况', '概述', '基本情况'],
  active: ['主动公开'],
  requests: ['收到和处理', '依申请公开', '申请情况', '公开申请'],
  appeals: ['行政复议', '行政诉讼'],
  problems: ['存在的主要问题', '主要问题', '改进情况', '存在问题'],
  other: ['其他需要报告', '其他事项', '需要报告的事项'],
};

const CN_DIGITS = '一二三四五六七八九十';
// An optional Markdown heading marker first: Lotho's own Markdown export writes `## 一、总体情况`.
const ORDINAL = /^(?:#{1,6}\s*)?([一二三四五六七八九十]|\d)\s*[、.．,，]\s*/u;
// A heading is a short line; a sentence that mentions 总体情况 is not one.
const MAX_HEADING_LENGTH = 40;

/** Where each section's heading is, as an index into the prepared lines. */
export type HeadingIndex = Partial<Record<SectionKey, number>>;

function ordinalOf(text: string): { value: number; rest: string } | undefined {
  const match = ORDINAL.exec(text);
  if (match === null) return undefined;
  const symbol = match[1] ?? '';
  const value = /\d/u.test(symbol) ? Number(symbol) : CN_DIGITS.indexOf(symbol) + 1;
  return { value, rest: text.slice(match[0].length) };
}

function headingText(lines: readonly PreparedLine[], i: number): string {
  const line = lines[i];
  if (line === undefined || line.cells !== undefined) return '';
  return fold(trimLine(line.text));
}

/** Finds the six headings in order; a heading not found is simply absent from the result. */
export function findHeadings(lines: readonly PreparedLine[], from = 0): HeadingIndex {
  const found: HeadingIndex = {};
  let cursor = from;
  SECTION_KEYS.forEach((key, position) => {
    for (let i = cursor; i < lines.length; i += 1) {
      let text = headingText(lines, i);
      const ordinal = ordinalOf(text);
      if (ordinal === undefined || ordinal.value !== position + 1) continue;
      // PDF text may wrap a long heading: 四、政府信息公开行政复议、行政诉讼情 / 况
      if (!KEYWORDS[key].some((k) => text.includes(k))) text += headingText(lines, i + 1);
      if (text.length > MAX_HEADING_LENGTH || !KEYWORDS[key].some((k) => text.includes(k))) continue;
      found[key] = i;
      cursor = i + 1;
      return;
    }
  });
  return found;
}
