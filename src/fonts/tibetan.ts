/**
 * The app's Tibetan font (Noto Serif Tibetan, the file src/styles/fonts.css serves) cut down to a
 * text, for a pre-rendered page (WOFF2, glyphs: 'shaped') or a Word file (sfnt, glyphs: 'closure').
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/project-root.ts';
import type { LineMetrics } from './line-metrics.ts';
import { subsetFont, type SubsetOptions } from './subset.ts';

export const TIBETAN_FONT_FILE = join(PROJECT_ROOT, 'src', 'assets', 'fonts', 'NotoSerifTibetan-Regular.woff2');

/**
 * The line metrics of every 'Lotho Tibetan' face: the ink of our tallest and deepest stacks (naro
 * over གཙོ 1.17 em above the baseline, སྐྲུན 0.70 em below) plus 0.03 em, so that a Tibetan line's
 * baseline is placed alike on every device and by every face, the whole font's or a page's subset
 * (issue 12). In the font file itself (set-tibetan-metrics.ts: WebKit ignores the CSS overrides)
 * and in the @font-face rules (for a device's own copy of the font, local()).
 */
export const TIBETAN_LINE_METRICS: LineMetrics = { ascent: 1.2, descent: 0.73, lineGap: 0 };

const percent = (em: number): string => `${String(Math.round(em * 1000) / 10)}%`;

/** TIBETAN_LINE_METRICS as @font-face descriptors (src/styles/fonts.css writes the same; a test compares them). */
export const TIBETAN_FACE_METRICS = `ascent-override:${percent(TIBETAN_LINE_METRICS.ascent)};descent-override:${percent(TIBETAN_LINE_METRICS.descent)};line-gap-override:${percent(TIBETAN_LINE_METRICS.lineGap)}`;

/** The space: in each face's range, so that the face, not a Latin fallback, places the baseline. */
export const SPACE = 0x20;

/** The dotted circle: HarfBuzz draws it under a vowel or subjoined letter that has no base. */
const DOTTED_CIRCLE = 0x25cc;

/** The Tibetan of `text` (U+0F00–U+0FFF, the @font-face's unicode-range) with its line breaks and spaces. */
export function tibetanTextOf(text: string): string {
  return text.replace(/[^\u0F00-\u0FFF\s]+/gu, '\n');
}

let fullFont: Promise<Uint8Array> | undefined;

/** The whole font file (read once per process). */
export function readTibetanFont(): Promise<Uint8Array> {
  fullFont ??= readFile(TIBETAN_FONT_FILE);
  return fullFont;
}

/** The Tibetan font with only what the Tibetan of `text` needs (Tibetan shaping: language 'bo'). */
export async function subsetTibetanFont(text: string, options: Omit<SubsetOptions, 'language'> = {}): Promise<Uint8Array> {
  return subsetFont(await readTibetanFont(), tibetanTextOf(text), {
    ...options,
    language: 'bo',
    extraCodePoints: [DOTTED_CIRCLE, ...(options.extraCodePoints ?? [])],
  });
}

/**
 * The Tibetan font to embed in a Word file (src/report/export/docx.ts, `tibetanFont`): TrueType,
 * with every glyph GSUB reaches from the text's letters ('closure'), because Word and LibreOffice
 * shape with their own engines and the reader may edit the text.
 */
export function docxTibetanFont(text: string): Promise<Uint8Array> {
  return subsetTibetanFont(text, { format: 'sfnt' });
}

/**
 * `docxTibetanFont` for many documents in a row (a zip of a region's reports): one subset for all
 * the letters seen so far, made again only when a document brings a letter the last one lacks.
 * A 'closure' subset depends only on the letters, so a few subsets (about 0.7 s each) serve
 * thousands of documents, each carrying a font a little larger than its own text needs.
 */
export function docxTibetanFontForMany(): (text: string) => Promise<Uint8Array> {
  const letters = new Set<number>();
  let font: Promise<Uint8Array> | undefined;
  return (text) => {
    const before = letters.size;
    for (const character of tibetanTextOf(text)) letters.add(character.codePointAt(0) ?? 0);
    if (font === undefined || letters.size > before) font = docxTibetanFont(String.fromCodePoint(...letters));
    return font;
  };
}
