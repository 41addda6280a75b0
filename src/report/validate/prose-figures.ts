/**
 * X1 (report-format.md §4.4): figures quoted in 一、总体情况 should equal the tables. A warning:
 * real reports violate it (corpus 04 says 受理17件 while table 三 has 95). Conservative by design:
 * only exact "N件" figures whose clause names exactly one table figure are compared.
 */
import type { CellKey } from '../model.ts';
import type { RowModel } from '../tables/index.ts';
import { cellKey } from '../templates/index.ts';
import { defineRule, num, sum, type Issue, type RuleDef, type ValidationContext } from './context.ts';
import { excerpt, findQuantities, normaliseProse, type Quantity } from './text.ts';

/** The outcome groups of 三 an overview quotes one by one ("不予公开35件，无法提供265件"). */
type Outcome = 'granted_partial' | 'granted' | 'partial' | 'denied' | 'unable' | 'not_processed' | 'other_handling';

/** Which table figure a quoted "N件" stands for. */
export type QuotedFigure = 'received' | 'answered' | 'carried' | 'forward' | Outcome | 'review' | 'litigation' | 'rules' | 'normative';

/**
 * Keywords of the clause before a figure. Carried/forward come first and win: "答复3050件（含上年度
 * 结转申请34件，另有103件顺延到下年度答复）" (corpus 02) mentions 答复 near both; "转下一年度办理答复
 * 的有1件" (上海科委 2024) too.
 */
const PRIORITY: readonly [QuotedFigure, (q: Quantity) => boolean][] = [
  ['forward', (q) => /(结转|顺延|转入|转)(到|至)?下一?年/.test(q.leadIn) || /^\s*(结转|顺延|转入)(到|至)?下一?年/.test(q.trailing)],
  ['carried', (q) => /上一?年度?结转/.test(q.leadIn)],
];
/**
 * An outcome named in the clause is more specific than 答复/办结 ("同意公开答复9件" is 予以公开, not
 * every answer). 予以公开 never matches inside 不予(以)公开.
 */
const OUTCOME_WORDS: readonly [Outcome, RegExp][] = [
  ['granted_partial', /(?<!不)(予以|同意)公开(及|和|与|、)部分公开/],
  ['granted', /(?<!不)(予以|同意)公开(?!(及|和|与|、)部分公开)/],
  ['partial', /(?<!(及|和|与|、))部分公开/],
  ['denied', /不予以?公开/],
  ['unable', /无法提供/],
  ['not_processed', /不予处理/],
  ['other_handling', /其他处理/],
];
const OTHERS: readonly [QuotedFigure, (q: Quantity) => boolean][] = [
  ['review', (q) => q.leadIn.includes('行政复议')],
  ['litigation', (q) => q.leadIn.includes('行政诉讼')],
  ['rules', (q) => /规章(?!制度)/.test(q.leadIn)],
  // 部门规范性文件 are the departments' (a 市政府 report counting its 公报), not the reporting body's.
  ['normative', (q) => /(?<!部门)规范性文件/.test(q.leadIn)],
  ['answered', (q) => /答复|办结/.test(q.leadIn) && !/不予|未|尚未/.test(q.leadIn)],
  // "收到群众来信5件" is not an application: require 申请 unless the keyword is right before the figure.
  ['received', (q) => /(受理|收到|新收|接收)(.*申请|\s*$)/.test(q.leadIn) && !q.leadIn.includes('不予受理')],
];

/** The figure a quantity quotes, or undefined when none or more than one fits (ambiguous). */
export function classifyQuantity(q: Quantity): QuotedFigure | undefined {
  // "规章、规范性文件等112件": a figure for several things together is no table figure.
  if (q.unit !== '件' || q.approximate || /等\s*$/.test(q.leadIn)) return undefined;
  for (const [figure, test] of PRIORITY) if (test(q)) return figure;
  const outcomes = OUTCOME_WORDS.filter(([, pattern]) => pattern.test(q.leadIn));
  if (outcomes.length > 0) return outcomes.length === 1 ? outcomes[0]?.[0] : undefined;
  const hits = OTHERS.filter(([, test]) => test(q));
  return hits.length === 1 ? hits[0]?.[0] : undefined;
}

