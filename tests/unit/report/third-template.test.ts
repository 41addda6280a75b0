/**
 * Done-when of issue 10: a hypothetical third template (tests/support/third-template.ts, data and
 * labels only) renders, validates, exports and imports with no code of its own.
 */
import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { useDraftForm } from '../../../src/composables/useDraftForm.ts';
import { toDocx } from '../../../src/report/export/docx.ts';
import { toHtmlFragment, toMarkdown, toReportJson } from '../../../src/report/export/index.ts';
import { tableLayouts } from '../../../src/report/export/table-layout.ts';
import { blankReport } from '../../../src/report/factory.ts';
import { importText } from '../../../src/report/import/index.ts';
import { lookupMessage } from '../../../src/report/labels.ts';
import type { Lang, ReportDocument } from '../../../src/report/model.ts';
import { parseReportJson } from '../../../src/report/schema.ts';
import { reportTables } from '../../../src/report/tables/index.ts';
import { isTemplateId, TEMPLATE_IDS } from '../../../src/report/templates/index.ts';
import { describeFinding, validate } from '../../../src/report/validate/index.ts';
import { reportUnits, type KioskText } from '../../../src/kiosk/units.ts';
import { THIRD_ID, THIRD_MESSAGES, useThirdTemplate } from '../../support/third-template.ts';
import { tiles } from './tables/grid.ts';

const template = useThirdTemplate();

function report(): ReportDocument {
  const doc = blankReport({ id: 'third-2099', template: THIRD_ID, year: 2099, agencyZh: '测试县人民政府', level: 'county', fill: 0 });
  doc.sections.overview = { zh: '本年度工作情况。', original: 'zh', translationReviewed: false };
  return doc;
}

