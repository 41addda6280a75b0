/** Types of the template definition. Labels are i18n keys; their text lives in locales/. */

export type TemplateId = '2019' | '2021';
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
}

/** 第二十条 items shown in section 二. */
export type ActiveItem = '1' | '5' | '6' | '8' | '9';

export interface ActiveRowDef {
  key: string;
  item: ActiveItem;
  label: string;
  columns: readonly ColumnDef[];
}

/** The merged row headers of table 三 (report-format.md §2.3). */
export type RequestGroup = 'results' | 'denied' | 'unable' | 'not_processed' | 'other_handling';

/**
 * Role of a row of table 三 in the arithmetic: R2 sums the `detail` rows into `results_total`,
 * R3 balances received + carried = results total + forward.
 */
export type RequestRowRole = 'received' | 'carried' | 'detail' | 'results_total' | 'forward';

export interface RequestRowDef {
  key: string;
  label: string;
  role: RequestRowRole;
  /** Innermost merged group header the row sits under. */
  group?: RequestGroup;
}

export interface AppealGroupDef {
  key: string;
  label: string;
  /** 行政诉讼 for the two litigation groups. */
  parent?: 'litigation';
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
  sections: readonly SectionDef[];
  active: readonly ActiveRowDef[];
  requests: {
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
    columns: readonly ColumnDef[];
  };
}
