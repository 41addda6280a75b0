/**
 * Prose rules X2–X5 (report-format.md §4.4). Warnings only: prose errors are common in published
 * reports (§7.12) and the tables stay the report's content.
 */
import type { ReportDocument } from '../model.ts';
import { SECTION_KEYS } from '../model.ts';
import { yearStatements } from '../year-statement.ts';
import { defineRule, type Issue, type RuleDef } from './context.ts';
import { excerpt, findQuantities, normaliseProse, sentences } from './text.ts';

/** All Chinese prose of a report (preamble first, then sections in order), normalised. */
function allProse(report: ReportDocument): string[] {
  const blocks = [report.preamble, ...SECTION_KEYS.map((k) => report.sections[k])];
  return blocks.flatMap((b) => (b?.zh === undefined ? [] : [normaliseProse(b.zh)]));
}

/**
 * X2: one year everywhere. Checks the stated statistics period (meta.period, and "统计期限…YYYY年1月
 * 1日至YYYY年12月31日" in prose), the overview's leading "YYYY年", the introduction's statements of
 * the report's year ("编制2021年度…年度报告" for 2020 data, corpus 07 and 墨脱县德兴乡 2020), and
 * malformed years such as "202020年" (corpus 20).
 */
export const X2: RuleDef = defineRule({
  id: 'X2', severity: 'warning', kind: 'prose', enforced: true, ref: '§4.4',
  check: ({ report }) => {
    const year = report.meta.year;
    const found: { source: string; actual: string }[] = [];
    const period = report.meta.period;
    for (const date of period === undefined ? [] : [period.start, period.end]) {
      const y = /^(\d{4})-/.exec(date)?.[1];
      if (y !== undefined && Number(y) !== year) found.push({ source: 'period', actual: y });
    }
    const overview = report.sections.overview?.zh;
    if (overview !== undefined) {
      // The body may still start with its heading ("一、总体情况", the seed's "1、 总体情况").
      const body = normaliseProse(overview).trim().replace(/^(一|1)\s*[、.]\s*总体情况\s*/, '');
      const lead = /^(\d{4})\s*年/.exec(body)?.[1];
      if (lead !== undefined && Number(lead) !== year) found.push({ source: 'overview', actual: lead });
    }
    // Only the introduction before 一、总体情况 says which report this is; the overview may tell of
    // last year's ("及时发布…2019年度政府信息公开年报", 上海市政府办公厅 2020).
    const intro = report.preamble?.zh === undefined ? '' : normaliseProse(report.preamble.zh);
    for (const statement of yearStatements(intro)) {
      if (statement.year !== year) found.push({ source: 'statement', actual: String(statement.year) });
    }
    for (const text of allProse(report)) {
      const stats = /统计(?:期限|时限|期间|时间)[^。]*?(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?[至到—~-]\s*(\d{4})\s*年\s*12\s*月\s*31\s*日/g;
      for (const m of text.matchAll(stats)) {
        for (const y of [m[1], m[2]]) if (y !== undefined && Number(y) !== year) found.push({ source: 'statistics', actual: y });
      }
      for (const m of text.matchAll(/(?<![\d.])((?:19|20)\d{3,4})\s*年/g)) found.push({ source: 'malformed', actual: m[1] ?? '' });
    }
    const unique = new Map(found.map((f) => [`${f.source}:${f.actual}`, f]));
    return [...unique.values()].map((f) => ({ cells: [], params: { expected: year, actual: f.actual, source: f.source } }));
  },
});

/**
 * X3: "其中 (of which)" parts must not exceed their whole (corpus 06: "主动公开信息19条，其中向政府
 * 网站推送35条"). The whole is the nearest figure before 其中 in the sentence; parts are exact
 * figures after it in the same unit, up to the next 其中 or the first figure in another unit.
 * Anything approximate is skipped.
 */
export const X3: RuleDef = defineRule({
  id: 'X3', severity: 'warning', kind: 'prose', enforced: true, ref: '§4.4',
  check: ({ report }) => {
    const issues: Issue[] = [];
    const seen = new Set<string>();
    for (const text of allProse(report)) {
      for (const sentence of sentences(text)) {
        const quantities = findQuantities(sentence.text);
        const marks = [...sentence.text.matchAll(/其中/g)].map((m) => m.index);
        marks.forEach((at, i) => {
          const whole = quantities.filter((q) => q.end <= at).pop();
          if (whole === undefined || whole.approximate) return;
          const next = marks[i + 1] ?? sentence.text.length;
          const after = quantities.filter((q) => q.start > at && q.start < next);
          // A figure in another unit ends the list: "信息95条，其中文件2件，利用电子屏发布信息108条" (corpus 06).
          const stop = after.findIndex((q) => q.unit !== whole.unit);
          const parts = (stop === -1 ? after : after.slice(0, stop)).filter((q) => !q.approximate);
          for (const part of parts) {
            const id = `${sentence.start}:${whole.value}:${part.value}`;
            if (part.value <= whole.value || seen.has(id)) continue;
            seen.add(id);
            const quote = excerpt(sentence.text, whole.start - whole.leadIn.length, part.end);
            issues.push({ cells: [], params: { whole: whole.value, part: part.value, unit: whole.unit, excerpt: quote } });
          }
        });
      }
    }
    return issues;
  },
});

/** X4: the intro's "N个部分" should match the sections present (the seed says 四 but has six, §8). */
export const X4: RuleDef = defineRule({
  id: 'X4', severity: 'warning', kind: 'prose', enforced: true, ref: '§4.4',
  check: ({ report }) => {
    const declared = report.meta.declaredParts;
    const actual = SECTION_KEYS.filter((k) => report.sections[k] !== undefined).length;
    if (declared === undefined || actual === 0 || declared === actual) return [];
    return [{ cells: [], params: { declared, actual } }];
  },
});

/** X5 (2021 template): section 六 is where 信息处理费 is reported, even when 0 元 (§3.1). */
export const X5: RuleDef = defineRule({
  id: 'X5', severity: 'warning', kind: 'prose', enforced: true, ref: '§4.4',
  check: ({ report, template }) => {
    const text = report.sections.other?.zh;
    if (template.id !== '2021' || text === undefined) return [];
    return normaliseProse(text).includes('信息处理费') ? [] : [{ cells: [], params: {} }];
  },
});

/** The prose rules in report-format.md order (X1 lives in prose-figures.ts). */
export const PROSE_RULES: readonly RuleDef[] = [X2, X3, X4, X5];
