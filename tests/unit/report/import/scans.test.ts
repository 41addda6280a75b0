/**
 * Scanned PDFs: a PDF without a text layer is said to be a scan (not "damaged"); where text
 * recognition is given (server, CLI) its lines go through the same parser and every figure read
 * from the image is uncertain until a person confirms it. The ruling eraser keeps the text.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/report/import/index.ts';
import { eraseRulings, readPgm, writePgm, type GreyImage } from '../../../../src/report/import/ocr/pgm.ts';
import { ImportError } from '../../../../src/report/import/types.ts';
import { imagePdf } from '../../../support/image-pdf.ts';

function page(width: number, height: number, draw: (x: number, y: number) => boolean): GreyImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) pixels[y * width + x] = draw(x, y) ? 0 : 255;
  return { width, height, pixels };
}

const blankScan = imagePdf([page(40, 60, (x, y) => x === y)], 72);

describe('a scanned PDF', () => {
  it('is refused as a scan, not as a damaged file, where no text recognition runs (the browser)', async () => {
    const error: unknown = await importFile(blankScan, 'scan.pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'scanned', params: { format: 'pdf', pages: 1 } });
  });

  it('is read through the given text recognition; every figure it gives is uncertain', async () => {
    const lines = [
      '--- page 1 ---',
      '扎囊县阿扎乡人民政府2021年政府信息公开工作年度报告',
      '一、总体情况',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容 本年制发件数 本年废止件数 现行有效件数',
      '规章 0 0 0',
      '行政规范性文件 3 1 12',
    ].map((text) => ({ text }));
    const result = await importFile(blankScan, 'scan.pdf', { recognise: () => Promise.resolve({ lines }) });
    expect(result.report.cells).toMatchObject({ 'active.normative.issued': 3, 'active.normative.in_force': 12 });
    expect(result.importReport.notes).toContainEqual({ code: 'recognised_from_scan', params: { pages: 1 } });
    expect(result.importReport.uncertain).toContainEqual({ cell: 'active.normative.in_force', reason: 'recognised' });
    expect(result.importReport.uncertain).toHaveLength(6);
    expect(result.complete).toBe(false);
  });
});

describe('eraseRulings', () => {
  it('erases a slightly skewed, broken table ruling and keeps a glyph beside it', () => {
    // A ruling falling one pixel every 100, with gaps of 3 pixels; a 10 × 10 glyph box below it.
    const image = page(400, 60, (x, y) => (y === 10 + Math.floor(x / 100) && x % 37 > 2) || (x >= 50 && x < 60 && y >= 30 && y < 40 && (x === 50 || y === 30)));
    const clean = eraseRulings(image, 120);
    const darkIn = (x0: number, y0: number, x1: number, y1: number): number => {
      let n = 0;
      for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if ((clean.pixels[y * 400 + x] ?? 255) < 128) n += 1;
      return n;
    };
    expect(darkIn(0, 5, 400, 20)).toBe(0);
    expect(darkIn(50, 30, 60, 40)).toBe(19);
  });

  it('reads and writes binary PGM', () => {
    const image = page(3, 2, (x) => x === 1);
    expect(readPgm(writePgm(image))).toEqual(image);
  });
});
