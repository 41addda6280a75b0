import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankReport, textIn } from '../../../../src/report/factory.ts';
import { toMarkdown } from '../../../../src/report/export/index.ts';
import { lookupMessage, ZH_MESSAGES, type MessageTree } from '../../../../src/report/labels.ts';
import { SECTION_KEYS, type ReportDocument } from '../../../../src/report/model.ts';

const BO = JSON.parse(readFileSync(new URL('../../../../locales/bo.json', import.meta.url), 'utf8')) as MessageTree;

function report(template: '2019' | '2021'): ReportDocument {
  const r = blankReport({ id: 'r', template, year: template === '2019' ? 2020 : 2022, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
  r.preamble = textIn('zh', '根据《中华人民共和国政府信息公开条例》要求，现公布本报告。');
  r.sections.overview = textIn('zh', '2020年，倾多镇扎实推进政府信息公开工作。\n1.强化组织领导。');
  r.sections.problems = { zh: '人员力量不足。', bo: 'མི་ཤུགས་མི་འདང་བ།', original: 'zh', translationReviewed: false };
  return r;
}

/** The rows of the GFM table that follows the line containing `marker`. */
function tableAfter(markdown: string, marker: string): string[][] {
  const lines = markdown.split('\n');
  let i = lines.findIndex((l) => l.includes(marker));
  expect(i).toBeGreaterThanOrEqual(0);
  while (!(lines[i] ?? '').startsWith('|')) i += 1;
  const rows: string[][] = [];
  for (; (lines[i] ?? '').startsWith('|'); i += 1) {
    rows.push((lines[i] ?? '').slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

describe('toMarkdown (zh)', () => {
  const md = toMarkdown(report('2019'), 'zh', ZH_MESSAGES);

  it('has the title, the preamble and the six section headings in order', () => {
    expect(md.startsWith('# 波密县倾多镇人民政府2020年政府信息公开工作年度报告\n')).toBe(true);
    expect(md).toContain('根据《中华人民共和国政府信息公开条例》要求');
    const positions = SECTION_KEYS.map((k) => md.indexOf(`## ${lookupMessage(ZH_MESSAGES, `template.sections.${k}`) ?? k}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps prose lines as paragraphs, escaping what Markdown would turn into a list', () => {
    expect(md).toContain('2020年，倾多镇扎实推进政府信息公开工作。\n\n1\\.强化组织领导。');
  });

  it('prints one table per 第二十条 item with 信息内容 and the item columns', () => {
    for (const item of ['（一）', '（五）', '（六）', '（八）', '（九）']) expect(md).toContain(`**第二十条第${item}项**`);
    expect(tableAfter(md, '第二十条第（一）项')).toEqual([
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
      ['---', '---', '---', '---'],
      ['规章', '0', '0', '0'],
      ['规范性文件', '0', '0', '0'],
    ]);
    expect(tableAfter(md, '第二十条第（九）项')[2]).toEqual(['政府集中采购', '0', '0']);
  });

  it('prints table 三 with 7 value columns and group prefixes in the row labels', () => {
    const rows = tableAfter(md, '三、收到和处理政府信息公开申请情况');
    expect(rows[0]).toHaveLength(8);
    expect(rows[0]?.slice(1)).toEqual([
      '自然人',
      '法人或其他组织 · 商业企业',
      '法人或其他组织 · 科研机构',
      '法人或其他组织 · 社会公益组织',
      '法人或其他组织 · 法律服务机构',
      '法人或其他组织 · 其他',
      '总计',
    ]);
    const labels = rows.slice(2).map((r) => r[0]);
    expect(labels).toHaveLength(23);
    expect(labels).toContain('（三）不予公开 · 1.属于国家秘密');
    expect(labels).toContain('（五）不予处理 · 5.要求行政机关确认或重新出具已获取信息');
    expect(labels[0]).toBe('一、本年新收政府信息公开申请数量');
    expect(labels.at(-1)).toBe('四、结转下年度继续办理');
  });

  it('prints table 四 as 15 columns under a flattened two-level header', () => {
    const rows = tableAfter(md, '四、政府信息公开行政复议、行政诉讼情况');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveLength(15);
    expect(rows[0]?.[0]).toBe('行政复议 · 结果维持');
    expect(rows[0]?.[5]).toBe('行政诉讼 · 未经复议直接起诉 · 结果维持');
    expect(rows[0]?.[14]).toBe('行政诉讼 · 复议后起诉 · 总计');
    expect(rows[2]).toEqual(Array.from({ length: 15 }, () => '0'));
  });

  it('prints blank cells as empty and money with its unit', () => {
    const r = report('2019');
    r.cells['active.rules.made'] = null;
    r.cells['active.procurement.amount'] = 251000;
    r.units['active.procurement.amount'] = '元';
    r.cells['active.licensing.change'] = -8;
    const out = toMarkdown(r, 'zh', ZH_MESSAGES);
    expect(tableAfter(out, '第二十条第（一）项')[2]).toEqual(['规章', '', '0', '0']);
    expect(tableAfter(out, '第二十条第（九）项')[2]).toEqual(['政府集中采购', '0', '251000元']);
    expect(tableAfter(out, '第二十条第（五）项')[2]).toEqual(['行政许可', '0', '-8', '0']);
  });

  it('uses the 2021 tables and the collapsed （六） row when the report has it', () => {
    const r = report('2021');
    r.cells['active.fees.amount'] = 7730.28;
    const out = toMarkdown(r, 'zh', ZH_MESSAGES);
    expect(tableAfter(out, '第二十条第（八）项')).toEqual([
      ['信息内容', '本年收费金额（单位：万元）'],
      ['---', '---'],
      ['行政事业性收费', '7730.28万元'],
    ]);
    expect(out).not.toContain('第二十条第（九）项');
    expect(tableAfter(out, '三、收到和处理政府信息公开申请情况').slice(2)).toHaveLength(25);
    expect(out).toContain('| （六）其他处理 · 3.其他 |');
  });

  it('marks a block written only in Tibetan as untranslated instead of showing it', () => {
    const r = report('2019');
    r.sections.other = textIn('bo', 'གཞན་མེད།');
    const out = toMarkdown(r, 'zh', ZH_MESSAGES);
    expect(out).not.toContain('གཞན་མེད།');
    expect(out).toContain(`*${lookupMessage(ZH_MESSAGES, 'export.untranslated') ?? ''}*`);
  });
});

describe('toMarkdown (bo)', () => {
  const md = toMarkdown(report('2019'), 'bo', BO);
  const bo = (key: string): string => lookupMessage(BO, key) ?? key;

  it('titles the report in Tibetan', () => {
    expect(md.split('\n')[0]).toBe('# 波密县倾多镇人民政府 2020ལོའི་སྲིད་གཞུང་གི་ཆ་འཕྲིན་ཁ་ཕྱེ་བའི་ལས་དོན་ལོ་འཁོར་སྙན་ཞུ།');
    const r = report('2019');
    r.meta.agency.bo = 'སྤོ་མེས་རྫོང་';
    expect(toMarkdown(r, 'bo', BO).split('\n')[0]).toContain('སྤོ་མེས་རྫོང་ 2020ལོའི་');
  });

  it('uses the bo labels, never the Chinese ones', () => {
    for (const key of SECTION_KEYS) {
      expect(md).toContain(`## ${bo(`template.sections.${key}`)}\n`);
      expect(md).not.toContain(lookupMessage(ZH_MESSAGES, `template.sections.${key}`));
    }
    expect(md).not.toContain('信息内容');
    expect(md).not.toContain('结果维持');
  });

  it('shows Tibetan prose and marks the Chinese-only blocks untranslated, without the Chinese text', () => {
    expect(md).toContain('མི་ཤུགས་མི་འདང་བ།');
    expect(md).not.toContain('人员力量不足');
    expect(md).not.toContain('倾多镇扎实推进');
    expect(md).not.toContain('根据《中华人民共和国政府信息公开条例》');
    const marker = `*${bo('export.untranslated')}*`;
    expect(md.split('\n').filter((l) => l === marker)).toHaveLength(2);
  });
});
