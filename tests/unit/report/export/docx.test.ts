import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { TIBETAN_FONT, scriptPieces, toDocx } from '../../../../src/report/export/docx.ts';
import { importFile } from '../../../../src/report/import/index.ts';
import { ZH_MESSAGES, type MessageTree } from '../../../../src/report/labels.ts';
import type { ReportDocument } from '../../../../src/report/model.ts';
import { SECTION_KEYS } from '../../../../src/report/model.ts';
import { expectTablesBack, reportArbitrary, seedLike, VARIANTS, type Variant } from './reports.ts';

const BO = JSON.parse(readFileSync(new URL('../../../../locales/bo.json', import.meta.url), 'utf8')) as MessageTree;

async function roundTrip(report: ReportDocument) {
  const bytes = await toDocx(report, 'zh', ZH_MESSAGES);
  return importFile(bytes, 'x.docx');
}

async function part(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(name);
  if (file === null) throw new Error(`no ${name} in the package`);
  return file.async('string');
}

/** A table of document.xml as rows of cells: text, gridSpan and vMerge of each. */
interface XmlCell {
  text: string;
  gridSpan: number;
  vMerge?: 'restart' | 'continue';
}

function tablesOf(xml: string): { grid: number[]; rows: XmlCell[][] }[] {
  return [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gsu)].map(([, table = '']) => ({
    grid: [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/gu)].map((m) => Number(m[1])),
    rows: [...table.matchAll(/<w:tr>(.*?)<\/w:tr>/gsu)].map(([, row = '']) =>
      [...row.matchAll(/<w:tc>(.*?)<\/w:tc>/gsu)].map(([, tc = '']) => {
        const span = /<w:gridSpan w:val="(\d+)"\/>/u.exec(tc);
        const merge = /<w:vMerge w:val="(restart|continue)"\/>/u.exec(tc);
        const cell: XmlCell = { text: [...tc.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join(''), gridSpan: span === null ? 1 : Number(span[1]) };
        if (merge !== null) cell.vMerge = merge[1] as 'restart' | 'continue';
        return cell;
      }),
    ),
  }));
}

function texts(row: XmlCell[] | undefined): string[] {
  return (row ?? []).map((c) => c.text);
}

