import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { escapeHtml, toHtmlFragment } from '../../../../src/report/export/html.ts';
import { importFile } from '../../../../src/report/import/index.ts';
import { ZH_MESSAGES, type MessageTree } from '../../../../src/report/labels.ts';
import type { ReportDocument } from '../../../../src/report/model.ts';
import { expectTablesBack, reportArbitrary, seedLike, VARIANTS, type Variant } from './reports.ts';

const BO = JSON.parse(readFileSync(new URL('../../../../locales/bo.json', import.meta.url), 'utf8')) as MessageTree;

function roundTrip(report: ReportDocument) {
  return importFile(new TextEncoder().encode(toHtmlFragment(report, 'zh', ZH_MESSAGES)), 'x.html');
}

type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

function elements(html: string, name: string): Element[] {
  return DomUtils.findAll((el) => el.name === name, parseDocument(html).children);
}

function attr(el: Element, name: string): string | undefined {
  return DomUtils.getAttributeValue(el, name);
}

/** Each row's cells placed on the grid, rowspans carried down: every row must fill it exactly once. */
function gridWidths(table: Element): number[] {
  const rows = DomUtils.findAll((el) => el.name === 'tr', [table]);
  let carried: number[] = [];
  return rows.map((tr) => {
    const cells = tr.children.filter((c): c is Element => 'name' in c && (c.name === 'td' || c.name === 'th'));
    let width = carried.filter((n) => n > 0).length;
    const next = carried.map((n) => Math.max(0, n - 1));
    for (const cell of cells) {
      const colSpan = Number(attr(cell, 'colspan') ?? '1');
      const rowSpan = Number(attr(cell, 'rowspan') ?? '1');
      width += colSpan;
      for (let i = 0; i < colSpan; i += 1) next.push(rowSpan - 1);
    }
    carried = next;
    return width;
  });
}

