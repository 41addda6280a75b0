/**
 * Font subsetting for Node (the pre-renderer, the publisher's worker, the .docx export): the font's
 * bytes and a text in, a font with only what that text needs out. HarfBuzz's own subsetter
 * (harfbuzzjs's hb-subset WebAssembly) does the work: it keeps the glyphs that the text's code points
 * reach through GSUB (the stacked consonants and vowel forms of Tibetan are such glyphs, never
 * mapped from a code point) and the GSUB/GPOS/GDEF lookups between them, so a browser shapes the
 * subset exactly as it shapes the whole font. WOFF2 in and out goes through wawoff2 (Google's woff2
 * encoder).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { compress, decompress } from 'wawoff2';
import { shapedGlyphs } from './shaped-glyphs.ts';

export type FontFormat = 'sfnt' | 'woff2';

export interface SubsetOptions {
  /** What to return: 'woff2' for the web, 'sfnt' (TrueType/OpenType) for Word. Default 'woff2'. */
  format?: FontFormat;
  /** Code points to keep besides the text's (e.g. the dotted circle HarfBuzz shows for a lone vowel). */
  extraCodePoints?: Iterable<number>;
  /**
   * Which glyphs to keep. 'closure' (default): every glyph GSUB can reach from the code points, so
   * any other text in those letters and any shaping engine (Word's, LibreOffice's) draws right;
   * for the seed's Tibetan that is 72 KB of WOFF2, because every stack of those letters is reachable.
   * 'shaped': only the glyphs HarfBuzz's shaping of this very text passes through (17 KB for the
   * seed): for a page whose text is fixed, drawn by browsers, which shape with HarfBuzz.
   */
  glyphs?: 'closure' | 'shaped';
  /** The text's language (BCP 47) for 'shaped', as the page's lang attribute gives it to the browser. */
  language?: string;
}

/** The subset of the hb-subset exports we call (pointers are byte offsets into its memory). */
interface HbSubsetExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, lengthOut: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** hb_memory_mode_t: HarfBuzz reads the font from our buffer without copying it. */
const HB_MEMORY_MODE_READONLY = 1;
/** hb_subset_sets_t: the set of OpenType layout features to keep. */
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
/** hb_subset_flags_t: keep .notdef's outline (the tofu box), which hb-subset empties by default. */
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;
/** hb_subset_flags_t: keep the glyphs we list, without adding what GSUB could reach from them. */
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;

/** The one WebAssembly call we need; the server's TypeScript lib (ES2023, no DOM) does not declare it. */
interface WebAssemblyLoader {
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyLoader }).WebAssembly;

let harfBuzz: Promise<HbSubsetExports> | undefined;

function loadHarfBuzz(): Promise<HbSubsetExports> {
  harfBuzz ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const { instance } = await webAssembly.instantiate(await readFile(wasmPath));
    const exports = instance.exports as HbSubsetExports & { _initialize?: () => void };
    exports._initialize?.();
    return exports;
  })();
  return harfBuzz;
}

const WOFF2_SIGNATURE = 0x774f4632; // 'wOF2'

export function fontFormatOf(font: Uint8Array): FontFormat {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  return font.byteLength >= 4 && view.getUint32(0) === WOFF2_SIGNATURE ? 'woff2' : 'sfnt';
}

/** The distinct code points of `text`, in order of first appearance. */
export function codePointsOf(text: string): number[] {
  const seen = new Set<number>();
  for (const character of text) seen.add(character.codePointAt(0) ?? 0);
  return [...seen];
}

/**
 * The code points a shaper may look up for `text`: its own and those of its canonical
 * (de)compositions, since HarfBuzz decomposes a vowel like U+0F73 when the font prefers the parts.
 */
function codePointsToKeep(text: string, extra: Iterable<number>): Set<number> {
  return new Set([...codePointsOf(text), ...codePointsOf(text.normalize('NFD')), ...codePointsOf(text.normalize('NFC')), ...extra]);
}

/**
 * `font` (sfnt or WOFF2) cut down to what `text` needs, with every layout feature of the font kept
 * (not only HarfBuzz's default list), so that no shaping of the kept glyphs is lost.
 * Throws when the bytes are not a font HarfBuzz can subset.
 */
export async function subsetFont(font: Uint8Array, text: string, options: SubsetOptions = {}): Promise<Uint8Array> {
  const sfnt = fontFormatOf(font) === 'woff2' ? await decompress(font) : font;
  const codePoints = codePointsToKeep(text, options.extraCodePoints ?? []);
  // Each kept letter is shaped alone too, so that a letter shown by itself draws as well.
  const shapedText = [text, ...[...codePoints].map((codePoint) => String.fromCodePoint(codePoint))].join('\n');
  const glyphs = options.glyphs === 'shaped' ? await shapedGlyphs(sfnt, shapedText, options.language) : undefined;
  const subset = subsetSfnt(await loadHarfBuzz(), sfnt, codePoints, glyphs);
  return (options.format ?? 'woff2') === 'woff2' ? compress(subset) : subset;
}

function subsetSfnt(hb: HbSubsetExports, sfnt: Uint8Array, codePoints: Set<number>, glyphs?: Set<number>): Uint8Array {
  const fontPointer = hb.malloc(sfnt.byteLength);
  new Uint8Array(hb.memory.buffer, fontPointer, sfnt.byteLength).set(sfnt);
  const blob = hb.hb_blob_create(fontPointer, sfnt.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (input === 0) throw new Error('HarfBuzz could not start a subset (out of memory)');
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const codePoint of codePoints) hb.hb_set_add(unicodes, codePoint);
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    // A letter the subset lacks still shows as the full font's tofu box, not as nothing.
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    if (glyphs !== undefined) {
      hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE);
      const glyphSet = hb.hb_subset_input_glyph_set(input);
      for (const glyph of glyphs) hb.hb_set_add(glyphSet, glyph);
    }
    const subsetFace = hb.hb_subset_or_fail(face, input);
    if (subsetFace === 0) throw new Error('HarfBuzz could not subset this font');
    try {
      const resultBlob = hb.hb_face_reference_blob(subsetFace);
      try {
        const length = hb.hb_blob_get_length(resultBlob);
        if (length === 0) throw new Error('HarfBuzz produced an empty font (the input is not a font it reads)');
        const data = hb.hb_blob_get_data(resultBlob, 0);
        // Copied out: the wasm memory is reused (and may grow, detaching views) by the next call.
        return new Uint8Array(hb.memory.buffer, data, length).slice();
      } finally {
        hb.hb_blob_destroy(resultBlob);
      }
    } finally {
      hb.hb_face_destroy(subsetFace);
    }
  } finally {
    if (input !== 0) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(fontPointer);
  }
}
