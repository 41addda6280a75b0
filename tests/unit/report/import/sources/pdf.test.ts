import { describe, expect, it } from 'vitest';
import { readSource } from '../../../../../src/report/import/sources/index.ts';
import { pdfToLines } from '../../../../../src/report/import/sources/pdf.ts';
import { ImportError } from '../../../../../src/report/import/types.ts';
import { buildPdf, corpusRawFile, type PdfText } from './fixtures.ts';

/** Numbers printed 2.3 pt below their label's baseline, as Word does in table cells. */
function row(label: string, y: number, values: string[], x = 101): PdfText[] {
  return [{ x, y, size: 7.5, text: label }, ...values.map((text, i) => ({ x: 260 + i * 40, y: y - 2.3, size: 7.5, text }))];
}

const PAGE_1: PdfText[] = [
  { x: 280, y: 40, size: 13, text: '- 1 -' },
  { x: 106, y: 760, size: 16, text: '三、收到和处理政府信息公开申请情况' },
  ...row('一、本年新收政府信息公开申请数量', 700, ['3001', '53', '0', '0', '61', '4', '3119'], 77),
  // A merged row header printed as a vertical stack before its rows; 本 shares a baseline with
  // the row below and must not be glued to it.
  { x: 77, y: 650, size: 7.5, text: '三、' },
  { x: 77, y: 635, size: 7.5, text: '本' },
  { x: 77, y: 620, size: 7.5, text: '年' },
  ...row('（一）予以公开', 635, ['1288', '21']),
  // A wrapped label with its numbers between its two lines.
  { x: 143, y: 600, size: 7.5, text: '5.要求行政机关确认或重新出' },
  { x: 143, y: 585, size: 7.5, text: '具已获取信息' },
  ...['1', '0', '1'].map((text, i) => ({ x: 265 + i * 40, y: 590.3, size: 7.5, text })),
  // Two items that touch: no space between them.
  { x: 143, y: 560, size: 7.5, text: '正、' },
  { x: 158, y: 560, size: 7.5, text: '行政机关不再处理' },
];

const PAGE_2: PdfText[] = [
  { x: 280, y: 40, size: 13, text: '- 2 -' },
  ...'72 64 178 37 351 13 4 8 1 26 12 1 1 6 20'.split(' ').map((text, i) => ({ x: 74 + i * 30, y: 700, size: 7.5, text })),
];

describe('pdfToLines (synthetic PDF, CJK font through CMaps)', () => {
  it('builds lines like the corpus text: page markers, rows, stacks, wrapped labels', async () => {
    const lines = (await pdfToLines(buildPdf([PAGE_1, PAGE_2]))).map((l) => l.text);
    expect(lines).toEqual([
      '--- page 1 ---',
      '- 1 -',
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119',
      '三、',
      '本',
      '年',
      '（一）予以公开 1288 21',
      '5.要求行政机关确认或重新出',
      '具已获取信息 1 0 1',
      '正、行政机关不再处理',
      '--- page 2 ---',
      '- 2 -',
      '72 64 178 37 351 13 4 8 1 26 12 1 1 6 20',
    ]);
  });

  it('gives no cells: PDF rows are text only', async () => {
    const lines = await pdfToLines(buildPdf([PAGE_2]));
    expect(lines.every((l) => l.cells === undefined)).toBe(true);
  });

  it('does not detach the caller\'s bytes', async () => {
    const bytes = buildPdf([PAGE_2]);
    const length = bytes.length;
    await pdfToLines(bytes);
    expect(bytes.length).toBe(length);
  });

  it('finds no text in a PDF without any (a scan): the reader says no_text, the source says scanned', async () => {
    const read: unknown = await pdfToLines(buildPdf([[]])).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(ImportError);
    expect((read as ImportError).params).toEqual({ format: 'pdf', reason: 'no_text', pages: 1 });
    const error: unknown = await readSource(buildPdf([[]]), 'scan.pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('scanned');
    expect((error as ImportError).params).toEqual({ format: 'pdf', pages: 1 });
  });
});

/** Key lines of the corpus PDFs, as in their pypdf text extractions (corpus 02–04). */
const CORPUS_PDFS: { file: string; pages: number; lines: string[] }[] = [
  {
    file: '02_huaian_city_2024.pdf',
    pages: 6,
    lines: [
      '行政许可 447228',
      '行政事业性收费 96171.6',
      '一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119',
      '（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769',
      '具已获取信息 1 0 0 0 0 0 1',
      '（七）总计 2932 53 0 0 61 4 3050',
      '72 64 178 37 351 13 4 8 1 26 12 1 1 6 20',
      '2024 年政府信息公开工作年度报告',
    ],
  },
  {
    file: '03_hongze_district_2023.pdf',
    pages: 5,
    lines: [
      '一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21',
      '三、本年度办理结果',
      '2.其他法律行政止公开 0 0 0 0 0 0 0',
      '（七）总计 21 0 0 0 0 0 21',
      '10 1 0 0 0 0 0 0 0 0 5 0 0 0 0',
    ],
  },
  {
    file: '04_hongze_district_2024.pdf',
    pages: 5,
    lines: [
      '一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95',
      '三、本年度办理结果',
      '（七）总计 95 0 0 0 0 0 95',
      '1 1 0 0 2 1 0 0 0 1 2 0 1 0 3',
    ],
  },
];

for (const { file, pages, lines } of CORPUS_PDFS) {
  describe(`corpus ${file}`, () => {
    it('has the key table lines on one line each, and a marker per page', async () => {
      const source = await readSource(corpusRawFile(file), file);
      const texts = source.lines.map((l) => l.text);
      expect(source.format).toBe('pdf');
      for (const line of lines) expect(texts).toContain(line);
      expect(texts.filter((t) => /^--- page \d+ ---$/.test(t))).toEqual(
        Array.from({ length: pages }, (_, i) => `--- page ${i + 1} ---`),
      );
    });
  });
}
