/**
 * What every rule sees, how a rule is declared, and the small cell helpers the rule families share.
 * Rules return issues (cells + params); `defineRule` stamps them with the rule's id and severity so a
 * rule's severity is stated once, in its table entry.
 */
import type { CellKey, ReportDocument } from '../model.ts';
import { tablesOfReport, type ReportTables } from '../tables/index.ts';
import { getTemplate, type TemplateDef } from '../templates/index.ts';
import type { Finding, RuleId, Severity } from './types.ts';

/** Family of a rule, as grouped in report-format.md §4 (plus M1, blank cells). */
export type RuleKind = 'table' | 'cross-year' | 'prose' | 'plausibility' | 'blank';

/** A report together with its template definition. */
export interface TemplatedReport {
  report: ReportDocument;
  template: TemplateDef;
}

/** Everything a rule may read. */
export interface ValidationContext extends TemplatedReport {
  /** Table 三 holds the single collapsed （六）其他处理 row (R6). */
  collapsed: boolean;
  /** The tables as the report prints them (its variant): the sums and identities R2, R3, R6 check. */
  tables: ReportTables;
  /** Last year's report of the same agency; set only when it is comparable (§4.3). */
  previous?: TemplatedReport;
}

/** A finding before the rule stamps its id and severity on it. */
export interface Issue {
  cells: CellKey[];
  params: Record<string, string | number>;
}

/** One entry of the rule table. */
export interface RuleDef {
  id: RuleId;
  severity: Severity;
  kind: RuleKind;
  /** False for rules report-format.md documents but says not to enforce (C5, D2). */
  enforced: boolean;
  /** The report-format.md section the rule comes from, e.g. '§4.2'. */
  ref: string;
  check: (ctx: ValidationContext) => Finding[];
}

/** Declares a rule whose check returns issues; the findings get the rule's id and severity. */
export function defineRule(def: Omit<RuleDef, 'check'> & { check: (ctx: ValidationContext) => Issue[] }): RuleDef {
  const { check, ...rest } = def;
  return {
    ...rest,
    check: (ctx) => check(ctx).map((issue) => ({ rule: def.id, severity: def.severity, ...issue })),
  };
}

/** Builds the context: the previous report is kept only when it is the same agency's year t−1. */
export function makeContext(report: ReportDocument, previous?: ReportDocument): ValidationContext {
  const template = getTemplate(report.meta.template);
  const tables = tablesOfReport(report);
  const ctx: ValidationContext = { report, template, collapsed: tables.variant.collapsedOtherHandling, tables };
  if (previous !== undefined && isPreviousYear(report, previous)) {
    ctx.previous = { report: previous, template: getTemplate(previous.meta.template) };
  }
  return ctx;
}

/** §4.3 compares "this year t vs previous year t−1, same unit". */
function isPreviousYear(report: ReportDocument, previous: ReportDocument): boolean {
  return previous.meta.year === report.meta.year - 1 && sameAgency(report.meta.agency.zh, previous.meta.agency.zh);
}

/**
 * True when two names denote the same body. One year's report may prefix the parent division and
 * the next not (洪泽区人民政府 2023, 淮安市洪泽区人民政府 2024, corpus 03/04), so a name equal to
 * the other minus a leading division (…市, …州, …县, …区, …地区, …省, …自治区) counts as the same;
 * spaces never matter, and a generic name (人民政府) matches nothing.
 */
export function sameAgency(a: string, b: string): boolean {
  const left = a.replace(/\s/gu, '');
  const right = b.replace(/\s/gu, '');
  if (left.replace(/(人民)?政府$/u, '').length < 2 || right.replace(/(人民)?政府$/u, '').length < 2) return false;
  if (left === right) return true;
  const [shorter, longer] = left.length < right.length ? [left, right] : [right, left];
  if (!longer.endsWith(shorter)) return false;
  return /(市|州|盟|县|旗|区|地区|省)$/u.test(longer.slice(0, longer.length - shorter.length));
}

/**
 * A cell's number, or undefined when it is absent, blank (M1) or not a finite number. Arithmetic
 * rules skip anything undefined: a blank is "not filled", never a wrong total (M1); bad values are
 * R5's business.
 */
export function num(report: ReportDocument, key: CellKey): number | undefined {
  const value = report.cells[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The numbers of all the given cells, or undefined when any one is missing (the rule is skipped). */
export function nums(report: ReportDocument, keys: readonly CellKey[]): number[] | undefined {
  const values: number[] = [];
  for (const key of keys) {
    const value = num(report, key);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** Sum of a list of numbers. */
export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Equality that tolerates float noise in decimal sums; counts are integers anyway. */
export function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}
