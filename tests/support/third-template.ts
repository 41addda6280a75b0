/**
 * A hypothetical third national template, as a new one would be written: data only, in the shape
 * of src/report/templates/definitions.ts, with its labels as a locale subtree. It differs from both
 * real templates where a new format plausibly would: a new 第二十条 item (十) with its own
 * columns, a new applicant column under 法人或其他组织, a new group of result rows under
 * 三、本年度办理结果, and a new parent over a new group of 四.
 */
import { registerTemplate, TEMPLATE_2021, type ColumnDef, type TemplateDef, type TemplateId } from '../../src/report/templates/index.ts';
import { ZH_MESSAGES, type MessageTree } from '../../src/report/labels.ts';

/** Not a TemplateId the app knows at build time: registered at run time, as a test. */
export const THIRD_ID = '2099' as TemplateId;

const p = `template.t2099`;
const column = (table: string, key: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({ key, label: `${p}.${table}.columns.${key}`, kind: 'count', ...extra });

export const THIRD_TEMPLATE: TemplateDef = {
  id: THIRD_ID,
  basis: `${p}.basis`,
  notice: '国办公开办函〔2099〕1号',
  reportYears: { from: 2099 },
  sections: TEMPLATE_2021.sections,
  active: [
    { key: 'rules', item: '1', label: `${p}.active.rows.rules`, columns: [column('active', 'issued'), column('active', 'repealed'), column('active', 'in_force')] },
    { key: 'open_data', item: '10', label: `${p}.active.rows.open_data`, columns: [column('active', 'datasets'), column('active', 'amount', { kind: 'money', unit: '万元' })] },
  ],
  activeHead: { caption: 'template.active.caption', items: [{ key: '1', label: `${p}.active.items.1` }, { key: '10', label: `${p}.active.items.10` }] },
  requests: {
    cornerNote: 'template.requests.cornerNote',
    columnsCaption: 'template.requests.columnsCaption',
    columnGroups: [{ key: 'legal_person', label: 'template.requests.groups.legal_person' }],
    rowGroups: [
      { key: 'results', label: 'template.requests.groups.results', implied: true },
      { key: 'denied', label: 'template.requests.groups.denied', parent: 'results' },
      { key: 'automated', label: `${p}.requests.groups.automated`, parent: 'results' },
    ],
    columns: [
      column('requests', 'natural_person'),
      column('requests', 'commercial', { group: 'legal_person' }),
      column('requests', 'platform', { group: 'legal_person' }),
      column('requests', 'total', { sumsRow: true }),
    ],
    rows: [
      { key: 'new_received', label: `${p}.requests.rows.new_received`, role: 'received' },
      { key: 'carried_over', label: `${p}.requests.rows.carried_over`, role: 'carried' },
      { key: 'granted', label: `${p}.requests.rows.granted`, role: 'detail', group: 'results' },
      { key: 'denied_1', label: `${p}.requests.rows.denied_1`, role: 'detail', group: 'denied' },
      { key: 'automated_1', label: `${p}.requests.rows.automated_1`, role: 'detail', group: 'automated' },
      { key: 'automated_2', label: `${p}.requests.rows.automated_2`, role: 'detail', group: 'automated' },
      { key: 'results_total', label: `${p}.requests.rows.results_total`, role: 'results_total', group: 'results' },
      { key: 'carry_forward', label: `${p}.requests.rows.carry_forward`, role: 'forward' },
    ],
  },
  appeals: {
    groups: [
      { key: 'review', label: 'template.appeals.groups.review' },
      { key: 'litigation_direct', label: 'template.appeals.groups.litigation_direct', parent: 'litigation' },
      { key: 'online_review', label: `${p}.appeals.groups.online_review`, parent: 'online' },
    ],
    parents: [
      { key: 'litigation', label: 'template.appeals.groups.litigation' },
      { key: 'online', label: `${p}.appeals.groups.online` },
    ],
    columns: [column('appeals', 'upheld'), column('appeals', 'corrected'), column('appeals', 'total', { sumsRow: true })],
  },
};

/** Its labels, as they would go into locales/zh-CN.json. */
export const THIRD_LABELS: MessageTree = {
  basis: '第三种格式（测试）',
  active: {
    items: { 1: '第二十条第（一）项', 10: '第二十条第（十）项' },
    rows: { rules: '规章', open_data: '公共数据开放' },
    columns: { issued: '本年制发件数', repealed: '本年废止件数', in_force: '现行有效件数', datasets: '开放数据集数量', amount: '本年开放经费（单位：万元）' },
  },
  requests: {
    groups: { automated: '（八）自动化处理' },
    rows: {
      new_received: '一、本年新收申请数量', carried_over: '二、上年结转申请数量', granted: '（一）予以公开', denied_1: '1.属于国家秘密',
      automated_1: '1.自动答复', automated_2: '2.自动转办', results_total: '（九）总计', carry_forward: '四、结转下年度继续办理',
    },
    columns: { natural_person: '自然人', commercial: '商业企业', platform: '网络平台', total: '总计' },
  },
  appeals: {
    groups: { online: '在线复议', online_review: '在线复议申请' },
    columns: { upheld: '结果维持', corrected: '结果纠正', total: '总计' },
  },
};

/** The Chinese messages with the third template's labels added. */
export const THIRD_MESSAGES: MessageTree = {
  ...ZH_MESSAGES,
  template: { ...(ZH_MESSAGES.template as MessageTree), t2099: THIRD_LABELS },
};

let registered = false;

/**
 * Registers the template once per test file (each file runs in its own module graph), and puts its
 * labels where locales/zh-CN.json would have them: the domain reads the official wording there
 * (the importer matches printed labels against it).
 */
export function useThirdTemplate(): TemplateDef {
  if (!registered) {
    registerTemplate(THIRD_TEMPLATE);
    (ZH_MESSAGES.template as MessageTree).t2099 = THIRD_LABELS;
  }
  registered = true;
  return THIRD_TEMPLATE;
}
