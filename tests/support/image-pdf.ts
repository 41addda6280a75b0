/** A PDF of grey page images and nothing else: what a scanner makes (no text layer). */
import { deflateSync } from 'node:zlib';
import type { GreyImage } from '../../src/report/import/ocr/pgm.ts';

/** A PDF whose pages are grey images (FlateDecode), at `dpi`, and nothing else. */
export function imagePdf(pages: readonly GreyImage[], dpi: number): Uint8Array {
  const objects: (string | Uint8Array)[][] = [];
  const pageIds: number[] = [];
  const add = (parts: (string | Uint8Array)[]): number => objects.push(parts);
  const pagesId = 2;
  objects.push(['<< /Type /Catalog /Pages 2 0 R >>'], []);
  for (const [i, page] of pages.entries()) {
    const data = deflateSync(page.pixels, { level: 9 });
    const w = (page.width * 72) / dpi;
    const h = (page.height * 72) / dpi;
    const image = add([`<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, data, '\nendstream']);
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im${i} Do Q`;
    const contents = add([`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    pageIds.push(add([`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im${i} ${image} 0 R >> >> /Contents ${contents} 0 R >>`]));
  }
  objects[pagesId - 1] = [`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`];
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  let length = 0;
  const push = (part: string | Uint8Array): void => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  push('%PDF-1.4\n%\xff\xff\n');
  const offsets: number[] = [];
  objects.forEach((parts, i) => {
    offsets.push(length);
    push(`${i + 1} 0 obj\n`);
    parts.forEach(push);
    push('\nendobj\n');
  });
  const xref = length;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

