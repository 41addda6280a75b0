/**
 * Word (.docx) to source lines: mammoth turns the document into plain HTML, read by htmlToLines.
 *
 * Merged cells: mammoth writes a horizontal merge (w:gridSpan) as colspan and a vertical merge
 * (w:vMerge) as rowspan on the first cell, and drops the continuation cells, so a merged value is
 * never copied into the rows below (checked on the 2021 template in corpus/raw). Empty cells stay
 * as empty <td>s and come out as ''. What is lost: page headers and footers, text boxes and
 * fields' cached formatting; none of them carries table values in the corpus.
 */
import mammoth from 'mammoth';
import type { SourceLine } from '../types.ts';
import { htmlToLines } from './html.ts';

/** The lines of a .docx. Throws (mammoth/JSZip errors) when the file cannot be opened. */
export async function docxToLines(bytes: Uint8Array): Promise<SourceLine[]> {
  // A copy in a plain Uint8Array: a Node Buffer's .buffer may be a shared pool, and its slice()
  // is a view rather than a copy.
  const arrayBuffer = new Uint8Array(bytes).buffer;
  // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; both hand it to JSZip,
  // which takes an ArrayBuffer either way. Giving both keeps this module free of Node's Buffer.
  const input = { arrayBuffer, buffer: arrayBuffer };
  const result = await mammoth.convertToHtml(input, {
    // Images are not report content: skip reading and base64-encoding them.
    convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
  });
  return htmlToLines(result.value);
}
