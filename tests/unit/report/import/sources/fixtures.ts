/** Fixture builders for the source-reader tests: tiny PDFs and zips made in code, seeded bytes. */
import { readSharedBytes } from '../../../../support/shared.ts';

/** A file of ../shared/corpus/raw (the original PDFs and Word files), as bytes. */
export function corpusRawFile(name: string): Uint8Array {
  return readSharedBytes(`corpus/raw/${name}`);
}

/** Deterministic pseudo-random bytes (a linear congruential generator), in [min, 255]. */
export function seededBytes(length: number, seed: number, min = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = min + ((state >>> 16) % (256 - min));
  }
  return bytes;
}

/** One piece of text on a PDF page: PDF coordinates (origin bottom left), font size in points. */
export interface PdfText {
  x: number;
  y: number;
  size: number;
  text: string;
}

const ascii = new TextEncoder();

/** UTF-16BE hex of a BMP string: the codes of the UniGB-UCS2-H CMap. */
function ucs2Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex.toUpperCase();
}

/**
 * A minimal PDF, one page per entry (A4), every text shown in STSong-Light through the
 * UniGB-UCS2-H CMap: a non-embedded Adobe CJK font, so pdf.js needs its CMaps to read it (as for
 * some generated government PDFs). Glyphs are 1 em wide (no /W array). Texts are written in the
 * order given, which is the content-stream order that the reader follows.
 */
export function buildPdf(pages: readonly (readonly PdfText[])[]): Uint8Array {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] =
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>';
  objects[4] =
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 ' +
    '/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 ' +
    '/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>';
  pages.forEach((texts, i) => {
    const content = texts
      .map((t) => `BT /F1 ${t.size} Tf 1 0 0 1 ${t.x} ${t.y} Tm <${ucs2Hex(t.text)}> Tj ET`)
      .join('\n');
    const pageId = pageIds[i] ?? 0;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${ascii.encode(content).length} >>\nstream\n${content}\nendstream`;
  });
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = pdf.length; // ASCII only: characters are bytes
    pdf += `${id} 0 obj\n${objects[id] ?? 'null'}\nendobj\n`;
  }
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id] ?? 0).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii.encode(pdf);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid zip archive with the given entries, stored without compression. */
export function buildZip(entries: Record<string, string>): Uint8Array {
  const chunks: number[] = [];
  const central: number[] = [];
  const u16 = (out: number[], n: number): void => void out.push(n & 0xff, (n >>> 8) & 0xff);
  const u32 = (out: number[], n: number): void => void out.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  let count = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = ascii.encode(name);
    const data = ascii.encode(text);
    const crc = crc32(data);
    const offset = chunks.length;
    u32(chunks, 0x04034b50);
    for (const n of [20, 0, 0, 0, 0]) u16(chunks, n);
    u32(chunks, crc);
    u32(chunks, data.length);
    u32(chunks, data.length);
    u16(chunks, nameBytes.length);
    u16(chunks, 0);
    chunks.push(...nameBytes, ...data);
    u32(central, 0x02014b50);
    for (const n of [20, 20, 0, 0, 0, 0]) u16(central, n);
    u32(central, crc);
    u32(central, data.length);
    u32(central, data.length);
    for (const n of [nameBytes.length, 0, 0, 0, 0]) u16(central, n);
    u32(central, 0);
    u32(central, offset);
    central.push(...nameBytes);
    count++;
  }
  const centralOffset = chunks.length;
  const end: number[] = [];
  u32(end, 0x06054b50);
  for (const n of [0, 0, count, count]) u16(end, n);
  u32(end, central.length);
  u32(end, centralOffset);
  u16(end, 0);
  return Uint8Array.from([...chunks, ...central, ...end]);
}
