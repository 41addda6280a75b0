/**
 * The two official templates (report-format.md §2 and §3), keyed exactly as
 * ../shared/domain/templates.json. Structure only: every label is an i18n key whose Chinese text
 * (the official wording) and Tibetan text live in locales/. tests/unit/report/templates.test.ts
 * checks keys, order and Chinese labels against templates.json.
 */
import type {
  ActiveItem,
  ActiveRowDef,
  AppealGroupDef,
  ColumnDef,
  HeaderGroupDef,
  RequestRowDef,
  SectionDef,
  TemplateDef,
} from './types.ts';

const sections: readonly SectionDef[] = [
  { key: 'overview', label: 'template.sections.overview' },
  { key: 'active', label: 'template.sections.active', table: 'active' },
  { key: 'requests', label: 'template.sections.requests', table: 'requests' },
  { key: 'appeals', label: 'template.sections.appeals', table: 'appeals' },
  { key: 'problems', label: 'template.sections.problems' },
  { key: 'other', label: 'template.sections.other' },
];

function col(template: '2019' | '2021', key: string, kind: ColumnDef['kind'] = 'count', unit?: string): ColumnDef {
  const def: ColumnDef = { key, label: `template.t${template}.active.columns.${key}`, kind };
  return unit === undefined ? def : { ...def, unit };
}

function activeRow(template: '2019' | '2021', key: string, item: ActiveRowDef['item'], columns: ColumnDef[]): ActiveRowDef {
  return { key, item, label: `template.t${template}.active.rows.${key}`, columns };
}

const cols2019 = {
  made: col('2019', 'made'),
  published: col('2019', 'published'),
  total: col('2019', 'total'),
  previous: col('2019', 'previous'),
  change: col('2019', 'change', 'signed'),
  decisions: col('2019', 'decisions'),
  count: col('2019', 'count'),
  // 采购总金额 has no unit in the template (§2.2); the unit printed by a report is kept per cell.
  amount: col('2019', 'amount', 'money'),
};

const active2019: readonly ActiveRowDef[] = [
  activeRow('2019', 'rules', '1', [cols2019.made, cols2019.published, cols2019.total]),
  activeRow('2019', 'normative', '1', [cols2019.made, cols2019.published, cols2019.total]),
  activeRow('2019', 'licensing', '5', [cols2019.previous, cols2019.change, cols2019.decisions]),
  activeRow('2019', 'other_services', '5', [cols2019.previous, cols2019.change, cols2019.decisions]),
  activeRow('2019', 'penalty', '6', [cols2019.previous, cols2019.change, cols2019.decisions]),
  activeRow('2019', 'enforcement', '6', [cols2019.previous, cols2019.change, cols2019.decisions]),
  activeRow('2019', 'fees', '8', [cols2019.previous, cols2019.change]),
  activeRow('2019', 'procurement', '9', [cols2019.count, cols2019.amount]),
];

const cols2021 = {
  issued: col('2021', 'issued'),
  repealed: col('2021', 'repealed'),
  inForce: col('2021', 'in_force'),
  decisions: col('2021', 'decisions'),
  amount: col('2021', 'amount', 'money', '万元'),
};

const active2021: readonly ActiveRowDef[] = [
  activeRow('2021', 'rules', '1', [cols2021.issued, cols2021.repealed, cols2021.inForce]),
  activeRow('2021', 'normative', '1', [cols2021.issued, cols2021.repealed, cols2021.inForce]),
  activeRow('2021', 'licensing', '5', [cols2021.decisions]),
  activeRow('2021', 'penalty', '6', [cols2021.decisions]),
  activeRow('2021', 'enforcement', '6', [cols2021.decisions]),
  activeRow('2021', 'fees', '8', [cols2021.amount]),
];

function activeHead(items: readonly ActiveItem[]): TemplateDef['activeHead'] {
  return { caption: 'template.active.caption', items: items.map((key) => ({ key, label: `template.active.items.${key}` })) };
}

function requestColumn(key: string, extra: Pick<ColumnDef, 'group' | 'sumsRow'> = {}): ColumnDef {
  return { key, label: `template.requests.columns.${key}`, kind: 'count', ...extra };
}

