/**
 * A new year's draft from the agency's report of the year before (issue 4): the same agency and
 * contacts, the figures that carry over by the cross-year rules (report-format.md §4.3), and last
 * year's prose as a start. Everything else is blank (M1: blank is not 0).
 */
import { blankReport } from './factory.ts';
import type { AdminLevel, ReportDocument, TemplateId } from './model.ts';
import { cellKey, getTemplate } from './templates/index.ts';

/** The first report year of the 2021 template (国办公开办函〔2021〕30号). */
export const FIRST_2021_YEAR = 2021;

/** The template a report of `year` uses, given the one of the year before. */
export function templateForYear(year: number, previous: TemplateId): TemplateId {
  return year >= FIRST_2021_YEAR ? '2021' : previous;
}

export interface NextYearOptions {
  id: string;
  agency: { zh: string; bo?: string };
  level: AdminLevel;
}

function num(report: ReportDocument, key: string): number | undefined {
  const value = report.cells[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The draft for year t+1 from the report of year t:
 * - 二、上年结转 ← t's 四、结转下年度, per column (C1 holds across the template switch);
 * - 2021 template both years: 现行有效件数 starts from t's (C2's baseline; 制发/废止 stay blank);
 * - 2019 template both years: 上一年项目数量 ← t's 上一年项目数量 + 本年增/减 (C3);
 * - metadata: agency names and level from `options`, contacts and 部分数 from t, the notice of the
 *   template, the calendar year as period when t stated one;
 * - prose: t's text blocks as they are, for the officials to rewrite.
 */
export function nextYearDraft(previous: ReportDocument, options: NextYearOptions): ReportDocument {
  const year = previous.meta.year + 1;
  const template = getTemplate(templateForYear(year, previous.meta.template));
  const draft = blankReport({ id: options.id, template: template.id, year, agencyZh: options.agency.zh, level: options.level });
  if (options.agency.bo !== undefined) draft.meta.agency.bo = options.agency.bo;

  for (const column of template.requests.columns.map((c) => c.key)) {
    const carried = num(previous, cellKey('requests', 'carry_forward', column));
    if (carried !== undefined) draft.cells[cellKey('requests', 'carried_over', column)] = carried;
  }
  const sameTemplate = previous.meta.template === template.id;
  if (sameTemplate && template.id === '2021') {
    for (const row of ['rules', 'normative']) {
      const inForce = num(previous, cellKey('active', row, 'in_force'));
      if (inForce !== undefined) draft.cells[cellKey('active', row, 'in_force')] = inForce;
    }
  }
  if (sameTemplate && template.id === '2019') {
    for (const row of ['licensing', 'other_services', 'penalty', 'enforcement', 'fees']) {
      const before = num(previous, cellKey('active', row, 'previous'));
      const change = num(previous, cellKey('active', row, 'change'));
      if (before !== undefined && change !== undefined) draft.cells[cellKey('active', row, 'previous')] = before + change;
    }
  }
  for (const [key, unit] of Object.entries(previous.units)) {
    if (key in draft.cells && draft.units[key] === undefined) draft.units[key] = unit;
  }

  const { address, postcode, phone, email, website, declaredParts, period } = previous.meta;
  Object.assign(draft.meta, { address, postcode, phone, email, website, declaredParts, notice: template.notice });
  for (const key of ['address', 'postcode', 'phone', 'email', 'website', 'declaredParts'] as const) {
    if (draft.meta[key] === undefined) Reflect.deleteProperty(draft.meta, key);
  }
  if (period !== undefined) draft.meta.period = { start: `${year}-01-01`, end: `${year}-12-31` };

  if (previous.preamble !== undefined) draft.preamble = structuredClone(previous.preamble);
  draft.sections = structuredClone(previous.sections);
  return draft;
}
