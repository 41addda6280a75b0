import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { MAX_SOURCE_BYTES, readSource } from '../../../../../src/report/import/sources/index.ts';
import { ImportError, type ImportErrorCode } from '../../../../../src/report/import/types.ts';
import { buildPdf, buildZip, seededBytes } from './fixtures.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function failure(bytes: Uint8Array, fileName: string): Promise<ImportError> {
  const error: unknown = await readSource(bytes, fileName).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportError)) throw new Error(`expected an ImportError, got ${String(error)}`);
  return error;
}

async function code(bytes: Uint8Array, fileName: string): Promise<ImportErrorCode> {
  return (await failure(bytes, fileName)).code;
}

async function smallDocx(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph('一、总体情况'), new Paragraph('正文')] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('readSource: formats', () => {
  it('reads text, stripping a UTF-8 BOM and normalising newlines', async () => {
    const source = await readSource(utf8('\uFEFF一、总体情况\r\n\t规章\r0'), 'r.txt');
    expect(source).toEqual({ format: 'txt', lines: [{ text: '一、总体情况' }, { text: '\t规章' }, { text: '0' }] });
  });

  it('falls back to GB18030 for GBK text (Chinese Word and web exports)', async () => {
    // 一、总体情况 / 规章 in GBK.
    const gbk = Uint8Array.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6, 0x0d, 0x0a, 0xb9, 0xe6, 0xd5, 0xc2]);
    const source = await readSource(gbk, 'gbk.txt');
    expect(source.lines.map((l) => l.text)).toEqual(['一、总体情况', '规章']);
  });

  it('keeps UTF-8 for a file cut in the middle of a character', async () => {
    const bytes = utf8('一、总体情况\n规章 1\n本年度');
    const source = await readSource(bytes.slice(0, bytes.length - 1), 'cut.txt');
    expect(source.lines[0]?.text).toBe('一、总体情况');
    expect(source.lines[2]?.text).toBe('本年\uFFFD');
  });

  it('decodes UTF-16 with a BOM (Windows Notepad "Unicode")', async () => {
    const text = '\uFEFF一、总体情况\n规章';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const source = await readSource(bytes, 'u16.txt');
    expect(source.lines.map((l) => l.text)).toEqual(['一、总体情况', '规章']);
  });

  it('reads pipe rows in text with cells', async () => {
    const source = await readSource(utf8('规范性文件 | 11 | ||\n'), 'r.md');
    expect(source.lines).toEqual([{ text: '规范性文件 | 11 | ||', cells: ['规范性文件', '11', '', ''] }]);
  });

  it('sniffs HTML by content whatever the extension, and by extension for fragments', async () => {
    expect((await readSource(utf8('<!DOCTYPE html><p>一、总体情况</p>'), 'page.txt')).format).toBe('html');
    expect((await readSource(utf8('报告\n<table><tr><td>规章</td><td>1</td></tr></table>'), 'x')).lines).toEqual([
      { text: '报告' },
      { text: '规章\t1', cells: ['规章', '1'] },
    ]);
    expect((await readSource(utf8('一、总体情况<br>二、主动公开'), 'a.htm')).lines).toEqual([
      { text: '一、总体情况' },
      { text: '二、主动公开' },
    ]);
    // An HTML file saved as .doc (a common portal "Word" download).
    expect((await readSource(utf8('<html><body><p>规章</p></body></html>'), 'report.doc')).format).toBe('html');
  });

  it('passes a Lotho JSON export through as one raw line', async () => {
    const json = '{"template":"2021",\r\n"cells":{}}';
    expect(await readSource(utf8(json), 'export.json')).toEqual({
      format: 'json',
      lines: [{ text: '{"template":"2021",\n"cells":{}}' }],
    });
  });

  it('sniffs PDF and DOCX by magic bytes, not by extension', async () => {
    expect((await readSource(buildPdf([[{ x: 72, y: 700, size: 10, text: '规章 1' }]]), 'report.bin')).format).toBe('pdf');
    expect((await readSource(await smallDocx(), 'report')).format).toBe('docx');
  });
});

describe('readSource: Node Buffers', () => {
  it('reads PDF and Word bytes given as small pooled Buffers', async () => {
    // Buffer.from(…) of a small array lives at an offset inside a shared 8 KB pool.
    const pdf = Buffer.from(buildPdf([[{ x: 72, y: 700, size: 10, text: '规章 1' }]]));
    const docx = Buffer.from(await smallDocx());
    expect((await readSource(pdf, 'a.pdf')).lines.map((l) => l.text)).toEqual(['--- page 1 ---', '规章 1']);
    expect((await readSource(docx, 'a.docx')).lines.map((l) => l.text)).toEqual(['一、总体情况', '正文']);
  });
});