// 自然人 and 总计 stand alone; the other applicants are kinds of 法人或其他组织 (§2.3).
const legalPerson = { group: 'legal_person' };
const requestColumns: readonly ColumnDef[] = [
  requestColumn('natural_person'),
  ...['commercial', 'research', 'social_welfare', 'legal_service', 'other_org'].map((key) => requestColumn(key, legalPerson)),
  requestColumn('total', { sumsRow: true }),
];

const requestColumnGroups: readonly HeaderGroupDef[] = [{ key: 'legal_person', label: 'template.requests.groups.legal_person' }];

function requestGroup(key: string, parent?: string): HeaderGroupDef {
  const group: HeaderGroupDef = { key, label: `template.requests.groups.${key}` };
  return parent === undefined ? group : { ...group, parent };
}

const requestRowGroups: readonly HeaderGroupDef[] = [
  { ...requestGroup('results'), implied: true },
  ...['denied', 'unable', 'not_processed', 'other_handling'].map((key) => requestGroup(key, 'results')),
];

const requestsFrame = {
  cornerNote: 'template.requests.cornerNote',
  columnsCaption: 'template.requests.columnsCaption',
  columnGroups: requestColumnGroups,
  rowGroups: requestRowGroups,
};

function requestRow(key: string, role: RequestRowDef['role'], group?: RequestRowDef['group']): RequestRowDef {
  const row: RequestRowDef = { key, label: `template.requests.rows.${key}`, role };
  return group === undefined ? row : { ...row, group };
}

const requestsHead: readonly RequestRowDef[] = [
  requestRow('new_received', 'received'),
  requestRow('carried_over', 'carried'),
  requestRow('granted', 'detail', 'results'),
  requestRow('partial', 'detail', 'results'),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => requestRow(`denied_${n}`, 'detail', 'denied')),
  ...[1, 2, 3].map((n) => requestRow(`unable_${n}`, 'detail', 'unable')),
  ...[1, 2, 3, 4, 5].map((n) => requestRow(`not_processed_${n}`, 'detail', 'not_processed')),
];

const requestsTail: readonly RequestRowDef[] = [
  requestRow('results_total', 'results_total', 'results'),
  requestRow('carry_forward', 'forward'),
];

const otherHandling = requestRow('other_handling', 'detail', 'results');

const appealGroups: readonly AppealGroupDef[] = [
  { key: 'review', label: 'template.appeals.groups.review' },
  { key: 'litigation_direct', label: 'template.appeals.groups.litigation_direct', parent: 'litigation' },
  { key: 'litigation_after_review', label: 'template.appeals.groups.litigation_after_review', parent: 'litigation' },
];

const appealColumns: readonly ColumnDef[] = ['upheld', 'corrected', 'other', 'pending', 'total'].map((key) => ({
  key,
  label: `template.appeals.columns.${key}`,
  kind: 'count' as const,
  ...(key === 'total' ? { sumsRow: true as const } : {}),
}));

const appeals = {
  groups: appealGroups,
  parents: [{ key: 'litigation', label: 'template.appeals.groups.litigation' }],
  columns: appealColumns,
};

/** Template 2019: 国办公开办函〔2019〕60号, report years 2019–2020 (§2). */
export const TEMPLATE_2019: TemplateDef = {
  id: '2019',
  basis: 'template.t2019.basis',
  notice: '国办公开办函〔2019〕60号',
  reportYears: { from: 2019, to: 2020 },
  sections,
  active: active2019,
  activeHead: activeHead(['1', '5', '6', '8', '9']),
  requests: { ...requestsFrame, columns: requestColumns, rows: [...requestsHead, otherHandling, ...requestsTail] },
  appeals,
};

/** Template 2021: 国办公开办函〔2021〕30号, report years 2021 on (§3). */
export const TEMPLATE_2021: TemplateDef = {
  id: '2021',
  basis: 'template.t2021.basis',
  notice: '国办公开办函〔2021〕30号',
  reportYears: { from: 2021 },
  sections,
  active: active2021,
  activeHead: activeHead(['1', '5', '6', '8']),
  requests: {
    ...requestsFrame,
    columns: requestColumns,
    rows: [
      ...requestsHead,
      ...[1, 2, 3].map((n) => requestRow(`other_handling_${n}`, 'detail', 'other_handling')),
      ...requestsTail,
    ],
    collapsedOtherHandling: otherHandling,
  },
  appeals,
};
