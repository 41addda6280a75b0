/** Types of the template definition. Labels are i18n keys; their text lives in locales/. */

export type TemplateId = '2019' | '2021';
/**
 * The registered templates' ids, the one list every schema's picklist reads (it checks against
 * this array when it validates, so a template registered later is accepted too).
 */
export const TEMPLATE_IDS: readonly TemplateId[] = ['2019', '2021'];

/**
 * What a cell may hold (R5): a non-negative integer count, a signed integer (2019 本年增/减) or a
 * non-negative decimal amount of money.
 */
export type CellKind = 'count' | 'signed' | 'money';

export interface ColumnDef {
  key: string;
  /** i18n key of the column header. */
  label: string;
  kind: CellKind;
  /** Unit fixed by the template (2021 本年收费金额 is in 万元); 2019 采购总金额 has none. */
  unit?: string;
  /**
   * Key of the merged header the column sits under (法人或其他组织 over 商业企业 … 其他), one of
   * the table's `columnGroups`; a column without one stands alone under the caption.
   */
  group?: string;
  /** The column is the sum of the row's other value columns (总计 of 三 and 四: R1, R4). */
  sumsRow?: true;
}

/**
 * A merged header over rows or columns (（三）不予公开, 法人或其他组织, 行政诉讼): its key, the i18n
 * key of its text, and the key of the merged header it sits under in turn.
 */
export interface HeaderGroupDef {
  key: string;
  label: string;
  parent?: string;
  /**
   * A short label (a finding, a form card, a Markdown row) leaves the group out: its rows read
   * clearly without it ((一)予以公开 under 三、本年度办理结果), unlike "1.属于国家秘密" under
   * （三）不予公开.
   */
  implied?: true;
}

/** The 第二十条 item a row of section 二 reports ('1', '5' …): a key of `activeHead.items`. */
export type ActiveItem = string;

export interface ActiveRowDef {
  key: string;
  item: ActiveItem;
  label: string;
  columns: readonly ColumnDef[];
}

/** A merged row header of table 三 (report-format.md §2.3): a key of `requests.rowGroups`. */
export type RequestGroup = string;

/**
 * Role of a row of table 三 in the arithmetic: R2 sums the `detail` rows into `results_total`,
 * R3 balances received + carried = results total + forward.
 */
export type RequestRowRole = 'received' | 'carried' | 'detail' | 'results_total' | 'forward';

export interface RequestRowDef {
  key: string;
  label: string;
  role: RequestRowRole;
  /** Innermost merged group header the row sits under (its `parent` chain gives the others). */
  group?: RequestGroup;
}

export interface AppealGroupDef {
  key: string;
  label: string;
  /** 行政诉讼 for the two litigation groups: a key of the template's `appeals.parents`. */
  parent?: string;
}

export interface SectionDef {
  key: 'overview' | 'active' | 'requests' | 'appeals' | 'problems' | 'other';
  label: string;
  table?: 'active' | 'requests' | 'appeals';
}

export interface TemplateDef {
  id: TemplateId;
  /** i18n key of the notice that introduced the template. */
  basis: string;
  /** The national notice number a report of this template should cite (D3). */
  notice: string;
  /**
   * The report years the template is for (templates.json `reportYears`: 2019–2020, 2021–): what
   * the importer falls back on when a report's table headers do not tell its template.
   */
  reportYears: { from: number; to?: number };
  sections: readonly SectionDef[];
  active: readonly ActiveRowDef[];
  /** Section 二's headers: 信息内容 over the row labels, and the caption of each 第二十条 item. */
  activeHead: { caption: string; items: readonly HeaderGroupDef[] };
  requests: {
    /** The corner note over the label columns (the printed 勾稽关系, R3). */
    cornerNote: string;
    /** 申请人情况 over the value columns. */
    columnsCaption: string;
    /** Merged headers over columns (法人或其他组织). */
    columnGroups: readonly HeaderGroupDef[];
    /** Merged row headers: 三、本年度办理结果 and the sub-groups under it (`parent`). */
    rowGroups: readonly HeaderGroupDef[];
    columns: readonly ColumnDef[];
    rows: readonly RequestRowDef[];
    /**
     * 2021 only: the single （六）其他处理 row some 2021-era reports still print (R6), standing for
     * the rows of group other_handling.
     */
    collapsedOtherHandling?: RequestRowDef;
  };
  appeals: {
    groups: readonly AppealGroupDef[];
    /** Merged headers over groups (行政诉讼). */
    parents: readonly HeaderGroupDef[];
    columns: readonly ColumnDef[];
  };
}
