/**
 * The residents' search over the directory (the server's, and the component tests' stand-in): every word must occur in the agency's Chinese or
 * Tibetan name or the year; Tibetan digits count as the digits they are, case is ignored, text is
 * compared in NFC (a name typed on a phone and one stored may compose differently).
 */
/** Tibetan digits ༠–༩ as ASCII digits (the contract imports nothing of the app's i18n). */
function asciiDigits(text: string): string {
  return text.replace(/[\u0F20-\u0F29]/gu, (d) => String((d.codePointAt(0) ?? 0x0f20) - 0x0f20));
}

interface Searchable {
  agency: { zh: string; bo?: string };
  year: number;
}

export function normalise(text: string): string {
  return asciiDigits(text.normalize('NFC')).toLowerCase();
}

/** A test for entries matching the search `q` ('' matches everything). */
export function matcher(q: string): (entry: Searchable) => boolean {
  const words = normalise(q).split(/\s+/u).filter((w) => w !== '');
  if (words.length === 0) return () => true;
  return (entry) => {
    const text = normalise(`${entry.agency.zh} ${entry.agency.bo ?? ''} ${String(entry.year)}`);
    return words.every((w) => text.includes(w));
  };
}
