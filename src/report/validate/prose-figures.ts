/**
 * X1 (report-format.md §4.4): figures quoted in 一、总体情况 should equal the tables. A warning:
 * real reports violate it (corpus 04 says 受理17件 while table 三 has 95). Conservative by design:
 * only exact "N件" figures whose clause names exactly one table figure are compared.
 */
import type { CellKey } from '../model.ts';
import { cellKey } from '../templates/index.ts';
import { defineRule, num, sum, type Issue, type RuleDef, type ValidationContext } from './context.ts';
import { excerpt, findQuantities, normaliseProse, type Quantity } from './text.ts';

/** Which table figure a quoted "N件" stands for. */
export type QuotedFigure =
  | 'received' | 'answered' | 'carried' | 'forward' | 'review' | 'litigation' | 'rules' | 'normative';

/**
 * Keywords of the clause before a figure. Carried/forward come first and win: "答复3050件（含上年度
 * 结转申请34件，另有103件顺延到下年度答复）" (corpus 02) mentions 答复 near both.
 */
const PRIORITY: readonly [QuotedFigure, (q: Quantity) => boolean][] = [
  ['forward', (q) => /(结转|顺延)(到|至)?下一?年/.test(q.leadIn) || /^\s*(结转|顺延|转入)(到|至)?下一?年/.test(q.trailing)],
  ['carried', (q) => /上一?年度?结转/.test(q.leadIn)],
];
const OTHERS: readonly [QuotedFigure, (q: Quantity) => boolean][] = [
  ['review', (q) => q.leadIn.includes('行政复议')],
  ['litigation', (q) => q.leadIn.includes('行政诉讼')],
  ['rules', (q) => /规章(?!制度)/.test(q.leadIn)],
  ['normative', (q) => q.leadIn.includes('规范性文件')],
  ['answered', (q) => /答复|办结/.test(q.leadIn) && !/不予|未|尚未/.test(q.leadIn)],
  // "收到群众来信5件" is not an application: require 申请 unless the keyword is right before the figure.
  ['received', (q) => /(受理|收到|新收|接收)(.*申请|\s*$)/.test(q.leadIn) && !q.leadIn.includes('不予受理')],
];

/** The figure a quantity quotes, or undefined when none or more than one fits (ambiguous). */
export function classifyQuantity(q: Quantity): QuotedFigure | undefined {
  if (q.unit !== '件' || q.approximate) return undefined;
  for (const [figure, test] of PRIORITY) if (test(q)) return figure;
  const hits = OTHERS.filter(([, test]) => test(q));
  return hits.length === 1 ? hits[0]?.[0] : undefined;
}

/** The table value(s) a quoted figure may equal, and the cells it is compared with. */
function tableValues(ctx: ValidationContext, figure: QuotedFigure): { accepted: number[]; cells: CellKey[] } | undefined {
  const req = (row: string): CellKey => cellKey('requests', row, 'total');
  const one = (cell: CellKey): { accepted: number[]; cells: CellKey[] } | undefined => {
    const value = num(ctx.report, cell);
    return value === undefined ? undefined : { accepted: [value], cells: [cell] };
  };
  const made = ctx.template.id === '2019' ? 'made' : 'issued';
  switch (figure) {
    case 'received': {
      const received = num(ctx.report, req('new_received'));
      if (received === undefined) return undefined;
      // §4.4: "受理/收到 N 件" = T3[一][总计] (sometimes + 二).
      const carried = num(ctx.report, req('carried_over'));
      const accepted = carried === undefined ? [received] : [received, received + carried];
      return { accepted, cells: [req('new_received'), req('carried_over')] };
    }
    case 'answered': return one(req('results_total'));
    case 'carried': return one(req('carried_over'));
    case 'forward': return one(req('carry_forward'));
    case 'review': return one(cellKey('appeals', 'review', 'total'));
    case 'litigation': {
      const cells = [cellKey('appeals', 'litigation_direct', 'total'), cellKey('appeals', 'litigation_after_review', 'total')];
      const values = cells.map((c) => num(ctx.report, c));
      return values.every((v) => v !== undefined) ? { accepted: [sum(values)], cells } : undefined;
    }
    case 'rules': return one(cellKey('active', 'rules', made));
    case 'normative': return one(cellKey('active', 'normative', made));
  }
}

/** X1: each exact figure of the overview that quotes a table figure must match it. */
export const X1: RuleDef = defineRule({
  id: 'X1', severity: 'warning', kind: 'prose', enforced: true, ref: '§4.4',
  check: (ctx) => {
    const raw = ctx.report.sections.overview?.zh;
    if (raw === undefined) return [];
    const text = normaliseProse(raw);
    const issues: Issue[] = [];
    const seen = new Set<string>();
    for (const q of findQuantities(text)) {
      const figure = classifyQuantity(q);
      if (figure === undefined) continue;
      const table = tableValues(ctx, figure);
      if (table === undefined || table.accepted.includes(q.value)) continue;
      const id = `${figure}:${q.value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      issues.push({
        cells: table.cells,
        params: { figure, quoted: q.value, expected: table.accepted[0] ?? 0, excerpt: excerpt(text, q.start - q.leadIn.length, q.end) },
      });
    }
    return issues;
  },
});
