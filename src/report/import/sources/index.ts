/**
 * Source reading: the bytes of a file, in any supported format, to a `Source` (lines, with cells
 * where the format knows them). The format is sniffed from the bytes first and the file name's
 * extension second. Every failure is an ImportError with a code and params, never a raw exception.
 *
 * PDF and Word readers are loaded on demand (dynamic import), so the browser only fetches pdf.js
 * or mammoth when such a file is opened.
 */
import { ImportError, type RecogniseText, type Source, type SourceLine } from '../types.ts';
import { htmlToLines } from './html.ts';
import type { PdfReadOptions } from './pdf.ts';
import { normaliseNewlines, textToLines } from './text.ts';

export { htmlToLines } from './html.ts';
export { textToLines } from './text.ts';

/** Files larger than this are refused before anything is decoded. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/** What the bytes turned out to be. */
type Sniffed =
  | { kind: 'pdf' }
  | { kind: 'docx' }
  | { kind: 'unsupported'; format: string }
  | { kind: 'text' };

const ASCII = new TextEncoder();

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((byte, i) => bytes[at + i] === byte);
}

function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from = 0, to = bytes.length): number {
  const first = needle[0];
  const last = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = from; i <= last; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function contains(bytes: Uint8Array, ascii: string, to = bytes.length): boolean {
  return indexOfBytes(bytes, ASCII.encode(ascii), 0, to) !== -1;
}

/** Lower-case extension of a file name or path, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Formats recognised by their magic bytes that Lotho does not read. */
const UNSUPPORTED_MAGIC: readonly { magic: readonly number[]; format: string }[] = [
  // OLE2 compound file: legacy .doc/.wps/.xls/.ppt (named by the extension below).
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], format: 'ole' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], format: 'rtf' }, // {\rtf
  { magic: [0x89, 0x50, 0x4e, 0x47], format: 'png' },
  { magic: [0xff, 0xd8, 0xff], format: 'jpeg' },
  { magic: [0x47, 0x49, 0x46, 0x38], format: 'gif' },
  { magic: [0x49, 0x49, 0x2a, 0x00], format: 'tiff' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], format: 'tiff' },
  { magic: [0x52, 0x61, 0x72, 0x21], format: 'rar' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], format: '7z' },
  { magic: [0x1f, 0x8b], format: 'gzip' },
];

const OLE_FORMATS = new Set(['doc', 'wps', 'xls', 'et', 'ppt', 'dps']);

/**
 * Entry names from a zip's central directory, or undefined when there is none (a truncated file).
 * Names are stored uncompressed, so no unzipping is needed.
 */
function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) return undefined;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra;
  }
  return names;
}

/** What kind of zip this is, from its entry names. */
function sniffZip(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes);
  // No central directory: a truncated file. If it was a Word document, say it is damaged.
  if (names === undefined) return contains(bytes, 'word/') ? { kind: 'docx' } : { kind: 'unsupported', format: 'zip' };
  const has = (test: (name: string) => boolean): boolean => names.some(test);
  if (has((name) => name.startsWith('word/'))) return { kind: 'docx' };
  if (has((name) => name.startsWith('xl/'))) return { kind: 'unsupported', format: 'xlsx' };
  if (has((name) => name.startsWith('ppt/'))) return { kind: 'unsupported', format: 'pptx' };
  if (has((name) => name === 'OFD.xml')) return { kind: 'unsupported', format: 'ofd' };
  if (has((name) => name === 'mimetype') && contains(bytes, 'application/vnd.oasis.opendocument', 200)) {
    return { kind: 'unsupported', format: 'odf' };
  }
  return { kind: 'unsupported', format: 'zip' };
}

function sniff(bytes: Uint8Array, ext: string): Sniffed {
  // The PDF header may follow some junk; readers accept it within the first 1024 bytes.
  if (contains(bytes, '%PDF-', 1024)) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return sniffZip(bytes);
  }
  for (const { magic, format } of UNSUPPORTED_MAGIC) {
    if (!startsWith(bytes, magic)) continue;
    if (format === 'ole') return { kind: 'unsupported', format: OLE_FORMATS.has(ext) ? ext : 'doc' };
    return { kind: 'unsupported', format };
  }
  return { kind: 'text' };
}

/** Decodes a TextDecoder label, or undefined when the runtime lacks it or the bytes are invalid. */
function tryDecode(bytes: Uint8Array, label: string, fatal: boolean): string | undefined {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether lossily decoded UTF-8 is UTF-8 with a few broken bytes (a file cut mid-character, one
 * bad byte) rather than another encoding: it then decodes to far more non-ASCII characters than
 * replacement characters. GBK read as UTF-8 gives almost nothing but replacement characters.
 */
function mostlyUtf8(lossy: string): boolean {
  let bad = 0;
  let good = 0;
  for (let i = 0; i < lossy.length; i++) {
    const c = lossy.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  return good > 4 * bad;
}

/**
 * Text from bytes: a UTF-16 or UTF-8 BOM decides; else strict UTF-8; else UTF-8 with a few broken
 * bytes (see mostlyUtf8); else GB18030 (a superset of GBK/GB2312, what Chinese Word and web exports
 * use); else lossy UTF-8, which looksBinary then judges.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string | undefined;
  if (startsWith(bytes, [0xff, 0xfe])) text = tryDecode(bytes, 'utf-16le', false);
  else if (startsWith(bytes, [0xfe, 0xff])) text = tryDecode(bytes, 'utf-16be', false);
  else if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = tryDecode(bytes, 'utf-8', false);
  else {
    text = tryDecode(bytes, 'utf-8', true);
    if (text === undefined) {
      const lossy = new TextDecoder('utf-8').decode(bytes);
      text = mostlyUtf8(lossy) ? lossy : (tryDecode(bytes, 'gb18030', true) ?? lossy);
    }
  }
  text ??= new TextDecoder('utf-8').decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Whether decoded "text" is really binary: control characters (other than tab, newlines, form
 * feed, vertical tab and DOS end-of-file) and replacement characters over 1% of it, and more
 * than four.
 */
export function looksBinary(text: string): boolean {
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1a) || c === 0x7f;
    if (control || c === 0xfffd) suspicious++;
  }
  return suspicious > 4 && suspicious > text.length / 100;
}