describe('toDocx → importFile round trip', () => {
  it.each(VARIANTS)('gives back the same cells, units and template (%s)', async (variant: Variant) => {
    const report = seedLike(variant);
    const { report: back, importReport, complete } = await roundTrip(report);
    expectTablesBack(back, report);
    expect(importReport.unplaced).toEqual([]);
    expect(importReport.missingRows).toEqual([]);
    expect(complete).toBe(true);
    if (variant === '2021-collapsed') expect(importReport.notes).toContainEqual({ code: 'collapsed_other_handling', params: {} });
  });

  it('gives back agency, year, preamble and the prose of every section', async () => {
    const report = seedLike('2021');
    const { report: back } = await roundTrip(report);
    expect(back.meta.agency.zh).toBe(report.meta.agency.zh);
    expect(back.meta.year).toBe(report.meta.year);
    expect(back.preamble?.zh).toBe(report.preamble?.zh);
    for (const key of SECTION_KEYS) expect(back.sections[key]?.zh, key).toBe(report.sections[key]?.zh);
  });

  // Known importer limitation (src/report/import/parse/regions.ts): a short prose line naming
  // 行政复议 or 行政诉讼 is taken for the first line of table 四, even when the table's rows are
  // known, so the sentence is lost from the section prose (the cells are not affected). When the
  // importer is fixed this test fails: turn it into a plain `it`.
  it('gives back a short prose line that names 行政复议', async () => {
    const report = seedLike('2021');
    report.sections.appeals = { zh: '本年度未发生行政复议、行政诉讼。', original: 'zh', translationReviewed: false };
    const { report: back } = await roundTrip(report);
    expect(back.cells).toEqual(report.cells);
    expect(back.sections.appeals?.zh).toBe('本年度未发生行政复议、行政诉讼。');
  });

  it('keeps blank apart from 0: an all-blank report and an all-zero report come back as printed', async () => {
    for (const fill of [null, 0]) {
      const report = seedLike('2019');
      for (const key of Object.keys(report.cells)) report.cells[key] = fill;
      const { report: back } = await roundTrip(report);
      expect(back.cells).toEqual(report.cells);
    }
  });

  it('gives back random cell values of every variant (property)', async () => {
    await fc.assert(
      fc.asyncProperty(reportArbitrary(), async (report) => {
        const { report: back, importReport } = await roundTrip(report);
        expectTablesBack(back, report);
        expect(importReport.unplaced).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

describe('toDocx: the Word package', () => {
  it('returns a plain Uint8Array holding a .docx', async () => {
    const bytes = await toDocx(seedLike('2021'), 'zh', ZH_MESSAGES);
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it('sets the title and creator Lotho in the core properties, and an A4 page', async () => {
    const bytes = await toDocx(seedLike('2021'), 'zh', ZH_MESSAGES);
    const core = await part(bytes, 'docProps/core.xml');
    expect(core).toContain('<dc:title>波密县倾多镇人民政府2022年政府信息公开工作年度报告</dc:title>');
    expect(core).toContain('<dc:creator>Lotho</dc:creator>');
    const xml = await part(bytes, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
  });

  it('prints the title, then the six headings in order', async () => {
    const bytes = await toDocx(seedLike('2019'), 'zh', ZH_MESSAGES);
    const xml = await part(bytes, 'word/document.xml');
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gsu)].map(([, p = '']) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join(''));
    expect(paragraphs[0]).toBe('波密县倾多镇人民政府2020年政府信息公开工作年度报告');
    const headings = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
    const positions = headings.map((h) => paragraphs.indexOf(h));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>.*?<w:jc w:val="center"\/>.*?<w:b\/>/su);
  });

  it('draws 三 and 四 with the merged header cells of the official template', async () => {
    const bytes = await toDocx(seedLike('2021'), 'zh', ZH_MESSAGES);
    const [active, requests, appeals] = tablesOf(await part(bytes, 'word/document.xml'));
    expect(active?.grid).toHaveLength(4);
    expect(requests?.grid).toHaveLength(10);
    expect(appeals?.grid).toHaveLength(15);

    // 三: the corner note spans 3 columns and 3 rows; 申请人情况 7 columns; 自然人 and 总计 2 rows.
    const head = requests?.rows.slice(0, 3) ?? [];
    expect(head[0]).toEqual([
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', gridSpan: 3, vMerge: 'restart' },
      { text: '申请人情况', gridSpan: 7 },
    ]);
    expect(head[1]).toEqual([
      { text: '', gridSpan: 3, vMerge: 'continue' },
      { text: '自然人', gridSpan: 1, vMerge: 'restart' },
      { text: '法人或其他组织', gridSpan: 5 },
      { text: '总计', gridSpan: 1, vMerge: 'restart' },
    ]);
    expect(texts(head[2])).toEqual(['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']);
    expect(head[2]?.[0]).toEqual({ text: '', gridSpan: 3, vMerge: 'continue' });
    // The row groups are merged down: 三、本年度办理结果 over 22 rows, （三）不予公开 over 8.
    const body = requests?.rows.slice(3) ?? [];
    expect(body).toHaveLength(25);
    expect(body[2]?.[0]).toEqual({ text: '三、本年度办理结果', gridSpan: 1, vMerge: 'restart' });
    expect(body.slice(3, 24).every((row) => row[0]?.vMerge === 'continue')).toBe(true);
    expect(body[4]?.[1]).toEqual({ text: '（三）不予公开', gridSpan: 1, vMerge: 'restart' });
    expect(body[20]?.[1]).toEqual({ text: '（六）其他处理', gridSpan: 1, vMerge: 'restart' });
    expect(body[0]?.[0]).toEqual({ text: '一、本年新收政府信息公开申请数量', gridSpan: 3 });

    // 四: 行政复议 (5) and 行政诉讼 (10), the 复议 columns merged down over the 诉讼 sub-group row.
    expect(appeals?.rows[0]).toEqual([
      { text: '行政复议', gridSpan: 5 },
      { text: '行政诉讼', gridSpan: 10 },
    ]);
    expect(appeals?.rows[1]?.slice(0, 5).every((c) => c.vMerge === 'restart')).toBe(true);
    expect(texts(appeals?.rows[1]?.slice(5))).toEqual(['未经复议直接起诉', '复议后起诉']);
    expect(appeals?.rows[1]?.slice(5).map((c) => c.gridSpan)).toEqual([5, 5]);
    expect(appeals?.rows[2]?.slice(0, 5).every((c) => c.vMerge === 'continue')).toBe(true);
    expect(appeals?.rows).toHaveLength(4);

    // Every row of every table fills the grid.
    for (const table of [active, requests, appeals]) {
      for (const row of table?.rows ?? []) expect(row.reduce((n, c) => n + c.gridSpan, 0)).toBe(table?.grid.length);
    }
  });

  it('prints blank cells empty, 0 as 0, and money with its unit', async () => {
    const report = seedLike('2019');
    report.cells['active.rules.made'] = null;
    report.cells['active.rules.published'] = 0;
    report.cells['active.licensing.change'] = -8;
    const [active] = tablesOf(await part(await toDocx(report, 'zh', ZH_MESSAGES), 'word/document.xml'));
    const row = (label: string): string[] => texts(active?.rows.find((r) => r[0]?.text === label));
    expect(row('规章').slice(0, 3)).toEqual(['规章', '', '0']);
    expect(row('行政许可')[2]).toBe('-8');
    expect(row('政府集中采购')[2]).toBe('251000元');
    // An item with fewer columns lets the last one span the rest of the 4-column grid.
    expect(active?.rows.find((r) => r[0]?.text === '政府集中采购')?.map((c) => c.gridSpan)).toEqual([1, 1, 2]);
  });

  it('sets Tibetan runs in the named Tibetan font, Chinese runs in SimSun', async () => {
    const report = seedLike('2021');
    report.sections.problems = { zh: '人员力量不足。', bo: 'མི་ཤུགས་མི་འདང་བ། 2022ལོར།', original: 'zh', translationReviewed: true };
    const xml = await part(await toDocx(report, 'bo', BO), 'word/document.xml');
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gsu)].map(([, r = '']) => ({
      text: [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join(''),
      fonts: /<w:rFonts ([^>]*)\/>/u.exec(r)?.[1] ?? '',
    }));
    const tibetan = runs.filter((r) => /[\u0F00-\u0FFF]/u.test(r.text));
    expect(tibetan.length).toBeGreaterThan(50);
    for (const run of tibetan) {
      for (const slot of ['ascii', 'hAnsi', 'eastAsia', 'cs']) expect(run.fonts, run.text).toContain(`w:${slot}="${TIBETAN_FONT}"`);
    }
    expect(TIBETAN_FONT).toBe('Noto Serif Tibetan');
    // The agency has no Tibetan name: it stays Chinese, in SimSun, inside the Tibetan title.
    const agency = runs.find((r) => r.text === '波密县倾多镇人民政府');
    expect(agency?.fonts).toContain('w:eastAsia="SimSun"');
    expect(xml).toContain('མི་ཤུགས་མི་འདང་བ།');
    expect(xml).not.toContain('人员力量不足');
  });

  it('breaks the title after the agency, so that the year’s report is its second line (zh and bo)', async () => {
    const report = seedLike('2021');
    report.meta.agency.bo = 'སྤོ་མེས་རྫོང་';
    for (const [lang, messages, second] of [
      ['zh', ZH_MESSAGES, '2022年政府信息公开工作年度报告'],
      ['bo', BO, '2022ལོའི་'],
    ] as const) {
      const xml = await part(await toDocx(report, lang, messages), 'word/document.xml');
      const title = /<w:p>(.*?)<\/w:p>/su.exec(xml)?.[1] ?? '';
      const [first = '', rest = ''] = title.split('<w:br/>');
      const text = (runs: string): string => [...runs.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('');
      expect(text(first)).toBe(lang === 'zh' ? '波密县倾多镇人民政府' : 'སྤོ་མེས་རྫོང་');
      expect(text(rest).startsWith(second), text(rest)).toBe(true);
    }
  });

  it('writes every line spacing as a multiple (lineRule auto), never leaving the rule to the reader', async () => {
    for (const [lang, messages] of [['zh', ZH_MESSAGES], ['bo', BO]] as const) {
      const bytes = await toDocx(seedLike('2019'), lang, messages);
      const spacings = [...`${await part(bytes, 'word/document.xml')}${await part(bytes, 'word/styles.xml')}`.matchAll(/<w:spacing [^>]*w:line="[^"]*"[^>]*\/>/gu)].map((m) => m[0]);
      expect(spacings.length).toBeGreaterThan(10);
      for (const spacing of spacings) expect(spacing).toContain('w:lineRule="auto"');
    }
  });

  it('embeds the Tibetan font it is given, obfuscated with the key of w:embedRegular, for the Tibetan it sets', async () => {
    const report = seedLike('2021');
    report.meta.agency.bo = 'སྤོ་མེས་རྫོང་';
    const font = Uint8Array.from({ length: 300 }, (_, index) => (index * 7) % 256);
    const asked: string[] = [];
    const bytes = await toDocx(report, 'bo', BO, { tibetanFont: (text) => { asked.push(text); return Promise.resolve(font); } });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('སྤོ་མེས་རྫོང་');
    expect(asked[0]).not.toMatch(/[\u3400-\u9FFF]/u);

    const table = await part(bytes, 'word/fontTable.xml');
    const entry = new RegExp(`<w:font w:name="${TIBETAN_FONT}">.*?</w:font>`, 'su').exec(table)?.[0] ?? '';
    const embed = /<w:embedRegular r:id="(rId\d+)" w:fontKey="\{([0-9A-F-]{36})\}"\/>/u.exec(entry);
    expect(embed, table).not.toBeNull();
    const [, id = '', key = ''] = embed ?? [];
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(await part(bytes, 'word/_rels/fontTable.xml.rels'))?.[1] ?? '';
    expect(target).toMatch(/\.odttf$/u);
    const zip = await JSZip.loadAsync(bytes);
    const stored = (await zip.file(`word/${target}`)?.async('uint8array')) ?? new Uint8Array();
    // ECMA-376 Part 1, 17.8.1: the first 32 bytes XOR the key's 16 bytes, read from its end.
    const keyBytes = (key.replaceAll('-', '').match(/../gu) ?? []).map((hex) => Number.parseInt(hex, 16)).reverse();
    const clear = Uint8Array.from(stored, (byte, index) => (index < 32 ? byte ^ (keyBytes[index % 16] ?? 0) : byte));
    expect([...clear]).toEqual([...font]);
    expect([...stored.subarray(0, 32)]).not.toEqual([...font.subarray(0, 32)]);
    expect(await part(bytes, '[Content_Types].xml')).toContain('application/vnd.openxmlformats-officedocument.obfuscatedFont');
    expect(await part(bytes, 'word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
  });

  it('embeds nothing in a document without Tibetan, or when no font is given', async () => {
    let asked = 0;
    const tibetanFont = (): Promise<Uint8Array> => { asked += 1; return Promise.resolve(new Uint8Array(64)); };
    const chinese = await JSZip.loadAsync(await toDocx(seedLike('2021'), 'zh', ZH_MESSAGES, { tibetanFont }));
    expect(asked).toBe(0);
    expect(Object.keys(chinese.files).filter((name) => name.endsWith('.odttf'))).toEqual([]);
    const named = await JSZip.loadAsync(await toDocx(seedLike('2021'), 'bo', BO));
    expect(Object.keys(named.files).filter((name) => name.endsWith('.odttf'))).toEqual([]);
  });

  it('splits text into Tibetan and other pieces', () => {
    expect(scriptPieces('2022ལོའི་ སྙན་ཞུ། (某县)')).toEqual([
      { text: '2022', tibetan: false },
      { text: 'ལོའི་ སྙན་ཞུ།', tibetan: true },
      { text: ' (某县)', tibetan: false },
    ]);
    expect(scriptPieces('')).toEqual([]);
  });
});
