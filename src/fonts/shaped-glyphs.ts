/**
 * The glyphs HarfBuzz passes through while shaping a text: every glyph in the buffer after each
 * GSUB lookup (HarfBuzz's message callback), not only the final ones, because a stack is built in steps
 * (ccmp decomposes, then abvs/blws ligate) and the subset's lookups need each step's glyphs to
 * reach the same result. Browsers shape with HarfBuzz too (Chromium, Firefox, WebKitGTK), so a font
 * that keeps these glyphs and the lookups between them draws this text as the full font does.
 */
import type { Buffer } from 'harfbuzzjs';

/**
 * Where a text may be cut for shaping without changing what is drawn: after whitespace and after
 * Tibetan punctuation (tsheg, shad: U+0F0B–U+0F14), where no GSUB/GPOS context reaches across.
 * Lines run to thousands of glyphs, and tracing a whole line (the buffer serialized after every
 * lookup) takes minutes; its pieces take milliseconds and repeat.
 */
const BREAK_AFTER = /(?<=[\s\u0F0B-\u0F14])/u;

/**
 * The pieces to shape: each syllable with the one after it, so that a lookup whose context spans
 * the break between two syllables is traced too. The unit test shapes whole lines of the seed with
 * the subset and the full font and compares every glyph, which would show a context this misses.
 */
function shapingRuns(text: string): string[] {
  const runs = new Set<string>();
  for (const line of text.split(/\n+/u)) {
    const syllables = line.split(BREAK_AFTER).filter((syllable) => syllable.trim() !== '');
    if (syllables.length === 1) runs.add(syllables[0] ?? '');
    for (let index = 0; index + 1 < syllables.length; index++) runs.add(`${syllables[index] ?? ''}${syllables[index + 1] ?? ''}`);
  }
  return [...runs];
}

/** Glyph ids of `sfnt` that shaping `text` (in `language`, BCP 47) goes through, .notdef included. */
export async function shapedGlyphs(sfnt: Uint8Array, text: string, language?: string): Promise<Set<number>> {
  const hb = await import('harfbuzzjs');
  const font = new hb.Font(new hb.Face(new hb.Blob(sfnt)));
  const glyphs = new Set<number>([0]);
  const collect = (buffer: Buffer): void => {
    if (buffer.getContentType() !== hb.BufferContentType.GLYPHS) return;
    for (const glyph of buffer.getGlyphInfos()) glyphs.add(glyph.codepoint);
  };
  for (const run of shapingRuns(text)) {
    const buffer = new hb.Buffer();
    buffer.addText(run);
    buffer.guessSegmentProperties();
    if (language !== undefined) buffer.setLanguage(language);
    let positioning = false;
    // HarfBuzz reports each step of the shaping; the buffer is read after every GSUB lookup, and
    // GPOS (which moves glyphs, never changes them) is skipped: returning false skips a step.
    buffer.setMessageFunc((current, _font, message) => {
      if (message.startsWith('start table GPOS')) positioning = true;
      if (positioning) return false;
      collect(current);
      return true;
    });
    hb.shape(font, buffer);
    collect(buffer);
  }
  return glyphs;
}