const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'shtml']);

/** Markup that makes a text an HTML document (or fragment) rather than plain text. */
const HTML_MARKERS = /<!doctype\s+html|<html[\s>]|<body[\s>]|<table[\s>]/i;
const HTML_START = /^<(?:[a-z][a-z0-9]*|!--)[\s/>]/i;

type TextFormat = 'txt' | 'html' | 'json' | 'mht';

function classifyText(text: string, ext: string): TextFormat {
  const start = text.trimStart();
  if (start.startsWith('{')) return 'json';
  // Word's "single file web page" (MIME HTML): quoted-printable parts, not readable as text.
  if (/^MIME-Version:/i.test(start) && /multipart\/related/i.test(start.slice(0, 2048))) return 'mht';
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  if (HTML_MARKERS.test(text) || HTML_START.test(start)) return 'html';
  if (ext === 'json') return 'json';
  return 'txt';
}

async function readBinary(
  format: 'pdf' | 'docx',
  read: (bytes: Uint8Array) => Promise<SourceLine[]>,
  bytes: Uint8Array,
): Promise<SourceLine[]> {
  try {
    return await read(bytes);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('unreadable', { format, reason: 'corrupt' }, String(error));
  }
}

function hasText(lines: readonly SourceLine[]): boolean {
  return lines.some((line) => line.text.trim() !== '');
}

/**
 * Reads a file into a `Source`. Throws ImportError:
 * - 'too_large' {bytes, limit} above MAX_SOURCE_BYTES (checked before decoding anything);
 * - 'empty' for no bytes, only whitespace, or a document without any text ({format} says which);
 * - 'binary' for bytes that are not text in any supported encoding;
 * - 'unsupported_format' {format} for a recognised format Lotho does not read (zip, xlsx, legacy
 *   .doc, images, MIME HTML…);
 * - 'unreadable' {format, reason} for a PDF or Word file that cannot be opened.
 */
export async function readSource(bytes: Uint8Array, fileName: string, recognise?: RecogniseText, pdf: PdfReadOptions = {}): Promise<Source> {
  if (bytes.byteLength > MAX_SOURCE_BYTES) {
    throw new ImportError('too_large', { bytes: bytes.byteLength, limit: MAX_SOURCE_BYTES });
  }
  if (bytes.byteLength === 0) throw new ImportError('empty', { bytes: 0 });
  const ext = extensionOf(fileName);
  const sniffed = sniff(bytes, ext);

  if (sniffed.kind === 'unsupported') throw new ImportError('unsupported_format', { format: sniffed.format, extension: ext });
  if (sniffed.kind === 'pdf') {
    const { pdfToLines } = await import('./pdf.ts');
    try {
      return { format: 'pdf', lines: await readBinary('pdf', (b) => pdfToLines(b, pdf), bytes) };
    } catch (error) {
      // A PDF without a text layer is a scan, not a damaged file: read it by text recognition
      // where there is one, and say what it is where there is none.
      if (!(error instanceof ImportError) || error.params.reason !== 'no_text') throw error;
      if (recognise === undefined) throw new ImportError('scanned', { format: 'pdf', pages: error.params.pages ?? 0 });
      const { lines } = await recognise(bytes);
      return { format: 'pdf', lines, recognisedPages: lines.filter((l) => /^--- page \d+ ---$/u.test(l.text)).length };
    }
  }
  if (sniffed.kind === 'docx') {
    const { docxToLines } = await import('./docx.ts');
    const lines = await readBinary('docx', docxToLines, bytes);
    if (!hasText(lines)) throw new ImportError('empty', { format: 'docx' });
    return { format: 'docx', lines };
  }

  // Text of some kind. A NUL byte never occurs in text outside UTF-16 (which has a BOM here).
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  const decoded = !utf16 && bytes.includes(0) ? undefined : decodeText(bytes);
  // A .pdf or .docx without its signature is a damaged file, not some other binary or a text.
  const damaged = ext === 'pdf' || ext === 'docx';
  if (decoded === undefined || looksBinary(decoded)) {
    if (damaged) throw new ImportError('unreadable', { format: ext, reason: 'corrupt' });
    throw new ImportError('binary', { bytes: bytes.byteLength });
  }
  const text = normaliseNewlines(decoded);
  if (text.trim() === '') throw new ImportError('empty', { bytes: bytes.byteLength });
  if (damaged) throw new ImportError('unreadable', { format: ext, reason: 'corrupt' });

  switch (classifyText(text, ext)) {
    case 'json':
      return { format: 'json', lines: [{ text }] };
    case 'mht':
      throw new ImportError('unsupported_format', { format: 'mht', extension: ext });
    case 'html': {
      const lines = htmlToLines(text);
      if (lines.length === 0) throw new ImportError('empty', { format: 'html' });
      return { format: 'html', lines };
    }
    case 'txt':
      return { format: 'txt', lines: textToLines(text) };
  }
}
