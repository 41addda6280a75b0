import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import { docxToLines } from '../../../../../src/report/import/sources/docx.ts';
import { readSource } from '../../../../../src/report/import/sources/index.ts';
import type { SourceLine } from '../../../../../src/report/import/types.ts';
import { corpusRawFile } from './fixtures.ts';

function cell(texts: string | string[], options: { columnSpan?: number; restart?: boolean; continued?: boolean } = {}): TableCell {
  const paragraphs = (Array.isArray(texts) ? texts : [texts]).map((text) => new Paragraph(text));
  return new TableCell({
    children: paragraphs,
    ...(options.columnSpan === undefined ? {} : { columnSpan: options.columnSpan }),
    ...(options.restart ? { verticalMerge: VerticalMergeType.RESTART } : {}),
    ...(options.continued ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
  });
}

/** A small report-like document: merged cells both ways, a two-paragraph header, a blank cell. */
async function sampleDocx(): Promise<Uint8Array> {
  const table = new Table({
    rows: [
      new TableRow({ children: [cell('第二十条第（一）项', { columnSpan: 4 })] }),
      new TableRow({
        children: [cell('信息内容'), cell(['本年新', '制作数量']), cell('本年新公开数量'), cell('对外公开总数量')],
      }),
      new TableRow({ children: [cell('三、本年度办理结果', { restart: true }), cell('（一）予以公开'), cell('5'), cell('')] }),
      new TableRow({ children: [cell('', { continued: true }), cell('（二）部分公开'), cell('7'), cell('0')] }),
    ],
  });
  const doc = new Document({
    sections: [{ children: [new Paragraph('二、主动公开政府信息情况'), table, new Paragraph('三、收到和处理政府信息公开申请情况')] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function rows(lines: SourceLine[]): (string[] | undefined)[] {
  return lines.map((l) => l.cells);
}

describe('docxToLines', () => {
  it('reads paragraphs and table rows; merged cells are not copied, blanks are kept', async () => {
    const lines = await docxToLines(await sampleDocx());
    expect(lines[0]).toEqual({ text: '二、主动公开政府信息情况' });
    expect(lines[lines.length - 1]).toEqual({ text: '三、收到和处理政府信息公开申请情况' });
    expect(rows(lines.slice(1, -1))).toEqual([
      ['第二十条第（一）项'],
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
      ['三、本年度办理结果', '（一）予以公开', '5', ''],
      // The vertically merged continuation cell is dropped (rowspan), never a copy of its value.
      ['（二）部分公开', '7', '0'],
    ]);
  });

  it('is what readSource returns for a .docx', async () => {
    const source = await readSource(await sampleDocx(), '报告.docx');
    expect(source.format).toBe('docx');
    expect(source.lines.some((l) => l.cells?.[0] === '（二）部分公开')).toBe(true);
  });
});

describe('the 2021 template from the corpus (Word, merged cells)', () => {
  const read = async (): Promise<SourceLine[]> => docxToLines(corpusRawFile('template_2021_from_govnianbao.docx'));

  it('gives one row per table row, with blank cells as ""', async () => {
    const lines = await read();
    const byLabel = (label: string): string[] | undefined => lines.find((l) => l.cells?.[0] === label)?.cells;
    expect(byLabel('规章')).toEqual(['规章', '', '', '']);
    expect(byLabel('行政许可')).toEqual(['行政许可', '']);
    expect(byLabel('一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', ...Array<string>(7).fill('')]);
  });

  it('keeps a vertically merged header only on its first row', async () => {
    const lines = await read();
    const first = lines.findIndex((l) => l.cells?.[0] === '三、本年度办理结果');
    expect(lines[first]?.cells?.[1]).toBe('（一）予以公开');
    expect(lines[first + 1]?.cells?.[0]).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(lines.filter((l) => l.cells?.includes('三、本年度办理结果'))).toHaveLength(1);
    expect(lines.filter((l) => l.cells?.includes('（三）不予公开'))).toHaveLength(1);
  });

  it('joins the two-line headers of table 四 and keeps its 15 blank values', async () => {
    const lines = await read();
    const header = lines.find((l) => l.cells?.length === 10);
    expect(header?.cells).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(lines.some((l) => l.cells?.length === 15 && l.cells.every((c) => c === ''))).toBe(true);
  });
});