interface TableFigure {
  accepted: number[];
  cells: CellKey[];
}

/**
 * A row's 总计 in 三; when the 总计 is printed blank, the sum of the figures the row does print
 * (corpus 01 leaves every 总计 blank: 予以公开 258 + 12 + 1 + 1). Undefined when a cell is absent.
 * The blank itself is M1's finding.
 */
function rowTotal(ctx: ValidationContext, row: RowModel): { value: number; printed: boolean } | undefined {
  const keys = row.cells.flatMap((c) => (c === null ? [] : [c.key]));
  if (keys.some((k) => !(k in ctx.report.cells))) return undefined;
  const total = num(ctx.report, cellKey('requests', row.key, 'total'));
  if (total !== undefined) return { value: total, printed: true };
  const parts = keys.flatMap((k) => (k.endsWith('.total') ? [] : [num(ctx.report, k)])).filter((v) => v !== undefined);
  return { value: sum(parts), printed: parts.length > 0 };
}

/** The rows of 三 the report prints for an outcome (one row, or a group's rows). */
function outcomeRows(ctx: ValidationContext, outcome: Outcome): RowModel[] {
  const rows = ctx.tables.tables.filter((t) => t.section === 'requests').flatMap((t) => t.bodies.flatMap((b) => b.rows));
  const keys: readonly string[] = outcome === 'granted_partial' ? ['granted', 'partial'] : [outcome];
  return rows.filter((r) => keys.includes(r.key) || keys.includes(r.groups.at(-1)?.key ?? ''));
}

/** The total of an outcome over its rows; undefined when a row is absent or nothing is printed. */
function outcomeTotal(ctx: ValidationContext, outcome: Outcome): TableFigure | undefined {
  const rows = outcomeRows(ctx, outcome);
  const totals = rows.map((r) => rowTotal(ctx, r));
  if (rows.length === 0 || totals.some((t) => t === undefined) || !totals.some((t) => t?.printed === true)) return undefined;
  return { accepted: [sum(totals.map((t) => t?.value ?? 0))], cells: rows.map((r) => cellKey('requests', r.key, 'total')) };
}

/**
 * The column of 二's 规章/规范性文件 row a clause quotes: "对外公开总数量1件" is the total, "主动公开
 * 规章13件" what was published (corpus 01), "现行有效的33件" the count in force; otherwise what was
 * made or issued this year.
 */
function documentColumn(ctx: ValidationContext, leadIn: string): string {
  if (ctx.template.id === '2019') {
    if (/总数|现行有效/.test(leadIn)) return 'total';
    if (/(新|主动)公开/.test(leadIn)) return 'published';
    return 'made';
  }
  if (/现行有效|继续有效/.test(leadIn)) return 'in_force';
  if (/废止/.test(leadIn)) return 'repealed';
  return 'issued';
}

/** The table value(s) a quoted figure may equal, and the cells it is compared with. */
function tableValues(ctx: ValidationContext, figure: QuotedFigure, q: Quantity): TableFigure | undefined {
  const req = (row: string): CellKey => cellKey('requests', row, 'total');
  const one = (cell: CellKey): TableFigure | undefined => {
    const value = num(ctx.report, cell);
    return value === undefined ? undefined : { accepted: [value], cells: [cell] };
  };
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
    case 'rules': return one(cellKey('active', 'rules', documentColumn(ctx, q.leadIn)));
    case 'normative': return one(cellKey('active', 'normative', documentColumn(ctx, q.leadIn)));
    default: return outcomeTotal(ctx, figure);
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
      const table = tableValues(ctx, figure, q);
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