describe('a third template, registered as data', () => {
  it('is known to the lookups and the schemas', () => {
    expect(isTemplateId(THIRD_ID)).toBe(true);
    expect(TEMPLATE_IDS).toContain(THIRD_ID);
  });

  it('has a table model with every cell once and merges that tile', () => {
    const model = reportTables(template);
    expect(model.tables.map((t) => t.id)).toEqual(['active.1', 'active.10', 'requests', 'appeals']);
    expect(model.order).toHaveLength(3 + 2 + 8 * 4 + 3 * 3);
    expect(new Set(model.order).size).toBe(model.order.length);
    for (const table of model.tables) {
      const rows = table.bodies.flatMap((b) => b.rows);
      const width = table.singleRow ? rows.length * table.columns.length : table.labelColumns + table.columns.length;
      expect(tiles(table.head, width), table.id).toBe(true);
    }
    const requests = model.tables.find((t) => t.id === 'requests');
    expect(requests?.head[1]?.map((c) => [c.label, c.colSpan, c.rowSpan])).toEqual([
      ['template.t2099.requests.columns.natural_person', 1, 2],
      ['template.requests.groups.legal_person', 2, 1],
      ['template.t2099.requests.columns.total', 1, 2],
    ]);
    expect(model.totals.sums.find((s) => s.rule === 'R2' && s.total === 'requests.results_total.platform')?.parts).toEqual(
      ['granted', 'denied_1', 'automated_1', 'automated_2'].map((r) => `requests.${r}.platform`),
    );
  });

  it('validates: consistent figures pass, a broken total is named by its labels', () => {
    const good = report();
    expect(validate(good).filter((f) => f.severity === 'error')).toEqual([]);
    const bad = report();
    bad.cells['requests.automated_1.platform'] = 2;
    bad.cells['appeals.online_review.upheld'] = 1;
    const errors = validate(bad).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, f.params.cell])).toEqual([
      ['R1', 'requests.automated_1.total'],
      ['R2', 'requests.results_total.platform'],
      ['R4', 'appeals.online_review.total'],
    ]);
    const r1 = describeFinding(errors[0] ?? { rule: 'R1', severity: 'error', cells: [], params: {} }, THIRD_MESSAGES, THIRD_ID);
    expect(r1).toContain('（八）自动化处理 · 1.自动答复 · 总计');
  });

  it('exports to HTML, Markdown and Word in the official layout', async () => {
    const doc = report();
    doc.cells['active.open_data.amount'] = 12.5;
    const html = toHtmlFragment(doc, 'zh', THIRD_MESSAGES);
    expect(html).toContain('第二十条第（十）项');
    expect(html).toMatch(/<th scope="colgroup" colspan="2">法人或其他组织<\/th>/u);
    expect(html).toContain('在线复议申请');
    const md = toMarkdown(doc, 'zh', THIRD_MESSAGES);
    expect(md).toContain('法人或其他组织 · 网络平台');
    expect(md).toContain('在线复议 · 在线复议申请 · 总计');
    expect(md).toContain('（八）自动化处理 · 2.自动转办');
    const layouts = tableLayouts(doc, THIRD_MESSAGES);
    expect(layouts.requests.bodies[0]?.[2]?.[0]).toMatchObject({ text: '三、本年度办理结果', rowSpan: 5 });
    const docx = await toDocx(doc, 'zh', THIRD_MESSAGES);
    expect(docx.byteLength).toBeGreaterThan(1000);
  });

  it('imports its own file back unchanged', () => {
    const doc = report();
    doc.cells['requests.automated_2.commercial'] = null;
    doc.cells['active.open_data.amount'] = 3.25;
    const text = toReportJson(doc);
    expect(parseReportJson(text)).toEqual(parseReportJson(toReportJson(parseReportJson(text))));
    expect(parseReportJson(text).cells).toEqual(doc.cells);
  });

  it('is read by the importer from its own Markdown export, the template told by its headers', () => {
    const doc = report();
    doc.cells['active.open_data.datasets'] = 7;
    doc.cells['requests.automated_1.platform'] = 4;
    doc.cells['requests.automated_1.total'] = 4;
    doc.cells['requests.results_total.platform'] = 4;
    doc.cells['requests.results_total.total'] = 4;
    doc.cells['requests.new_received.platform'] = 4;
    doc.cells['requests.new_received.total'] = 4;
    doc.cells['appeals.online_review.upheld'] = 2;
    doc.cells['appeals.online_review.total'] = 2;
    const imported = importText(toMarkdown(doc, 'zh', THIRD_MESSAGES));
    expect(imported.importReport.template).toMatchObject({ id: THIRD_ID, decidedBy: 'headers' });
    expect(imported.importReport.template.evidence).toEqual(expect.arrayContaining(['公共数据开放', '自动答复']));
    expect(imported.report.cells).toEqual(doc.cells);
    expect(imported.importReport.missingRows).toEqual([]);
    expect(imported.importReport.unplaced).toEqual([]);
  });

  it('renders on the kiosk, each merged group as a row of its own', () => {
    const text: KioskText = { message: (key: string, lang: Lang) => ({ text: lookupMessage(THIRD_MESSAGES, key) ?? key, lang }) };
    const units = reportUnits(report(), text, { langs: ['zh'], sideBySide: false, digits: 'arabic' });
    const tables = units.flatMap((u) => u.lanes).flatMap((b) => (b?.kind === 'table' ? [b] : []));
    expect(tables.map((t) => t.variant)).toEqual(['active', 'active', 'requests', 'appeals']);
    const requests = tables[2];
    expect(requests?.rows.map((r) => r.key)).toEqual([
      'new_received', 'carried_over', 'g-results', 'granted', 'g-denied', 'denied_1', 'g-automated', 'automated_1', 'automated_2', 'results_total', 'carry_forward',
    ]);
    expect(tables[3]?.rows.map((r) => [r.key, r.depth])).toEqual([['review', 0], ['g-litigation', 0], ['litigation_direct', 1], ['g-online', 0], ['online_review', 1]]);
  });

  it('gives the editor its row cards and the sums of its totals', () => {
    const doc = report();
    doc.cells['requests.automated_1.natural_person'] = 3;
    doc.cells['requests.automated_1.platform'] = 4;
    doc.cells['requests.automated_2.platform'] = null;
    const form = useDraftForm(ref(doc));
    const cards = form.rows('requests');
    expect(cards.map((c) => c.id)).toContain('requests.automated_2');
    expect(cards.find((c) => c.id === 'requests.automated_1')?.labels).toEqual(['template.t2099.requests.groups.automated', 'template.t2099.requests.rows.automated_1']);
    expect(form.rows('active').map((c) => c.cells.map((cell) => [cell.key, cell.kind, cell.unit]))[1]).toEqual([
      ['active.open_data.datasets', 'count', undefined],
      ['active.open_data.amount', 'money', '万元'],
    ]);
    expect(form.totals.value.get('requests.automated_1.total')?.sum).toBe(7);
    expect(form.totals.value.get('requests.results_total.platform')?.sum).toBe(4);
    expect(form.totals.value.get('appeals.online_review.total')?.parts).toEqual(['appeals.online_review.upheld', 'appeals.online_review.corrected']);
  });
});
