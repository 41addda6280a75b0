/**
 * Domain plausibility D1–D4 (report-format.md §4.5). Warnings: each has real, legitimate
 * exceptions, so they ask a person to look rather than declare the report wrong.
 */
import { publicationDeadline } from '../deadline.ts';
import { cellKey } from '../templates/index.ts';
import { defineRule, num, type RuleDef } from './context.ts';

/**
 * D1: only 省/自治区/直辖市 and 设区的市/自治州 governments make 规章 (立法法), so a 乡镇, 县 or
 * department report with 规章 > 0 is suspicious. `city`/`region` are the levels that may.
 */
export const D1: RuleDef = defineRule({
  id: 'D1', severity: 'warning', kind: 'plausibility', enforced: true, ref: '§4.5',
  check: ({ report, template }) => {
    const level = report.meta.level;
    if (level !== 'township' && level !== 'county' && level !== 'department') return [];
    const row = template.active.find((r) => r.key === 'rules');
    const cells = (row?.columns ?? [])
      .map((c) => cellKey('active', 'rules', c.key))
      .filter((key) => (num(report, key) ?? 0) > 0);
    return cells.length === 0 ? [] : [{ cells, params: { level } }];
  },
});

/**
 * D2: 本年新公开数量 ≤ 本年新制作数量 usually holds but not necessarily (corpus 17: 34 made, 4
 * published; the reverse happens too). report-format.md says not to enforce it; listed for the
 * record and never reports anything.
 */
export const D2: RuleDef = defineRule({
  id: 'D2', severity: 'warning', kind: 'plausibility', enforced: false, ref: '§4.5',
  check: () => [],
});

/** The national notice number in a comparable form: NFKC, brackets as 〔〕, no spaces. */
function normaliseNotice(notice: string): string {
  return notice
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[(【]/g, '〔')
    .replace(/[\])】]/g, '〕');
}

/**
 * D3: 2019/2020 reports cite 〔2019〕60号, 2021+ reports cite 〔2021〕30号. Only a report naming the
 * *other* national notice is flagged: provincial forwarding notices (藏公开发函〔2019〕13号) and
 * garbled numbers ("〔202130号", corpus 08) are not evidence of a wrong template.
 */
export const D3: RuleDef = defineRule({
  id: 'D3', severity: 'warning', kind: 'plausibility', enforced: true, ref: '§4.5',
  check: ({ report }) => {
    const notice = report.meta.notice;
    if (notice === undefined) return [];
    const text = normaliseNotice(notice);
    const year = report.meta.year;
    const old = '〔2019〕60号';
    const current = '〔2021〕30号';
    if (year >= 2021 && text.includes(old)) return [{ cells: [], params: { notice, expected: `国办公开办函${current}`, year } }];
    if (year <= 2020 && text.includes(current)) return [{ cells: [], params: { notice, expected: `国办公开办函${old}`, year } }];
    return [];
  },
});

/** D4: publication after the 条例第四十九条 deadline (../deadline.ts; [unverified] in report-format.md, hence a warning). */
export const D4: RuleDef = defineRule({
  id: 'D4', severity: 'warning', kind: 'plausibility', enforced: true, ref: '§4.5',
  check: ({ report }) => {
    const date = /^\d{4}-\d{2}-\d{2}/.exec(report.meta.publishedOn ?? '')?.[0];
    if (date === undefined) return [];
    const deadline = publicationDeadline(report.meta.level, report.meta.year);
    return date > deadline ? [{ cells: [], params: { publishedOn: date, deadline } }] : [];
  },
});

/** The plausibility rules in report-format.md order. */
export const PLAUSIBILITY_RULES: readonly RuleDef[] = [D1, D2, D3, D4];
