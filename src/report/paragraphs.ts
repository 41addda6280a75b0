/** Splits a text block into paragraphs: one per non-empty line (how reports store prose). */
export function paragraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
