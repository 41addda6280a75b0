/**
 * The validator: every rule of report-format.md §4 (R1–R6, C1–C5, X1–X5, D1–D4) plus M1 (blank
 * cells), as one data-driven table. Plain TypeScript, shared by the app, the server and the CLI.
 */
import { formatMessage, levelLabelKey, lookupMessage, type MessageTree } from '../labels.ts';
import { cellLabelKeys, rowLabelPath } from '../tables/index.ts';
import { ADMIN_LEVELS, type AdminLevel, type ReportDocument } from '../model.ts';
import { getTemplate, type TemplateDef, type TemplateId } from '../templates/index.ts';
import { M1 } from './blank.ts';
import { makeContext, type RuleDef } from './context.ts';
import { CROSS_YEAR_RULES } from './cross-year.ts';
import { PLAUSIBILITY_RULES } from './plausibility.ts';
import { PROSE_RULES } from './prose.ts';
import { X1 } from './prose-figures.ts';
import { TABLE_RULES } from './table-rules.ts';
import type { Finding, RuleId } from './types.ts';

export type { Finding, RuleId, Severity } from './types.ts';
export type { RuleDef, RuleKind, ValidationContext } from './context.ts';

/**
 * Every rule, one entry per RuleId, in the order findings are reported: table arithmetic, cross-year,
 * prose, plausibility, then blank cells (the RuleId order of types.ts). Severities follow §4 and
 * §7.12: table arithmetic and C1 are errors, everything read from prose or judged plausible is a
 * warning. C5 and D2 are documented but not enforced.
 */
export const RULES: readonly RuleDef[] = [...TABLE_RULES, ...CROSS_YEAR_RULES, X1, ...PROSE_RULES, ...PLAUSIBILITY_RULES, M1];

/** The rule table entry of a rule id. */
export function getRule(id: RuleId): RuleDef {
  const rule = RULES.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`unknown rule ${id}`);
  return rule;
}

/** Options of `validate`. */
export interface ValidateOptions {
  /**
   * The same agency's report for the year before. Cross-year rules (C1–C3) run only when it is
   * given, its year is exactly one less and its agency.zh names the same body (see sameAgency).
   */
  previous?: ReportDocument;
}

/**
 * Checks a report and returns its findings, ordered by rule (RULES order) and within a rule by
 * cell (print order) or text position. Never throws on odd data: blank or absent cells make the
 * rules that need them skip.
 */
export function validate(report: ReportDocument, options: ValidateOptions = {}): Finding[] {
  const ctx = makeContext(report, options.previous);
  return RULES.filter((rule) => rule.enforced).flatMap((rule) => rule.check(ctx));
}

/**
 * A finding as a sentence in the language of `messages` (locales/zh-CN.json or bo.json):
 * `rules.<ID>.message` with the finding's params filled in. Given the report's template, cell,
 * row, column and level codes are named by their labels in that language. Falls back to the rule
 * id when the message is missing.
 */
export function describeFinding(finding: Finding, messages: MessageTree, template?: TemplateId): string {
  const message = lookupMessage(messages, `rules.${finding.rule}.message`);
  if (message === undefined) return finding.rule;
  return formatMessage(message, template === undefined ? finding.params : localizedParams(finding.params, messages, getTemplate(template)));
}

/**
 * Params with cell, row, column and level codes replaced by their labels in the messages'
 * language, so a message names "规章 · 本年新制作数量", not active.rules.made. A code without a
 * label stays as it is.
 */
function localizedParams(params: Finding['params'], messages: MessageTree, template: TemplateDef): Finding['params'] {
  const separator = lookupMessage(messages, 'labels.separator') ?? ' · ';
  const join = (keys: string[]): string | undefined => {
    const labels = keys.map((key) => lookupMessage(messages, key));
    if (keys.length === 0 || labels.some((l) => l === undefined)) return undefined;
    // Tibetan labels end with a shad (།); inside a sentence it would double the message's own.
    return labels.map((l) => (l ?? '').replace(/[\u0F0D\u0F0E]+$/u, '')).join(separator);
  };
  const out: Finding['params'] = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    let label: string | undefined;
    if (name === 'cell') label = join(cellLabelKeys(template, value));
    else if (name === 'row') label = join(rowLabelPath(template, value, 'short')); else if (name === 'column') label = join([`template.requests.columns.${value}`]);
    else if (name === 'level' && (ADMIN_LEVELS as readonly string[]).includes(value)) label = join([levelLabelKey(value as AdminLevel)]);
    if (label !== undefined) out[name] = label;
  }
  return out;
}

/** The short name of a rule (`rules.<ID>.title`), or the rule id when missing. */
export function ruleTitle(id: RuleId, messages: MessageTree): string {
  return lookupMessage(messages, `rules.${id}.title`) ?? id;
}
