/**
 * The Tibetan font for a Word file made in the browser: `GET /api/fonts/tibetan-word?letters=…`
 * answers the app's Noto Serif Tibetan as TrueType, cut to those letters (src/fonts
 * docxTibetanFont: every glyph shaping reaches from them). The browser cannot cut a font itself
 * without 1 MB of WebAssembly in the officials' precache, and Word reads no WOFF2.
 * The query names letters, never text: a 'closure' subset depends only on them, and the server's
 * cache and work are bounded by the Tibetan block's 256 code points.
 */
export const WORD_FONT_PATH = '/api/fonts/tibetan-word';

/** The Tibetan block (U+0F00–U+0FFF): the only letters asked for. */
const FIRST = 0x0f00;
const LAST = 0x0fff;

function isTibetan(codePoint: number): boolean {
  return codePoint >= FIRST && codePoint <= LAST;
}

/**
 * The query value for the Tibetan letters of `text`: hex code points, sorted, comma-separated ('' for
 * none). With the letters of its composed and decomposed forms, since Word or LibreOffice may look
 * up either (U+0F73 as U+0F71 U+0F72).
 */
export function wordFontLetters(text: string): string {
  const letters = new Set<number>();
  for (const character of [text, text.normalize('NFC'), text.normalize('NFD')].join('')) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (isTibetan(codePoint)) letters.add(codePoint);
  }
  return [...letters].sort((a, b) => a - b).map((codePoint) => codePoint.toString(16)).join(',');
}

/** The letters of a query value, sorted and distinct; undefined when it is not one wordFontLetters makes. */
export function parseWordFontLetters(value: string | undefined): number[] | undefined {
  if (value === undefined || value === '') return undefined;
  const codePoints = value.split(',').map((hex) => (/^[0-9a-f]{3,4}$/iu.test(hex) ? Number.parseInt(hex, 16) : Number.NaN));
  if (codePoints.some((codePoint) => !isTibetan(codePoint))) return undefined;
  return [...new Set(codePoints)].sort((a, b) => a - b);
}
