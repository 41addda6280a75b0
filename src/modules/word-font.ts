/**
 * The Tibetan font for a Word file made here (useDraftExport): cut by the server to the letters of
 * the file's Tibetan (src/contract/fonts.ts), since the browser has no way to make a TrueType
 * subset without 1 MB more in the officials' precache. Offline, or when the server cannot make it,
 * the answer is undefined and the file only names the font.
 */
import { WORD_FONT_PATH, wordFontLetters } from '../contract/fonts.ts';

export async function fetchWordTibetanFont(tibetanText: string): Promise<Uint8Array | undefined> {
  const letters = wordFontLetters(tibetanText);
  if (letters === '') return undefined;
  try {
    const response = await fetch(`${WORD_FONT_PATH}?letters=${letters}`, { credentials: 'same-origin' });
    if (!response.ok) return undefined;
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    // Offline: the network refused before any answer.
    return undefined;
  }
}
