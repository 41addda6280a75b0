/**
 * The report document: what one agency published for one year, in the shape of the official
 * template (report-format.md §2–§3). Plain data, JSON-safe, shared by app, server and CLI.
 */
import type { TemplateId } from './templates/types.ts';

export type { TemplateId };

/** The two languages Lotho reads and writes. */
export type Lang = 'zh' | 'bo';
export const LANGS: readonly Lang[] = ['zh', 'bo'];

/** Administrative level of the publishing body; decides D1 (规章) and D4 (deadline). */
export type AdminLevel = 'township' | 'county' | 'city' | 'region' | 'department';
export const ADMIN_LEVELS: readonly AdminLevel[] = ['township', 'county', 'city', 'region', 'department'];

/** The six sections every report has (条例第五十条). */
export type SectionKey = 'overview' | 'active' | 'requests' | 'appeals' | 'problems' | 'other';
export const SECTION_KEYS: readonly SectionKey[] = ['overview', 'active', 'requests', 'appeals', 'problems', 'other'];

/**
 * A cell key as in templates.json: `active.<row>.<column>`, `requests.<row>.<column>` or
 * `appeals.<group>.<column>`.
 */
export type CellKey = string;

/** A number, or null when the cell is printed but blank (M1: blank is not 0). */
export type CellValue = number | null;

/**
 * Text in both languages. Either may be missing; `original` says which one was written first and
 * `translationReviewed` whether the other one has been checked by a person.
 */
export interface BilingualText {
  zh?: string;
  bo?: string;
  original: Lang;
  translationReviewed: boolean;
}

export interface ReportMeta {
  agency: { zh: string; bo?: string };
  level: AdminLevel;
  /** The report year t: the statistics are for 1 Jan – 31 Dec of t. */
  year: number;
  template: TemplateId;
  /** Statistics period as ISO dates, when the report states it. */
  period?: { start: string; end: string };
  /** Publication date (ISO), when known. */
  publishedOn?: string;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
  website?: string;
  /** The notice the report cites, e.g. 国办公开办函〔2019〕60号 (D3). */
  notice?: string;
  /** "本报告包括…N个部分": the number of parts the intro claims (X4). */
  declaredParts?: number;
}

export interface ReportDocument {
  /** Format version of this JSON shape. */
  schema: 1;
  id: string;
  meta: ReportMeta;
  /** The boilerplate before 一、总体情况. */
  preamble?: BilingualText;
  /** Section prose; a key is absent when the section is not in the source. */
  sections: Partial<Record<SectionKey, BilingualText>>;
  /**
   * Table cells by cell key. Absent: not in the source. null: printed blank. A 2021 report that
   * prints one （六）其他处理 row holds `requests.other_handling.*` instead of the three sub-rows (R6).
   */
  cells: Record<CellKey, CellValue>;
  /** Units of money cells as printed or fixed by the template (e.g. 元, 万元). */
  units: Record<CellKey, string>;
}