describe('toHtmlFragment → importFile round trip', () => {
  it.each(VARIANTS)('gives back the same cells, units and template (%s)', async (variant: Variant) => {
    const report = seedLike(variant);
    const { report: back, importReport, complete } = await roundTrip(report);
    expectTablesBack(back, report);
    expect(importReport.unplaced).toEqual([]);
    expect(complete).toBe(true);
  });

  it('gives back random cell values of every variant (property)', async () => {
    await fc.assert(
      fc.asyncProperty(reportArbitrary(), async (report) => {
        const { report: back } = await roundTrip(report);
        expectTablesBack(back, report);
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('gives back agency, year, preamble and the prose of the sections without a table', async () => {
    const report = seedLike('2019');
    const { report: back } = await roundTrip(report);
    expect(back.meta.agency.zh).toBe(report.meta.agency.zh);
    expect(back.meta.year).toBe(report.meta.year);
    expect(back.preamble?.zh).toBe(report.preamble?.zh);
    for (const key of ['overview', 'appeals', 'problems', 'other'] as const) expect(back.sections[key]?.zh, key).toBe(report.sections[key]?.zh);
  });

  // Known importer limitation (src/report/import/sources/html.ts reads <caption> as a line of
  // running text; parse/regions.ts then counts it as prose before the table): the captions of
  // 二 and 三 end up appended to those sections' prose. When fixed, this fails: make it a plain `it`.
  it('gives back the prose of 二 and 三, whose tables have a caption', async () => {
    const report = seedLike('2019');
    const { report: back } = await roundTrip(report);
    expect(back.sections.active?.zh).toBe(report.sections.active?.zh);
    expect(back.sections.requests?.zh).toBe(report.sections.requests?.zh);
  });

  it('gives back text full of markup characters', async () => {
    const report = seedLike('2021');
    report.meta.agency.zh = '某县<信息>&"公开"\'办公室';
    report.sections.problems = { zh: 'a < b && c > d; "引号" \'单引号\' <script>alert(1)</script>', original: 'zh', translationReviewed: false };
    const { report: back } = await roundTrip(report);
    expect(back.meta.agency.zh).toBe(report.meta.agency.zh);
    expect(back.sections.problems?.zh).toBe(report.sections.problems.zh);
    expect(back.cells).toEqual(report.cells);
  });
});

describe('toHtmlFragment: a clean fragment', () => {
  const report = seedLike('2021');
  report.meta.agency.zh = '某县<信息>&"公开"\'办公室';
  report.preamble = { zh: '<b>粗体</b> & "引号" \'撇号\'', original: 'zh', translationReviewed: false };
  const html = toHtmlFragment(report, 'zh', ZH_MESSAGES);

  it('escapes every text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html).toContain('<h2>某县&lt;信息&gt;&amp;&quot;公开&quot;&#39;办公室2022年政府信息公开工作年度报告</h2>');
    expect(html).toContain('<p>&lt;b&gt;粗体&lt;/b&gt; &amp; &quot;引号&quot; &#39;撇号&#39;</p>');
    expect(html).not.toContain('<b>');
  });

  it('is one <section> with a lang attribute and no document shell, script, style, class or id', () => {
    expect(html.startsWith('<section lang="zh-Hans">\n')).toBe(true);
    expect(html.trimEnd().endsWith('</section>')).toBe(true);
    expect(elements(html, 'section')).toHaveLength(1);
    for (const tag of ['html', 'head', 'body', 'script', 'style', 'meta', 'link', 'h1']) expect(elements(html, tag), tag).toHaveLength(0);
    expect(html).not.toMatch(/\s(?:class|id|style)=/u);
    const bo = toHtmlFragment(report, 'bo', BO);
    expect(bo.startsWith('<section lang="bo">\n')).toBe(true);
  });

  it('marks a Chinese agency name inside a Tibetan fragment as Chinese', () => {
    const bo = toHtmlFragment(seedLike('2021'), 'bo', BO);
    expect(bo).toMatch(/^<section lang="bo">\n<h2><span lang="zh-Hans">波密县倾多镇人民政府<\/span> 2022ལོའི་/u);
  });

  it('has h2 for the title, h3 for the six sections, and a caption, thead/tbody on every table', () => {
    expect(elements(html, 'h2')).toHaveLength(1);
    expect(elements(html, 'h3').map((h) => DomUtils.textContent(h))).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    const tables = elements(html, 'table');
    expect(tables).toHaveLength(3);
    expect(tables.map((t) => DomUtils.textContent(DomUtils.findOne((el) => el.name === 'caption', [t]) ?? t).trim())).toEqual([
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);
    expect(tables.map((t) => DomUtils.findAll((el) => el.name === 'tbody', [t]).length)).toEqual([4, 1, 1]);
    expect(tables.map((t) => DomUtils.findAll((el) => el.name === 'thead', [t]).length)).toEqual([0, 1, 1]);
  });

  it('gives every th a scope', () => {
    const headers = elements(html, 'th');
    expect(headers.length).toBeGreaterThan(50);
    for (const th of headers) expect(['col', 'colgroup', 'row']).toContain(attr(th, 'scope'));
  });

  it('merges the headers of 三 and 四 with colspan/rowspan, and every row fills its grid', () => {
    expect(html).toContain('<td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><th scope="colgroup" colspan="7">申请人情况</th>');
    expect(html).toContain('<th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="5">法人或其他组织</th><th scope="col" rowspan="2">总计</th>');
    expect(html).toContain('<th scope="row" rowspan="22">三、本年度办理结果</th>');
    expect(html).toContain('<th scope="row" rowspan="8">（三）不予公开</th>');
    expect(html).toContain('<th scope="colgroup" colspan="5">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th>');
    expect(html).toContain('<th scope="col" rowspan="2">结果维持</th>');
    const [active, requests, appeals] = elements(html, 'table');
    for (const [table, width] of [[active, 4], [requests, 10], [appeals, 15]] as const) {
      expect(table).toBeDefined();
      if (table !== undefined) expect(new Set(gridWidths(table))).toEqual(new Set([width]));
    }
  });

  it('prints blank cells empty and 0 as 0; 2021 money without repeating the header unit', () => {
    const r = seedLike('2021');
    r.cells['active.rules.issued'] = null;
    r.cells['active.rules.repealed'] = 0;
    const out = toHtmlFragment(r, 'zh', ZH_MESSAGES);
    expect(out).toContain('<tr><th scope="row">规章</th><td></td><td>0</td>');
    expect(out).toContain('<th scope="col" colspan="3">本年收费金额（单位：万元）</th>');
    expect(out).toContain('<tr><th scope="row">行政事业性收费</th><td colspan="3">7730.28</td></tr>');
    const r2019 = seedLike('2019');
    expect(toHtmlFragment(r2019, 'zh', ZH_MESSAGES)).toContain('<td colspan="2">251000元</td>');
  });

  it('marks prose that has no text in the language instead of showing the other one', () => {
    const out = toHtmlFragment(seedLike('2021'), 'bo', BO);
    expect(out).not.toContain('人员力量不足');
    expect(out).toContain('<p><em>དུམ་མཚམས་འདི་ད་དུང་བོད་ཡིག་ཏུ་བསྒྱུར་མེད།</em></p>');
  });
});
