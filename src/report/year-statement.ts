/**
 * A report saying in words which year it reports on: "现公布2023年度政府信息公开工作年度报告",
 * "编制了《田黄镇2020年政府信息公开工作年度报告》", "现将我局2020年度政府信息公开情况报告如下". The
 * importer takes it as evidence of the year (import/parse/year.ts) and X2 checks every such
 * statement against the report year (validate/prose.ts): one pattern for both.
 */
const STATEMENT = /(?:公布|编制了?|发布|现将)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*度?[^。]{0,30}?(?:年度报告|年报|情况报告如下)/gu;

/** One statement of the report year: the year and the words it was read from. */
export interface YearStatement {
  year: number;
  text: string;
}

/** Every statement of the report year in a text (no line breaks inside), in text order. */
export function yearStatements(text: string): YearStatement[] {
  return [...text.matchAll(STATEMENT)].map((m) => ({ year: Number(m[1]), text: m[0] }));
}
