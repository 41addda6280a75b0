/**
 * The report year from every place a real report states it, agreed (report-format.md §4.4 X2).
 * Sources, most direct first: the title; the statistics period (统计期限/统计时限/统计周期…至
 * 2023年12月31日); the preamble's "现公布…2023年度…报告"; the overview's prose ("2023年，我镇…");
 * the file name; and, only as a last resort, the year before the publication or signature date
 * (reports are published in the first months of t+1). Disagreeing statements are reported, never
 * settled silently.
 */
import { MAX_REPORT_YEAR, MIN_REPORT_YEAR } from '../../schema.ts';
import type { YearEvidence, YearSource } from '../types.ts';
import { yearStatements } from '../../year-statement.ts';

/** Order of trust: the first source that gives a year decides. */
// The period's dates outrank the preamble's wording: "编制2021年度…" over 2020 data (corpus 07) and
// 《田黄镇2020年…报告》 over a 2021 period are slips of the wording, not of the dates.
export const YEAR_SOURCES: readonly YearSource[] = ['title', 'period', 'statement', 'prose', 'file_name', 'published'];
/** Sources that state the report year directly; a disagreement among them is a conflict (X2). */
const STATED: ReadonlySet<YearSource> = new Set(['title', 'statement', 'period', 'prose', 'file_name']);

const YEAR = String.raw`((?:19|20)\d{2})`;
// The period as a year only: 统计期限为2023年度, 统计时间为2023年全年.
const PERIOD_YEAR = new RegExp(`统计(?:期限|时限|周期|时间|期间|区间|范围)[^。\\d]{0,8}${YEAR}\\s*年\\s*(?:度|全年|1\\s*月\\s*1\\s*日)`, 'u');
// A year in prose that is not part of a full date or a 文号: 2023年，我镇… / 2023年以来.
const PROSE_YEAR = new RegExp(`(?<![\\d〔\\[【(（])${YEAR}\\s*年(?!\\s*\\d{1,2}\\s*月)(?!\\s*第)`, 'u');
// 截至2023年12月31日，我局… : the year's last day in the prose.
const PROSE_YEAR_END = new RegExp(`截[止至]\\s*${YEAR}\\s*年\\s*12\\s*月\\s*31\\s*日`, 'u');
const FILE_NAME_YEAR = new RegExp(`(?<!\\d)${YEAR}(?!\\d)`, 'u');

function plausible(year: number): boolean {
  return year >= MIN_REPORT_YEAR && year <= MAX_REPORT_YEAR;
}

/** What the text says, in order of the sources; used by parse/index.ts. */
export interface YearInputs {
  title?: number;
  /** The preamble and overview prose, flattened (no line breaks). */
  flat: string;
  /** The overview's first paragraph that names a year. */
  overviewLead: string;
  fileName?: string;
  /** ISO date of publication (portal chrome) or of the signature at the end. */
  published?: string;
  /** The statistics period read from the boilerplate (meta.ts). */
  period?: { start: string; end: string };
}

/** Every year the report states, with where. */
export function yearEvidence(inputs: YearInputs): YearEvidence[] {
  const found: YearEvidence[] = [];
  const add = (source: YearSource, year: number | undefined, text: string): void => {
    if (year !== undefined && plausible(year)) found.push({ source, year, text });
  };
  if (inputs.title !== undefined) add('title', inputs.title, String(inputs.title));
  const [statement] = yearStatements(inputs.flat);
  if (statement !== undefined) add('statement', statement.year, statement.text);
  if (inputs.period !== undefined) add('period', Number(inputs.period.end.slice(0, 4)), `${inputs.period.start}/${inputs.period.end}`);
  else {
    const period = PERIOD_YEAR.exec(inputs.flat);
    if (period !== null) add('period', Number(period[1]), period[0]);
  }
  const prose = PROSE_YEAR.exec(inputs.overviewLead) ?? PROSE_YEAR_END.exec(inputs.overviewLead);
  if (prose !== null) add('prose', Number(prose[1]), prose[0]);
  if (inputs.fileName !== undefined) {
    const base = inputs.fileName.split(/[\\/]/u).pop() ?? '';
    const named = FILE_NAME_YEAR.exec(base);
    if (named !== null) add('file_name', Number(named[1]), base);
  }
  if (inputs.published !== undefined) add('published', Number(inputs.published.slice(0, 4)) - 1, inputs.published);
  return found;
}

/** The year the most trusted source gives, and the stated years that disagree with it. */
export function agreeYear(evidence: readonly YearEvidence[]): { year?: number; source?: YearSource; conflicts: YearEvidence[] } {
  for (const source of YEAR_SOURCES) {
    const chosen = evidence.find((e) => e.source === source);
    if (chosen === undefined) continue;
    const conflicts = evidence.filter((e) => STATED.has(e.source) && e.year !== chosen.year);
    return { year: chosen.year, source, conflicts };
  }
  return { conflicts: [] };
}