describe('readSource: bad input', () => {
  it('refuses an empty file', async () => {
    expect(await code(new Uint8Array(0), 'empty.txt')).toBe('empty');
  });

  it('refuses a file of whitespace only (including full-width spaces and a BOM)', async () => {
    expect(await code(utf8(' \r\n\t\n\u3000\u00a0 '), 'blank.txt')).toBe('empty');
    expect(await code(utf8('\uFEFF\n\n'), 'blank.txt')).toBe('empty');
  });

  it('refuses a Word document without any text as empty', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('')] }] });
    const error = await failure(new Uint8Array(await Packer.toBuffer(doc)), 'blank.docx');
    expect(error.code).toBe('empty');
    expect(error.params).toEqual({ format: 'docx' });
  });

  it('refuses an HTML page without any text as empty', async () => {
    expect(await code(utf8('<html><head><script>1</script></head><body> </body></html>'), 'a.html')).toBe('empty');
  });

  it('refuses a too large file before decoding it', async () => {
    // Starts like a PDF: if anything were parsed, this would fail as 'unreadable' instead.
    const bytes = seededBytes(25 * 1024 * 1024, 1);
    bytes.set(utf8('%PDF-1.7\n'));
    const started = performance.now();
    const error = await failure(bytes, 'big.pdf');
    expect(error.code).toBe('too_large');
    expect(error.params).toEqual({ bytes: 25 * 1024 * 1024, limit: MAX_SOURCE_BYTES });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('accepts a file of exactly the limit', async () => {
    const bytes = new Uint8Array(MAX_SOURCE_BYTES).fill(0x61);
    const source = await readSource(bytes, 'a.txt');
    expect(source.lines[0]?.text.length).toBe(MAX_SOURCE_BYTES);
  });

  it('refuses random binary as binary, with or without NUL bytes', async () => {
    expect(await code(seededBytes(1024, 7), 'junk.txt')).toBe('binary');
    const noNul = seededBytes(1024, 8, 1);
    expect(noNul.includes(0)).toBe(false);
    expect(await code(noNul, 'junk.txt')).toBe('binary');
  });

  it('refuses a PDF with a corrupt body as unreadable', async () => {
    const bytes = new Uint8Array([...utf8('%PDF-1.7\n'), ...seededBytes(4096, 3)]);
    const error = await failure(bytes, 'broken.pdf');
    expect(error.code).toBe('unreadable');
    expect(error.params).toMatchObject({ format: 'pdf', reason: 'corrupt' });
  });

  it('refuses a .pdf without the PDF signature as unreadable', async () => {
    expect(await code(seededBytes(2048, 4), 'report.pdf')).toBe('unreadable');
    expect(await code(utf8('not really a pdf'), 'report.pdf')).toBe('unreadable');
  });

  it('refuses a zip that is not a Word document', async () => {
    const error = await failure(buildZip({ 'readme.txt': '规章 1', 'data/a.csv': '1,2' }), 'report.docx');
    expect(error.code).toBe('unsupported_format');
    expect(error.params).toMatchObject({ format: 'zip' });
    expect((await failure(buildZip({ 'xl/workbook.xml': '<workbook/>' }), 'r.xlsx')).params).toMatchObject({ format: 'xlsx' });
    expect((await failure(buildZip({ 'Doc_0/Content.xml': '<x/>', 'OFD.xml': '<ofd/>' }), 'r.ofd')).params).toMatchObject({ format: 'ofd' });
    // Only entry names count, not the same bytes inside an entry's data.
    expect((await failure(buildZip({ 'notes.txt': 'see word/document.xml' }), 'n.zip')).params).toMatchObject({ format: 'zip' });
  });

  it('refuses a truncated Word document as unreadable', async () => {
    const docx = await smallDocx();
    const error = await failure(docx.slice(0, Math.floor(docx.length / 2)), 'cut.docx');
    expect(error.code).toBe('unreadable');
    expect(error.params).toMatchObject({ format: 'docx' });
  });

  it('refuses a zip with word/ entries that are not a document as unreadable', async () => {
    expect(await code(buildZip({ 'word/readme.txt': 'x' }), 'odd.docx')).toBe('unreadable');
  });

  it('names legacy Word (.doc/.wps) files as unsupported', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await failure(ole, '报告.wps')).params).toMatchObject({ format: 'wps' });
    expect((await failure(ole, '报告.doc')).code).toBe('unsupported_format');
  });

  it('never throws anything but an ImportError for random bytes', async () => {
    for (let seed = 100; seed < 120; seed++) {
      const bytes = seededBytes(64 + seed * 7, seed);
      await readSource(bytes, `f${seed}.txt`).catch((e: unknown) => {
        expect(e).toBeInstanceOf(ImportError);
      });
    }
  });
});
