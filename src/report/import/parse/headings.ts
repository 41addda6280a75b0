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

function ordinalOf(text: string): { value: number; symbol: string; rest: string } | undefined {
  const match = ORDINAL.exec(text);
  if (match === null) return undefined;
  const symbol = match[1] ?? '';
  const value = /\d/u.test(symbol) ? Number(symbol) : CN_DIGITS.indexOf(symbol) + 1;
  return { value, symbol, rest: text.slice(match[0].length) };
}

// A sentence that ends and another that begins on the line: `2、主动公开信息情况。全年我局主动公开
// 信息25条。` is a numbered point of 总体情况 (1、2、3、 are how many overviews list their points), not
// section 二's heading. Only for Arabic ordinals: the seed's own `1、 总体情况` is a heading, and a
// heading with a Chinese ordinal run into its first sentence is still the heading.
const SENTENCE_GOES_ON = /[。；;！!？?]\s*\S/u;

function headingText(lines: readonly PreparedLine[], i: number): string {
  const line = lines[i];
  if (line === undefined || line.cells !== undefined) return '';
  return fold(trimLine(line.text));
}

// 一、总体情况 根据《条例》…: a heading run into its first paragraph on one line.
const RUN_IN = /^(\s*(?:#{1,6}\s*)?(?:[一二三四五六七八九十]|\d)\s*[、.．]\s*[^\s，。,]{2,28}?(?:情况|事项))[\s\u3000]+(\S.*)$/u;

/**
 * Splits a heading run into its first paragraph (`一、总体情况 根据…`) into the heading and the
 * paragraph, so the heading is found and the paragraph stays in its section.
 */
export function splitRunInHeadings(lines: readonly PreparedLine[]): PreparedLine[] {
  return lines.flatMap((line) => {
    if (line.cells !== undefined) return [line];
    const match = RUN_IN.exec(line.text);
    if (match === null) return [line];
    const heading = fold(trimLine(match[1] ?? ''));
    if (!SECTION_KEYS.some((key) => KEYWORDS[key].some((k) => heading.includes(k)))) return [line];
    return [{ ...line, text: match[1] ?? '' }, { ...line, text: match[2] ?? '' }];
  });
}

// A line this long is a whole page run together (平潭's page text), not a paragraph with a heading.
const RUN_TOGETHER = 600;
const ORDINAL_IN_RUN = /[一二三四五六]、/gu;
const HEADING_AT = /^([一二三四五六])、[^。，；]{0,30}?(?:情况|事项)/u;

/**
 * Splits a page whose text runs together on one line (title, prose and tables, 平潭's page
 * text) before each section heading, in order, and after it: `…一、总体情况2019年，…二、主动公开…`.
 */
export function splitRunTogether(lines: readonly PreparedLine[]): PreparedLine[] {
  return lines.flatMap((line) => {
    if (line.cells !== undefined || line.text.length < RUN_TOGETHER) return [line];
    const cuts: number[] = [];
    let next = 0;
    for (const ordinal of line.text.matchAll(ORDINAL_IN_RUN)) {
      const key = SECTION_KEYS[next];
      const match = HEADING_AT.exec(line.text.slice(ordinal.index));
      if (key === undefined || match === null || CN_DIGITS.indexOf(match[1] ?? '') !== next) continue;
      if (!KEYWORDS[key].some((k) => match[0].includes(k)) || ordinal.index < (cuts.at(-1) ?? 0)) continue;
      cuts.push(ordinal.index, ordinal.index + match[0].length);
      next += 1;
    }
    if (cuts.length === 0) return [line];
    const pieces = [0, ...cuts, line.text.length].slice(0, -1).map((start, i, starts) => line.text.slice(start, [...starts.slice(1), line.text.length][i]));
    return pieces.map((text) => text.trim()).filter((text) => text !== '').map((text) => ({ ...line, text }));
  });
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
      if (/\d/u.test(ordinal.symbol) && SENTENCE_GOES_ON.test(ordinal.rest)) continue;
      found[key] = i;
      cursor = i + 1;
      return;
    }
  });
  return found;
}
