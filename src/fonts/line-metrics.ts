/**
 * A font's line metrics (the ascent, descent and line gap that place a line's baseline), read from
 * and written into the font file itself (sfnt: TrueType/OpenType).
 *
 * Why in the file and not only in CSS: WebKit (every iPhone browser, WebKitGTK) ignores the
 * @font-face descriptors ascent-override, descent-override and line-gap-override, so there a
 * Tibetan line took Noto Serif Tibetan's own 1.466/1.349 em and its text sat 6 px higher than in
 * Chromium and Firefox at 28 px (issue 14); the tallest stacks then reached above their line.
 * Written into the font, the same metrics hold in every engine, the overrides still apply to a
 * device's own copy of the font (local() in fonts.css).
 *
 * Written: hhea (CoreText's and FreeType's ascent) and OS/2's typo metrics with USE_TYPO_METRICS
 * (DirectWrite's and Skia's). Left alone: OS/2's win metrics, the clipping box of Windows' GDI
 * and the line height Word gives the embedded font.
 */

/** Line metrics in em. */
export interface LineMetrics {
  ascent: number;
  /** Below the baseline, positive. */
  descent: number;
  lineGap: number;
}

/** What a font file says, in font units. */
export interface FontLineMetrics {
  unitsPerEm: number;
  hhea: { ascender: number; descender: number; lineGap: number };
  typo: { ascender: number; descender: number; lineGap: number };
  win: { ascent: number; descent: number };
  /** OS/2 fsSelection bit 7: engines that read OS/2 take the typo metrics, not the win ones. */
  useTypoMetrics: boolean;
}

const USE_TYPO_METRICS = 1 << 7;
/** The sum a whole font's checksum is adjusted to (OpenType, 'head' table). */
const CHECKSUM_MAGIC = 0xb1b0afba;

interface TableRecord {
  /** Where the record's checksum is, in the table directory. */
  recordOffset: number;
  offset: number;
  length: number;
}

function tables(font: DataView): Map<string, TableRecord> {
  const count = font.getUint16(4);
  const found = new Map<string, TableRecord>();
  for (let i = 0; i < count; i += 1) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(font.getUint8(record), font.getUint8(record + 1), font.getUint8(record + 2), font.getUint8(record + 3));
    found.set(tag, { recordOffset: record + 4, offset: font.getUint32(record + 8), length: font.getUint32(record + 12) });
  }
  return found;
}

function table(all: Map<string, TableRecord>, tag: string): TableRecord {
  const found = all.get(tag);
  if (found === undefined) throw new Error(`font: no '${tag}' table`);
  return found;
}

/** The OpenType checksum of `length` bytes from `offset` (read as big-endian uint32s, zero-padded). */
function checksum(font: DataView, offset: number, length: number): number {
  let sum = 0;
  for (let at = offset; at < offset + length; at += 4) {
    let word = 0;
    for (let byte = 0; byte < 4; byte += 1) word = word * 256 + (at + byte < font.byteLength && at + byte < offset + length ? font.getUint8(at + byte) : 0);
    sum = (sum + word) % 2 ** 32;
  }
  return sum;
}

export function readLineMetrics(sfnt: Uint8Array): FontLineMetrics {
  const font = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const all = tables(font);
  const head = table(all, 'head').offset;
  const hhea = table(all, 'hhea').offset;
  const os2 = table(all, 'OS/2').offset;
  return {
    unitsPerEm: font.getUint16(head + 18),
    hhea: { ascender: font.getInt16(hhea + 4), descender: font.getInt16(hhea + 6), lineGap: font.getInt16(hhea + 8) },
    typo: { ascender: font.getInt16(os2 + 68), descender: font.getInt16(os2 + 70), lineGap: font.getInt16(os2 + 72) },
    win: { ascent: font.getUint16(os2 + 74), descent: font.getUint16(os2 + 76) },
    useTypoMetrics: (font.getUint16(os2 + 62) & USE_TYPO_METRICS) !== 0,
  };
}

/** Whether every table's checksum and the whole font's adjustment are right (OpenType). */
export function checksumsValid(sfnt: Uint8Array): boolean {
  const font = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const all = tables(font);
  const head = table(all, 'head');
  for (const [tag, record] of all) {
    const sum = checksum(font, record.offset, record.length);
    // The head table's own checksum counts its checkSumAdjustment as 0.
    const expected = tag === 'head' ? (sum - font.getUint32(head.offset + 8) + 2 ** 32) % 2 ** 32 : sum;
    if (font.getUint32(record.recordOffset) !== expected) return false;
  }
  const whole = (checksum(font, 0, font.byteLength) - font.getUint32(head.offset + 8) + 2 ** 32) % 2 ** 32;
  return font.getUint32(head.offset + 8) === (CHECKSUM_MAGIC - whole + 2 ** 32) % 2 ** 32;
}

/** A copy of `sfnt` whose hhea and typo metrics are `metrics`, its checksums made right again. */
export function withLineMetrics(sfnt: Uint8Array, metrics: LineMetrics): Uint8Array {
  const copy = sfnt.slice();
  const font = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const all = tables(font);
  const head = table(all, 'head');
  const hhea = table(all, 'hhea');
  const os2 = table(all, 'OS/2');
  const upem = font.getUint16(head.offset + 18);
  const ascender = Math.round(metrics.ascent * upem);
  const descender = -Math.round(metrics.descent * upem);
  const lineGap = Math.round(metrics.lineGap * upem);
  font.setInt16(hhea.offset + 4, ascender);
  font.setInt16(hhea.offset + 6, descender);
  font.setInt16(hhea.offset + 8, lineGap);
  font.setInt16(os2.offset + 68, ascender);
  font.setInt16(os2.offset + 70, descender);
  font.setInt16(os2.offset + 72, lineGap);
  font.setUint16(os2.offset + 62, font.getUint16(os2.offset + 62) | USE_TYPO_METRICS);
  font.setUint32(hhea.recordOffset, checksum(font, hhea.offset, hhea.length));
  font.setUint32(os2.recordOffset, checksum(font, os2.offset, os2.length));
  font.setUint32(head.offset + 8, 0);
  font.setUint32(head.recordOffset, checksum(font, head.offset, head.length));
  font.setUint32(head.offset + 8, (CHECKSUM_MAGIC - checksum(font, 0, font.byteLength) + 2 ** 32) % 2 ** 32);
  return copy;
}
